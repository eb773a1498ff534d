"""Placing a rendered tree into the target and undoing it."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pytest

from litestar_new.errors import UsageError
from litestar_new.new.target import Workspace, find_conflicts, place, precheck, user_entries

if TYPE_CHECKING:
    from pathlib import Path


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "dir"
        for p in sorted(folder.rglob("*"))
    }


def rendered(workspace: Workspace) -> Path:
    root = workspace.rendered
    (root / "src" / "pkg").mkdir(parents=True)
    (root / "src" / "pkg" / "app.py").write_text("app")
    (root / "README.md").write_text("readme")
    (root / "pyproject.toml").write_text("[project]")
    return root


def test_a_missing_target_is_created_by_one_rename(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    workspace = Workspace.beside(target)
    rendered(workspace)
    placement = place(workspace, target)
    assert placement.created_target
    assert (target / "src" / "pkg" / "app.py").read_text() == "app"
    placement.rollback()
    assert not target.exists()
    workspace.remove()
    assert list(tmp_path.iterdir()) == []


def test_rollback_restores_an_existing_folder_exactly(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    (target / ".git").mkdir(parents=True)
    (target / ".git" / "HEAD").write_text("ref")
    (target / "README.md").write_text("mine")
    (target / "notes.txt").write_text("keep")
    before = tree(target)
    workspace = Workspace.beside(target)
    rendered(workspace)
    placement = place(workspace, target)
    assert [p.as_posix() for p in placement.overwritten] == ["README.md"]
    assert (target / "README.md").read_text() == "readme"
    (target / ".venv").mkdir()  # made by a later step
    (target / "uv.lock").write_text("lock")
    placement.rollback()
    assert tree(target) == before
    workspace.remove()


def test_conflicts_list_files_and_blockers(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    target.mkdir()
    (target / "README.md").write_text("mine")
    (target / "pyproject.toml").mkdir()
    workspace = Workspace.beside(target)
    root = rendered(workspace)
    conflicts = find_conflicts(root, target)
    assert conflicts.overwritten == ["README.md"]
    assert conflicts.blocked == ["pyproject.toml (a folder where a file goes)"]
    workspace.remove()


def test_a_link_among_the_parents_blocks(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    target.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (target / "src").symlink_to(tmp_path / "elsewhere")
    workspace = Workspace.beside(target)
    conflicts = find_conflicts(rendered(workspace), target)
    assert conflicts.blocked == ["src/ (a file or link where a folder goes)"]
    workspace.remove()


def test_precheck(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="not a folder"):
        precheck(tmp_path / "file")
    with pytest.raises(UsageError, match="does not exist"):
        precheck(tmp_path / "missing" / "demo")
    precheck(tmp_path / "demo")


def test_user_entries_ignore_git(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert user_entries(tmp_path) == []
    (tmp_path / "a").write_text("")
    assert user_entries(tmp_path) == ["a"]
