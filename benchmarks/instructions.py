"""Instructions per request, counted with callgrind: the generated app against its floor and limit.

Run by hand (never in the test suite), from the repository with its venv, on a machine with
``valgrind`` and a PostgreSQL server where it may create and drop a database::

    .venv/bin/python benchmarks/instructions.py

Throughput under ``wrk`` on a small machine moves with everything else the machine does; the
number of instructions a request costs does not (two counts of one build agree within 0.5%).
This script creates the ``layered`` preset (installed, bytecode compiled), seeds a PostgreSQL
database of its own as ``throughput.py`` does (migrations, a user logged in over HTTP, 20
books), then runs the generated app, the SQLAlchemy Core floor (``sqlalchemy_core_app.py``) and
the raw asyncpg limit (``raw_app.py``), each in its own process with the project's interpreter,
through ``asgi_driver.py`` (no server, no socket but the database's) under ``valgrind
--tool=callgrind``: ``--requests`` requests and ``--baseline`` requests, ``--concurrency`` at a
time, and takes the difference over the difference in requests, so that start-up and
shut-down drop out. ``PYTHONHASHSEED=0`` keeps the runs alike. Output: a Markdown table,
instructions per request and each app's rate as a share of the raw limit's.

``--smoke`` (what the test suite runs) creates the project without installing it and counts
nothing: that the script runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import throughput
from throughput import BOOKS, HEALTH, HERE, LITESTAR_NEW, NAME

APPS = {
    "layered app": f"{NAME}.app:create_app",
    "SQLAlchemy Core floor": "sqlalchemy_core_app:create_app",
    "raw asyncpg Litestar control": "raw_app:create_app",
}
LIMIT = "raw asyncpg Litestar control"
ROUTES = {BOOKS: "`GET /api/books?limit=20`", HEALTH: "`GET /health`"}
COPIED = ("asgi_driver.py", "sqlalchemy_core_app.py", "raw_app.py", "litestar_same_work.py")


@dataclass(frozen=True)
class Setup:
    """What every count runs with: the project's interpreter, the apps, their environment."""

    python: Path
    apps: Path
    project: Path
    env: dict[str, str]
    token: str
    concurrency: int


def collected(setup: Setup, target: str, route: str, requests: int) -> int:
    """Instructions callgrind counted for one run of ``requests`` requests (start-up included)."""
    out = setup.apps / f"callgrind.{secrets.token_hex(4)}.out"
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", str(setup.python)]
    command += [str(setup.apps / "asgi_driver.py"), target, route, str(requests)]
    command += [str(setup.concurrency), setup.token]
    env = {**setup.env, "PYTHONHASHSEED": "0", "PYTHONPATH": str(setup.apps)}
    result = subprocess.run(
        command, cwd=setup.project, env=env, capture_output=True, text=True, check=False
    )
    out.unlink(missing_ok=True)
    if result.returncode != 0:
        sys.exit(f"{target} {route}: {result.stdout.strip()} {result.stderr.strip()[-2000:]}")
    match = re.search(r"Collected : (\d+)", result.stderr)
    if match is None:
        sys.exit(f"{target} {route}: callgrind printed no total")
    return int(match[1])


def per_request(setup: Setup, target: str, route: str, args: argparse.Namespace) -> float:
    requests, baseline = int(args.requests), int(args.baseline)
    more = collected(setup, target, route, requests)
    fewer = collected(setup, target, route, baseline)
    return (more - fewer) / (requests - baseline)


def report(counts: dict[tuple[str, str], float], args: argparse.Namespace) -> None:
    print(
        f"callgrind, {args.requests} requests against {args.baseline}, {args.concurrency} at a "
        "time, one process per count, PostgreSQL\n"
    )
    print("| app | " + " | ".join(ROUTES.values()) + " |")
    print("| --- |" + " --- |" * len(ROUTES))
    for app in APPS:
        cells = []
        for route in ROUTES:
            count = counts[app, route]
            share = counts[LIMIT, route] / count
            rate = "" if app == LIMIT else f" ({share:.2f} of the limit's rate)"
            cells.append(f"{count / 1e6:.3f} million{rate}")
        print(f"| {app} | " + " | ".join(cells) + " |")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=160)
    parser.add_argument("--baseline", type=int, default=32)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "LITESTAR_NEW_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
        help="a server where the script may create and drop a database of its own",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--smoke", action="store_true", help="nothing installed or counted: that the script runs"
    )
    args = parser.parse_args()
    if args.requests <= args.baseline:
        parser.error("--requests must be more than --baseline")
    return args


def main() -> None:
    args = parse_args()
    if not args.smoke and shutil.which("valgrind") is None:
        sys.exit("valgrind is not on the PATH (apt-get install valgrind)")
    root = Path(tempfile.mkdtemp(prefix="litestar-new-instructions-"))
    with contextlib.ExitStack() as stack:
        stack.callback(throughput.cleanup, root, keep=args.keep)
        env = {**throughput.base_env(), "LITESTAR_NEW_HOME": str(root / "home")}
        options = ["--preset", "layered", "--server", "granian", "--db", "postgres"]
        options += ["--yes", "--no-git", *(["--no-install"] if args.smoke else [])]
        throughput.run([LITESTAR_NEW, NAME, *options], root, env)
        project = root / NAME
        apps = root / "apps"
        apps.mkdir()
        for name in COPIED:
            shutil.copy(HERE / name, apps / name)
        if args.smoke:
            print("smoke: the layered project was created; nothing counted")
            return
        python = project / ".venv" / "bin" / "python"
        throughput.compile_bytecode(python, throughput.site_packages(project / ".venv"))
        throughput.compile_bytecode(python, project / "src", apps)
        args.db = "postgres"
        database_url = throughput.create_database(root, args, stack)
        secret = secrets.token_urlsafe(48)
        (root / "logs").mkdir()
        token = throughput.seed(project, database_url, secret, root / "logs")
        env = {
            **throughput.base_env(),
            **throughput.layered_env(secret, database_url, 0),
            "ALLOWED_HOSTS": "127.0.0.1",
            "TOKEN_ISSUER": NAME,
            "LOG_LEVEL": "WARNING",
        }
        setup = Setup(python, apps, project, env, token, args.concurrency)
        counts = {
            (app, route): per_request(setup, target, route, args)
            for app, target in APPS.items()
            for route in ROUTES
        }
        report(counts, args)


if __name__ == "__main__":
    main()
