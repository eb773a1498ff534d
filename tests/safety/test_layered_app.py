"""The generated layered app as it runs in production, on SQLite and on PostgreSQL.

Each project is made by the real command line and installed; each server is the preset's own
command (``uv run demo run``) with ``APP_ENV=production`` and a fresh secret, over real HTTP on
loopback. Unsafe settings are refused at start; security headers, CORS and ``Host`` checks are
read off real answers; tokens expire and forgeries are refused; schemathesis fuzzes the OpenAPI
schema and finds no 5xx, no undocumented status and no valid body refused; several clients at
once lose no write (the rows are counted); on PostgreSQL, the app recovers by itself when the
server drops every connection under load.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import jwt
import pytest

from litestar_new.spec import ProjectSpec, resolve
from tests.support.cli import (
    NAME,
    create_for_module,
    empty_database,
    serve_command,
    uses_postgres,
)
from tests.support.openapi import fuzz
from tests.support.postgres import fetch_value
from tests.support.projects import UV, clean_env, run, spec_id
from tests.support.servers import Reply, exchange, free_port, server_log, serving

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = pytest.mark.smoke

SQLITE = resolve("layered", {})
POSTGRES = resolve("layered", {"db": "postgres"})
BOTH = pytest.mark.parametrize("installed", [SQLITE, POSTGRES], ids=spec_id, indirect=True)
SQLITE_ONLY = pytest.mark.parametrize("installed", [SQLITE], ids=spec_id, indirect=True)
POSTGRES_ONLY = pytest.mark.parametrize("installed", [POSTGRES], ids=spec_id, indirect=True)

PLACEHOLDER = "change-me-to-the-output-of-python-secrets-token-urlsafe-48"
PASSWORD = "correct horse battery staple"  # noqa: S105
ISSUER = NAME  # the `iss` claim: the project's name
TOKEN_MINUTES = 15  # the default lifetime of an access token


@pytest.fixture(scope="module")
def installed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ProjectSpec, Path]:
    return create_for_module(request, tmp_path_factory)


@pytest.fixture
def database(installed: tuple[ProjectSpec, Path], tmp_path: Path) -> Iterator[str]:
    """An empty database, migrated to the project's schema."""
    spec, project = installed
    with empty_database(spec, project, tmp_path) as url:
        run(
            [UV, "run", "--no-sync", NAME, "database", "upgrade", "--no-prompt"],
            cwd=project,
            DATABASE_URL=url,
        )
        yield url


def production(port: int, database: str = "", **extra: str) -> dict[str, str]:
    """A production environment: a fresh secret, the one host name, no debug."""
    env = {
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": f"127.0.0.1:{port}",
        "LOG_LEVEL": "INFO",
    }
    if database:
        env["DATABASE_URL"] = database
    return {**env, **extra}


