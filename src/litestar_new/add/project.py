"""What a generated project holds: its preset, its resources, its migrations, read without importing.

Everything here reads files (YAML, and Python through :mod:`ast`): the project's environment may
not be installed, and importing user code just to look at it would run it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from litestar_new.add.naming import (
    helper_resource,
    store_key,
    store_provider,
    store_resource,
)
from litestar_new.core.answers import ANSWERS_FILE, read_answers
from litestar_new.errors import UsageError
from litestar_new.spec import PRESETS, capable

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

__all__ = [
    "CreateHelper",
    "Inventory",
    "Model",
    "Project",
    "Store",
    "bound_names",
    "find_project",
    "inspect_project",
    "migration_head",
    "parse_python",
]

PRESETS_WITH_RESOURCES = tuple(r.name for r in PRESETS if capable(r.name, "packaged"))
OPENAPI_MODULE = "openapi.py"
"""The generated module new resources import ``error_responses`` from."""


@dataclass(frozen=True)
class Project:
    """A project made by litestar-new, as its answers file describes it."""

    root: Path
    preset: str
    project_name: str
    package: str
    answers: Mapping[str, Any] = field(default_factory=dict)

    @property
    def package_dir(self) -> Path:
        """``src/<package>``."""
        return self.root / "src" / self.package

    def relative(self, path: Path) -> str:
        """``path`` relative to the project, with ``/``."""
        return path.relative_to(self.root).as_posix()

    @property
    def source_prefix(self) -> str:
        """``src/<package>``, for relative paths."""
        return f"src/{self.package}"


def find_project(path: Path) -> Project:
    """The project at ``path`` or in one of its parents (where ``.copier-answers.yml`` is).

    Raises:
        UsageError: No project, a script project, or an answers file without a package.
    """
    start = path.expanduser().resolve()
    if start.exists() and not start.is_dir():
        msg = f"--path {path} is a file, not a folder; give the project's folder"
        raise UsageError(msg)
    if not start.is_dir():
        msg = f"--path {path}: no such folder"
        raise UsageError(msg)
    root = next((c for c in (start, *start.parents) if (c / ANSWERS_FILE).is_file()), None)
    if root is None:
        msg = (
            f"{start} is not inside a litestar-new project (no {ANSWERS_FILE} there or in a "
            "parent folder); run this in the project, or pass --path PROJECT"
        )
        raise UsageError(msg)
    answers = read_answers(root).answers
    preset = answers.preset
    if preset in {r.name for r in PRESETS} and not capable(preset, "packaged"):
        msg = (
            f"{root.name} is a script project (one app.py): resources need the package layout of "
            "the api or layered preset; climb first with: litestar-new update --preset api"
        )
        raise UsageError(msg)
    if preset not in PRESETS_WITH_RESOURCES:
        msg = f"{root / ANSWERS_FILE} names no preset litestar-new knows (preset: {preset!r})"
        raise UsageError(msg)
    package = answers.package_name
    project = Project(
        root=root,
        preset=preset,
        project_name=answers.project_name or root.name,
        package=package,
        answers=answers.values,
    )
    if not package or not project.package_dir.is_dir():
        msg = f"the package folder src/{package or '?'} of {root.name} is missing"
        raise UsageError(msg)
    if not (project.package_dir / OPENAPI_MODULE).is_file():
        msg = (
            f"src/{package}/{OPENAPI_MODULE} is missing (new resources declare their error "
            "answers with it): bring it in first with: litestar-new update"
        )
        raise UsageError(msg)
    return project


def parse_python(path: Path) -> ast.Module | None:
    """The module's syntax tree; None when it is missing or does not parse."""
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None


def _string_assignments(body: list[ast.stmt]) -> Iterator[tuple[str, ast.expr]]:
    for node in body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    yield target.id, node.value
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.value is not None
        ):
            yield node.target.id, node.value


def _annotated_names(body: list[ast.stmt]) -> set[str]:
    return {
        node.target.id
        for node in body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }


def bound_names(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level: imports, classes, functions, assignments."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        else:
            names.update(name for name, _ in _string_assignments([node]))
            names.update(_annotated_names([node]))
    return names


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
            table = dict(_string_assignments(node.body)).get("__tablename__")
            if isinstance(table, ast.Constant) and isinstance(table.value, str):
                found[node.name] = Model(
                    class_name=node.name,
                    table=table.value,
                    module=path.stem,
                    owned="owner_id" in _annotated_names(node.body),
                    exported=node.name in exported,
                )
    return found, modules


def _controllers(tree: ast.Module) -> dict[str, str]:
    paths: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            value = dict(_string_assignments(node.body)).get("path")
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


def _helpers(tests_dir: Path, *, package_tests: bool) -> dict[str, CreateHelper]:
    helpers: dict[str, CreateHelper] = {}
    for path in sorted(tests_dir.glob("*.py")):
        tree = parse_python(path)
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
    if project.preset == "layered":
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


def _revision_values(tree: ast.Module) -> tuple[str, tuple[str, ...]] | None:
    values = dict(_string_assignments(tree.body))
    revision, down = values.get("revision"), values.get("down_revision")
    if not (isinstance(revision, ast.Constant) and isinstance(revision.value, str)):
        return None
    if down is None or (isinstance(down, ast.Constant) and down.value is None):
        return revision.value, ()
    if isinstance(down, ast.Constant) and isinstance(down.value, str):
        return revision.value, (down.value,)
    if isinstance(down, ast.Tuple | ast.List):
        items = [e.value for e in down.elts if isinstance(e, ast.Constant)]
        if all(isinstance(i, str) for i in items) and len(items) == len(down.elts):
            return revision.value, tuple(str(i) for i in items)
    return None


def migration_head(versions: Path, project_name: str) -> str | None:
    """The one head revision of the migrations in ``versions`` (None when there are none).

    Raises:
        UsageError: The folder is missing, a revision file cannot be read, or there are
            several heads.
    """
    if not versions.is_dir():
        msg = f"the migrations folder {versions} is missing; cannot add a migration"
        raise UsageError(msg)
    revisions: dict[str, tuple[str, ...]] = {}
    for path in sorted(versions.glob("*.py")):
        tree = parse_python(path)
        values = _revision_values(tree) if tree is not None else None
        if values is None:
            msg = f"cannot read the revision and down_revision of {path.name} (in {versions})"
            raise UsageError(msg)
        revision, down = values
        if revision in revisions:
            msg = f"two migrations in {versions} have the revision id {revision!r}"
            raise UsageError(msg)
        revisions[revision] = down
    pointed_at = {d for downs in revisions.values() for d in downs}
    heads = sorted(set(revisions) - pointed_at)
    if len(heads) > 1:
        msg = (
            f"the migrations have {len(heads)} heads ({', '.join(heads)}): merge them first "
            f"(uv run {project_name} database merge --help), then add the resource"
        )
        raise UsageError(msg)
    if revisions and not heads:
        msg = f"the migrations in {versions} form a cycle; no head revision"
        raise UsageError(msg)
    return heads[0] if heads else None
