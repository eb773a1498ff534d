"""The books resource (made by ``litestar-new add resource``)."""
