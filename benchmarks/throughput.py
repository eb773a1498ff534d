"""Throughput, cold start and test-suite time of the generated apps, against bare Litestar and FastAPI.

Run by hand (never in the test suite), from the repository with its venv::

    .venv/bin/python benchmarks/throughput.py [--rounds 5] [--duration 10] [--json out.json]

In a temporary folder it creates, with the installed ``litestar-new`` (``--yes --no-git``, install
on), the ``script``, ``api`` and ``layered`` presets each on granian and on uvicorn, all named
``shop``. It seeds one database (``--db``: a SQLite file, or a PostgreSQL database of its own; the
layered project's migrations, then a user registered and logged in over HTTP, then 20 books), and
serves from it, each on both servers: the generated layered app; from the layered project's venv,
plain Litestar doing the same work through SQLAlchemy's ORM session (``benchmarks/litestar_app.py``,
the control), the SQLAlchemy Core floor doing it on SQLAlchemy's async engine alone
(``benchmarks/sqlalchemy_core_app.py``, the least any app on SQLAlchemy can do) and, on PostgreSQL,
the raw-driver limit doing it on asyncpg alone (``benchmarks/raw_app.py``); and FastAPI doing the
same work (``benchmarks/fastapi_app.py``, its own venv with the same SQLAlchemy, driver, PyJWT,
uvicorn and granian versions as the generated projects) on uvicorn and, for reference, on granian.
The generated ``api`` app gets 20 books over HTTP after each start (its store is in memory).

Each server runs directly, one worker, access log off (``granian --interface asgi --workers 1``,
``uvicorn --no-access-log --workers 1``); the generated apps with ``APP_ENV=production``, a real
``SECRET_KEY`` and ``ALLOWED_HOSTS``. Two more contenders serve the layered app through the
project's own ``shop run`` command, as its README starts it. ``wrk`` loads each route after a short
warm-up; every contender is started, measured and stopped in turn, and the rounds rotate the order,
so that ratios are taken between figures of the same round. Bytecode is compiled first everywhere
(this machine sets PYTHONDONTWRITEBYTECODE; users' installs have bytecode). Results go to stdout as
Markdown, raw samples to ``--json``. Without ``wrk`` on the PATH the throughput part is skipped.

``--smoke`` (what the test suite runs) checks that the script runs, in seconds: it creates the
projects without installing them, loads nothing, and times one generation.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from litestar_new.spec import feature

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

BIN = Path(sys.executable).parent
LITESTAR_NEW = str(BIN / "litestar-new")
UV = str(BIN / "uv")
HERE = Path(__file__).resolve().parent
NAME = "shop"  # every project: the layered apps then share the token issuer (`iss`)
SERVERS = ("granian", "uvicorn")
PRESETS = ("script", "api", "layered")
HEALTH = "/health"
BOOKS = "/api/books?limit=20"
BOOK_COUNT = 20
EMAIL = "reader@example.com"
PASSWORD = "correct horse battery staple"  # a benchmark account, local only


@dataclass(frozen=True)
class Contender:
    """One server process to start, load and stop, once per round."""

    key: str
    label: str
    cwd: Path
    command: Callable[[int], list[str]]
    """The command line, given the port."""
    env: Callable[[int], dict[str, str]]
    routes: tuple[str, ...]
    ready: str = HEALTH
    seed_books: bool = False
    """The app keeps its books in memory: POST them after each start."""


@dataclass
class Sample:
    rps: float
    requests: int
    non_2xx: int
    socket_errors: int
    p50_ms: float
    p99_ms: float
    load: float
    rss_mib: float = float("nan")
    """Resident memory of the server's processes (all of its process group) after the load."""


@dataclass
class Results:
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    """Per ``contender key + route``: one sample per round, in round order."""
    rounds_load: list[tuple[float, float]] = field(default_factory=list)
    timings: dict[str, list[float]] = field(default_factory=dict)
    uptime: list[str] = field(default_factory=list)


# --- processes -------------------------------------------------------------------------------


def base_env() -> dict[str, str]:
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("VIRTUAL_ENV", None)
    return env


def run(args: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        list(args), cwd=cwd, env=env or base_env(), capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"failed ({result.returncode}): {' '.join(args)}\n{result.stdout}{result.stderr}")


