"""Errors the command line turns into one clear line and an exit code.

The exit codes are mapped in one place, :func:`litestar_new.__main__.main`: a
:class:`LitestarNewError` carries its own (:attr:`~LitestarNewError.exit_code`), a usage error of
the parser is :data:`EXIT_USAGE`, Ctrl-C is :data:`EXIT_INTERRUPTED`. Inside a command,
:func:`interrupts_mean` says what a Ctrl-C left behind.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_STEP_FAILED",
    "EXIT_USAGE",
    "InterruptError",
    "LitestarNewError",
    "UsageError",
    "interrupts_mean",
]

EXIT_USAGE = 2
"""Bad input: a name, a flag, a folder. Nothing was written."""
EXIT_STEP_FAILED = 1
"""The project was written but a later step (install, git, update) failed."""
EXIT_INTERRUPTED = 130
"""Ctrl-C: whatever was half done was removed."""


class LitestarNewError(Exception):
    """An error with a message meant for the user, and the exit code that goes with it."""

    exit_code = EXIT_STEP_FAILED


class UsageError(LitestarNewError):
    """Bad input, found before anything was written."""

    exit_code = EXIT_USAGE


class InterruptError(LitestarNewError):
    """Ctrl-C, with what it left on disk (``interrupted after ...``): a line, no ``error:``."""

    exit_code = EXIT_INTERRUPTED


@contextmanager
def interrupts_mean(left: str) -> Iterator[None]:
    """Report a Ctrl-C that gets out of the block as ``interrupted; <left>`` (exit 130).

    ``left`` says what the interrupted command left on disk: its own undoing has run by then.
    """
    try:
        yield
    except KeyboardInterrupt as interrupt:
        raise InterruptError(f"interrupted; {left}") from interrupt
