"""Comparing renders with a project (git merge-file) and finding .rej files (git)."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from litestar_new.core import git as gitwork
from litestar_new.update.changes import compare
from tests.support.files import tree

if TYPE_CHECKING:
    from pathlib import Path


def test_compare_sorts_out_what_the_update_does(tmp_path: Path) -> None:
    old = tree(
        tmp_path / "old",
        {
            "same.py": "x = 1\n",
            "changed.py": "a\nb\nc\n",
            "edited.py": "a\nb\nc\nd\ne\nf\ng\n",
            "clash.py": "value = 1\n",
            "dropped.md": "old\n",
            "dropped_edited.md": "old\n",
            "gone/thing.py": "t\n",
            "deleted_by_user.py": "a\n",
            ".copier-answers.yml": "_commit: old\n",
        },
    )
    new = tree(
        tmp_path / "new",
        {
            "same.py": "x = 1\n",
            "changed.py": "a\nB\nc\n",
            "edited.py": "A\nb\nc\nd\ne\nf\ng\n",
            "clash.py": "value = 2\n",
            "added.py": "new\n",
            "deleted_by_user.py": "b\n",
            ".copier-answers.yml": "_commit: new\n",
        },
    )
    project = tree(
        tmp_path / "project",
        {
            "same.py": "x = 1\n",
            "changed.py": "a\nb\nc\n",
            "edited.py": "a\nb\nc\nd\ne\nf\nG\n",
            "clash.py": "value = 3\n",
            "dropped.md": "old\n",
            "dropped_edited.md": "mine\n",
            "gone/thing.py": "t\n",
            "gone/mine.py": "m\n",
            ".copier-answers.yml": "_commit: old\n",
        },
    )
    result = compare(
        old, new, project, tracked=["gone/mine.py", "same.py"], skip={".copier-answers.yml"}
    )
    by_path = {c.path: c for c in result.changes}
    assert sorted(by_path) == [
        "added.py",
        "changed.py",
        "clash.py",
        "deleted_by_user.py",
        "dropped.md",
        "dropped_edited.md",
        "edited.py",
        "gone/thing.py",
    ]
    assert (by_path["changed.py"].kind, by_path["changed.py"].edited) == ("changed", False)
    assert (by_path["changed.py"].plus, by_path["changed.py"].minus) == (1, 1)
    assert by_path["edited.py"].note == "you edited it: your changes are merged in"
    assert by_path["clash.py"].note == "you edited it: likely 1 conflict to resolve"
    assert by_path["added.py"].kind == "added"
    assert by_path["deleted_by_user.py"].note == "you deleted it: it stays deleted"
    assert by_path["dropped.md"].kind == "removed"
    assert not by_path["dropped.md"].edited
    assert by_path["dropped_edited.md"].edited
    assert result.kept == ["dropped_edited.md"]
    assert result.stranded == ["gone/mine.py"]
    assert len(result.of_kind("removed")) == 3


def test_rejects_are_found_even_when_ignored(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    tree(tmp_path, {".gitignore": "*.rej\n", "a.py": "x\n", "sub/b.py.rej": "@@\n", "c.rej": ""})
    assert gitwork.rejects(tmp_path) == ["c.rej", "sub/b.py.rej"]
