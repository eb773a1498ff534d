"""The next-steps panel and the generated README, run as printed in a new shell.

The user followed our README: ``litestar-new`` lives in ``.venv/bin`` of the clone and nothing
is on PATH. The project is made the same way, inside the clone's git repository (here: an outer
repository), in a shell whose environment is only ``PATH=/usr/bin:/bin`` and a new HOME
(see ``tests/support/shell.py``). One layered project serves the whole module.
"""

from __future__ import annotations

import json
import shlex
import subprocess
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.support.projects import UV
from tests.support.readme import readme_blocks
from tests.support.servers import exchange, free_port, get, server_log, serving
from tests.support.shell import LITESTAR_NEW, bash, new_home, panel, shell_env

NAME = "shop"


@pytest.fixture(scope="module")
def created(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, str]]:
    """``litestar-new shop --preset layered --yes`` in the new shell, inside an outer repository;
    the folder it ran in, what it printed, the shell's environment."""
    root = tmp_path_factory.mktemp("printed")
    env = shell_env(new_home(root / "home"))
    work = root / "clone"
    work.mkdir()
    bash("git init -q && git commit -q --allow-empty -m outer", work, env)
    out = bash(f"{shlex.quote(str(LITESTAR_NEW))} {NAME} --preset layered --yes", work, env)
    return work, out, env


def _server(command: str) -> bool:
    return command.endswith(" run --reload")


def test_the_printed_commands_run_as_printed(created: tuple[Path, str, dict[str, str]]) -> None:
    """One test, so that a parallel run makes this project once: the premise (no uv on this
    shell's PATH), the panel's commands, the project's repository, the README's commands."""
    work, out, env = created
    result = subprocess.run(
        ["bash", "-c", "command -v uv"], cwd=work, env=env, capture_output=True, check=False
    )
    assert result.returncode != 0, "the premise: without the panel's line, uv is not found"
    _panel_commands(work, out, env)
    _own_repository(work, env)
    _readme_commands(work, out, env)


def _panel_commands(work: Path, out: str, env: dict[str, str]) -> None:
    """The panel's commands, in order; the server started, hit and stopped."""
    commands, checks = panel(out)
    assert commands[0] == f"cd {NAME}", out
    assert not [c for c in commands if c.startswith("uv ")], "uv is not on this shell's PATH"
    assert set(checks) == {"tests", "lint", "types"}, out
    steps = [c for c in commands if not c.startswith("export ")]
    server = [c for c in steps if _server(c)]
    assert len(server) == 1, steps
    setup = [c for c in steps if not _server(c)]
    bash("\n".join(setup), work, env)
    port = free_port()
    served = shell_env(Path(env["HOME"]), LITESTAR_PORT=str(port))
    with serving(
        ["bash", "-c", f"{setup[0]} && {server[0]}"],
        work,
        port,
        ready_path="/health",
        exact_env=served,
    ) as base:
        assert get(base + "/health")[0] == 200
        assert get(base + "/schema")[0] == 200
        assert exchange("GET", base + "/api/books").status == 401
        assert get(base + "/no-such-page")[0] == 404
    bash("\n".join([setup[0], *checks.values()]), work, env)
    # The server's lines are what the README says: the app's JSON, uvicorn's own plain text.
    lines = server_log(work, port).read_text().splitlines()
    app_lines = [json.loads(line) for line in lines if line.startswith("{")]
    assert any(entry.get("status_code") == 404 for entry in app_lines), lines
    assert any(line.startswith("INFO:") and "GET /health" in line for line in lines), lines
    readme = (work / NAME / "README.md").read_text()
    assert "the server's own start-up and access lines stay plain text" in readme


def _own_repository(work: Path, env: dict[str, str]) -> None:
    """Made inside the outer repository, the project has its own; the outer one is untouched."""
    project = work / NAME
    assert bash("git rev-parse --show-toplevel", project, env).strip() == str(project)
    assert "uv.lock" in bash("git ls-files", project, env).split()
    assert bash("git status --porcelain", work, env) == f"?? {NAME}/\n"
    assert bash("git log --oneline", work, env).count("\n") == 1
    # the first commit holds the uv.lock that uv sync wrote: a clone syncs --locked
    uv = shlex.quote(UV)
    bash(
        f"git clone -q {NAME} clone-of-{NAME} && cd clone-of-{NAME} && {uv} sync --locked",
        work,
        env,
    )


def _readme_commands(work: Path, out: str, env: dict[str, str]) -> None:
    """Every shell command of the README, in order, each block in the new shell after the
    panel's ``export PATH=...`` line. The server listens on a free port (``LITESTAR_PORT``;
    ``127.0.0.1:8000`` in the commands becomes it). Two commands are left to other tests:
    ``uv run pytest`` (the panel's own ``tests`` line ran the suite in this shell just above)
    and its PostgreSQL variant (the smoke tier runs it)."""
    commands, _ = panel(out)
    exports = [c for c in commands if c.startswith("export PATH=")]
    assert len(exports) == 1, out
    project = work / NAME
    port = free_port()
    served = shell_env(Path(env["HOME"]), LITESTAR_PORT=str(port))
    ran = 0
    with ExitStack() as stack:  # the server runs from its command to the end, as in a terminal
        for block in readme_blocks(project):
            script = [exports[0]]
            for raw in block:
                command = raw.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
                if command.startswith(("docker compose", "uv run pytest", "TEST_DATABASE_URL=")):
                    continue
                ran += 1
                if not _server(command):
                    script.append(command)
                    continue
                bash("\n".join(script), project, served)
                script = [exports[0]]
                stack.enter_context(
                    serving(
                        ["bash", "-c", f"{exports[0]} && {command}"],
                        project,
                        port,
                        ready_path="/health",
                        exact_env=served,
                    )
                )
            bash("\n".join(script), project, served)
    assert ran >= 12
