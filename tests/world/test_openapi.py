"""The OpenAPI document of the generated api and layered apps, read by the tools their users run.

One project per preset, served by its own command. Its ``/schema/openapi.json`` must satisfy
openapi-spec-validator; the README's "Typed clients" commands are run as written (tools from
this machine, the server's port): openapi-python-client must generate a client with no warning,
and that client, driven against the running server through every route and error (400, 401,
403, 404, 409), must parse each answer into its documented type; openapi-typescript's types
must compile under ``tsc --strict``, together with code that reads the error answers. The api
preset is fuzzed here too (the layered preset in tests/safety/test_layered_app.py): no undocumented
status, no valid body refused.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import uuid4

import pytest
from openapi_spec_validator import validate

from litestar_new.spec import ProjectSpec, resolve
from tests.support.cli import create, empty_database, serve_command
from tests.support.openapi import ERROR_BODY, closed_inputs, error_answers, fuzz
from tests.support.projects import UV, clean_env, run, spec_id
from tests.support.servers import exchange, free_port, serving
from tests.support.world import npm_tool

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

LAYERED = resolve("layered", {})
API = resolve("api", {})
PASSWORD = "correct horse battery staple"  # noqa: S105
CLIENT_PACKAGE = "demo_client"  # openapi-python-client's name for the document titled "demo"
TOOLS = Path(sys.executable).parent  # openapi-python-client, and ruff for its post hooks

ONE_OWNERS = ["400", "401", "403", "404", "409"]
EXPECTED_ERRORS = {  # per operation: what the app answers besides success (and 5xx)
    "layered": {
        "health": [],
        "register": ["400", "409"],
        "login": ["400", "401"],
        "me": ["400", "401"],
        "list_books": ["400", "401"],
        "create_book": ["400", "401", "409"],
        "get_book": ["400", "401", "403", "404"],
        "update_book": ONE_OWNERS,
        "delete_book": ONE_OWNERS,  # 409: another resource's row still refers to it
    },
    "api": {
        "health": [],
        "list_books": ["400"],
        "create_book": ["400", "409"],
        "get_book": ["400", "404"],
        "update_book": ["400", "404", "409"],
        "delete_book": ["400", "404"],
    },
}

README_BLOCK = re.compile(r"^## Typed clients\n.*?(?=^## )", re.MULTILINE | re.DOTALL)
FENCE = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)


def readme_client_commands(project: Path, port: int) -> list[str]:
    """The README's "Typed clients" commands, with this machine's tools and the server's port."""
    section = README_BLOCK.search((project / "README.md").read_text(encoding="utf-8"))
    assert section, "the README has no 'Typed clients' section"
    text = "\n".join(FENCE.findall(section.group())).replace("\\\n", "")
    commands = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert commands == [
        "npx openapi-typescript@7 http://127.0.0.1:8000/schema/openapi.json -o api.d.ts",
        "npx -p typescript@5 tsc --strict --noEmit api.d.ts",
        "uvx openapi-python-client generate --url http://127.0.0.1:8000/schema/openapi.json"
        f" --meta none --output-path ../{CLIENT_PACKAGE}",
    ]
    tools = {
        "npx openapi-typescript@7 ": f"{npm_tool('openapi-typescript')} ",
        "npx -p typescript@5 tsc ": f"{npm_tool('tsc')} ",
        "uvx openapi-python-client ": f"{TOOLS / 'openapi-python-client'} ",
    }
    local = []
    for command in commands:
        line = command.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
        for prefix, tool in tools.items():
            line = line.replace(prefix, tool)
        local.append(line)
    return local


