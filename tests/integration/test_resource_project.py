"""Reading a project without importing it: answers, resources, migration heads."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from litestar_new.add.inventory import inspect_project
from litestar_new.add.project import find_project, migration_head
from litestar_new.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path


def _revision(folder: Path, name: str, revision: str, down: str | tuple[str, ...] | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.py").write_text(
        f"revision: str = {revision!r}\ndown_revision: str | None = {down!r}\n", encoding="utf-8"
    )


def test_no_migrations_means_no_head(tmp_path: Path) -> None:
    assert migration_head(tmp_path, "shop") is None


def test_the_head_of_a_chain(tmp_path: Path) -> None:
    _revision(tmp_path, "a", "0001", None)
    _revision(tmp_path, "b", "abc", "0001")
    _revision(tmp_path, "c", "def", "abc")

    assert migration_head(tmp_path, "shop") == "def"


def test_a_merge_revision_is_the_head(tmp_path: Path) -> None:
    _revision(tmp_path, "a", "0001", None)
    _revision(tmp_path, "b", "b1", "0001")
    _revision(tmp_path, "c", "c1", "0001")
    _revision(tmp_path, "d", "m1", ("b1", "c1"))

    assert migration_head(tmp_path, "shop") == "m1"


def test_two_heads_are_refused_with_the_way_out(tmp_path: Path) -> None:
    _revision(tmp_path, "a", "0001", None)
    _revision(tmp_path, "b", "b1", "0001")
    _revision(tmp_path, "c", "c1", "0001")

    with pytest.raises(UsageError, match=r"2 heads \(b1, c1\): merge them first") as error:
        migration_head(tmp_path, "shop")
    assert "uv run shop database merge" in str(error.value)


@pytest.mark.parametrize(
    "text",
    ["def broken(:\n", "down_revision = None\n", "revision = make()\n"],
    ids=["syntax-error", "no-revision", "computed"],
)
def test_an_unreadable_revision_is_named(tmp_path: Path, text: str) -> None:
    (tmp_path / "odd.py").write_text(text, encoding="utf-8")

    with pytest.raises(UsageError, match=r"odd\.py"):
        migration_head(tmp_path, "shop")


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"migrations folder .* is missing"):
        migration_head(tmp_path / "nowhere", "shop")


def test_the_template_has_one_head(layered: Path) -> None:
    versions = layered / "src" / "shop" / "db" / "migrations" / "versions"
    assert migration_head(versions, "shop") == "0001"


def test_find_project_from_a_subfolder(layered: Path) -> None:
    project = find_project(layered / "src" / "shop" / "domain")

    assert (project.root, project.preset, project.package) == (layered, "layered", "shop")


def test_no_project_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not inside a litestar-new project"):
        find_project(tmp_path)


def test_a_project_without_the_openapi_module_is_refused_with_the_way_up(layered: Path) -> None:
    (layered / "src" / "shop" / "openapi.py").unlink()  # made before the module existed

    with pytest.raises(UsageError, match=r"src/shop/openapi\.py is missing") as error:
        find_project(layered)
    assert "litestar-new update" in str(error.value)


def test_a_script_project_is_refused_with_the_way_up(script: Path) -> None:
    with pytest.raises(UsageError, match="script project") as error:
        find_project(script)
    assert "litestar-new update --preset api" in str(error.value)


def test_the_inventory_of_a_layered_project(layered: Path) -> None:
    inventory = inspect_project(find_project(layered))

    assert set(inventory.models) == {"Book", "User"}
    book, user = inventory.models["Book"], inventory.models["User"]
    assert (book.table, book.owned, book.exported) == ("book", True, True)
    assert (user.table, user.owned) == ("user_account", False)
    assert inventory.domains == {"accounts", "books", "system"}
    assert inventory.controllers["BookController"] == "/api/books"
    assert inventory.helpers["book"].module == "tests.test_books"
    assert {"ROUTE_HANDLERS", "BookController"} <= inventory.app_names


def test_the_inventory_of_an_api_project(api: Path) -> None:
    inventory = inspect_project(find_project(api))

    assert inventory.models == {}
    store = inventory.stores["Book"]
    assert (store.class_name, store.provider, store.key) == (
        "BookStore",
        "provide_books_store",
        "books_store",
    )
    assert inventory.helpers["book"].module == "test_books"
