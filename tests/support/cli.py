"""Create projects with the real command line, as a user would, and the command that serves them."""

from __future__ import annotations

import shlex
import subprocess
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING

from litestar_new.spec import ProjectSpec, find_preset
from tests.support.postgres import server_url, temporary_database
from tests.support.projects import UV, clean_env, spec_id

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    import pytest

NAME = "demo"


def create(spec: ProjectSpec, parent: Path, *extra: str) -> Path:
    """``litestar-new demo --preset ... --yes`` with every feature of the spec as a flag."""
    flags = ["--preset", spec.preset]
    for key, value in spec.features.items():
        flag = "--" + key.replace("_", "-")
        flags += (
            [flag if value else f"--no-{flag[2:]}"]
            if isinstance(value, bool)
            else [flag, str(value)]
        )
    args = [sys.executable, "-m", "litestar_new", NAME, *flags, "--yes", "--no-git", *extra]
    result = subprocess.run(
        args, cwd=parent, env=clean_env(), capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return parent / NAME


def uses_postgres(spec: ProjectSpec) -> bool:
    return spec.features.get("db") == "postgres"


def serve_command(spec: ProjectSpec, port: int) -> list[str]:
    """The preset's documented server command, without ``--reload``, on ``port``."""
    command = shlex.split(
        find_preset(spec.preset).run.format(project=NAME).replace(" --reload", "")
    )
    command[0] = UV if command[0] == "uv" else command[0]
    return [*command, "--port", str(port)]


@contextmanager
def empty_database(spec: ProjectSpec, project: Path, folder: Path) -> Iterator[str]:
    """A ``DATABASE_URL`` with nothing in it: a new SQLite file in ``folder``, or a new
    PostgreSQL database on the machine's server (dropped afterwards)."""
    if uses_postgres(spec):
        with temporary_database(project) as url:
            yield url
    else:
        yield f"sqlite+aiosqlite:///{folder / 'app.sqlite3'}"


def create_for_module(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ProjectSpec, Path]:
    """The body of a module-scoped ``installed`` fixture: the spec ``request.param``, created
    and installed once per module; a PostgreSQL spec skips (or fails in CI) before any work."""
    spec: ProjectSpec = request.param
    if uses_postgres(spec):
        server_url()
    return spec, create(spec, tmp_path_factory.mktemp(spec_id(spec)))