@pytest.fixture(params=[LAYERED, API], ids=spec_id)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[ProjectSpec, Path, str]]:
    """The project, installed and served on a free port (layered: a migrated SQLite file)."""
    spec: ProjectSpec = request.param
    project = create(spec, tmp_path_factory.mktemp(spec_id(spec)))
    env: dict[str, str] = {}
    with empty_database(spec, project, project.parent) as url:
        if spec.preset == "layered":
            env["DATABASE_URL"] = url
            run(
                [UV, "run", "--no-sync", "demo", "database", "upgrade", "--no-prompt"],
                project,
                env=env,
            )
        port = free_port()
        with serving(serve_command(spec, port), project, port, "/health", env=env) as base:
            yield spec, project, base


def _errors(document: dict[str, Any]) -> dict[str, list[str]]:
    """Each operation's documented 4xx statuses; each must have an ``ErrorBody``."""
    found = {}
    for path in document["paths"].values():
        for operation in path.values():
            answers = error_answers(operation)
            assert set(answers.values()) <= {ERROR_BODY}, (operation["operationId"], answers)
            found[operation["operationId"]] = sorted(answers)
    return found


def test_the_document_satisfies_the_validator_and_both_client_generators(
    served: tuple[ProjectSpec, Path, str], tmp_path: Path
) -> None:
    spec, project, base = served
    document = exchange("GET", f"{base}/schema/openapi.json").json()

    validate(document)  # raises on an invalid document
    inputs = closed_inputs(document)
    assert set(inputs.values()) == {False}, inputs
    for name, schema in document["components"]["schemas"].items():
        if name not in inputs:  # what the app sends has every field it always sends required
            assert schema.get("required"), (name, schema)
    assert _errors(document) == EXPECTED_ERRORS[spec.preset]

    port = int(base.rsplit(":", 1)[1])
    commands = readme_client_commands(project, port)
    path = f"{TOOLS}:{clean_env()['PATH']}"
    work = tmp_path / "project"  # where the README is read: the client goes beside it
    work.mkdir()
    for command in commands:
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", command],
            cwd=work,
            env=clean_env(PATH=path),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        shown = result.stdout + result.stderr
        assert result.returncode == 0, f"{command}\n{shown}"
        assert "warning" not in shown.lower(), f"{command}\n{shown}"

    _typescript_reads_the_errors(spec, work)
    client = _load_client(tmp_path)
    if spec.preset == "layered":
        _drive_layered(client, base)
    else:  # tests/safety/test_layered_app.py fuzzes the layered preset
        _drive_api(client, base)
        fuzz(base, tmp_path / "fuzz")


# --- TypeScript --------------------------------------------------------------------------------

_TS_COMMON = """
import type { components, paths } from "./api";

type ErrorBody = components["schemas"]["ErrorBody"];
type Book = components["schemas"]["BookRead"];
type GetBook = paths["/api/books/{book_id}"]["get"]["responses"];

const missing: GetBook[404]["content"]["application/json"] = {
    status_code: 404,
    detail: "Book not found",
};
const invalid: ErrorBody = {
    status_code: 400,
    detail: "Validation failed for POST /api/books",
    extra: [{ message: "Expected `str`, got `int`", key: "title", source: "body" }],
};
export function title(book: Book): string {
    return book.title;
}
export function firstProblem(error: ErrorBody): string | null | undefined {
    return error.extra?.[0]?.key;
}
export const errors: ErrorBody[] = [missing, invalid];
type Page = paths["/api/books"]["get"]["responses"][200]["content"]["application/json"];
export function total(page: Page): number {
    return page.total + page.items.length;  // required fields: number, not number | undefined
}
"""

_TS_LAYERED = """
const refused: GetBook[401]["content"]["application/json"] = { status_code: 401, detail: "No token" };
const theirs: GetBook[403]["content"]["application/json"] = { status_code: 403, detail: "Not yours" };
type Conflict = paths["/api/books"]["post"]["responses"][409]["content"]["application/json"];
const duplicate: Conflict = { status_code: 409, detail: "Duplicate ISBN" };
export const more: ErrorBody[] = [refused, theirs, duplicate];
"""

