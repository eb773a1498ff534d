"""docs/add.md: the types table is the one of the code; the other docs link to it."""

from pathlib import Path

from litestar_new.add.type_table import TYPES, types_table

ROOT = Path(__file__).resolve().parents[2]


def test_the_types_table_is_up_to_date() -> None:
    written = (ROOT / "docs" / "add.md").read_text(encoding="utf-8")
    assert types_table() in written, "copy types_table() into docs/add.md"
    for name in TYPES:
        assert f"| `{name}` |" in written


def test_the_readme_and_getting_started_link_to_it() -> None:
    assert "(docs/add.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(add.md)" in (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
