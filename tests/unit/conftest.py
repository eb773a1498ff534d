"""The unit tier's one rule, enforced: no subprocess, no copier render or merge.

What needs either is in ``tests/integration``. Code that runs commands takes a runner, and the
unit tests give it a fake one (``tests/unit/test_steps.py``), which this guard leaves alone.
"""

from __future__ import annotations

import os
import subprocess
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

_RULE = (
    "the unit tier (tests/unit) runs no subprocess and no copier render or merge, and {what} "
    "was called: move the test to tests/integration, or give the code a fake runner"
)


def _refuse(what: str) -> Callable[..., NoReturn]:
    def refuse(*args: object, **kwargs: object) -> NoReturn:
        del args, kwargs
        raise RuntimeError(_RULE.format(what=what))

    return refuse


@pytest.fixture(scope="package", autouse=True)
def _no_spawning() -> Iterator[None]:
    """Every test of this folder, and every fixture below the session's, runs with spawning
    and copier cut off.

    ``subprocess`` (and so plumbum, git, uv, ruff, the CLI as a process) spawns through
    ``Popen._execute_child``; pexpect through ``pty.fork``, that is ``os.forkpty``; the rest
    through ``os.fork``, ``os.posix_spawn`` or ``os.system``. copier's ``run_copy``,
    ``run_recopy`` and ``run_update`` call the ``Worker`` methods of the same names. Session
    fixtures can be set up before this one (by the first test here, or by another tier's): the
    unit tier defines none.
    """
    from copier._main import Worker  # heavy, and only this tier needs it

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess.Popen, "_execute_child", _refuse("a subprocess"))
        for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp", "system"):
            patch.setattr(os, name, _refuse(f"os.{name}"))
        for name in ("run_copy", "run_recopy", "run_update"):
            patch.setattr(Worker, name, _refuse(f"copier's {name}"))
        yield
