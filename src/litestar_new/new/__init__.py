"""``litestar-new new``: ask -> plan -> render -> check the folder -> place -> steps."""
