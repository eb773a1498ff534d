"""A fresh clone of a generated repository: ``git clone``, ``uv sync --locked`` (what the
generated CI workflow and Dockerfile run), then the project's own tests pass; with and without
``--no-install`` at creation. Each project is made in a new shell (``tests/support/shell.py``)
with the real command line and its git step."""

from __future__ import annotations

import shlex
import subprocess
from typing import TYPE_CHECKING

import pytest

from tests.support.projects import UV
from tests.support.shell import LITESTAR_NEW, bash, new_home, shell_env

if TYPE_CHECKING:
    from pathlib import Path

CASES = [("script", ()), ("script", ("--no-install",)), ("layered", ("--no-install",))]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_home(tmp_path_factory.mktemp("clone") / "home")


@pytest.mark.parametrize(("preset", "flags"), CASES, ids=[f"{p}{''.join(f)}" for p, f in CASES])
def test_a_fresh_clone_syncs_locked_and_passes_its_tests(
    home: Path, tmp_path: Path, preset: str, flags: tuple[str, ...]
) -> None:
    env = shell_env(home)
    args = [str(LITESTAR_NEW), "demo", "--preset", preset, "--yes", *flags]
    bash(shlex.join(args), tmp_path, env)
    assert (tmp_path / "demo" / ".venv").exists() == (not flags)
    uv = shlex.quote(UV)
    bash(
        f"git clone -q demo clone && cd clone && {uv} sync --locked && {uv} run pytest -q",
        tmp_path,
        env,
    )
    if preset == "script":
        _no_wheel_of_a_script(tmp_path / "clone", env)


def _no_wheel_of_a_script(project: Path, env: dict[str, str]) -> None:
    """``uv build`` on the script preset stops: app.py is no package (no top-level ``app``)."""
    result = subprocess.run(
        [UV, "build"], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Unable to determine which files to ship" in result.stderr
    assert not list((project / "dist").glob("*.whl"))
