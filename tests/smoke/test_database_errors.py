"""The layered preset's ``database`` commands when the database is not there or not in step.

One PostgreSQL project for the module, made by the real command line and installed. A missing
database, a server nobody listens on, a refused login and models that differ from the
migrations each end the command with exit 1 and one line that names the fix: no traceback,
and never the password of ``DATABASE_URL``.
"""

from __future__ import annotations

import subprocess
import uuid
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import make_url

from litestar_new.spec import ProjectSpec, resolve
from tests.support.cli import NAME, create_for_module
from tests.support.postgres import server_url, temporary_database
from tests.support.projects import UV, clean_env, run, spec_id
from tests.support.servers import free_port

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.smoke

POSTGRES = resolve("layered", {"db": "postgres"})
PASSWORD = "hunter2-not-shown"  # noqa: S105 - trust auth ignores it; it must not be printed
UPGRADE = ["database", "upgrade", "--no-prompt"]


@pytest.fixture(scope="module")
def installed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ProjectSpec, Path]:
    return create_for_module(request, tmp_path_factory)


ONLY_POSTGRES = pytest.mark.parametrize("installed", [POSTGRES], ids=spec_id, indirect=True)


def _command(project: Path, args: list[str], database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [UV, "run", "--no-sync", NAME, *args],
        cwd=project,
        env=clean_env(DATABASE_URL=database_url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    """Exit 1, no traceback, no password, and one ``demo: ...`` line, the last on stderr."""
    shown = result.stdout + result.stderr
    assert result.returncode == 1, shown
    assert "Traceback" not in shown, shown
    assert PASSWORD not in shown, shown
    errors = [line for line in result.stderr.splitlines() if line.startswith(f"{NAME}: ")]
    assert len(errors) == 1, shown
    assert result.stderr.rstrip().splitlines()[-1] == errors[0], shown
    return errors[0].removeprefix(f"{NAME}: ")


def _url(host: str, port: int, database: str, user: str = "") -> str:
    user = user or make_url(server_url()).username or "postgres"
    return f"postgresql+asyncpg://{user}:{PASSWORD}@{host}:{port}/{database}"


def _hidden(url: str) -> str:
    return url.replace(f":{PASSWORD}@", ":***@")


@ONLY_POSTGRES
def test_a_missing_database_names_the_createdb_command(installed: tuple[ProjectSpec, Path]) -> None:
    _, project = installed
    server = make_url(server_url())
    host, port, user = server.host or "127.0.0.1", server.port or 5432, server.username
    name = f"litestar_new_missing_{uuid.uuid4().hex[:8]}"
    url = _url(host, port, name)

    message = _one_line(_command(project, UPGRADE, url))

    assert message == (
        f'database "{name}" does not exist on {host}:{port}; create it with: '
        f"createdb -h {host} -p {port} -U {user} {name} (DATABASE_URL={_hidden(url)})"
    )


@ONLY_POSTGRES
def test_an_unreachable_server_and_a_refused_login(installed: tuple[ProjectSpec, Path]) -> None:
    _, project = installed
    port = free_port()  # nothing listens there
    nowhere = _url("127.0.0.1", port, "demo")
    server = make_url(server_url())
    host, server_port = server.host or "127.0.0.1", server.port or 5432
    stranger = _url(host, server_port, "postgres", user="litestar_new_no_such_role")

    unreachable = _one_line(_command(project, UPGRADE, nowhere))
    refused = _one_line(_command(project, UPGRADE, stranger))

    assert unreachable.startswith(f"cannot reach the database server 127.0.0.1:{port} (")
    assert unreachable.endswith(
        f"); start it, or point DATABASE_URL at a running one (DATABASE_URL={_hidden(nowhere)})"
    )
    assert refused == (
        f"the database server {host}:{server_port} refused the login: "
        'role "litestar_new_no_such_role" does not exist; '
        f"check the user and password in DATABASE_URL ({_hidden(stranger)})"
    )


@ONLY_POSTGRES
def test_check_with_an_unmigrated_model_change(installed: tuple[ProjectSpec, Path]) -> None:
    _, project = installed
    model = project / "src" / NAME / "db" / "models" / "book.py"
    original = model.read_text()
    anchor = "    author: Mapped[str]"
    assert anchor in original
    with temporary_database(project) as url:
        run([UV, "run", "--no-sync", NAME, *UPGRADE], cwd=project, DATABASE_URL=url)
        in_step = _command(project, ["database", "check"], url)
        assert in_step.returncode == 0, in_step.stdout + in_step.stderr  # the control
        model.write_text(
            original.replace(
                anchor, "    subtitle: Mapped[str | None] = mapped_column(default=None)\n" + anchor
            )
        )
        try:
            message = _one_line(_command(project, ["database", "check"], url))
        finally:
            model.write_text(original)

    assert message == (
        "the models differ from the migrations (add_column book.subtitle); make a migration: "
        f'{NAME} database make-migrations -m "describe the change"'
    )