def timed(args: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    run(args, cwd, env)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http(
    method: str, url: str, body: dict[str, Any] | None = None, token: str | None = None
) -> tuple[int, Any]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


class Server:
    """A server process in its own process group, stopped with the group."""

    def __init__(self, contender: Contender, log_dir: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log_dir / f"{contender.key}.log"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                contender.command(self.port),
                cwd=contender.cwd,
                env={**base_env(), **contender.env(self.port)},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 90
        while True:
            if self.process.poll() is not None:
                tail = self.log.read_text(errors="replace")[-3000:]
                sys.exit(f"{contender.key} exited ({self.process.returncode}):\n{tail}")
            try:
                if http("GET", self.base + contender.ready)[0] == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                sys.exit(f"{contender.key} did not answer {contender.ready} in 90 s")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def group_rss_mib(group: int) -> float:
    """Resident memory of every process of a process group (granian: parent and worker)."""
    total_kib = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != group:  # pgrp
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        total_kib += int(match.group(1)) if match else 0
    return total_kib / 1024


# --- wrk -------------------------------------------------------------------------------------


def _ms(text: str) -> float:
    value = float(re.sub(r"[a-z]+$", "", text))
    if text.endswith("us"):
        return value / 1000
    if text.endswith("ms"):
        return value
    if text.endswith("m"):
        return value * 60_000
    return value * 1000  # seconds


def wrk(
    url: str, token: str | None, args: argparse.Namespace, duration: int, connections: int
) -> Sample:
    headers = ["-H", f"Authorization: Bearer {token}"] if token else []
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{connections}",
        "--timeout",
        "10s",
        f"-d{duration}s",
        "--latency",
        *headers,
        url,
    ]
    load = os.getloadavg()[0]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    if rps is None or total is None:
        sys.exit(f"cannot read wrk's output:\n{out}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    p50 = re.search(r"\s50%\s+(\S+)", out)
    p99 = re.search(r"\s99%\s+(\S+)", out)
    return Sample(
        rps=float(rps.group(1)),
        requests=int(total.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
        p50_ms=_ms(p50.group(1)) if p50 else float("nan"),
        p99_ms=_ms(p99.group(1)) if p99 else float("nan"),
        load=load,
    )


# --- set-up ----------------------------------------------------------------------------------


def compile_bytecode(python: Path, *paths: Path) -> None:
    """What a normal install has; PYTHONDONTWRITEBYTECODE here would leave none."""
    run([str(python), "-m", "compileall", "-q", "-j", "2", *map(str, paths)], Path.cwd())


def site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def versions(python: Path, *names: str) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json, sys; "
        "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    )
    out = subprocess.run(
        [str(python), "-c", code, *names], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, str] = json.loads(out)
    return result


def create_projects(
    root: Path, env: dict[str, str], db: str, *, install: bool = True
) -> dict[str, Path]:
    projects = {}
    for preset in PRESETS:
        for server in SERVERS:
            folder = root / f"{preset}-{server}"
            folder.mkdir()
            options = ["--preset", preset, "--server", server, "--yes", "--no-git"]
            if preset == "layered":
                options += ["--db", db]
            if not install:
                options.append("--no-install")
            run([LITESTAR_NEW, NAME, *options], folder, env)
            project = folder / NAME
            projects[f"{preset}-{server}"] = project
            if not install:
                continue
            sources = project / "src" if preset != "script" else project / "app.py"
            compile_bytecode(project / ".venv" / "bin" / "python", site_packages(project / ".venv"))
            compile_bytecode(project / ".venv" / "bin" / "python", sources)
    return projects


def create_other_apps(
    root: Path, projects: dict[str, Path], db: str
) -> tuple[Path, Path, dict[str, str]]:
    """The FastAPI venv (pinned like the generated projects) and the folder of the other apps."""
    apps = root / "apps"
    apps.mkdir()
    shared = "litestar_same_work.py"  # the Litestar controls' answers and token check
    for name in (
        "fastapi_app.py",
        "litestar_app.py",
        "raw_app.py",
        "sqlalchemy_core_app.py",
        shared,
    ):
        shutil.copy(HERE / name, apps / name)
    layered = projects["layered-granian"] / ".venv" / "bin" / "python"
    driver = "asyncpg" if db == "postgres" else "aiosqlite"
    pins = versions(layered, "sqlalchemy", driver, "pyjwt", "greenlet", "granian")
    pins.update(
        versions(projects["layered-uvicorn"] / ".venv" / "bin" / "python", "uvicorn", "uvloop")
    )
    venv = root / "fastapi-venv"
    run([UV, "venv", "-q", "--python", str(layered.resolve()), str(venv)], root)
    requirements = ["fastapi", *(f"{name}=={version}" for name, version in pins.items())]
    requirements = [r.replace("uvicorn==", "uvicorn[standard]==") for r in requirements]
    run([UV, "pip", "install", "-q", "--python", str(venv / "bin" / "python"), *requirements], root)
    compile_bytecode(venv / "bin" / "python", site_packages(venv), apps)
    installed = versions(venv / "bin" / "python", "fastapi", "starlette", "pydantic", *pins)
    return venv, apps, installed


def seed(project: Path, database_url: str, secret: str, log_dir: Path) -> str:
    """Migrate the shared database, register and log in over HTTP, add the books: the token."""
    shop = str(project / ".venv" / "bin" / NAME)
    env = {
        **base_env(),
        "APP_ENV": "production",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
    }
    run([shop, "database", "upgrade", "--no-prompt"], project, env)
    seeder = Contender(
        key="seed",
        label="seed",
        cwd=project,
        command=served("granian", project / ".venv", f"{NAME}.app:create_app"),
        # the token outlives the whole run (the generated default is 15 minutes)
        env=lambda port: {
            **layered_env(secret, database_url, port),
            "ACCESS_TOKEN_EXPIRE_MINUTES": "1440",
        },
        routes=(),
    )
    server = Server(seeder, log_dir)
    try:
        account = {"email": EMAIL, "password": PASSWORD}
        status, body = http("POST", server.base + "/api/access/register", account)
        if status != 201:
            sys.exit(f"register answered {status}: {body}")
        status, body = http("POST", server.base + "/api/access/login", account)
        if status != 200:
            sys.exit(f"login answered {status}: {body}")
        token = str(body["access_token"])
        for number in range(BOOK_COUNT):
            book = {
                "title": f"Book {number}",
                "author": "Benchmark",
                "isbn": f"97800000000{number:02d}",
            }
            status, body = http("POST", server.base + "/api/books", book, token)
            if status != 201:
                sys.exit(f"creating a book answered {status}: {body}")
    finally:
        server.stop()
    return token


# --- contenders ------------------------------------------------------------------------------


def granian(venv: Path, target: str, port: int, *, factory: bool) -> list[str]:
    command = [str(venv / "bin" / "granian"), "--interface", "asgi", "--workers", "1"]
    command += ["--no-access-log", "--host", "127.0.0.1", "--port", str(port)]
    return [*command, "--factory", target] if factory else [*command, target]


def uvicorn(venv: Path, target: str, port: int, *, factory: bool) -> list[str]:
    command = [str(venv / "bin" / "uvicorn"), "--no-access-log", "--workers", "1"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    return [*command, "--factory", target] if factory else [*command, target]


def served(
    server: str, venv: Path, target: str, *, factory: bool = True
) -> Callable[[int], list[str]]:
    serve = {"granian": granian, "uvicorn": uvicorn}[server]
    return lambda port: serve(venv, target, port, factory=factory)


def project_run(project: Path) -> Callable[[int], list[str]]:
    """The project's own ``run`` command, as its README starts it (without ``--reload``)."""
    shop = str(project / ".venv" / "bin" / NAME)
    return lambda port: [shop, "run", "--host", "127.0.0.1", "--port", str(port)]


def fixed(values: dict[str, str]) -> Callable[[int], dict[str, str]]:
    return lambda _: values


def layered_env(secret: str, database_url: str, port: int) -> dict[str, str]:
    return {
        "APP_ENV": "production",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": f"127.0.0.1:{port}",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
    }


def contenders(
    projects: dict[str, Path],
    fastapi_venv: Path,
    apps: Path,
    secret: str,
    database_url: str,
    *,
    db: str,
) -> list[Contender]:
    result: list[Contender] = []
    same_work = {"SECRET_KEY": secret, "TOKEN_ISSUER": NAME, "DATABASE_URL": database_url}
    target = f"{NAME}.app:create_app"

    def layered(port: int) -> dict[str, str]:
        return layered_env(secret, database_url, port)

    def api(port: int) -> dict[str, str]:
        return {"APP_ENV": "production", "ALLOWED_HOSTS": f"127.0.0.1:{port}"}

    for server in SERVERS:
        venvs = {preset: projects[f"{preset}-{server}"] / ".venv" for preset in PRESETS}
        result += [
            Contender(
                f"script-{server}",
                f"bare script ({server})",
                projects[f"script-{server}"],
                served(server, venvs["script"], "app:app", factory=False),
                fixed({}),
                routes=("/",),
                ready="/",
            ),
            Contender(
                f"api-{server}",
                f"api ({server})",
                projects[f"api-{server}"],
                served(server, venvs["api"], target),
                api,
                routes=(HEALTH, BOOKS),
                seed_books=True,
            ),
            Contender(
                f"layered-{server}",
                f"layered ({server})",
                projects[f"layered-{server}"],
                served(server, venvs["layered"], target),
                layered,
                routes=(HEALTH, BOOKS),
            ),
            Contender(
                f"layered-run-{server}",
                f"layered through `{NAME} run` ({server})",
                projects[f"layered-{server}"],
                project_run(projects[f"layered-{server}"]),
                layered,
                routes=(HEALTH, BOOKS),
            ),
            Contender(
                f"control-{server}",
                f"plain Litestar, same work ({server})",
                apps,
                # the layered project's venv: the same Litestar, SQLAlchemy, aiosqlite, PyJWT
                served(server, venvs["layered"], "litestar_app:create_app"),
                fixed(same_work),
                routes=(HEALTH, BOOKS),
            ),
            Contender(
                f"core-{server}",
                f"SQLAlchemy Core floor, same work ({server})",
                apps,
                # the layered project's venv: the same Litestar, SQLAlchemy, driver, PyJWT
                served(server, venvs["layered"], "sqlalchemy_core_app:create_app"),
                fixed(same_work),
                routes=(HEALTH, BOOKS),
            ),
            Contender(
                f"fastapi-{server}",
                f"FastAPI, same work ({server})",
                apps,
                served(server, fastapi_venv, "fastapi_app:create_app"),
                fixed(same_work),
                routes=(HEALTH, BOOKS),
            ),
        ]
        if db == "postgres":
            result.append(
                Contender(
                    f"raw-{server}",
                    f"raw asyncpg Litestar, same work ({server})",
                    apps,
                    # the layered project's venv: the same Litestar, asyncpg, PyJWT, msgspec
                    served(server, venvs["layered"], "raw_app:create_app"),
                    fixed(same_work),
                    routes=(HEALTH, BOOKS),
                )
            )
    return result


def check_answers(server: Server, contender: Contender, token: str) -> None:
    """The first time a contender runs: every route answers 200 with the expected body."""
    for route in contender.routes:
        status, body = http("GET", server.base + route, token=token)
        if status != 200:
            sys.exit(f"{contender.key} {route} answered {status}: {body}")
        if route == BOOKS and (body["total"] != BOOK_COUNT or len(body["items"]) != BOOK_COUNT):
            sys.exit(f"{contender.key} {route}: expected {BOOK_COUNT} books, got {body}")


def series(key: str, route: str, connections: int) -> str:
    """The name of one series of samples: a contender's route at one number of connections."""
    return f"{key} {route} c{connections}"


def rotate(items: list[Contender], by: int) -> Iterator[Contender]:
    for index in range(len(items)):
        yield items[(index + by) % len(items)]


def measure_throughput(
    items: list[Contender], token: str, args: argparse.Namespace, log_dir: Path, results: Results
) -> None:
    checked: set[str] = set()
    for number in range(args.rounds):
        load_start = os.getloadavg()[0]
        for contender in rotate(items, number * max(1, len(items) // args.rounds)):
            server = Server(contender, log_dir)
            try:
                if contender.seed_books:
                    for index in range(BOOK_COUNT):
                        book = {"title": f"Book {index}", "author": "Benchmark"}
                        http("POST", server.base + "/api/books", book)
                if contender.key not in checked:
                    check_answers(server, contender, token)
                    checked.add(contender.key)
                for route in contender.routes:
                    url = server.base + route
                    bearer = token if route == BOOKS else None
                    for connections in args.connections:
                        wrk(url, bearer, args, args.warmup, connections)
                        sample = wrk(url, bearer, args, args.duration, connections)
                        sample.rss_mib = group_rss_mib(server.process.pid)
                        key = series(contender.key, route, connections)
                        results.samples.setdefault(key, []).append(sample)
                        print(
                            f"round {number + 1} {contender.key:>20} {route:<20} "
                            f"-c{connections:<4} {sample.rps:>9.0f} req/s "
                            f"p50 {sample.p50_ms:.1f} p99 {sample.p99_ms:.1f} ms "
                            f"errors {sample.non_2xx + sample.socket_errors} "
                            f"rss {sample.rss_mib:.0f} MiB load {sample.load:.2f}",
                            file=sys.stderr,
                            flush=True,
                        )
            finally:
                server.stop()
        results.rounds_load.append((load_start, os.getloadavg()[0]))


# --- start-up, tests, generation -------------------------------------------------------------


def measure_startup(
    projects: dict[str, Path], args: argparse.Namespace, results: Results, home: Path
) -> None:
    env = {**base_env(), "LITESTAR_NEW_HOME": str(home)}
    for _ in range(args.startup_runs):  # interleaved, project by project
        for key, project in projects.items():
            python = str(project / ".venv" / "bin" / "python")
            code = (
                "import app"
                if key.startswith("script")
                else f"import {NAME}.app; {NAME}.app.create_app()"
            )
            results.timings.setdefault(f"cold start {key}", []).append(
                timed([python, "-c", code], project)
            )
    for _ in range(args.suite_runs):
        for preset in PRESETS:
            project = projects[f"{preset}-{feature('server').defaults[preset]}"]
            results.timings.setdefault(f"tests {preset}", []).append(
                timed([UV, "run", "pytest"], project)
            )
    for _ in range(args.generate_runs):
        with tempfile.TemporaryDirectory() as folder:
            results.timings.setdefault("generate layered", []).append(
                timed(
                    [LITESTAR_NEW, "x", "--preset", "layered", "--yes", "--no-install", "--no-git"],
                    Path(folder),
                    env,
                )
            )


# --- report ----------------------------------------------------------------------------------


def spread(values: Sequence[float], fmt: str = "{:,.0f}") -> str:
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def ratio_of(results: Results, top: str, bottom: str) -> list[float]:
    """Per-round ratios of two series measured in the same rounds."""
    pairs = zip(results.samples[top], results.samples[bottom], strict=True)
    return [a.rps / b.rps for a, b in pairs]


RATIOS = (
    ("layered `/health` / raw asyncpg same work", "layered-{s} /health", "raw-{s} /health"),
    (
        "layered `/api/books` / raw asyncpg same work",
        f"layered-{{s}} {BOOKS}",
        f"raw-{{s}} {BOOKS}",
    ),
    ("layered `/health` / FastAPI on uvicorn", "layered-{s} /health", "fastapi-uvicorn /health"),
    (
        "layered `/api/books` / FastAPI on uvicorn",
        f"layered-{{s}} {BOOKS}",
        f"fastapi-uvicorn {BOOKS}",
    ),
    ("layered `/health` / plain Litestar same work", "layered-{s} /health", "control-{s} /health"),
    (
        "layered `/api/books` / plain Litestar same work",
        f"layered-{{s}} {BOOKS}",
        f"control-{{s}} {BOOKS}",
    ),
    ("plain Litestar `/api/books` / raw asyncpg", f"control-{{s}} {BOOKS}", f"raw-{{s}} {BOOKS}"),
    ("SQLAlchemy Core floor `/health` / raw asyncpg", "core-{s} /health", "raw-{s} /health"),
    (
        "SQLAlchemy Core floor `/api/books` / raw asyncpg",
        f"core-{{s}} {BOOKS}",
        f"raw-{{s}} {BOOKS}",
    ),
    ("layered `/health` / SQLAlchemy Core floor", "layered-{s} /health", "core-{s} /health"),
    (
        "layered `/api/books` / SQLAlchemy Core floor",
        f"layered-{{s}} {BOOKS}",
        f"core-{{s}} {BOOKS}",
    ),
    ("layered `/health` / FastAPI, same server", "layered-{s} /health", "fastapi-{s} /health"),
    (
        "layered `/api/books` / FastAPI, same server",
        f"layered-{{s}} {BOOKS}",
        f"fastapi-{{s}} {BOOKS}",
    ),
    ("api `/health` / bare `/`", "api-{s} /health", "script-{s} /"),
    ("`run` `/health` / direct", "layered-run-{s} /health", "layered-{s} /health"),
    ("`run` `/api/books` / direct", f"layered-run-{{s}} {BOOKS}", f"layered-{{s}} {BOOKS}"),
)
"""Label, numerator, denominator; ``{s}`` is each server in turn."""


def report_setup(results: Results, args: argparse.Namespace, info: dict[str, Any]) -> None:
    cpu = platform.processor() or platform.machine()
    counts = ", ".join(str(c) for c in args.connections)
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores ({cpu}); "
        f"wrk -t{args.threads} -c{{{counts}}} -d{args.duration}s after a "
        f"{args.warmup}s warm-up, {args.rounds} rounds interleaved; one worker, access log off.\n"
    )
    for line in results.uptime:
        print(f"- `uptime`: {line}")
    if results.rounds_load:
        loads = ", ".join(f"{a:.1f}->{b:.1f}" for a, b in results.rounds_load)
        print(f"- 1-minute load at the start and end of each round: {loads}")
    print(f"- versions: {json.dumps(info)}\n")


def report_throughput(results: Results, items: list[Contender], counts: list[int]) -> None:
    print(
        "| app (server) | route | connections | req/s median (min-max) | p50 ms | p99 ms "
        "| p99/p50 | errors | RSS MiB |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for contender in items:
        for route in contender.routes:
            for connections in counts:
                samples = results.samples[series(contender.key, route, connections)]
                p50 = statistics.median(s.p50_ms for s in samples)
                p99 = statistics.median(s.p99_ms for s in samples)
                print(
                    f"| {contender.label} | `{route}` | {connections} "
                    f"| {spread([s.rps for s in samples])} | {p50:.1f} | {p99:.1f} "
                    f"| {p99 / p50 if p50 else float('nan'):.1f} "
                    f"| {sum(s.non_2xx + s.socket_errors for s in samples)} "
                    f"| {statistics.median(s.rss_mib for s in samples):.0f} |"
                )


def report_collapse(results: Results, items: list[Contender], counts: list[int]) -> None:
    """Each connection count's throughput over the best count of the same round."""
    if len(counts) < 2:
        return
    print("\nThroughput over the best connection count of the same round, median (min-max):\n")
    print(f"| app (server) | route | {' | '.join(f'-c{c}' for c in counts)} |")
    print(f"| --- | --- |{' --- |' * len(counts)}")
    for contender in items:
        for route in contender.routes:
            rows = [results.samples[series(contender.key, route, c)] for c in counts]
            best = [max(round_.rps for round_ in column) for column in zip(*rows, strict=True)]
            cells = [
                spread([sample.rps / top for sample, top in zip(row, best, strict=True)], "{:.2f}")
                for row in rows
            ]
            print(f"| {contender.label} | `{route}` | {' | '.join(cells)} |")


def report_ratios(results: Results, items: list[Contender], counts: list[int]) -> None:
    for connections in counts:
        print(f"\nRatios at {connections} connections, per round, then median (min-max):\n")
        print("| ratio | granian | uvicorn |")
        print("| --- | --- | --- |")
        for label, top, bottom in RATIOS:
            cells = []
            for server in SERVERS:
                high = f"{top.format(s=server)} c{connections}"
                low = f"{bottom.format(s=server)} c{connections}"
                known = {high, low} <= results.samples.keys()
                cells.append(spread(ratio_of(results, high, low), "{:.2f}") if known else "-")
            if cells != ["-", "-"]:
                print(f"| {label} | {cells[0]} | {cells[1]} |")
        print("\n| granian / uvicorn, same app and route | ratio | RSS MiB (granian / uvicorn) |")
        print("| --- | --- | --- |")
        for contender in items:
            other = contender.key.removesuffix("-granian") + "-uvicorn"
            for route in contender.routes:
                mine = series(contender.key, route, connections)
                theirs = series(other, route, connections)
                if contender.key.endswith("-granian") and theirs in results.samples:
                    values = ratio_of(results, mine, theirs)
                    rss = [
                        statistics.median(s.rss_mib for s in results.samples[key])
                        for key in (mine, theirs)
                    ]
                    name = contender.label.removesuffix(" (granian)")
                    print(
                        f"| {name} `{route}` | {spread(values, '{:.2f}')} "
                        f"| {rss[0]:.0f} / {rss[1]:.0f} |"
                    )


def report_timings(results: Results) -> None:
    print("\n| what | median | min-max | runs |")
    print("| --- | --- | --- | --- |")
    for label, values in results.timings.items():
        low, high = min(values), max(values)
        median = statistics.median(values)
        print(f"| {label} | {median:.3f} s | {low:.3f}-{high:.3f} s | {len(values)} |")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per route")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of load before each")
    parser.add_argument(
        "--connections",
        type=lambda text: [int(part) for part in text.split(",")],
        default=[64],
        help="wrk's connections; comma-separated to measure several (16,64,256)",
    )
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--startup-runs", type=int, default=10)
    parser.add_argument("--suite-runs", type=int, default=3)
    parser.add_argument("--generate-runs", type=int, default=5)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "LITESTAR_NEW_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
        help="a server where the benchmark may create and drop a database of its own",
    )
    parser.add_argument("--only", help="comma-separated contender keys (default: all)")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--json", type=Path, help="write the raw samples here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--smoke", action="store_true", help="nothing installed or loaded: that the script runs"
    )
    args = parser.parse_args()
    if args.smoke:
        args.skip_throughput = True
        args.startup_runs = args.suite_runs = 0
        args.generate_runs = 1
    return args


def cleanup(root: Path, *, keep: bool) -> None:
    if keep:
        print(f"kept {root}", file=sys.stderr)
    else:
        shutil.rmtree(root, ignore_errors=True)


def create_database(root: Path, args: argparse.Namespace, stack: contextlib.ExitStack) -> str:
    """The database every app serves from: a SQLite file, or a PostgreSQL database of its own."""
    if args.db == "sqlite":
        (root / "data").mkdir()
        return f"sqlite+aiosqlite:///{root / 'data' / 'shop.sqlite3'}"
    admin = urllib.parse.urlsplit(str(args.postgres_url))
    name = f"litestar_new_bench_{secrets.token_hex(4)}"
    psql = ["psql", "-q", "-v", "ON_ERROR_STOP=1", args.postgres_url, "-c"]
    run([*psql, f"CREATE DATABASE {name}"], root)
    stack.callback(run, [*psql, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], root)
    return urllib.parse.urlunsplit(admin._replace(scheme="postgresql+asyncpg", path=f"/{name}"))


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()


def write_json(path: Path, results: Results, info: dict[str, Any]) -> None:
    raw = {
        "samples": {key: [vars(s) for s in values] for key, values in results.samples.items()},
        "timings": results.timings,
        "rounds_load": results.rounds_load,
        "uptime": results.uptime,
        "versions": info,
    }
    path.write_text(json.dumps(raw, indent=2))


def main() -> None:
    args = parse_args()
    if not args.skip_throughput and shutil.which("wrk") is None:
        print("throughput skipped: wrk is not on the PATH (apt-get install wrk)", file=sys.stderr)
        args.skip_throughput = True
    if not args.smoke:
        compile_bytecode(Path(sys.executable), Path(sys.executable).parents[1], HERE.parent / "src")
    results = Results(uptime=[uptime()])
    root = Path(tempfile.mkdtemp(prefix="litestar-new-throughput-"))
    print(f"working in {root}", file=sys.stderr)
    with contextlib.ExitStack() as stack:
        stack.callback(cleanup, root, keep=args.keep)
        home = root / "home"
        env = {**base_env(), "LITESTAR_NEW_HOME": str(home)}
        projects = create_projects(root, env, args.db, install=not args.smoke)
        info: dict[str, str] = {}
        if not args.smoke:  # the other apps' venv, and the versions every app serves with
            fastapi_venv, apps, info = create_other_apps(root, projects, args.db)
            layered_python = projects["layered-granian"] / ".venv" / "bin" / "python"
            info |= versions(layered_python, "litestar", "advanced-alchemy", "litestar-granian")
        log_dir = root / "logs"
        log_dir.mkdir()
        items: list[Contender] = []
        if not args.skip_throughput:
            secret = secrets.token_urlsafe(48)
            database_url = create_database(root, args, stack)
            token = seed(projects["layered-granian"], database_url, secret, log_dir)
            items = contenders(projects, fastapi_venv, apps, secret, database_url, db=args.db)
            if args.only:
                items = [c for c in items if c.key in set(args.only.split(","))]
            measure_throughput(items, token, args, log_dir, results)
        if not args.skip_startup:
            measure_startup(projects, args, results, home)
        results.uptime.append(uptime())
        if args.json:
            write_json(args.json, results, info)
        report_setup(results, args, info)
        if items:
            report_throughput(results, items, args.connections)
            report_collapse(results, items, args.connections)
            report_ratios(results, items, args.connections)
        if results.timings:
            report_timings(results)


if __name__ == "__main__":
    main()
