"""The target folder: what may be written there, and putting a rendered project in place.

The project is rendered into a temporary folder beside the target, then moved in. A missing
target is created by one rename. An existing one (empty, ``.git`` only, or with ``--force``)
receives the files one by one, each overwritten original kept aside until the whole run
succeeds, so that :meth:`Placement.rollback` can restore the folder exactly as it was.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from litestar_new.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = [
    "Conflicts",
    "Placement",
    "Workspace",
    "find_conflicts",
    "no_interrupts",
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


@contextmanager
def no_interrupts() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) until the block ends, so that bookkeeping and the disk agree.

    A signal handler rather than a signal mask: Python runs handlers in the main thread, whichever
    thread the kernel hands the signal to (a progress spinner's included), and a mask covers only
    the thread that set it. The held signal is delivered, as a ``KeyboardInterrupt``, at the end.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if held:
            if callable(previous):
                previous(signal.SIGINT, None)
            elif previous == signal.SIG_DFL:
                signal.raise_signal(signal.SIGINT)


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
        with no_interrupts():
            shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Placement:
    """A rendered project moved into the target, with what it takes to undo it.

    :meth:`begin` only records the target's state; :meth:`move` moves the files. The caller holds
    the placement before anything moves, so an interrupt that arrives while (or just after) the
    files move still finds what to undo.
    """

    target: Path
    created_target: bool
    written: list[Path] = field(default_factory=list)
    overwritten: list[Path] = field(default_factory=list)
    created_dirs: list[Path] = field(default_factory=list)
    entries_before: set[str] = field(default_factory=set)
    backup: Path | None = None
    renamed: bool = False
    """True once a missing target was made by renaming the render into place."""

    @classmethod
    def begin(cls, workspace: Workspace, target: Path) -> Placement:
        """Record what the target holds now; move nothing."""
        if not target.exists():
            return cls(target=target, created_target=True, backup=workspace.backup)
        before = set(user_entries(target)) | ({".git"} if (target / ".git").exists() else set())
        return cls(
            target=target, created_target=False, entries_before=before, backup=workspace.backup
        )

    def move(self, workspace: Workspace) -> None:
        """Move the rendered project in (see the module's docstring); undo it on an error."""
        with no_interrupts():
            if self.created_target:
                workspace.rendered.rename(self.target)
                self.renamed = True
                return
            try:
                _move_files(workspace.rendered, self.target, workspace.backup, self)
            except BaseException:
                self.rollback()
                raise

    def rollback(self) -> None:
        """Put the target back as it was before the run (after Ctrl-C or an error)."""
        with no_interrupts():
            if self.created_target:
                if self.renamed:
                    shutil.rmtree(self.target, ignore_errors=True)
                return
            for entry in set(user_entries(self.target)) | {".git"}:
                path = self.target / entry
                if entry not in self.entries_before and (path.exists() or path.is_symlink()):
                    shutil.rmtree(
                        path
                    ) if path.is_dir() and not path.is_symlink() else path.unlink()
            for relative in self.written:
                (self.target / relative).unlink(missing_ok=True)
            for relative in self.overwritten:
                if self.backup is not None:
                    (self.backup / relative).replace(self.target / relative)
            for directory in sorted(self.created_dirs, key=lambda p: len(p.parts), reverse=True):
                with_path = self.target / directory
                if with_path.is_dir() and not any(with_path.iterdir()):
                    with_path.rmdir()
            self.written, self.overwritten, self.created_dirs = [], [], []


def place(workspace: Workspace, target: Path) -> Placement:
    """Move the rendered project into the target and return how to undo it."""
    placement = Placement.begin(workspace, target)
    placement.move(workspace)
    return placement


def _move_files(rendered: Path, target: Path, backup: Path, placement: Placement) -> None:
    for relative in _rendered_files(rendered):
        destination = target / relative
        for ancestor in list(relative.parents)[:-1][::-1]:
            if not (target / ancestor).exists():
                (target / ancestor).mkdir()
                placement.created_dirs.append(ancestor)
        if destination.exists() or destination.is_symlink():
            kept = backup / relative
            kept.parent.mkdir(parents=True, exist_ok=True)
            destination.replace(kept)
            placement.overwritten.append(relative)
        else:
            placement.written.append(relative)
        (rendered / relative).replace(destination)
