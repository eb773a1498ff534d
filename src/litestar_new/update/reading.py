"""Reading the project to update: its folder, its answers file, and the state of its git tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar_new.core.answers import ANSWERS_FILE, answers_file_in, read_answers
from litestar_new.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from litestar_new.core.answers import AnsweredProject

__all__ = ["dirty_message", "read_project"]


def read_project(path: Path) -> AnsweredProject:
    """Read the project at ``path``, or refuse one that cannot be updated.

    Raises:
        UsageError: No such folder, no answers file, or one that records no template version.
    """
    root = path.expanduser().resolve()
    if root.exists() and not root.is_dir():
        msg = f"{path} is a file, not a project folder; give the project's folder"
        raise UsageError(msg)
    if not root.is_dir():
        msg = f"{path}: no such folder"
        raise UsageError(msg)
    relative = answers_file_in(root)
    if relative is None:
        msg = (
            f"{root} has no {ANSWERS_FILE}: it was not made by litestar-new or copier, so there "
            "is nothing to update it from"
        )
        raise UsageError(msg)
    project = read_answers(root, relative)
    if not project.answers.src_path:
        msg = f"{relative} records no template (_src_path); nothing to update from"
        raise UsageError(msg)
    if not project.answers.commit:
        msg = (
            f"{relative} records no template version (_commit): the project was rendered from "
            "a plain folder, not a git repository, so there is no old version to merge from"
        )
        raise UsageError(msg)
    return project


def dirty_message(project: AnsweredProject, paths: list[str]) -> str:
    """Why update refuses a tree with uncommitted changes, and how to commit or stash them."""
    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    return (
        f"{project.name} has uncommitted changes ({shown}); update merges into a clean git "
        "tree so that you can review and undo it: commit them (git add -A . && git commit -m "
        "'your message' -- .) or stash them (git stash push --include-untracked -- .), then run "
        "update again; run from the project folder, both touch nothing outside it"
    )
