"""Errors the command line turns into one clear line and an exit code."""

from __future__ import annotations

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_STEP_FAILED",
    "EXIT_USAGE",
    "InterruptError",
    "LitestarNewError",
    "UsageError",
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
