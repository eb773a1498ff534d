"""``litestar-new add resource`` in-process, on rendered projects: files, edits, refusals, rollback."""

from __future__ import annotations

import ast
import datetime as dt
from typing import TYPE_CHECKING

import pytest
import yaml

from litestar_new.__main__ import main
from litestar_new.add import command, writer
from litestar_new.add.command import AddRequest, prepare
from litestar_new.add.register import has_model_export, has_route_handler
from litestar_new.errors import LitestarNewError
from tests.support.files import snapshot

if TYPE_CHECKING:
    from pathlib import Path

AUTHOR = ["Author", "name:str", "bio:text?"]
ARTICLE = ["Article", "title:str", "published:date?", "author:ref:Author"]


def add(capsys: pytest.CaptureFixture[str], project: Path, *words: str) -> tuple[int, str, str]:
    code = main(["add", "resource", *words, "--path", str(project)])
    out, err = capsys.readouterr()
    return code, out, err


def versions(project: Path) -> Path:
    return project / "src" / "shop" / "db" / "migrations" / "versions"


def revision_of(path: Path) -> tuple[str, str | None]:
    values: dict[str, str | None] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            assert isinstance(node.value, ast.Constant)
            value = node.value.value
            assert value is None or isinstance(value, str)
            values[node.target.id] = value
    revision = values["revision"]
    assert revision is not None
    return revision, values["down_revision"]


def test_layered_files_and_registrations(layered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(layered)

    code, out, err = add(capsys, layered, *AUTHOR)

    assert (code, err) == (0, "")
    after = snapshot(layered)
    created = sorted(set(after) - set(before))
    changed = sorted(p for p in before if before[p] != after[p])
    [migration] = [p for p in created if "/versions/" in p]
    assert created == sorted(
        [
            "src/shop/db/models/author.py",
            "src/shop/domain/authors/__init__.py",
            "src/shop/domain/authors/controllers.py",
            "src/shop/domain/authors/schemas.py",
            "src/shop/domain/authors/services.py",
            "tests/test_authors.py",
            migration,
        ]
    )
    assert changed == ["src/shop/app.py", "src/shop/db/models/__init__.py"]
    app = (layered / "src/shop/app.py").read_text()
    models = (layered / "src/shop/db/models/__init__.py").read_text()
    assert has_route_handler(app, "shop.domain.authors.controllers", "AuthorController")
    assert has_model_export(models, "shop.db.models.author", "Author")
    for path in created:
        ast.parse((layered / path).read_text(encoding="utf-8"))
    assert revision_of(layered / migration)[1] == "0001"
    assert f"created  {migration}" in out
    assert "uv run shop database upgrade --no-prompt" in out
    assert "/api/authors/{author_id}" in out


def test_a_second_resource_follows_the_first_migration(
    layered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert add(capsys, layered, *AUTHOR)[0] == 0
    [first] = versions(layered).glob("*_create_author.py")

    code, _, err = add(capsys, layered, *ARTICLE)

    assert (code, err) == (0, "")
    [second] = versions(layered).glob("*_create_article.py")
    assert revision_of(second)[1] == revision_of(first)[0]
    services = (layered / "src/shop/domain/articles/services.py").read_text()
    assert "from shop.db.models import Article, Author" in services
    assert "Author.owner_id == owner_id" in services
    tests = (layered / "tests/test_articles.py").read_text()
    assert "from tests.test_authors import create_author" in tests


def test_the_migration_is_deterministic(layered: Path, tmp_path: Path) -> None:
    day = dt.date(2026, 1, 2)
    first = prepare(AddRequest("Author", ("name:str",), path=layered, today=day))
    again = prepare(AddRequest("Author", ("name:str",), path=layered, today=day))
    other = prepare(AddRequest("Author", ("name:text",), path=layered, today=day))

    [path] = [p for p in first.created if "/versions/" in p]
    assert path.endswith("/2026-01-02_" + path.split("_")[1] + "_create_author.py")
    assert first.created == again.created
    assert path not in other.created


def test_api_files_and_registration(api: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(api)

    assert add(capsys, api, *AUTHOR)[0] == 0
    code, out, _ = add(capsys, api, *ARTICLE, "book:ref:Book?")

    assert code == 0
    created = sorted(set(snapshot(api)) - set(before))
    assert created == sorted(
        f"src/shop/domain/{plural}/{module}.py"
        for plural in ("authors", "articles")
        for module in ("__init__", "controllers", "schemas", "store")
    ) + sorted(["tests/test_articles.py", "tests/test_authors.py"])
    app = (api / "src/shop/app.py").read_text()
    assert has_route_handler(app, "shop.domain.articles.controllers", "ArticleController")
    assert has_route_handler(app, "shop.domain.authors.controllers", "AuthorController")
    assert "database upgrade" not in out
    controllers = (api / "src/shop/domain/articles/controllers.py").read_text()
    assert '"authors_store": Provide(provide_authors_store' in controllers
    assert '"books_store": Provide(provide_books_store' in controllers


def test_dry_run_writes_nothing(layered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(layered)

    code, out, _ = add(capsys, layered, *AUTHOR, "--dry-run")

    assert code == 0
    assert snapshot(layered) == before
    assert "create  src/shop/db/models/author.py" in out
    assert "change  src/shop/app.py  (AuthorController registered)" in out
    assert "Nothing was written (--dry-run)." in out


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["Book", "title:str"], "the resource Book exists already (src/shop/db/models/book.py)"),
        (["User", "email:str"], "the resource User exists already"),
        (["Account", "name:str"], "the module src/shop/domain/accounts/ exists"),
        (["Setting", "name:str"], "these files exist already: tests/test_settings.py"),
        (["Class", "name:str"], "'class' is a Python keyword"),
        (["Access", "name:str"], "AccessController exists already"),
        (["Blog Post", "name:str"], "use ASCII letters and digits"),
        (["Author"], "give at least one field"),
        (["Author", "name"], "field 'name' has no type"),
        (["Author", "name:string"], "did you mean 'str'?"),
        (["Author", "id:uuid"], "'id' is reserved"),
        (["Article", "author:ref:Author"], "no resource 'Author' (resources: Book, User)"),
        (["Category", "parent:ref:Category?"], "cannot refer to itself"),
        (["Decimal", "amount:decimal"], "clashes with 'Decimal' in the generated"),
        (["Author", "a" * 40 + ":ref:User"], "longer than PostgreSQL's 63 characters"),
    ],
)
def test_refusals_name_the_clash_and_write_nothing(
    layered: Path, capsys: pytest.CaptureFixture[str], words: list[str], message: str
) -> None:
    before = snapshot(layered)

    code, out, err = add(capsys, layered, *words)

    assert code == 2, out + err
    assert message in err
    assert err.startswith("litestar-new: error: ")
    assert snapshot(layered) == before


def test_a_resource_added_twice_is_refused(
    layered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert add(capsys, layered, *AUTHOR)[0] == 0
    before = snapshot(layered)

    code, _, err = add(capsys, layered, "Author", "title:str")

    assert code == 2
    assert "the resource Author exists already" in err
    assert snapshot(layered) == before


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["Review", "reviewer:ref:User"], "users exist in the layered preset only"),
        (["Review", "book:ref:Magazine"], "no resource 'Magazine' (resources: Book)"),
    ],
)
def test_api_references_are_checked(
    api: Path, capsys: pytest.CaptureFixture[str], words: list[str], message: str
) -> None:
    code, _, err = add(capsys, api, *words)

    assert code == 2
    assert message in err


