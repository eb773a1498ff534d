"""Updated and climbed projects install, lint, type-check and pass their own tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from ruff.__main__ import find_ruff_bin

from litestar_new.__main__ import main
from litestar_new.store import register
from tests.support.projects import PYTHON, UV, run
from tests.support.readme import readme_blocks
from tests.support.servers import free_port, get, request, serving
from tests.support.updates import (
    USER_ROUTE,
    USER_SETTING,
    append,
    clean,
    commit_all,
    edit,
    fingerprint,
    git,
    make_project,
    register_older,
)

pytestmark = pytest.mark.smoke

MY_ENV_LINE = "CORS_ALLOW_ORIGINS=http://localhost:5173\n"

LIVE_ROUTE = '''
    @get("/health/live", summary="Liveness")
    async def live(self) -> dict[str, str]:
        """Say that the process runs."""
        return {"status": "live"}
'''

MY_TESTS = """\
from litestar import Litestar
from litestar.testing import TestClient

from demo.settings import Settings


def test_live(client: TestClient[Litestar]) -> None:
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "live"}


def test_page_size(settings: Settings) -> None:
    assert settings.page_size == 20
"""


def checks_pass(project: Path) -> None:
    """What the project's README asks for: install, tests (warnings as errors), lint, types."""
    run([UV, "sync", "--quiet", "--python", PYTHON], cwd=project)
    result = run([UV, "run", "--no-sync", "pytest", "-q", "-W", "error"], cwd=project)
    assert " passed" in result.stdout
    run([UV, "run", "--no-sync", "ruff", "check", "."], cwd=project)
    run([UV, "run", "--no-sync", "ruff", "format", "--check", "."], cwd=project)
    run([UV, "run", "--no-sync", "mypy"], cwd=project)


def update(*args: str) -> int:
    return main(["update", *args])


def test_an_older_api_project_updated_passes_its_own_tests(tmp_path: Path) -> None:
    older = register_older(tmp_path / "older")
    project = make_project(older, tmp_path, "api")
    edit(
        project / "src" / "demo" / "settings.py",
        'Empty: CORS off."""\n',
        'Empty: CORS off."""\n' + USER_SETTING,
    )
    append(project / "src" / "demo" / "domain" / "system" / "controllers.py", LIVE_ROUTE)
    (project / "tests" / "test_mine.py").write_text(MY_TESTS)
    commit_all(project, "my route, my setting, my tests")
    assert update(str(project)) == 0
    settings = (project / "src" / "demo" / "settings.py").read_text()
    assert "debug: bool = False" in settings  # the template's change
    assert "page_size: int = 20" in settings  # the user's
    assert (project / "tests" / "test_settings.py").is_file()  # the template's new tests
    checks_pass(project)


EXTRA_MODULE = '''\
"""My route, moved by hand from app.py when the project climbed to the api preset."""

from litestar import get


@get("/extra")
async def extra() -> dict[str, str]:
    return {"extra": "mine"}
'''

EXTRA_TEST = """\
from litestar import Litestar
from litestar.testing import TestClient


def test_extra(client: TestClient[Litestar]) -> None:
    response = client.get("/extra")
    assert response.json() == {"extra": "mine"}
"""

LAYERED_EXTRA_TEST = """\
from tests.helpers import Client


async def test_extra(client: Client, alice: dict[str, str]) -> None:
    response = await client.get("/extra", headers=alice)
    assert response.json() == {"extra": "mine"}


async def test_extra_needs_a_token(client: Client) -> None:
    response = await client.get("/extra")
    assert response.status_code == 401
"""

SCRIPT_TEST = """

def test_extra() -> None:
    with TestClient(app=app) as client:
        response = client.get("/extra")
    assert response.json() == {"extra": "mine"}
"""


