"""Create each preset with the real CLI, then run ITS tests, serve it, and run its README."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from litestar_new.spec import ProjectSpec, resolve
from tests.support.cli import (
    NAME,
    create,
    create_for_module,
    empty_database,
    serve_command,
    uses_postgres,
)
from tests.support.postgres import server_url, temporary_database
from tests.support.projects import UV, run, spec_id
from tests.support.readme import readme_blocks, readme_pages
from tests.support.servers import free_port, get, request, serving

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.smoke

SMOKE: list[ProjectSpec] = [
    resolve("script", {}),
    resolve("script", {"server": "granian"}),
    resolve("api", {}),
    resolve("api", {"server": "granian"}),
    resolve("layered", {}),
    resolve("layered", {"db": "postgres", "server": "granian"}),
]


def uv_env(project: Path, **extra: str) -> dict[str, str]:
    return {
        "UV_PYTHON": sys.executable,
        "PATH": f"{Path(UV).parent}{os.pathsep}{os.environ['PATH']}",
        **extra,
    }


LAYERED = [spec for spec in SMOKE if spec.preset == "layered"]
EVERY_PRESET = pytest.mark.parametrize("installed", SMOKE, ids=spec_id, indirect=True)
LAYERED_ONLY = pytest.mark.parametrize("installed", LAYERED, ids=spec_id, indirect=True)


@pytest.fixture(scope="module")
def installed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ProjectSpec, Path]:
    return create_for_module(request, tmp_path_factory)


@pytest.fixture
def database(installed: tuple[ProjectSpec, Path], tmp_path: Path) -> Iterator[str]:
    """An empty database for the app: a fresh SQLite file, or a new PostgreSQL database."""
    spec, project = installed
    with empty_database(spec, project, tmp_path) as url:
        yield url


@EVERY_PRESET
def test_it_serves_http(installed: tuple[ProjectSpec, Path], database: str) -> None:
    spec, project = installed
    env = {}
    if spec.preset == "layered":
        env = {"DATABASE_URL": database}
        run(
            [UV, "run", "--no-sync", NAME, "database", "upgrade", "--no-prompt"],
            cwd=project,
            env=env,
        )
    port = free_port()
    ready = "/" if spec.preset == "script" else "/health"
    with serving(serve_command(spec, port), project, port, ready_path=ready, env=env) as base:
        status, body = get(base + ready)
        assert status == 200, body
        status, schema = get(base + "/schema/openapi.json")
        assert status == 200
        assert json.loads(schema)["paths"]
        assert get(base + "/no-such-route")[0] == 404
        pages = readme_pages(project)
        assert "/schema" in pages
        for page in pages:  # every page the README says to open is there
            assert get(base + page)[0] == 200, page
    if spec.preset != "script":
        assert json.loads(body)["status"] == "ok"


@LAYERED_ONLY
def test_migrations_go_up_down_and_up(installed: tuple[ProjectSpec, Path], database: str) -> None:
    _spec, project = installed
    cli = [UV, "run", "--no-sync", NAME, "database"]
    for step in (
        ["upgrade", "--no-prompt"],
        ["downgrade", "--no-prompt", "base"],
        ["upgrade", "--no-prompt"],
        ["check"],
    ):
        run([*cli, *step], cwd=project, DATABASE_URL=database)


@LAYERED_ONLY
def test_layered_auth_and_books_over_http(
    installed: tuple[ProjectSpec, Path], database: str
) -> None:
    spec, project = installed
    run(
        [UV, "run", "--no-sync", NAME, "database", "upgrade", "--no-prompt"],
        cwd=project,
        DATABASE_URL=database,
    )
    port = free_port()
    with serving(
        serve_command(spec, port), project, port, ready_path="/health", DATABASE_URL=database
    ) as base:
        credentials = {"email": "reader@example.com", "password": "correct horse battery staple"}
        assert request("POST", base + "/api/access/register", credentials)[0] == 201
        assert request("POST", base + "/api/access/register", credentials)[0] == 409
        status, body = request("POST", base + "/api/access/login", credentials)
        assert status == 200, body
        token = json.loads(body)["access_token"]
        assert request("GET", base + "/api/books")[0] == 401
        status, body = request(
            "POST", base + "/api/books", {"title": "Dune", "author": "Frank Herbert"}, token
        )
        assert status == 201, body
        book = json.loads(body)
        status, body = request("GET", base + "/api/books", token=token)
        assert status == 200
        assert [b["id"] for b in json.loads(body)["items"]] == [book["id"]]
        status, body = request(
            "PATCH", f"{base}/api/books/{book['id']}", {"title": "Dune Messiah"}, token
        )
        assert (status, json.loads(body)["title"]) == (200, "Dune Messiah")
        assert request("DELETE", f"{base}/api/books/{book['id']}", token=token)[0] == 204
        assert request("GET", f"{base}/api/books/{book['id']}", token=token)[0] == 404
        assert request("DELETE", f"{base}/api/books/{book['id']}")[0] == 401


def _docker_engine() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, check=False).returncode == 0


def _is_server(command: str) -> bool:
    return command.endswith(" run --reload")


@EVERY_PRESET
def test_every_readme_command_works_as_written(
    installed: tuple[ProjectSpec, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A new project, its README's shell blocks in order, each block run by bash.

    The READMEs run ``uv run pytest`` (warnings are errors in the project's own configuration),
    so this is also where each project's own test suite is proven: on PostgreSQL as well for
    the layered preset, whose README runs it with ``TEST_DATABASE_URL``.

    Two adjustments, both for running tests side by side: the server listens on a free port
    (``LITESTAR_PORT``, and ``127.0.0.1:8000`` in the commands becomes that port), and the
    PostgreSQL variant's ``DATABASE_URL`` points at a new database of the test's own.
    """
    spec, _ = installed
    project = create(spec, tmp_path_factory.mktemp("readme"), "--no-install")
    port = free_port()
    env = uv_env(project, LITESTAR_PORT=str(port))
    assert "uv run pytest" in [c for block in readme_blocks(project) for c in block]
    with ExitStack() as stack:
        ran = 0
        for block in readme_blocks(project):
            script: list[str] = []
            for raw in block:
                command = raw.replace("127.0.0.1:8000", f"127.0.0.1:{port}").replace(
                    "localhost:8000", f"localhost:{port}"
                )
                if command.startswith(("npx ", "uvx ")):
                    continue  # the typed-client tools: tests/world/test_openapi.py runs them
                if command.startswith("docker compose") and not _docker_engine():
                    continue  # no Docker engine on this machine; the compose file is parsed by the generation tests
                if command.startswith("TEST_DATABASE_URL=postgresql"):
                    server_url()  # needs the machine's PostgreSQL, as the README says
                if _is_server(command):
                    _run_script(script, project, env)
                    script = []
                    stack.enter_context(
                        serving(
                            ["bash", "-c", command],
                            project,
                            port,
                            ready_path="/schema/openapi.json",
                            env=env,
                        )
                    )
                else:
                    script.append(command)
                ran += 1
                if command == "uv sync" and uses_postgres(spec):
                    # the README's next step: point DATABASE_URL at an existing PostgreSQL database
                    _run_script(script, project, env)
                    script = []
                    env["DATABASE_URL"] = stack.enter_context(temporary_database(project))
            _run_script(script, project, env)
    assert ran >= 6


def _run_script(commands: list[str], project: Path, env: dict[str, str]) -> None:
    if commands:
        run(["bash", "-euo", "pipefail", "-c", "\n".join(commands)], cwd=project, env=env)