def test_a_script_project_is_refused(script: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(script)

    code, _, err = add(capsys, script, *AUTHOR)

    assert code == 2
    assert "litestar-new update --preset api" in err
    assert snapshot(script) == before


def test_outside_a_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = add(capsys, tmp_path, *AUTHOR)

    assert code == 2
    assert "not inside a litestar-new project" in err


def test_a_missing_registration_point_is_left_to_the_user(
    layered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = layered / "src/shop/app.py"
    restructured = app.read_text().replace(
        "route_handlers=ROUTE_HANDLERS,", "route_handlers=list(ROUTE_HANDLERS),"
    )
    restructured = restructured.replace(
        "ROUTE_HANDLERS: list[ControllerRouterHandler] = [",
        "ROUTE_HANDLERS: tuple[ControllerRouterHandler, ...] = (",
    ).replace("BookController]\n", "BookController)\n")
    app.write_text(restructured)

    code, out, _ = add(capsys, layered, *AUTHOR)

    assert code == 1
    assert app.read_text() == restructured
    assert (layered / "src/shop/domain/authors/controllers.py").is_file()
    assert has_model_export(
        (layered / "src/shop/db/models/__init__.py").read_text(), "shop.db.models.author", "Author"
    )
    assert "Could not change src/shop/app.py" in out
    assert "from shop.domain.authors.controllers import AuthorController" in out
    assert "AuthorController in the app's route handlers (ROUTE_HANDLERS)" in out


def test_ctrl_c_while_writing_leaves_nothing(
    layered: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(layered)
    commit = writer._Run.commit

    def interrupted(self: writer._Run) -> None:
        staged = self.staged
        self.staged = staged[:4]
        commit(self)  # half of the files are in place
        self.staged = staged
        raise KeyboardInterrupt

    monkeypatch.setattr(writer._Run, "commit", interrupted)

    code, _, err = add(capsys, layered, *AUTHOR)

    assert code == 130
    assert "interrupted; nothing was written" in err
    assert snapshot(layered) == before
    assert not (layered / "src/shop/domain/authors").exists()
    assert not list(layered.rglob("*.tmp"))


def test_a_failed_write_leaves_nothing(
    layered: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(layered)
    stage = writer._Run.stage
    calls = []

    def failing(self: writer._Run, change: writer.Change) -> None:
        calls.append(change.path)
        if len(calls) == 5:
            raise OSError(28, "No space left on device", change.path)
        stage(self, change)

    monkeypatch.setattr(writer._Run, "stage", failing)

    code, _, err = add(capsys, layered, *AUTHOR)

    assert code == 1
    assert "No space left on device" in err
    assert "nothing was written" in err
    assert snapshot(layered) == before


@pytest.mark.parametrize("failure", [KeyboardInterrupt, LitestarNewError])
def test_new_files_formatted_in_place_go_again_when_formatting_fails(
    layered: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: type[BaseException],
) -> None:
    before = snapshot(layered)
    seen: list[bool] = []

    def failing(root: Path, files: list[str]) -> None:
        seen.append(all((root / path).is_file() for path in files))  # in place, unformatted
        raise failure("formatting the new files failed: boom")

    monkeypatch.setattr(command, "format_files", failing)

    code, _, err = add(capsys, layered, *AUTHOR)

    assert seen == [True]
    assert code == (130 if failure is KeyboardInterrupt else 1)
    assert "nothing was written" in err or "boom" in err
    assert snapshot(layered) == before
    assert not (layered / "src/shop/domain/authors").exists()
    assert not list(layered.rglob("*.tmp"))


def test_a_file_changed_meanwhile_is_not_overwritten(
    layered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared = prepare(AddRequest("Author", ("name:str",), path=layered))
    app = layered / "src/shop/app.py"
    app.write_text(app.read_text() + "\n# edited meanwhile\n")
    before = snapshot(layered)

    with pytest.raises(LitestarNewError, match="changed while the resource was prepared"):
        writer.write_all(layered, prepared.changes())
    assert snapshot(layered) == before


def test_a_field_named_like_the_page_struct_gets_another_alias(
    api: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert add(capsys, api, "Gadget", "gadget_page:int")[0] == 0

    schemas = (api / "src/shop/domain/gadgets/schemas.py").read_text()
    tree = ast.parse(schemas)
    bound = [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    ] + [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
    assert "GadgetPageValue = Annotated[int" in schemas
    assert sorted(bound) == sorted(set(bound))  # no name bound twice
    assert "class GadgetPage(msgspec.Struct):" in schemas


def test_every_type_on_both_presets(
    layered: Path, api: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fields = [
        "code:str:unique",
        "note:text?",
        "count:int",
        "ratio:float?",
        "active:bool",
        "born:date",
        "seen:datetime?",
        "token:uuid:unique",
        "price:decimal",
        "tax:decimal?",
        "book:ref:Book?",
    ]
    assert add(capsys, layered, "Gadget", *fields, "owner2:ref:User")[0] == 0
    assert add(capsys, api, "Gadget", *fields)[0] == 0
    model = (layered / "src/shop/db/models/gadget.py").read_text()
    assert 'UniqueConstraint("owner_id", "code", name="uq_gadget_owner_id_code")' in model
    assert 'ForeignKey("book.id", ondelete="SET NULL")' in model
    assert 'ForeignKey("user_account.id", ondelete="RESTRICT")' in model
    schemas = (api / "src/shop/domain/gadgets/schemas.py").read_text()
    assert "Seen = Annotated[dt.datetime, msgspec.Meta(tz=True" in schemas
    assert "_check_decimals(self, " in schemas


def test_the_answers_file_is_left_alone(layered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = (layered / ".copier-answers.yml").read_text()

    assert add(capsys, layered, *AUTHOR)[0] == 0

    assert (layered / ".copier-answers.yml").read_text() == answers
    assert yaml.safe_load(answers)["preset"] == "layered"


def test_add_without_a_command_shows_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["add"])
    out, err = capsys.readouterr()

    assert code == 2
    assert "resource" in out
    assert err == ""


def test_the_help_documents_the_field_syntax(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["add", "resource", "--help"])
    out, _ = capsys.readouterr()

    assert code == 0
    for word in ("note:text?", "author:ref:Author", "code:str:unique", "--plural", "--dry-run"):
        assert word in out


def test_the_next_commands_name_the_bundled_uv_when_uv_is_not_on_path(
    layered: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """As in the next-steps panel: printed commands run as printed in a shell without uv."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.setattr("litestar_new.ui.find_uv", lambda: "/opt/litestar-new/bin/uv")
    code, out, _ = add(capsys, layered, *AUTHOR)
    assert code == 0, out
    lines = out.splitlines()
    assert "  /opt/litestar-new/bin/uv run shop database upgrade --no-prompt" in lines
    assert "  /opt/litestar-new/bin/uv run pytest" in lines
    assert '  export PATH="$PATH:/opt/litestar-new/bin"' in lines


@pytest.mark.parametrize("preset", ["layered", "api"])
def test_a_project_without_the_lib_module_is_refused_with_the_way_up(
    preset: str, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    """Projects made before ``lib.py`` existed: the new files import it, so update first."""
    project: Path = request.getfixturevalue(preset)
    (project / "src" / "shop" / "lib.py").unlink()
    before = snapshot(project)

    code, _, err = add(capsys, project, *AUTHOR)

    assert code == 2
    assert "src/shop/lib.py is missing" in err
    assert "litestar-new update" in err
    assert len(err.strip().splitlines()) == 1
    assert snapshot(project) == before
