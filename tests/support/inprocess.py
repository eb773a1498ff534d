"""The command line run in-process, as the ``litestar-new`` script runs it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar_new.__main__ import main

if TYPE_CHECKING:
    import pytest

QUIET = ["--yes", "--no-install", "--no-git"]
"""No question, no install, no git: a render and nothing else."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``litestar-new ARGS``: the exit code, and what it printed to stdout and stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