@pytest.fixture(scope="module")
def climbed_to_api(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Steps 1 and 2 of the workshop path in docs/update.md, checks passing at each."""
    project = make_project(register(), tmp_path_factory.mktemp("workshop"), "script")
    edit(
        project / "app.py",
        "\n\napp = Litestar([index]",
        USER_ROUTE + "\n\napp = Litestar([index, extra]",
    )
    append(project / "tests" / "test_app.py", SCRIPT_TEST)
    checks_pass(project)
    commit_all(project, "my route")

    # Climb to api. The edited app.py and its tests are kept, to be moved by hand.
    assert update(str(project), "--preset", "api") == 1
    env = (project / ".env").read_text()  # written by the climb: the api preset has settings
    assert "APP_ENV=development\n" in env
    assert "SECRET_KEY" not in env
    append(project / ".env", MY_ENV_LINE)  # git-ignored: the user's own, kept by every climb
    assert (project / "app.py").is_file()
    assert (project / "src" / "demo" / "app.py").is_file()
    (project / "src" / "demo" / "domain" / "extra.py").write_text(EXTRA_MODULE)
    edit(
        project / "src" / "demo" / "app.py",
        "    BookController,\n)\n",
        "    BookController,\n)\nfrom demo.domain.extra import extra\n",
    )
    edit(
        project / "src" / "demo" / "app.py",
        "    BookController,\n]",
        "    BookController,\n    extra,\n]",
    )
    (project / "tests" / "test_extra.py").write_text(EXTRA_TEST)
    git(project, "rm", "-q", "app.py", "tests/test_app.py")
    checks_pass(project)
    commit_all(project, "climb to api, my route moved into the package")
    return project


def test_the_workshop_path_script_to_api(climbed_to_api: Path) -> None:
    assert git(climbed_to_api, "log", "--format=%s").splitlines()[:2] == [
        "climb to api, my route moved into the package",
        "my route",
    ]
    assert not (climbed_to_api / "app.py").exists()


def test_the_workshop_path_api_to_layered(
    climbed_to_api: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Step 3: the user's route stays listed in ROUTE_HANDLERS through the merge; only its test
    moves to the layered preset's async client and a token (its routes need one). The ``.env``
    kept from the api preset gets the keys the layered app needs (exit 0 means nothing is left to
    do by hand), and the app boots with its README's commands."""
    project = climbed_to_api
    capsys.readouterr()
    assert update(str(project), "--preset", "layered") == 0
    out = capsys.readouterr().out
    assert ".env: added SECRET_KEY (a new secret), DATABASE_URL from .env.example" in out
    env = (project / ".env").read_text()
    assert MY_ENV_LINE in env
    secrets = [line for line in env.splitlines() if line.startswith("SECRET_KEY=")]
    assert len(secrets) == 1
    assert len(secrets[0].removeprefix("SECRET_KEY=")) == 64  # fresh, not the placeholder
    assert "\nDATABASE_URL=sqlite+aiosqlite:///./data/demo.sqlite3\n" in env
    app = (project / "src" / "demo" / "app.py").read_text()
    assert "    extra,\n" in app
    assert "    AccessController,\n" in app
    (project / "tests" / "test_extra.py").write_text(LAYERED_EXTRA_TEST)
    checks_pass(project)
    readme_boots(project)


def readme_boots(project: Path) -> None:
    """The README's setup block as written (in a clean shell: nothing but ``.env`` configures
    the app), the server on a free port, then /health and a book of a registered user."""
    port = free_port()
    setup = next(block for block in readme_blocks(project) if "uv sync" in block)
    server = next(command for command in setup if command.endswith(" run --reload"))
    before = setup[: setup.index(server)]
    env = {
        "UV_PYTHON": PYTHON,
        "PATH": f"{Path(UV).parent}{os.pathsep}{os.environ['PATH']}",
        "LITESTAR_PORT": str(port),
    }
    run(["bash", "-euo", "pipefail", "-c", "\n".join(before)], cwd=project, env=env)
    with serving(["bash", "-c", server], project, port, "/health", env=env) as base:
        assert get(base + "/health")[0] == 200
        credentials = {"email": "reader@example.com", "password": "correct horse battery staple"}
        assert request("POST", base + "/api/access/register", credentials)[0] == 201
        status, body = request("POST", base + "/api/access/login", credentials)
        assert status == 200, body
        token = json.loads(body)["access_token"]
        book = {"title": "Dune", "author": "Frank Herbert"}
        status, body = request("POST", base + "/api/books", book, token=token)
        assert status == 201, body
        status, body = request("GET", base + "/api/books", token=token)
        assert status == 200, body
        assert [item["title"] for item in json.loads(body)["items"]] == ["Dune"]


# -- updates that used to fail or leave work undone (no install: a merge each) ---------------


def test_a_conflicted_pyproject_does_not_stop_formatting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ruff reads pyproject.toml; with conflict markers in it, the formatting after the merge
    failed and the whole update was rolled back. The new render's configuration is used."""
    project = make_project(register(), tmp_path, "api")
    edit(project / "pyproject.toml", 'target-version = "py311"', 'target-version = "py311"  # me')
    commit_all(project, "my target version")
    code = update(str(project), "--set", "python_version=3.12", "--server", "granian")
    out = capsys.readouterr().out
    assert code == 1, out
    assert "pyproject.toml:" in out.split("Conflicts:", 1)[1]
    assert "<<<<<<<" in (project / "pyproject.toml").read_text()
    assert "granian" in (project / "src" / "demo" / "app.py").read_text()  # merged, not undone
    ruff = [find_ruff_bin(), "format", "--check", "--isolated", "--line-length", "100", "src"]
    run(ruff, project)  # the project's own settings, which the conflicted file holds


def test_env_is_not_derived_from_a_conflicted_env_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(register(), tmp_path, "script")
    (project / ".env.example").write_text("APP_ENV=development\nMY_TOKEN=xyz\n")
    commit_all(project, "my own .env.example")
    assert update(str(project), "--preset", "api") == 1
    out = capsys.readouterr().out
    assert "  .env.example:1" in out
    assert ".env not written: .env.example has conflict markers; resolve them" in out
    assert "<<<<<<<" in (project / ".env.example").read_text()
    assert not (project / ".env").exists()


def test_ctrl_c_inside_a_git_process_finaliser_puts_the_project_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """copier's git runs through plumbum, whose Popen wrapper waits for its child in
    ``__del__``: a Ctrl-C there was printed as an ignored exception, traceback and all, and
    lost. Injected deterministically: the first finaliser during the merge raises it."""
    from plumbum.machines.local import PlumbumLocalPopen

    from litestar_new.update import merging as update_module

    project = make_project(register(), tmp_path, "script")
    before = {k: v for k, v in fingerprint(project).items() if not k.startswith(".git/")}
    merging: list[bool] = []
    finalise = PlumbumLocalPopen.__del__

    def interrupted(self: PlumbumLocalPopen) -> None:
        finalise(self)
        if merging == [True]:
            merging.append(False)
            raise KeyboardInterrupt

    run_copier = update_module._run_copier

    def flagged(*args: Any) -> None:
        merging.append(True)
        run_copier(*args)

    monkeypatch.setattr(PlumbumLocalPopen, "__del__", interrupted)
    monkeypatch.setattr(update_module, "_run_copier", flagged)
    code = update(str(project), "--preset", "api")
    _, err = capsys.readouterr()
    assert merging == [True, False]  # the injected Ctrl-C happened
    assert code == 130
    assert err == "litestar-new: interrupted; the project was put back as it was\n"
    assert {k: v for k, v in fingerprint(project).items() if not k.startswith(".git/")} == before
    assert clean(project)
