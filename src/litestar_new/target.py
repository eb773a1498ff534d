"""The target folder: what may be written there, and putting a rendered project in place.

The project is rendered into a temporary folder beside the target, then moved in. A missing
target is created by one rename. An existing one (empty, ``.git`` only, or with ``--force``)
receives the files one by one, each overwritten original kept aside until the whole run
succeeds, so that :meth:`Placement.rollback` can restore the folder exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from litestar_new.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterator

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
        UsageError: The target is a file, or its parent folder is missing or not writable.
    """
    if target.exists() and not target.is_dir():
        msg = f"{target} exists and is not a folder; choose another name or move it away"
        raise UsageError(msg)
    parent = target.parent
    if not parent.is_dir():
        msg = f"the parent folder {parent} does not exist"
        raise UsageError(msg)
    if not os.access(parent, os.W_OK | os.X_OK):
        msg = f"cannot write in {parent}: permission denied"
        raise UsageError(msg)


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
    """Hold SIGINT until the block ends, so that bookkeeping and the disk agree."""
    if hasattr(signal, "pthread_sigmask"):
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    else:  # pragma: no cover - Windows
        yield


@dataclass
class Workspace:
    """The temporary folder beside the target: the render, then the originals kept aside."""

    root: Path

    @classmethod
    def beside(cls, target: Path) -> Workspace:
        """Create the workspace in the target's parent folder (same file system: renames)."""
        try:
            root = tempfile.mkdtemp(prefix=f".{target.name}.litestar-new-", dir=target.parent)
        except OSError as error:
            msg = f"cannot write in {target.parent}: {error.strerror or error}"
            raise UsageError(msg) from error
        return cls(Path(root))

    @property
    def rendered(self) -> Path:
        """Where the project is rendered."""
        return self.root / "project"

    @property
    def backup(self) -> Path:
        """Where overwritten originals wait until the run succeeds."""
        return self.root / "backup"

    def remove(self) -> None:
        """Delete the workspace and everything in it."""
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Placement:
    """A rendered project moved into the target, with what it takes to undo it."""

    target: Path
    created_target: bool
    written: list[Path] = field(default_factory=list)
    overwritten: list[Path] = field(default_factory=list)
    created_dirs: list[Path] = field(default_factory=list)
    entries_before: set[str] = field(default_factory=set)
    backup: Path | None = None

    def rollback(self) -> None:
        """Put the target back as it was before the run (after Ctrl-C)."""
        with no_interrupts():
            if self.created_target:
                shutil.rmtree(self.target, ignore_errors=True)
                return
            for entry in set(user_entries(self.target)) | {".git"}:
                path = self.target / entry
                if entry not in self.entries_before and path.exists():
                    shutil.rmtree(path) if path.is_dir() else path.unlink()
            for relative in self.written:
                (self.target / relative).unlink(missing_ok=True)
            for relative in self.overwritten:
                if self.backup is not None:
                    (self.backup / relative).replace(self.target / relative)
            for directory in sorted(self.created_dirs, key=lambda p: len(p.parts), reverse=True):
                with_path = self.target / directory
                if with_path.is_dir() and not any(with_path.iterdir()):
                    with_path.rmdir()


def place(workspace: Workspace, target: Path) -> Placement:
    """Move the rendered project into the target (see the module's docstring)."""
    rendered = workspace.rendered
    with no_interrupts():
        if not target.exists():
            rendered.rename(target)
            return Placement(target=target, created_target=True)
        before = set(user_entries(target)) | ({".git"} if (target / ".git").exists() else set())
        placement = Placement(
            target=target, created_target=False, entries_before=before, backup=workspace.backup
        )
        try:
            _move_files(rendered, target, workspace.backup, placement)
        except BaseException:
            placement.rollback()
            raise
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