_TS_API = """
type Conflict = paths["/api/books"]["post"]["responses"][409]["content"]["application/json"];
const duplicate: Conflict = { status_code: 409, detail: "Duplicate ISBN" };
export const more: ErrorBody[] = [duplicate];
"""


def _typescript_reads_the_errors(spec: ProjectSpec, folder: Path) -> None:
    """Code a front end would write against ``api.d.ts``: it compiles only if the errors are
    documented with their body and the list's fields are required."""
    source = folder / "uses.ts"
    source.write_text(_TS_COMMON + (_TS_LAYERED if spec.preset == "layered" else _TS_API))
    run([str(npm_tool("tsc")), "--strict", "--noEmit", "api.d.ts", "uses.ts"], folder)


# --- the generated Python client ---------------------------------------------------------------


def _load_client(folder: Path) -> ModuleType:
    """Import the generated ``demo_client`` package (a fresh import for each project)."""
    assert (folder / CLIENT_PACKAGE / "__init__.py").is_file(), sorted(folder.iterdir())
    for name in [n for n in sys.modules if n.split(".")[0] == CLIENT_PACKAGE]:
        del sys.modules[name]
    sys.path.insert(0, str(folder))
    try:
        package = importlib.import_module(CLIENT_PACKAGE)
        for module in ("client", "models", "api.books"):
            importlib.import_module(f"{CLIENT_PACKAGE}.{module}")
    finally:
        sys.path.remove(str(folder))
    return package


def _operation(client: ModuleType, group: str, name: str) -> Any:
    return importlib.import_module(f"{CLIENT_PACKAGE}.api.{group}.{name}")


def _expect(response: Any, status: int, parsed_type: type | None) -> Any:
    """The answer has ``status`` and was parsed into ``parsed_type`` (nothing for 204)."""
    assert response.status_code == status, (status, response.status_code, response.content)
    if parsed_type is None:
        assert response.parsed is None
    else:
        assert isinstance(response.parsed, parsed_type), (parsed_type, response.parsed)
    return response.parsed


def _drive_layered(package: ModuleType, base: str) -> None:
    with ExitStack() as opened:
        _drive_layered_with(package, base, opened)


