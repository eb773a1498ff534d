"""Counting lines and finding conflict markers (the comparisons with git are in
tests/integration/test_changes.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar_new.update.changes import conflict_markers, line_counts
from tests.support.files import tree

if TYPE_CHECKING:
    from pathlib import Path


def test_line_counts() -> None:
    assert line_counts(b"a\nb\n", b"a\nc\nd\n") == (2, 1)
    assert line_counts(None, b"a\nb\n") == (2, 0)
    assert line_counts(b"a\n", None) == (0, 1)
    assert line_counts(b"\0binary", b"other") == (0, 0)


def test_conflict_markers_by_file_and_line(tmp_path: Path) -> None:
    project = tree(
        tmp_path,
        {
            "a.py": "x\n<<<<<<< before updating\nmine\n=======\ntheirs\n>>>>>>> after updating\n",
            "b.py": "clean\n",
            "c.bin": "",
        },
    )
    (project / "c.bin").write_bytes(b"\0\1<<<<<<<")
    assert conflict_markers(project, ["a.py", "b.py", "missing.py"]) == {"a.py": [2]}
