"""From the command's words to a checked plan: names free, references resolved, files known.

Nothing is written here, and every refusal names the clash: an existing resource, module, table,
controller, route or file, a reference to a resource that does not exist, or a name PostgreSQL
would truncate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from litestar_new.add.inventory import Inventory, inspect_project
from litestar_new.add.naming import ResourceName, parse_resource_name
from litestar_new.add.project import Project, migration_head
from litestar_new.add.references import USER_TABLE, Target, api_target, layered_target
from litestar_new.errors import UsageError
from litestar_new.spec import capable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from litestar_new.add.fields import FieldSpec

__all__ = [
    "LIB_MODULE",
    "MAX_IDENTIFIER",
    "PlannedField",
    "ResourcePlan",
    "identifiers",
    "make_plan",
]

MAX_IDENTIFIER = 63
"""PostgreSQL's longest identifier, in bytes; longer names are cut silently."""
LIB_MODULE = "lib.py"
"""The generated module every resource builds on (its page, input bases, service or store)."""


@dataclass(frozen=True)
class PlannedField:
    """One field with what it refers to."""

    spec: FieldSpec
    target: Target | None = None

    @property
    def key(self) -> str:
        """The attribute, column and JSON key (``author_id`` for a reference)."""
        return self.spec.column

    @property
    def label(self) -> str:
        """Words for messages and sample values: ``author`` for ``author_id``."""
        return self.spec.name.replace("_", " ")


@dataclass(frozen=True)
class ResourcePlan:
    """A resource to add, checked against the project."""

    project: Project
    name: ResourceName
    fields: tuple[PlannedField, ...]
    inventory: Inventory
    head: str | None = None
    """The migration the new one follows (layered)."""
    today: dt.date = dt.date(2026, 1, 1)

    @property
    def layered(self) -> bool:
        """True for the layered preset (database, owners, migrations)."""
        return capable(self.project.preset, "database")

    @property
    def owned(self) -> bool:
        """Rows belong to the user who made them (layered), like the template's books."""
        return self.layered

    @property
    def domain(self) -> str:
        """``src/shop/domain/authors``."""
        return f"{self.project.source_prefix}/domain/{self.name.plural}"

    @property
    def model_path(self) -> str:
        """``src/shop/db/models/author.py``."""
        return f"{self.project.source_prefix}/db/models/{self.name.snake}.py"

    @property
    def test_path(self) -> str:
        """``tests/test_authors.py``."""
        return f"tests/test_{self.name.plural}.py"

    @property
    def versions(self) -> str:
        """The folder of the migrations."""
        return f"{self.project.source_prefix}/db/migrations/versions"

    def new_paths(self) -> list[str]:
        """Every file the resource adds, the migration aside (its name depends on its content)."""
        domain = [f"{self.domain}/{m}.py" for m in ("__init__", "schemas", "controllers")]
        if self.layered:
            return [self.model_path, *domain, f"{self.domain}/services.py", self.test_path]
        return [*domain, f"{self.domain}/store.py", self.test_path]


def _check_free(name: ResourceName, project: Project, inventory: Inventory) -> None:
    """Refuse a name that an existing resource, module, table, class or route uses."""
    given = name.given
    clashes: list[str] = []
    if name.class_name in inventory.resources():
        model = inventory.models.get(name.class_name)
        store = inventory.stores.get(name.class_name)
        where = (
            f"{project.source_prefix}/db/models/{model.module}.py"
            if model
            else f"{project.source_prefix}/domain/{store.folder}/store.py"
            if store
            else ""
        )
        msg = f"cannot add {given!r}: the resource {name.class_name} exists already ({where}); nothing was written"
        raise UsageError(msg)
    if name.plural in inventory.domains:
        clashes.append(f"the module {project.source_prefix}/domain/{name.plural}/ exists")
    if capable(project.preset, "database"):
        if name.snake in inventory.model_modules:
            clashes.append(f"the module {project.source_prefix}/db/models/{name.snake}.py exists")
        if name.table in inventory.tables | {USER_TABLE}:
            clashes.append(f"the table {name.table!r} exists")
    controller = f"{name.class_name}Controller"
    if controller in inventory.controllers or controller in inventory.app_names:
        clashes.append(f"{controller} exists already")
    if name.url in inventory.controllers.values():
        clashes.append(f"the path {name.url} is served already")
    if name.snake in inventory.helpers:
        helper = inventory.helpers[name.snake]
        clashes.append(f"the tests define {helper.function} already (in {helper.module})")
    if clashes:
        msg = f"cannot add {given!r}: " + "; ".join(clashes) + "; nothing was written"
        raise UsageError(msg)


def _check_lib(project: Project) -> None:
    """Refuse a project made before the shared module existed: the new files import it."""
    if not (project.package_dir / LIB_MODULE).is_file():
        msg = (
            f"{project.source_prefix}/{LIB_MODULE} is missing (new resources build on it): "
            "bring it in first with: litestar-new update"
        )
        raise UsageError(msg)


def _check_files(plan: ResourcePlan) -> None:
    existing = [p for p in plan.new_paths() if (plan.project.root / p).exists()]
    if existing:
        msg = (
            f"cannot add {plan.name.given!r}: these files exist already: {', '.join(existing)}; "
            "nothing was written"
        )
        raise UsageError(msg)


def identifiers(plan: ResourcePlan) -> list[str]:
    """The names of the table's constraints and indexes (the layered preset's migration)."""
    table = plan.name.table
    names = [f"pk_{table}", f"fk_{table}_owner_id_{USER_TABLE}", f"ix_{table}_owner_id"]
    for item in plan.fields:
        if item.target is not None and item.target.table is not None:
            names += [f"fk_{table}_{item.key}_{item.target.table}", f"ix_{table}_{item.key}"]
        if item.spec.unique:
            names.append(f"uq_{table}_owner_id_{item.key}")
    return names


def _check_identifiers(plan: ResourcePlan) -> None:
    too_long = [n for n in identifiers(plan) if len(n.encode()) > MAX_IDENTIFIER]
    if too_long:
        msg = (
            f"the database name {too_long[0]!r} would be longer than PostgreSQL's "
            f"{MAX_IDENTIFIER} characters; use a shorter resource or field name"
        )
        raise UsageError(msg)


def make_plan(
    project: Project,
    given: str,
    specs: Sequence[FieldSpec],
    *,
    plural: str | None = None,
    today: dt.date | None = None,
) -> ResourcePlan:
    """Check the name and the fields against the project; resolve the references.

    Raises:
        UsageError: A clash, an unknown reference, or a name too long for the database.
    """
    name = parse_resource_name(given, plural)
    _check_lib(project)
    inventory = inspect_project(project)
    _check_free(name, project, inventory)
    database = capable(project.preset, "database")
    resolve = layered_target if database else api_target
    fields = tuple(
        PlannedField(spec, resolve(name, spec, inventory, project.package) if spec.is_ref else None)
        for spec in specs
    )
    head = None
    if database:
        versions = project.package_dir / "db" / "migrations" / "versions"
        head = migration_head(versions, project.project_name)
    plan = ResourcePlan(
        project=project,
        name=name,
        fields=fields,
        inventory=inventory,
        head=head,
        today=today or dt.datetime.now(dt.UTC).date(),
    )
    _check_files(plan)
    if plan.layered:
        _check_identifiers(plan)
    return plan
