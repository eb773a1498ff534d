"""Install each rung into a fresh environment, run ITS tests, serve it, run its README."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from litestar_new.spec import ProjectSpec, resolve, rung
from tests.support.projects import PYTHON, UV, render_spec, run, spec_id
from tests.support.readme import readme_commands
from tests.support.servers import free_port, get, serving

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.smoke

SMOKE: list[ProjectSpec] = [
    resolve("script", {}),
    resolve("script", {"server": "granian"}),
    resolve("api", {}),
    resolve("api", {"server": "uvicorn"}),
]


def _docker_engine() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, check=False).returncode == 0


@pytest.fixture(scope="module", params=SMOKE, ids=spec_id)
def installed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ProjectSpec, Path]:
    spec: ProjectSpec = request.param
    project = render_spec(spec, tmp_path_factory.mktemp(spec_id(spec)))
    run([UV, "sync", "--quiet", "--python", PYTHON], cwd=project)
    return spec, project


def test_its_own_tests_pass_with_warnings_as_errors(installed: tuple[ProjectSpec, Path]) -> None:
    _, project = installed
    result = run([UV, "run", "--no-sync", "pytest", "-q", "-W", "error"], cwd=project)
    assert " passed" in result.stdout


def test_it_serves_http(installed: tuple[ProjectSpec, Path]) -> None:
    spec, project = installed
    port = free_port()
    command = shlex.split(rung(spec.rung).run.format(project="demo").replace(" --reload", ""))
    command[0] = UV if command[0] == "uv" else command[0]
    ready = "/" if spec.rung == "script" else "/health"
    with serving([*command, "--port", str(port)], project, port, ready_path=ready) as base:
        status, body = get(base + ready)
        assert status == 200
        status, schema = get(base + "/schema/openapi.json")
        assert status == 200
        assert json.loads(schema)["paths"]
        assert get(base + "/no-such-route")[0] == 404
    if spec.rung != "script":
        assert json.loads(body) == {"status": "ok"}


def test_every_readme_command_works_as_written(
    installed: tuple[ProjectSpec, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    spec, _ = installed
    project = render_spec(
        spec, tmp_path_factory.mktemp("readme")
    )  # a fresh one: README starts from scratch
    commands = readme_commands(project)
    assert commands[0] == "uv sync"
    ran = []
    for command in commands:
        args = shlex.split(command)
        args[0] = UV if args[0] == "uv" else args[0]
        if args[:2] == ["docker", "compose"] and not _docker_engine():
            continue  # no Docker engine here: the compose file is parsed by the generation tests
        if args[-2:] == ["run", "--reload"]:
            port = free_port()
            with serving(
                args, project, port, ready_path="/schema/openapi.json", LITESTAR_PORT=str(port)
            ) as base:
                assert get(base + "/schema")[0] == 200
        elif args[:2] == [UV, "sync"]:
            run([*args, "--python", PYTHON], cwd=project)
        else:
            run(args, cwd=project)
        ran.append(command)
    assert len(ran) >= 5
