"""Writing a resource all at once or not at all.

Every file is first written in full to a temporary file beside its destination (beside the file
a symbolic link points to, so that the link stays), then the temporary files are renamed into
place with Ctrl-C held back (a rename is atomic). Any error, or a Ctrl-C at any point, removes the
temporary files, deletes the files already placed, restores the changed files' previous text and
removes the folders made for them.
"""

from __future__ import annotations

import shutil
import signal
import uuid
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from litestar_new.errors import LitestarNewError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

__all__ = ["Change", "write_all"]


@dataclass(frozen=True)
class Change:
    """One file to write: new (``original`` is None) or a changed version of an existing one."""

    path: str
    """Relative to the project."""
    text: str
    original: str | None = None


@contextmanager
def _no_interrupts() -> Iterator[None]:
    """Hold SIGINT until the block ends (the renames and their bookkeeping agree)."""
    if hasattr(signal, "pthread_sigmask"):
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    else:  # pragma: no cover - Windows
        yield


@dataclass
class _Run:
    root: Path
    staged: list[tuple[Path, Path, str | None]] = field(default_factory=list)
    """(temporary file, destination, the destination's previous text or None for a new file)."""
    placed: list[tuple[Path, str | None]] = field(default_factory=list)
    """(destination, its previous text or None for a new file)."""
    made_dirs: list[Path] = field(default_factory=list)

    def make_parents(self, destination: Path) -> None:
        missing = [p for p in reversed(destination.parents) if not p.exists()]
        for folder in missing:
            folder.mkdir()
            self.made_dirs.append(folder)

    def stage(self, change: Change) -> None:
        destination = self.root / change.path
        if change.original is not None and destination.is_symlink():
            destination = destination.resolve()  # change the file the link points to, keep the link
        self.make_parents(destination)
        temporary = destination.with_name(f".{destination.name}.{uuid.uuid4().hex[:8]}.tmp")
        self.staged.append((temporary, destination, change.original))
        temporary.write_text(change.text, encoding="utf-8", newline="")
        if change.original is not None:
            shutil.copymode(destination, temporary)

    def commit(self) -> None:
        for temporary, destination, original in self.staged:
            temporary.replace(destination)
            self.placed.append((destination, original))

    def rollback(self) -> None:
        for destination, original in reversed(self.placed):
            if original is None:
                destination.unlink(missing_ok=True)
            else:
                destination.write_text(original, encoding="utf-8", newline="")
        for temporary, _, _ in self.staged:
            temporary.unlink(missing_ok=True)
        for folder in reversed(self.made_dirs):
            with suppress(OSError):
                folder.rmdir()  # only when empty


def _check_unchanged(root: Path, changes: Sequence[Change]) -> None:
    for change in changes:
        path = root / change.path
        if change.original is None and (path.exists() or path.is_symlink()):
            msg = f"{change.path} appeared while the resource was prepared; nothing was written"
            raise LitestarNewError(msg)
        if change.original is not None:
            try:
                current = path.read_bytes().decode("utf-8")  # as it is: line endings too
            except (OSError, UnicodeDecodeError) as error:
                why = error.strerror if isinstance(error, OSError) else "it is no longer UTF-8"
                msg = f"cannot read {change.path} again: {why}; nothing was written"
                raise LitestarNewError(msg) from error
            if current != change.original:
                msg = f"{change.path} changed while the resource was prepared; nothing was written"
                raise LitestarNewError(msg)


def write_all(root: Path, changes: Sequence[Change]) -> None:
    """Write every change or none (see the module's docstring).

    Raises:
        LitestarNewError: A file could not be written (the project is as it was).
        KeyboardInterrupt: Ctrl-C (the project is as it was).
    """
    _check_unchanged(root, changes)
    run = _Run(root)
    try:
        for change in changes:
            run.stage(change)
        with _no_interrupts():
            run.commit()
        # a Ctrl-C held back during the renames arrives here, and undoes them too
    except BaseException as error:
        with _no_interrupts():
            run.rollback()
        if isinstance(error, OSError):
            where = f" ({error.filename})" if error.filename else ""
            msg = f"writing the resource failed: {error.strerror or error}{where}; nothing was written"
            raise LitestarNewError(msg) from error
        raise
