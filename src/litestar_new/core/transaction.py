"""File changes made all at once or not at all: one journal of undo steps for every command.

Each change is made by a method that records, before or as it acts, how to undo it; the undo
steps run in reverse order. Changes that must not be split by Ctrl-C (a rename and the line that
records it) happen with Ctrl-C held (:func:`~litestar_new.core.interrupts.hold_interrupts`), and
so does :meth:`Transaction.rollback`. Used by ``new`` (moving the render into the target),
``update`` (undoing a failed merge) and ``add`` (writing a resource's files).

    transaction = Transaction()
    with transaction.undone_on_failure():
        transaction.make_parents(destination)
        temporary = transaction.stage(destination, text)
        with hold_interrupts():
            transaction.replace(temporary, destination, previous=old_text)
"""

from __future__ import annotations

import shutil
import uuid
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from litestar_new.core.interrupts import hold_interrupts

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

__all__ = ["Transaction", "remove_path"]


def remove_path(path: Path) -> None:
    """Delete a file, a link or a whole folder (a link to a folder is only unlinked)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@dataclass
class Transaction:
    """A journal of undo steps; :meth:`rollback` runs them, newest first."""

    _undo: list[Callable[[], None]] = field(default_factory=list)

    def on_rollback(self, step: Callable[[], None]) -> None:
        """Record an undo step of the caller's own (run in reverse order with the others)."""
        self._undo.append(step)

    def make_parents(self, path: Path, *, upto: Path | None = None) -> list[Path]:
        """Make the missing folders above ``path`` (below ``upto``); return them, outermost first.

        Each is removed again on rollback when it is empty then.
        """
        made = []
        for folder in reversed(path.parents):
            if (upto is not None and not folder.is_relative_to(upto)) or folder.exists():
                continue
            folder.mkdir()
            made.append(folder)
            self.on_rollback(partial(_remove_if_empty, folder))
        return made

    def stage(self, destination: Path, text: str, *, mode_of: Path | None = None) -> Path:
        """Write ``text`` in full to a temporary file beside ``destination``; return its path.

        The temporary file goes on rollback. ``mode_of``: a file whose permissions it takes.
        """
        temporary = destination.with_name(f".{destination.name}.{uuid.uuid4().hex[:8]}.tmp")
        self.on_rollback(lambda: temporary.unlink(missing_ok=True))
        temporary.write_text(text, encoding="utf-8", newline="")
        if mode_of is not None:
            shutil.copymode(mode_of, temporary)
        return temporary

    def replace(
        self,
        source: Path,
        destination: Path,
        *,
        keep_in: Path | None = None,
        previous: str | None = None,
    ) -> bool:
        """Rename ``source`` (a file or a folder) to ``destination``; return whether it replaced one.

        What stood at ``destination`` is moved to ``keep_in`` first and moved back on rollback;
        without ``keep_in`` it is replaced, and rollback writes back ``previous``, its text (or
        only deletes what was put there when ``previous`` is None). Hold Ctrl-C around the call.
        """
        replaced = destination.exists() or destination.is_symlink()
        if replaced and keep_in is not None:
            keep_in.parent.mkdir(parents=True, exist_ok=True)
            destination.replace(keep_in)
            self.on_rollback(partial(_move_back, keep_in, destination))
        source.replace(destination)
        if previous is not None:
            self.on_rollback(partial(_write_back, destination, previous))
        else:
            self.on_rollback(partial(remove_path, destination))
        return replaced

    def rollback(self) -> None:
        """Undo every recorded change, newest first, with Ctrl-C held; then forget them.

        Every step runs even when one fails; the first failure is raised at the end.
        """
        with hold_interrupts():
            failure: BaseException | None = None
            while self._undo:
                step = self._undo.pop()
                try:
                    step()
                except Exception as error:
                    failure = failure or error
            if failure is not None:
                raise failure

    def commit(self) -> None:
        """Keep every change: the journal is forgotten."""
        self._undo.clear()

    @contextmanager
    def undone_on_failure(self) -> Iterator[Transaction]:
        """Roll back when the block raises anything (Ctrl-C included), then re-raise it."""
        try:
            yield self
        except BaseException:
            self.rollback()
            raise


def _move_back(kept: Path, destination: Path) -> None:
    kept.replace(destination)


def _write_back(destination: Path, text: str) -> None:
    destination.write_text(text, encoding="utf-8", newline="")


def _remove_if_empty(folder: Path) -> None:
    with suppress(OSError):
        folder.rmdir()
