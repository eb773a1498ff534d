"""The unit tier's rule holds: whatever would spawn a process or run copier fails at once."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pexpect
import pytest

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def _copier_copy(folder: Path) -> None:
    from copier import run_copy

    run_copy(str(folder), folder / "out", defaults=True, quiet=True)


def _copier_update(folder: Path) -> None:
    from copier import run_update

    run_update(folder, defaults=True, quiet=True, overwrite=True)


SPAWNERS: dict[str, Callable[[Path], object]] = {
    "subprocess.run": lambda folder: subprocess.run(["true"], cwd=folder, check=False),
    "subprocess.Popen": lambda folder: subprocess.Popen([sys.executable, "-c", "0"], cwd=folder),
    "os.system": lambda _folder: os.system("true"),  # noqa: S605 - refused before a shell starts
    "os.fork": lambda _folder: os.fork(),
    "pexpect.spawn": lambda _folder: pexpect.spawn(sys.executable, ["-c", "0"]),
    "copier run_copy": _copier_copy,
    "copier run_update": _copier_update,
}


@pytest.mark.parametrize("spawn", SPAWNERS.values(), ids=SPAWNERS.keys())
def test_spawning_or_copier_is_refused_with_the_rule(
    spawn: Callable[[Path], object], tmp_path: Path
) -> None:
    with pytest.raises(RuntimeError, match=r"the unit tier \(tests/unit\) runs no subprocess"):
        spawn(tmp_path)
