"""What a project holds that a new resource must not clash with, or may refer to.

Its models (layered preset), its stores (api preset), its controllers and their paths, the test
helpers that make one row, and the names ``app.py`` binds; read through :mod:`ast`
(:mod:`~.pysource`), never imported.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from litestar_new.add.naming import (
    HELPER_PREFIX,
    helper_resource,
    store_key,
    store_provider,
    store_resource,
)
from litestar_new.add.pysource import (
    annotated_names,
    bound_names,
    parse_python,
    string_assignments,
)
from litestar_new.spec import capable

if TYPE_CHECKING:
    from pathlib import Path

    from litestar_new.add.project import Project

__all__ = ["CreateHelper", "Inventory", "Model", "Store", "inspect_project"]


@dataclass(frozen=True)
class Model:
    """A SQLAlchemy model class of ``db/models``."""

    class_name: str
    table: str
    module: str
    """The module under ``db/models`` (``book``)."""
    owned: bool
    """It has an ``owner_id`` column: its rows belong to users."""
    exported: bool
    """``db/models/__init__.py`` imports it."""


@dataclass(frozen=True)
class Store:
    """An in-memory store of the api preset, with the provider a controller depends on."""

    class_name: str
    folder: str
    """The domain package (``books``)."""
    provider: str
    """``provide_books_store``; its dependency key is ``books_store``."""

    @property
    def key(self) -> str:
        """The dependency key."""
        return store_key(self.folder)


@dataclass(frozen=True)
class CreateHelper:
    """A test function that creates one row through the API: ``create_book(client, ...)``."""

    module: str
    """The test module, as the project's tests import it (``tests.test_books`` or ``test_books``)."""
    function: str


@dataclass
class Inventory:
    """Everything in the project that a new resource must not clash with, or may refer to."""

    models: dict[str, Model] = field(default_factory=dict)
    """By class name."""
    stores: dict[str, Store] = field(default_factory=dict)
    """By resource class name (``Book`` for ``BookStore``)."""
    controllers: dict[str, str] = field(default_factory=dict)
    """Controller class name -> its path (``BookController`` -> ``/api/books``)."""
    helpers: dict[str, CreateHelper] = field(default_factory=dict)
    """By resource snake name (``book`` for ``create_book``)."""
    domains: set[str] = field(default_factory=set)
    """The packages under ``domain/``."""
    model_modules: set[str] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    app_names: set[str] = field(default_factory=set)
    """Names bound at the top of ``app.py``."""

    def resources(self) -> set[str]:
        """Class names of every resource: models and stores."""
        return set(self.models) | set(self.stores)


def _models(models_dir: Path) -> tuple[dict[str, Model], set[str]]:
    init = parse_python(models_dir / "__init__.py")
    exported = bound_names(init) if init is not None else set()
    found: dict[str, Model] = {}
    modules: set[str] = set()
    for path in sorted(models_dir.glob("*.py")):
        if path.name == "__init__.py":
            continue
        modules.add(path.stem)
        tree = parse_python(path)
        for node in tree.body if tree is not None else []:
            if not isinstance(node, ast.ClassDef):
                continue
            table = dict(string_assignments(node.body)).get("__tablename__")
            if isinstance(table, ast.Constant) and isinstance(table.value, str):
                found[node.name] = Model(
                    class_name=node.name,
                    table=table.value,
                    module=path.stem,
                    owned="owner_id" in annotated_names(node.body),
                    exported=node.name in exported,
                )
    return found, modules


def _controllers(tree: ast.Module) -> dict[str, str]:
    paths: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            value = dict(string_assignments(node.body)).get("path")
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                paths[node.name] = value.value
    return paths


def _stores(folder: str, tree: ast.Module) -> dict[str, Store]:
    names = bound_names(tree)
    provider = store_provider(folder)
    found: dict[str, Store] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        resource = store_resource(node.name)
        if resource is not None and provider in names:
            found[resource] = Store(class_name=node.name, folder=folder, provider=provider)
    return found


_HELPER_DEFINITION = re.compile(r"def[\s\\]+" + re.escape(HELPER_PREFIX))


def _may_define_helper(text: str) -> bool:
    """Whether ``text`` may define a test helper (parsing every test is most of an inspection).

    A superset: in ASCII text a helper's definition holds ``def create_``, with any spaces or
    line continuations between; other text is parsed (identifiers are NFKC-normalised).
    """
    return not text.isascii() or _HELPER_DEFINITION.search(text) is not None


def _helpers(tests_dir: Path, *, package_tests: bool) -> dict[str, CreateHelper]:
    helpers: dict[str, CreateHelper] = {}
    for path in sorted(tests_dir.glob("*.py")):
        tree = parse_python(path, only_if=_may_define_helper)
        for node in tree.body if tree is not None else []:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if (snake := helper_resource(node.name)) is not None:
                module = f"tests.{path.stem}" if package_tests else path.stem
                helpers[snake] = CreateHelper(module, node.name)
    return helpers


def inspect_project(project: Project) -> Inventory:
    """Read the project's models, stores, controllers, test helpers and ``app.py``."""
    inventory = Inventory()
    package = project.package_dir
    if capable(project.preset, "database"):
        inventory.models, inventory.model_modules = _models(package / "db" / "models")
        inventory.tables = {m.table for m in inventory.models.values()}
    domain = package / "domain"
    for folder in sorted(p for p in domain.iterdir() if p.is_dir()) if domain.is_dir() else []:
        if not folder.name.isidentifier():
            continue
        inventory.domains.add(folder.name)
        if (tree := parse_python(folder / "controllers.py")) is not None:
            inventory.controllers.update(_controllers(tree))
        if (tree := parse_python(folder / "store.py")) is not None:
            inventory.stores.update(_stores(folder.name, tree))
    tests = project.root / "tests"
    inventory.helpers = _helpers(tests, package_tests=(tests / "__init__.py").is_file())
    if (tree := parse_python(package / "app.py")) is not None:
        inventory.app_names = bound_names(tree)
    return inventory
