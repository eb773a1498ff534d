"""The PostgreSQL server of the machine, when the environment names one."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest

from tests.support.projects import clean_env

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

VARIABLE = "LITESTAR_NEW_TEST_POSTGRES_URL"


def server_url() -> str:
    """``postgresql://...`` of a server where databases may be created, or skip (fail in CI)."""
    url = os.environ.get(VARIABLE)
    if url:
        return url
    reason = f"{VARIABLE} is not set (e.g. postgresql://postgres@127.0.0.1:5432/test)"
    if os.environ.get("LITESTAR_NEW_REQUIRE_SERVICES"):
        pytest.fail(f"PostgreSQL is required here: {reason}")
    pytest.skip(reason)


def asyncpg_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+asyncpg://", 1).replace(
        "postgres://", "postgresql+asyncpg://", 1
    )


_SQL = """
import asyncio, json, sys
import asyncpg

async def main(url: str, statement: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        print(json.dumps(await connection.fetchval(statement), default=str))
    finally:
        await connection.close()

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def _execute(project: Path, url: str, statement: str) -> object:
    python = project / ".venv" / "bin" / "python"
    result = subprocess.run(
        [str(python), "-c", _SQL, url, statement],
        check=True,
        env=clean_env(),
        timeout=60,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def fetch_value(project: Path, url: str, query: str) -> object:
    """The first column of the first row of ``query``, through the project's own asyncpg."""
    return _execute(project, url.replace("postgresql+asyncpg://", "postgresql://", 1), query)


@contextmanager
def temporary_database(project: Path) -> Iterator[str]:
    """A new database on the server, through the project's own asyncpg; dropped afterwards."""
    base = server_url()
    name = f"litestar_new_smoke_{uuid.uuid4().hex[:12]}"
    _execute(project, base, f'CREATE DATABASE "{name}"')
    try:
        head, _, _ = base.rpartition("/")
        yield asyncpg_url(f"{head}/{name}")
    finally:
        _execute(project, base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