def _drive_layered_with(package: ModuleType, base: str, opened: ExitStack) -> None:
    models = package.models
    clients = package.client
    access = {n: _operation(package, "access", n) for n in ("register", "login", "me")}
    books = {
        n: _operation(package, "books", n)
        for n in ("list_books", "create_book", "get_book", "update_book", "delete_book")
    }
    anonymous = opened.enter_context(clients.Client(base_url=base, raise_on_unexpected_status=True))

    def account(email: str) -> Any:
        body = models.AccountRegister(email=email, password=PASSWORD)
        _expect(access["register"].sync_detailed(client=anonymous, body=body), 201, models.UserRead)
        login = models.AccountLogin(email=email, password=PASSWORD)
        token = _expect(
            access["login"].sync_detailed(client=anonymous, body=login), 200, models.AccessToken
        )
        return opened.enter_context(
            clients.AuthenticatedClient(
                base_url=base, token=token.access_token, raise_on_unexpected_status=True
            )
        )

    alice = account("alice@example.com")
    bob = account("bob@example.com")
    again = models.AccountRegister(email="alice@example.com", password=PASSWORD)
    _expect(access["register"].sync_detailed(client=anonymous, body=again), 409, models.ErrorBody)
    wrong = models.AccountLogin(email="alice@example.com", password="not the password")  # noqa: S106
    _expect(access["login"].sync_detailed(client=anonymous, body=wrong), 401, models.ErrorBody)
    short = models.AccountRegister(email="carol@example.com", password="short")  # noqa: S106
    error = _expect(
        access["register"].sync_detailed(client=anonymous, body=short), 400, models.ErrorBody
    )
    assert [(d.key, d.source) for d in error.extra] == [("password", "body")], error
    assert isinstance(error.extra[0], models.ErrorDetail)
    assert _expect(access["me"].sync_detailed(client=alice), 200, models.UserRead).email == (
        "alice@example.com"
    )
    _expect(access["me"].sync_detailed(client=anonymous), 401, models.ErrorBody)

    dune = models.BookCreate(title="Dune", author="Frank Herbert", isbn="9780441172719")
    book = _expect(
        books["create_book"].sync_detailed(client=alice, body=dune), 201, models.BookRead
    )
    _expect(books["create_book"].sync_detailed(client=alice, body=dune), 409, models.ErrorBody)
    _expect(books["create_book"].sync_detailed(client=anonymous, body=dune), 401, models.ErrorBody)
    page = _expect(books["list_books"].sync_detailed(client=alice), 200, models.BookPage)
    assert (page.total, [b.id for b in page.items]) == (1, [book.id])
    assert isinstance(page.items[0], models.BookRead)
    _expect(books["list_books"].sync_detailed(client=alice, limit=0), 400, models.ErrorBody)
    fetched = _expect(books["get_book"].sync_detailed(book.id, client=alice), 200, models.BookRead)
    assert fetched.title == "Dune"
    _expect(books["get_book"].sync_detailed(book.id, client=bob), 403, models.ErrorBody)
    _expect(books["get_book"].sync_detailed(uuid4(), client=alice), 404, models.ErrorBody)
    change = models.BookUpdate(title="Dune Messiah")
    changed = _expect(
        books["update_book"].sync_detailed(book.id, client=alice, body=change), 200, models.BookRead
    )
    assert changed.title == "Dune Messiah"
    empty = models.BookUpdate(title="")
    _expect(
        books["update_book"].sync_detailed(book.id, client=alice, body=empty), 400, models.ErrorBody
    )
    _expect(books["delete_book"].sync_detailed(book.id, client=bob), 403, models.ErrorBody)
    _expect(books["delete_book"].sync_detailed(book.id, client=alice), 204, None)
    _expect(books["delete_book"].sync_detailed(book.id, client=alice), 404, models.ErrorBody)


def _drive_api(package: ModuleType, base: str) -> None:
    with package.client.Client(base_url=base, raise_on_unexpected_status=True) as client:
        _drive_api_with(package, client)


def _drive_api_with(package: ModuleType, client: Any) -> None:
    models = package.models
    books = {
        n: _operation(package, "books", n)
        for n in ("list_books", "create_book", "get_book", "update_book", "delete_book")
    }
    dune = models.BookCreate(title="Dune", author="Frank Herbert", isbn="9780441172719")
    book = _expect(
        books["create_book"].sync_detailed(client=client, body=dune), 201, models.BookRead
    )
    _expect(books["create_book"].sync_detailed(client=client, body=dune), 409, models.ErrorBody)
    page = _expect(books["list_books"].sync_detailed(client=client), 200, models.BookPage)
    assert (page.total, page.limit, page.offset) == (1, 20, 0)
    assert isinstance(page.items[0], models.BookRead)
    error = _expect(
        books["list_books"].sync_detailed(client=client, limit=0), 400, models.ErrorBody
    )
    assert [(d.key, d.source) for d in error.extra] == [("limit", "query")], error
    assert _expect(
        books["get_book"].sync_detailed(book.id, client=client), 200, models.BookRead
    ).isbn == ("9780441172719")
    _expect(books["get_book"].sync_detailed(uuid4(), client=client), 404, models.ErrorBody)
    change = models.BookUpdate(author="F. Herbert")
    changed = _expect(
        books["update_book"].sync_detailed(book.id, client=client, body=change),
        200,
        models.BookRead,
    )
    assert changed.author == "F. Herbert"
    _expect(
        books["update_book"].sync_detailed(
            book.id, client=client, body=models.BookUpdate(title="")
        ),
        400,
        models.ErrorBody,
    )
    _expect(books["delete_book"].sync_detailed(book.id, client=client), 204, None)
    _expect(books["delete_book"].sync_detailed(book.id, client=client), 404, models.ErrorBody)
