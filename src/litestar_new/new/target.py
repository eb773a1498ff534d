"""The target folder: what may be written there, and putting a rendered project in place.

The project is rendered into a temporary folder beside the target, then moved in. A missing
target is created by one rename. An existing one (empty, ``.git`` only, or with ``--force``)
receives the files one by one, each overwritten original kept aside until the whole run
succeeds, so that :meth:`Placement.rollback` (a
:class:`~litestar_new.core.transaction.Transaction`'s) can restore the folder exactly as it was.
"""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from litestar_new.core.interrupts import hold_interrupts
from litestar_new.core.transaction import Transaction, remove_path
from litestar_new.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "Conflicts",
    "Placement",
    "Workspace",
    "find_conflicts",
    "place",
    "precheck",
    "user_entries",
]

_IGNORED_ENTRIES = {".git"}


def precheck(target: Path) -> None:
    """Refuse a target that can never work, before anything is rendered.

    Raises:
        UsageError: The target is a file or a broken link, or its parent folder (or the target
            folder itself) is missing or cannot be written.
    """
    if target.is_symlink() and not target.exists():
        msg = f"{target} is a link to nothing; choose another name or remove the link"
        raise UsageError(msg)
    if target.exists() and not target.is_dir():
        msg = f"{target} exists and is not a folder; choose another name or move it away"
        raise UsageError(msg)
    parent = target.parent
    if not parent.is_dir():
        msg = f"the parent folder {parent} does not exist"
        raise UsageError(msg)
    for folder in (parent, target) if target.is_dir() else (parent,):
        if (reason := _cannot_write(folder)) is not None:
            msg = f"cannot write in {folder}: {reason}"
            raise UsageError(msg)


def _cannot_write(folder: Path) -> str | None:
    """Why nothing can be created in ``folder`` (as the system says it), or None."""
    if os.access(folder, os.W_OK | os.X_OK):
        return None
    probe = folder / f".litestar-new-probe-{secrets.token_hex(4)}"
    try:  # access() says no: let the file system say why, in its own words
        probe.mkdir()
    except OSError as error:
        return (error.strerror or str(error)).lower()
    probe.rmdir()  # pragma: no cover - access() was wrong (ACLs, root): it can be written
    return None


def user_entries(target: Path) -> list[str]:
    """Return what the target folder holds, ``.git`` aside (an empty list when it is missing)."""
    if not target.is_dir():
        return []
    return sorted(p.name for p in target.iterdir() if p.name not in _IGNORED_ENTRIES)


def _rendered_files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if not p.is_dir())


@dataclass(frozen=True)
class Conflicts:
    """What writing the rendered project into an existing folder would do to it."""

    overwritten: list[str] = field(default_factory=list)
    """Files of the user's that the template would replace."""
    blocked: list[str] = field(default_factory=list)
    """Paths where a folder or a link stands in the way: never written through."""


def find_conflicts(rendered: Path, target: Path) -> Conflicts:
    """Compare the rendered tree with the target folder."""
    overwritten: list[str] = []
    blocked: list[str] = []
    if not target.is_dir():
        return Conflicts()
    for relative in _rendered_files(rendered):
        destination = target / relative
        # A link among the parents would let a write escape the target.
        for ancestor in list(relative.parents)[:-1][::-1]:
            if (target / ancestor).is_symlink() or (target / ancestor).is_file():
                blocked.append(f"{ancestor.as_posix()}/ (a file or link where a folder goes)")
                break
        else:
            if destination.is_dir() and not destination.is_symlink():
                blocked.append(f"{relative.as_posix()} (a folder where a file goes)")
            elif destination.exists() or destination.is_symlink():
                overwritten.append(relative.as_posix())
    return Conflicts(overwritten=overwritten, blocked=sorted(set(blocked)))


@dataclass
class Workspace:
    """The temporary folder beside the target: the render, then the originals kept aside."""

    root: Path

    @classmethod
    def beside(cls, target: Path) -> Workspace:
        """Name a workspace in the target's parent folder (same file system: renames).

        Nothing is created until :meth:`create`, so that whoever holds the workspace can always
        remove it: an interrupt can never fall between making the folder and knowing its name.
        """
        return cls(target.parent / f".{target.name}.litestar-new-{secrets.token_hex(4)}")

    def create(self) -> None:
        """Make the workspace folder, private to the user.

        Raises:
            UsageError: The parent folder cannot be written.
        """
        try:
            self.root.mkdir(mode=0o700)
        except OSError as error:
            msg = f"cannot write in {self.root.parent}: {error.strerror or error}"
            raise UsageError(msg) from error

    @property
    def rendered(self) -> Path:
        """Where the project is rendered."""
        return self.root / "project"

    @property
    def backup(self) -> Path:
        """Where overwritten originals wait until the run succeeds."""
        return self.root / "backup"

    def remove(self) -> None:
        """Delete the workspace and everything in it (Ctrl-C waits until it is gone)."""
        with hold_interrupts():
            shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Placement:
    """A rendered project moved into the target, with what it takes to undo it.

    :meth:`begin` only records the target's state; :meth:`move` moves the files. The caller holds
    the placement before anything moves, so an interrupt that arrives while (or just after) the
    files move still finds what to undo. The undoing is a :class:`Transaction`'s.
    """

    target: Path
    created_target: bool
    backup: Path
    overwritten: list[Path] = field(default_factory=list)
    """Files of the user's that were replaced (kept in the backup until the run succeeds)."""
    entries_before: set[str] = field(default_factory=set)
    transaction: Transaction = field(default_factory=Transaction)

    @classmethod
    def begin(cls, workspace: Workspace, target: Path) -> Placement:
        """Record what the target holds now; move nothing."""
        if not target.exists():
            return cls(target=target, created_target=True, backup=workspace.backup)
        before = set(user_entries(target)) | ({".git"} if (target / ".git").exists() else set())
        placement = cls(
            target=target, created_target=False, entries_before=before, backup=workspace.backup
        )
        # Run last on rollback: whatever a later step put beside the project (.venv, .git).
        placement.transaction.on_rollback(placement.remove_new_entries)
        return placement

    def move(self, workspace: Workspace) -> None:
        """Move the rendered project in (see the module's docstring); undo it on an error."""
        with hold_interrupts(), self.transaction.undone_on_failure():
            if self.created_target:
                self.transaction.replace(workspace.rendered, self.target)
                return
            for relative in _rendered_files(workspace.rendered):
                destination = self.target / relative
                self.transaction.make_parents(destination, upto=self.target)
                if self.transaction.replace(
                    workspace.rendered / relative, destination, keep_in=self.backup / relative
                ):
                    self.overwritten.append(relative)

    def remove_new_entries(self) -> None:
        """Delete what the target holds now and did not hold before (``.git`` included)."""
        for entry in set(user_entries(self.target)) | {".git"}:
            if entry not in self.entries_before:
                remove_path(self.target / entry)

    def rollback(self) -> None:
        """Put the target back as it was before the run (after Ctrl-C or an error)."""
        self.transaction.rollback()
        self.overwritten = []


def place(workspace: Workspace, target: Path) -> Placement:
    """Move the rendered project into the target and return how to undo it."""
    placement = Placement.begin(workspace, target)
    placement.move(workspace)
    return placement
