"""Merging an update into the project with copier's three-way merge, undone on any failure.

The files copier would delete although the user edited them (copier 9.19.1 removes whatever the
new template no longer has) are saved before and put back after. Ctrl-C or a failure puts the
project back as it was, which git can do because the tree was clean: the index and tracked files
from ``HEAD``, the files the update wrote removed, the ignored files it overwrote copied back.
That undoing is a :class:`~litestar_new.core.transaction.Transaction`'s.
"""

from __future__ import annotations

import shutil
import warnings
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from litestar_new.core import git
from litestar_new.core.interrupts import finaliser_interrupts, hold_interrupts
from litestar_new.core.render import unsafe_message
from litestar_new.core.ruff import format_python
from litestar_new.core.transaction import Transaction
from litestar_new.errors import LitestarNewError, UsageError
from litestar_new.update.changes import conflict_markers
from litestar_new.update.reading import dirty_message

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from litestar_new.update.changes import Comparison
    from litestar_new.update.planning import UpdatePlan, UpdateRequest

__all__ = ["check_agency_keys", "merge", "recorded_commit"]

_RUFF_CONFIGS = ("pyproject.toml", "ruff.toml", ".ruff.toml")


def recorded_commit(answers_file: Path) -> str:
    """The template version (``_commit``) an answers file records; ``""`` when none."""
    import yaml  # noqa: PLC0415

    data = yaml.safe_load(answers_file.read_text(encoding="utf-8")) or {}
    return str(data.get("_commit") or "")


def check_agency_keys(plan: UpdatePlan, request: UpdateRequest, new_render: Path) -> None:
    """Refuse a ``--set`` (or flag) the agency's template records no answer for.

    Raises:
        UsageError: The new render's answers file lacks a given key.
    """
    import yaml  # noqa: PLC0415

    recorded = yaml.safe_load((new_render / plan.project.answers_file).read_text("utf-8")) or {}
    given = [*request.sets, *request.features, *(["preset"] if request.preset else [])]
    for key in given:
        if key not in recorded:
            msg = (
                f"--set {key}: the template records no such answer (no question of that name, "
                "or one it skips with these answers)"
            )
            raise UsageError(msg)


def _run_copier(
    plan: UpdatePlan,
    ref: str,
    scratch: Path,
    notice: Callable[[str], None] | None,
    checkouts: Mapping[str, Path],
) -> None:
    from copier.errors import UnsafeTemplateError  # noqa: PLC0415 - heavy: off the start-up path

    from litestar_new.store import data_dir  # noqa: PLC0415
    from litestar_new.update.copier_worker import run_update  # noqa: PLC0415 - imports copier

    with warnings.catch_warnings(), finaliser_interrupts():
        warnings.simplefilter("ignore")
        try:
            run_update(
                bundled=plan.bundled,
                cache_folder=data_dir() / "cache",
                scratch=scratch,
                notice=notice,
                checkouts=checkouts,
                dst_path=plan.project.root,
                data=plan.data,
                answers_file=Path(plan.project.answers_file),
                vcs_ref=ref,
                defaults=True,
                overwrite=True,
                conflict="inline",
                unsafe=False,
                skip_tasks=True,
                quiet=True,
            )
        except UnsafeTemplateError as error:  # copier's advice (--trust) is no option of ours
            raise LitestarNewError(unsafe_message(error)) from error


def _guard(root: Path, scratch: Path, new_files: list[str], tracked: set[str]) -> Transaction:
    """A transaction that puts the project back as it was before the merge.

    Files of the new render that did not exist are removed (tracked or not); untracked files it
    overwrites are copied aside and back; then git restores the rest from ``HEAD``.
    """
    transaction = Transaction()
    created: list[str] = []
    for relative in new_files:
        path = root / relative
        if not path.exists() and not path.is_symlink():
            created.append(relative)
        elif relative not in tracked and path.is_file():
            keep = scratch / relative
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, keep)
            transaction.on_rollback(partial(_copy_back, keep, path))
    transaction.on_rollback(lambda: _remove_created(root, created))
    transaction.on_rollback(lambda: git.restore(root))  # runs first: the steps run newest first
    return transaction


def _copy_back(kept: Path, path: Path) -> None:
    shutil.copy2(kept, path)


def _remove_created(root: Path, created: list[str]) -> None:
    for relative in created:
        path = root / relative
        if path.is_file() or path.is_symlink():
            path.unlink()
        for parent in Path(relative).parents:
            folder = root / parent
            if str(parent) == "." or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()


def _save(root: Path, scratch: Path, paths: list[str]) -> None:
    for relative in paths:
        source = root / relative
        if source.is_file():
            keep = scratch / relative
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, keep)


def _put_back(root: Path, scratch: Path, paths: list[str]) -> None:
    for relative in paths:
        kept = scratch / relative
        if kept.is_file():
            destination = root / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(kept, destination)


def _format_merged(root: Path, new_render: Path) -> None:
    """Format the Python files the merge touched.

    The template renders formatted for every name, but a merge joins the user's lines with the
    template's, and a project made by an older litestar-new (which formatted its renders) may wrap
    long names differently. Files with conflict markers are left for the user (they do not
    parse). When a ruff configuration of the project holds conflict markers, ruff would refuse to
    read it and the whole update would fail: the new render's ``pyproject.toml`` configures it
    instead.
    """
    touched = [e.path for e in git.status(root) if e.path.endswith(".py")]
    present = [p for p in touched if (root / p).is_file()]
    marked = conflict_markers(root, present)
    config = None
    if conflict_markers(root, _RUFF_CONFIGS) and (new_render / "pyproject.toml").is_file():
        config = new_render / "pyproject.toml"
    format_python(root, [p for p in present if p not in marked], config=config)


def merge(  # noqa: PLR0917 - the update's state, passed on
    plan: UpdatePlan,
    ref: str,
    comparison: Comparison,
    scratch: Path,
    new: Path,
    notice: Callable[[str], None] | None = None,
    checkouts: Mapping[str, Path] | None = None,
) -> None:
    """Run copier's update with the kept files saved and put back, undone on any failure.

    ``notice`` is told when copier renders instead of the fast path, and why (``--verbose``);
    ``checkouts`` are the template store's versions the update has extracted already, by tag.

    Raises:
        UsageError: The tree is no longer clean.
        LitestarNewError: The merge failed (the project was put back as it was).
        KeyboardInterrupt: Ctrl-C (the project was put back as it was).
    """
    root = plan.project.root
    if changed := git.dirty(root):  # again: the renders took a moment
        raise UsageError(dirty_message(plan.project, changed))
    new_files = [p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()]
    transaction = _guard(root, scratch / "untracked", new_files, git.tracked(root))
    _save(root, scratch / "kept", comparison.kept)
    try:
        with transaction.undone_on_failure():
            renders = scratch / "renders"
            renders.mkdir()
            _run_copier(plan, ref, renders, notice, checkouts or {})
            with hold_interrupts():
                _put_back(root, scratch / "kept", comparison.kept)
            if plan.bundled:
                _format_merged(root, new)
    except Exception as error:
        if isinstance(error, LitestarNewError):
            raise
        detail = str(error).strip().splitlines()
        reason = detail[-1] if detail else type(error).__name__
        msg = f"the update failed ({reason}); the project was put back as it was"
        raise LitestarNewError(msg) from error