@dataclass(frozen=True)
class Running:
    base: str
    env: dict[str, str]
    log: Path

    def call(
        self,
        method: str,
        path: str,
        body: object = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        return exchange(method, self.base + path, headers=sent, body=body)

    def server_errors(self) -> list[str]:
        """Lines of the server's log that record an unhandled exception."""
        return [
            line[:2000]
            for line in self.log.read_text().splitlines()
            if "unhandled exception" in line or line.startswith("Traceback")
        ]


@contextmanager
def running(project: Path, database: str, **extra: str) -> Iterator[Running]:
    port = free_port()
    env = production(port, database, **extra)
    command = serve_command(SQLITE, port)  # the same command on every database
    with serving(command, project, port, ready_path="/health", env=env) as base:
        yield Running(base, env, server_log(project, port))


def account(app: Running, email: str) -> tuple[str, str]:
    """Register ``email`` and log in: its id and an access token."""
    credentials = {"email": email, "password": PASSWORD}
    registered = app.call("POST", "/api/access/register", credentials)
    assert registered.status == 201, registered
    login = app.call("POST", "/api/access/login", credentials)
    assert login.status == 200, login
    return registered.json()["id"], login.json()["access_token"]


# --- settings that must not start -------------------------------------------------------------

UNSAFE = {
    "placeholder secret": ({"SECRET_KEY": PLACEHOLDER}, "SECRET_KEY is the placeholder"),
    "placeholder secret, staging": (
        {"SECRET_KEY": PLACEHOLDER, "APP_ENV": "staging"},
        "SECRET_KEY is the placeholder from .env.example (APP_ENV=staging)",
    ),
    "no secret": ({"SECRET_KEY": ""}, "SECRET_KEY is not set"),
    "31-byte secret": ({"SECRET_KEY": "x" * 31}, "SECRET_KEY is shorter than 32 bytes"),
    "debug": ({"DEBUG": "true"}, "DEBUG=true is not allowed with APP_ENV=production"),
    "CORS *": ({"CORS_ALLOW_ORIGINS": "*"}, "CORS_ALLOW_ORIGINS='*' is not allowed"),
    "CORS * among others": (
        {"CORS_ALLOW_ORIGINS": "https://app.example.com, *"},
        "CORS_ALLOW_ORIGINS='*' is not allowed",
    ),
    "no allowed hosts": ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must list"),
    "any host": ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must list"),
    "weak password hashing": (
        {"ARGON2_MEMORY_COST_KIB": "1024"},
        "ARGON2_* costs are below the OWASP floor",
    ),
    "token for a week": ({"ACCESS_TOKEN_EXPIRE_MINUTES": "10080"}, "ACCESS_TOKEN_EXPIRE_MINUTES"),
}


SERVED = ("placeholder secret", "CORS *")  # through the real server command; all in-process too

_REFUSALS = """
import json, os, sys
from demo.app import create_app

answers = {}
for case, changes in json.loads(sys.argv[1]).items():
    saved = dict(os.environ)
    os.environ.update(changes)
    try:
        create_app()
    except SystemExit as exc:
        answers[case] = str(exc.code)
    else:
        answers[case] = "started"
    finally:
        os.environ.clear()
        os.environ.update(saved)
print(json.dumps(answers))
"""


@SQLITE_ONLY
def test_unsafe_production_settings_are_refused_in_one_line(
    installed: tuple[ProjectSpec, Path],
) -> None:
    """Each case through the app factory (one process for all), and two through the server."""
    _, project = installed
    port = free_port()
    cases = {case: changes for case, (changes, _) in UNSAFE.items()}
    shown = run(
        [UV, "run", "--no-sync", "python", "-c", _REFUSALS, json.dumps(cases)],
        cwd=project,
        env=production(port),
    )
    answers = json.loads(shown.stdout.splitlines()[-1])
    for case, (_, expected) in UNSAFE.items():
        assert answers[case].startswith(f"{NAME}: refusing to start: "), (case, answers[case])
        assert expected in answers[case], (case, answers[case])
        assert "\n" not in answers[case]
    for case in SERVED:
        changes, expected = UNSAFE[case]
        result = subprocess.run(
            serve_command(SQLITE, port),
            cwd=project,
            env=clean_env(**{**production(port), **changes}),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode != 0, result.stdout + result.stderr
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert lines, result
        assert lines[-1] == answers[case], result.stderr
        assert "Traceback" not in result.stdout + result.stderr


_DEFAULTS = """
import json
from demo.app import create_app
from demo.settings import Settings

settings = Settings(_env_file=None)
print(json.dumps({
    "app_env": settings.app_env,
    "debug": settings.debug,
    "minutes": settings.access_token_expire_minutes,
    "cors": settings.cors_allow_origins,
    "app_debug": create_app().debug,
}))
"""


@SQLITE_ONLY
def test_debug_is_off_and_production_is_the_default(installed: tuple[ProjectSpec, Path]) -> None:
    _, project = installed
    env = production(free_port())
    env.pop("APP_ENV")
    shown = run([UV, "run", "--no-sync", "python", "-c", _DEFAULTS], cwd=project, env=env)
    assert json.loads(shown.stdout) == {
        "app_env": "production",
        "debug": False,
        "minutes": TOKEN_MINUTES,
        "cors": [],
        "app_debug": False,
    }
    assert "DEBUG=false" in (project / ".env").read_text().splitlines()


# --- headers, CORS and Host over HTTP ---------------------------------------------------------

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "strict-transport-security": "max-age=63072000; includeSubDomains",
}
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
APP_ORIGIN = "https://app.example.com"
EVIL_ORIGIN = "https://evil.example"


def _assert_secure(reply: Reply, csp: str = API_CSP) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert reply.headers.get(name) == value, (name, reply.headers)
    assert reply.headers.get("content-security-policy", "").startswith(csp), reply.headers


def _preflight(app: Running, origin: str) -> Reply:
    return app.call(
        "OPTIONS",
        "/api/books",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


@SQLITE_ONLY
def test_security_headers_cors_and_hosts_over_http(
    installed: tuple[ProjectSpec, Path], database: str
) -> None:
    _, project = installed
    with running(project, database) as app:  # CORS off: no browser origin may call
        for path, status in (("/health", 200), ("/api/books", 401), ("/no-such-route", 404)):
            reply = app.call("GET", path, headers={"Origin": EVIL_ORIGIN})
            assert reply.status == status, reply
            _assert_secure(reply)
            assert "access-control-allow-origin" not in reply.headers
            assert reply.headers["content-type"].startswith("application/json")
        assert app.call("GET", "/api/books").headers["www-authenticate"] == "Bearer"
        docs = app.call("GET", "/schema")
        assert docs.status == 200
        _assert_secure(docs, csp="default-src 'none'; script-src 'self' 'unsafe-inline'; ")
        assert "http" not in docs.headers["content-security-policy"]  # no CDN: works offline
        preflight = _preflight(app, EVIL_ORIGIN)
        assert "access-control-allow-origin" not in preflight.headers, preflight
        for host in ("evil.example", "127.0.0.1", "localhost:1"):
            reply = app.call("GET", "/api/books", headers={"Host": host})
            assert reply.status == 400, (host, reply)
        assert app.call("GET", "/health", headers={"Host": "10.0.0.7"}).status == 200  # probes
        assert app.server_errors() == []

    with running(project, database, CORS_ALLOW_ORIGINS=APP_ORIGIN) as app:
        allowed = _preflight(app, APP_ORIGIN)
        assert allowed.status in {200, 204}, allowed
        assert allowed.headers["access-control-allow-origin"] == APP_ORIGIN
        assert "POST" in allowed.headers["access-control-allow-methods"]
        assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
        refused = _preflight(app, EVIL_ORIGIN)
        assert refused.status == 400, refused
        assert "access-control-allow-origin" not in refused.headers
        simple = app.call("GET", "/health", headers={"Origin": APP_ORIGIN})
        assert simple.headers["access-control-allow-origin"] == APP_ORIGIN
        other = app.call("GET", "/health", headers={"Origin": EVIL_ORIGIN})
        assert other.headers.get("access-control-allow-origin") in {None, APP_ORIGIN}
        assert other.headers.get("access-control-allow-origin") != "*"
        assert app.server_errors() == []


# --- access tokens ----------------------------------------------------------------------------


def _claims(user_id: str, **changes: object) -> dict[str, object]:
    now = int(time.time())
    return {"sub": user_id, "iss": ISSUER, "iat": now, "exp": now + 60, **changes}


@SQLITE_ONLY
def test_access_tokens_expire_and_forgeries_are_refused(
    installed: tuple[ProjectSpec, Path], database: str
) -> None:
    _, project = installed
    with running(project, database) as app:
        key = app.env["SECRET_KEY"]
        user_id, token = account(app, "reader@example.com")
        login = app.call(
            "POST", "/api/access/login", {"email": "reader@example.com", "password": PASSWORD}
        )
        assert login.json()["expires_in"] == TOKEN_MINUTES * 60
        assert login.json()["token_type"] == "bearer"  # noqa: S105
        assert "no-store" in login.headers["cache-control"]
        claims = jwt.decode(token, key, algorithms=["HS256"], issuer=ISSUER)
        assert claims["sub"] == user_id
        assert claims["exp"] - claims["iat"] == TOKEN_MINUTES * 60
        assert abs(claims["iat"] - time.time()) < 120
        assert app.call("GET", "/api/access/me", token=token).status == 200

        now = int(time.time())
        forged = {
            "expired a minute ago": jwt.encode(
                _claims(user_id, iat=now - TOKEN_MINUTES * 60 - 60, exp=now - 60), key
            ),
            "signed with another key": jwt.encode(_claims(user_id), secrets.token_urlsafe(48)),
            "alg none": jwt.encode(_claims(user_id), None, algorithm="none"),
            "another issuer": jwt.encode(_claims(user_id, iss="elsewhere"), key),
            "no expiry": jwt.encode({k: v for k, v in _claims(user_id).items() if k != "exp"}, key),
            "unknown user": jwt.encode(_claims("8b5e6a52-0d2c-4c57-9c5e-6f3e4f7a1b2c"), key),
            "not a user id": jwt.encode(_claims("admin"), key),
            "tampered payload": token.rsplit(".", 1)[0][:-2] + "xx." + token.rsplit(".", 1)[1],
        }
        for case, bad in forged.items():
            reply = app.call("GET", "/api/access/me", token=bad)
            assert reply.status == 401, (case, reply)
            assert reply.headers["www-authenticate"] == "Bearer"
        # the control: the same claims with the right key and a live expiry are accepted
        assert (
            app.call("GET", "/api/access/me", token=jwt.encode(_claims(user_id), key)).status == 200
        )
        assert app.server_errors() == []


# --- bodies nested too deeply -------------------------------------------------------------------

TOO_DEEP = 1_000  # msgspec gives up decoding near 1,000 levels (a RecursionError)


@SQLITE_ONLY
def test_json_nested_too_deeply_is_a_client_error(
    installed: tuple[ProjectSpec, Path], database: str
) -> None:
    """400 on a route without a token and on one with; 900 levels still decode (and fail
    validation, 400 too); no unhandled exception is logged and the server keeps serving."""
    _, project = installed
    with running(project, database) as app:
        _, token = account(app, "deep@example.com")
        for depth in (TOO_DEEP, 900, 100_000):
            body = ("[" * depth + "]" * depth).encode()
            for path, bearer in (("/api/access/register", None), ("/api/books", token)):
                reply = app.call("POST", path, body, token=bearer)
                assert reply.status == 400, (depth, path, reply)
                nested = reply.json()["detail"] == "The request body is nested too deeply"
                assert nested is (depth != 900), (depth, path, reply)
        assert app.call("GET", "/api/books", token=token).status == 200
        assert app.server_errors() == []


# --- fuzzing ----------------------------------------------------------------------------------


@BOTH
def test_schemathesis_finds_no_server_error_nor_undocumented_answer(
    installed: tuple[ProjectSpec, Path], database: str, tmp_path: Path
) -> None:
    _, project = installed
    with running(project, database) as app:
        _, token = account(app, "fuzzer@example.com")
        fuzz(
            app.base,
            tmp_path,
            "--header", f"Authorization: Bearer {token}",
            "--report", "junit", "--report-dir", str(tmp_path / "report"),
        )  # fmt: skip
        assert app.server_errors() == []


# --- concurrent load --------------------------------------------------------------------------

CLIENTS = 8
BOOKS = 30  # each client's
PATCHED = 5
DELETED = 5


def _client(app: Running, index: int) -> dict[str, int]:
    """One client's session: register, log in, write books, change some, remove some, read."""
    _, token = account(app, f"client-{index}@example.com")
    seen: dict[str, int] = {}
    ids = []
    for number in range(BOOKS):
        started = time.monotonic()
        reply = app.call(
            "POST", "/api/books", {"title": f"Book {index}.{number}", "author": "Load"}, token
        )
        assert reply.status == 201, (reply, time.monotonic() - started)
        ids.append(reply.json()["id"])
    for book_id in ids[:PATCHED]:
        reply = app.call("PATCH", f"/api/books/{book_id}", {"title": "Changed"}, token)
        assert (reply.status, reply.json()["title"]) == (200, "Changed"), reply
    for book_id in ids[-DELETED:]:
        assert app.call("DELETE", f"/api/books/{book_id}", token=token).status == 204
    listed = app.call("GET", "/api/books?limit=100", token=token)
    assert listed.status == 200, listed
    page = listed.json()
    seen["total"] = page["total"]
    seen["changed"] = sum(item["title"] == "Changed" for item in page["items"])
    seen["requests"] = 3 + BOOKS + PATCHED + DELETED
    return seen


def _count(spec: ProjectSpec, project: Path, database: str, table: str) -> int:
    query = f"SELECT count(*) FROM {table}"  # noqa: S608 - a fixed table name
    if uses_postgres(spec):
        value = fetch_value(project, database, query)
        assert isinstance(value, int)
        return value
    path = database.removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(path) as connection:
        (value,) = connection.execute(query).fetchone()
    return int(value)


@BOTH
def test_concurrent_clients_lose_no_write(
    installed: tuple[ProjectSpec, Path], database: str
) -> None:
    spec, project = installed
    with running(project, database) as app, ThreadPoolExecutor(CLIENTS) as pool:
        # the same account registered by every client at once: one wins, the others get 409
        credentials = {"email": "race@example.com", "password": PASSWORD}
        race = list(
            pool.map(
                lambda _: app.call("POST", "/api/access/register", credentials).status,
                range(CLIENTS),
            )
        )
        assert sorted(race) == [201] + [409] * (CLIENTS - 1), race
        sessions = list(pool.map(lambda index: _client(app, index), range(CLIENTS)))
        assert app.server_errors() == []
    kept = BOOKS - DELETED
    assert [s["total"] for s in sessions] == [kept] * CLIENTS
    assert [s["changed"] for s in sessions] == [PATCHED] * CLIENTS
    assert sum(s["requests"] for s in sessions) + CLIENTS >= 300
    assert _count(spec, project, database, "book") == kept * CLIENTS
    assert _count(spec, project, database, "user_account") == CLIENTS + 1


# --- the database drops every connection --------------------------------------------------------

POOL_SIZE = 10  # the generated DATABASE_POOL_SIZE
READS = 60  # each client's


@POSTGRES_ONLY
def test_requests_recover_when_the_database_drops_every_connection(
    installed: tuple[ProjectSpec, Path], database: str
) -> None:
    """No ``pool_pre_ping``, and no restart: PostgreSQL terminates the app's connections in the
    middle of a load; a request that meets a dropped connection is a 503, SQLAlchemy invalidates
    the pool, and every request after the load succeeds on new connections."""
    _, project = installed
    name = database.rpartition("/")[2]
    terminate = (
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "  # noqa: S608
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )
    with running(project, database) as app, ThreadPoolExecutor(CLIENTS) as pool:
        _, token = account(app, "reader@example.com")
        started = time.monotonic()

        dropped = threading.Event()

        def reads(_: int) -> list[int]:
            """Read until the connections were dropped, then READS more: the drop is mid-load
            however fast the app serves (a fixed sleep let a fast app finish first, so the drop
            hit idle connections and the first request after the load met one)."""
            statuses = []
            while not dropped.is_set() and time.monotonic() - started < 60:
                statuses.append(app.call("GET", "/api/books", token=token).status)
            statuses += [app.call("GET", "/api/books", token=token).status for _ in range(READS)]
            return statuses

        load = [pool.submit(reads, index) for index in range(CLIENTS)]
        time.sleep(0.5)
        terminated = fetch_value(project, database, terminate)
        dropped.set()
        statuses = [status for future in load for status in future.result()]
        assert time.monotonic() - started < 120
        after = [app.call("GET", "/api/books", token=token).status for _ in range(20)]
        after.append(app.call("GET", "/health").status)
        after.append(app.call("POST", "/api/books", {"title": "T", "author": "A"}, token).status)

    assert isinstance(terminated, int)
    assert terminated >= 1, "no connection of the app was open mid-load"
    assert set(statuses) <= {200, 503}, statuses
    # each connection open at the time fails at most one request
    assert statuses.count(503) <= POOL_SIZE, statuses
    assert after == [200] * 21 + [201], after
