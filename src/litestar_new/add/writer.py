"""Writing a resource all at once or not at all.

Every file is first written in full to a temporary file beside its destination (beside the file
a symbolic link points to, so that the link stays), then the temporary files are renamed into
place with Ctrl-C held back (a rename is atomic). Any error, or a Ctrl-C at any point, removes the
temporary files, deletes the files already placed, restores the changed files' previous text and
removes the folders made for them: a :class:`~litestar_new.core.transaction.Transaction`.

The transaction can span a further step (``then``): ``add`` places its new files, formats them
where they are (ruff reads the project's configuration by their place), then places its changes
to the user's files; a failure or Ctrl-C in any step undoes them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from litestar_new.core.interrupts import hold_interrupts
from litestar_new.core.transaction import Transaction
from litestar_new.errors import LitestarNewError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

__all__ = ["Change", "write_all"]


@dataclass(frozen=True)
class Change:
    """One file to write: new (``original`` is None) or a changed version of an existing one."""

    path: str
    """Relative to the project."""
    text: str
    original: str | None = None


@dataclass
class _Run:
    """The resource's files staged, then renamed into place: one transaction."""

    root: Path
    transaction: Transaction = field(default_factory=Transaction)
    staged: list[tuple[Path, Path, str | None]] = field(default_factory=list)
    """(temporary file, destination, the destination's previous text or None for a new file)."""

    def stage(self, change: Change) -> None:
        destination = self.root / change.path
        if change.original is not None and destination.is_symlink():
            destination = destination.resolve()  # change the file the link points to, keep the link
        self.transaction.make_parents(destination)
        mode_of = destination if change.original is not None else None
        temporary = self.transaction.stage(destination, change.text, mode_of=mode_of)
        self.staged.append((temporary, destination, change.original))

    def commit(self) -> None:
        for temporary, destination, original in self.staged:
            self.transaction.replace(temporary, destination, previous=original)

    def place(self, changes: Sequence[Change]) -> None:
        """Check, stage and rename ``changes`` into place (undone with the rest on failure).

        Raises:
            LitestarNewError: A new file exists already, or a changed one changed meanwhile.
        """
        _check_unchanged(self.root, changes)
        for change in changes:
            self.stage(change)
        with hold_interrupts():
            self.commit()
        # a Ctrl-C held back during the renames arrives here, and undoes them too
        self.staged.clear()


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


def write_all(
    root: Path, changes: Sequence[Change], then: Callable[[], Sequence[Change]] | None = None
) -> None:
    """Write every change or none (see the module's docstring).

    ``then``, when given, runs once ``changes`` are in place, in the same transaction, and
    returns more changes to write: its failure undoes ``changes`` too.

    Raises:
        LitestarNewError: A file could not be written (the project is as it was), or ``then``
            raised it.
        KeyboardInterrupt: Ctrl-C (the project is as it was).
    """
    run = _Run(root)
    try:
        with run.transaction.undone_on_failure():
            run.place(changes)
            if then is not None:
                run.place(then())
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        msg = f"writing the resource failed: {error.strerror or error}{where}; nothing was written"
        raise LitestarNewError(msg) from error
