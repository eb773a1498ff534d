"""Running a command as a step of a command, and how the step went.

Each step returns a :class:`StepResult` instead of raising, so that one failure does not hide the
next step and the user gets, for each failure, what went wrong and the command to finish by hand.
Commands go through a :class:`Runner`, which tests replace with a fake.
"""

from __future__ import annotations

import os
import signal
import subprocess
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

__all__ = ["CommandFailedError", "Runner", "StepResult", "SubprocessRunner", "describe_exit"]


class StepResult(NamedTuple):
    """How a post-render step went."""

    name: str
    ok: bool
    message: str
    """One line: what was done, or what failed."""
    fix: tuple[str, ...] = ()
    """Commands that finish the step by hand, when it failed or was skipped."""
    skipped: bool = False


class CommandFailedError(Exception):
    """A command exited non-zero, or could not be started."""

    def __init__(self, args: Sequence[str], detail: str) -> None:
        """Remember the command and the last line it printed."""
        super().__init__(f"{' '.join(args)}: {detail}")
        self.detail = detail


class Runner(Protocol):
    """Runs a command in a folder; raises :class:`CommandFailedError` when it fails."""

    def __call__(
        self, args: Sequence[str], *, cwd: Path, env: Mapping[str, str] | None = None
    ) -> str:
        """Run ``args`` and return what it printed."""
        ...


def describe_exit(returncode: int) -> str:
    """Say how a process ended, in words (a signal by its name)."""
    if returncode >= 0:
        return f"exit code {returncode}"
    try:
        name = signal.Signals(-returncode).name
    except ValueError:
        return f"killed by signal {-returncode}"
    why = " (the file size limit, ulimit -f)" if name == "SIGXFSZ" else ""
    return f"killed by {name}{why}"


class SubprocessRunner:
    """The real runner: output captured, shown only when the command fails."""

    def __call__(
        self, args: Sequence[str], *, cwd: Path, env: Mapping[str, str] | None = None
    ) -> str:
        """Run ``args`` in ``cwd``."""
        try:
            result = subprocess.run(
                list(args),
                cwd=cwd,
                env={**os.environ, **(env or {})},
                capture_output=True,
                text=True,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except OSError as error:
            raise CommandFailedError(args, error.strerror or str(error)) from error
        if result.returncode != 0:
            lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
            detail = lines[-1].strip() if lines else describe_exit(result.returncode)
            raise CommandFailedError(args, detail)
        return result.stdout
