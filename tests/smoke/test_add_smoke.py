"""``add resource`` on installed projects: two related resources, then the project's own tests,
its migrations on SQLite and PostgreSQL, and the new routes over HTTP."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import pytest
from openapi_spec_validator import validate

from litestar_new.spec import ProjectSpec, resolve
from tests.support.cli import NAME, create
from tests.support.openapi import ERROR_BODY, closed_inputs, error_answers
from tests.support.postgres import asyncpg_url, server_url, temporary_database
from tests.support.projects import UV, run, spec_id
from tests.support.resources import EVERY_TYPE, REFERENCES_ONLY, TWO_RELATED
from tests.support.servers import free_port, request, serving

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = pytest.mark.smoke

# more resources whose own tests must pass too: every type, references only, users
MORE = {
    "api": [EVERY_TYPE, REFERENCES_ONLY],
    "layered": [
        EVERY_TYPE,
        REFERENCES_ONLY,
        ["Note", "text:text", "reviewer:ref:User"],
        ["Profile", "account:ref:User:unique", "nick:str?", "rating:int?:unique"],
    ],
}
SPECS = [resolve("layered", {}), resolve("api", {})]
DATABASES = ["sqlite", "postgres"]


EVERY_PRESET = pytest.mark.parametrize("added", SPECS, ids=spec_id, indirect=True)
LAYERED_ONLY = pytest.mark.parametrize(
    "added", [s for s in SPECS if s.preset == "layered"], ids=spec_id, indirect=True
)


@pytest.fixture(scope="module")
def added(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ProjectSpec, Path]:
    spec: ProjectSpec = request.param
    project = create(spec, tmp_path_factory.mktemp(f"add-{spec_id(spec)}"))
    for words in [*TWO_RELATED, *(MORE[spec.preset])]:
        result = run(
            [sys.executable, "-m", "litestar_new", "add", "resource", *words, "--path", "."],
            cwd=project,
        )
        assert "created  tests/test_" in result.stdout
    return spec, project


@pytest.fixture(params=DATABASES)
def database(
    request: pytest.FixtureRequest, added: tuple[ProjectSpec, Path], tmp_path: Path
) -> Iterator[str]:
    """An empty database: a new SQLite file, or a new database on the PostgreSQL server."""
    _, project = added
    if request.param == "postgres":
        with temporary_database(project) as url:
            yield url
    else:
        yield f"sqlite+aiosqlite:///{tmp_path / 'app.sqlite3'}"


def _pytest(project: Path, **env: str) -> str:
    result = run(
        [UV, "run", "--no-sync", "pytest", "-q", "-W", "error", "-p", "no:cacheprovider"],
        cwd=project,
        env=env,
    )
    assert " passed" in result.stdout
    assert " skipped" not in result.stdout
    assert " failed" not in result.stdout
    return result.stdout


@EVERY_PRESET
def test_its_own_tests_pass(added: tuple[ProjectSpec, Path]) -> None:
    _, project = added
    output = _pytest(project)
    assert (project / "tests" / "test_articles.py").is_file()
    assert int(output.split(" passed")[0].split()[-1]) > 50  # the template's and the new ones


@LAYERED_ONLY
def test_its_own_tests_pass_on_postgres(added: tuple[ProjectSpec, Path]) -> None:
    _, project = added
    _pytest(project, TEST_DATABASE_URL=asyncpg_url(server_url()))


@LAYERED_ONLY
def test_the_migrations_apply_and_match_the_models(
    added: tuple[ProjectSpec, Path], database: str
) -> None:
    _, project = added
    cli = [UV, "run", "--no-sync", NAME, "database"]
    upgraded = run([*cli, "upgrade", "--no-prompt"], cwd=project, DATABASE_URL=database)
    for table in ("author", "article", "gadget", "testimonial", "note", "profile"):
        assert f"Create the {table} table" in upgraded.stdout + upgraded.stderr
    checked = run([*cli, "check"], cwd=project, DATABASE_URL=database)
    assert "No new upgrade operations detected" in checked.stdout + checked.stderr
    for step in (["downgrade", "--no-prompt", "base"], ["upgrade", "--no-prompt"], ["check"]):
        run([*cli, *step], cwd=project, DATABASE_URL=database)


def _json(answer: tuple[int, bytes], status: int) -> Any:
    code, body = answer
    assert code == status, body
    return json.loads(body) if body else None


def _exercise(base: str, token: str | None) -> None:
    author = _json(request("POST", base + "/api/authors", {"name": "Ursula"}, token), 201)
    assert author["bio"] is None
    body = {"title": "Earthsea", "published": "1968-11-01", "author_id": author["id"]}
    article = _json(request("POST", base + "/api/articles", body, token), 201)
    assert {k: article[k] for k in body} == body
    listed = _json(request("GET", base + "/api/articles?limit=10", token=token), 200)
    assert [a["id"] for a in listed["items"]] == [article["id"]]
    assert listed["total"] == 1
    url = f"{base}/api/articles/{article['id']}"
    assert _json(request("GET", url, token=token), 200) == article
    changed = _json(request("PATCH", url, {"published": None}, token), 200)
    assert (changed["published"], changed["title"]) == (None, "Earthsea")
    unknown = {**body, "author_id": "2c9d4b4e-3f0a-4a43-9d39-2f1d8d61e8a5"}
    assert request("POST", base + "/api/articles", unknown, token)[0] == 400
    assert request("POST", base + "/api/articles", {**body, "id": article["id"]}, token)[0] == 400
    author_url = f"{base}/api/authors/{author['id']}"
    if token is not None:  # the database refuses to remove an author still referred to
        assert request("DELETE", author_url, token=token)[0] == 409
    assert request("DELETE", url, token=token)[0] == 204
    assert request("GET", url, token=token)[0] == 404
    assert request("DELETE", author_url, token=token)[0] == 204


@EVERY_PRESET
def test_the_new_routes_over_http(added: tuple[ProjectSpec, Path], tmp_path: Path) -> None:
    spec, project = added
    env: dict[str, str] = {}
    if spec.preset == "layered":
        env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'app.sqlite3'}"
        run(
            [UV, "run", "--no-sync", NAME, "database", "upgrade", "--no-prompt"],
            cwd=project,
            env=env,
        )
    port = free_port()
    command = [UV, "run", "--no-sync", NAME, "run", "--port", str(port)]
    with serving(command, project, port, ready_path="/health", env=env) as base:
        document = _json(request("GET", base + "/schema/openapi.json"), 200)
        validate(document)  # openapi-spec-validator: raises on an invalid document
        paths = document["paths"]
        assert {"/api/authors", "/api/articles/{article_id}"} <= set(paths)
        # the added routes document their errors with the error body, inputs are closed
        errors = error_answers(paths["/api/gadgets/{gadget_id}"]["patch"])
        owner = ["401", "403"] if spec.preset == "layered" else []
        assert sorted(errors) == sorted(["400", *owner, "404", "409"])
        assert set(errors.values()) == {ERROR_BODY}
        assert sorted(error_answers(paths["/api/articles"]["get"])) == ["400", *owner[:1]]
        assert set(closed_inputs(document).values()) == {False}, closed_inputs(document)
        token = None
        if spec.preset == "layered":
            credentials = {
                "email": "reader@example.com",
                "password": "correct horse battery staple",
            }
            assert request("POST", base + "/api/access/register", credentials)[0] == 201
            token = _json(request("POST", base + "/api/access/login", credentials), 200)[
                "access_token"
            ]
            assert request("GET", base + "/api/authors")[0] == 401
        _exercise(base, token)


@LAYERED_ONLY
def test_the_new_routes_over_http_on_postgres(added: tuple[ProjectSpec, Path]) -> None:
    _, project = added
    with temporary_database(project) as url:
        env = {"DATABASE_URL": url}
        run(
            [UV, "run", "--no-sync", NAME, "database", "upgrade", "--no-prompt"],
            cwd=project,
            env=env,
        )
        port = free_port()
        command = [UV, "run", "--no-sync", NAME, "run", "--port", str(port)]
        with serving(command, project, port, ready_path="/health", env=env) as base:
            credentials = {"email": "pg@example.com", "password": "correct horse battery staple"}
            assert request("POST", base + "/api/access/register", credentials)[0] == 201
            login = _json(request("POST", base + "/api/access/login", credentials), 200)
            _exercise(base, login["access_token"])
