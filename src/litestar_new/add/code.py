"""The code of a new resource: the plan's fields turned into what the stencils print.

The stencils (``stencils/<preset>/*.py.jinja`` beside this module) only loop (``{% for %}``) and
print (``{{ }}``); every decision (a column, a constraint, a test value, an import, whether a
block is there at all) is made here and in :mod:`~.snippets` and :mod:`~.suite`, in Python,
where it is tested. A block that only some resources have is a list that is empty when the
block is absent (see :func:`once`). The output is formatted by :mod:`litestar_new.core.ruff`
afterwards, so the snippets need not mind line lengths or the order of imports.
"""

from __future__ import annotations

import json
import keyword
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from litestar_new.add.migration import migration
from litestar_new.add.naming import indefinite
from litestar_new.add.references import USER_TABLE
from litestar_new.add.snippets import BUILTINS, FieldCode, field_code, shadowed
from litestar_new.add.suite import once, python_tuple, suite_code, targets

if TYPE_CHECKING:
    import jinja2

    from litestar_new.add.plan import ResourcePlan

__all__ = ["conflict_message", "render_files", "stencil_context"]

STENCILS = Path(__file__).parent / "stencils"
_PYTHON_WORDS = BUILTINS | frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _fields(plan: ResourcePlan) -> list[FieldCode]:
    name = plan.name.class_name
    taken = {
        name,
        *(f"{name}{suffix}" for suffix in ("Create", "Update", "Read", "Page")),
        "Annotated",
        "Decimal",
        "Input",
        "PartialUpdate",
        "UUID",
        "DECIMAL_LIMIT",
        "DECIMAL_STEP",
        # an alias must not be a keyword (none -> None) nor hide a builtin (value_error)
        *_PYTHON_WORDS,
    }
    codes = []
    for item in plan.fields:
        alias = _pascal(item.key)
        while alias in taken:
            alias += "Value"
        taken.add(alias)
        codes.append(field_code(item, plan, alias, shadowed(plan)))
    return codes


def conflict_message(plan: ResourcePlan, fields: list[FieldCode]) -> str:
    """The 409 of a resource with unique fields: ``A book with this ISBN is already ...``."""
    labels = " or ".join(f.label for f in fields if f.unique)
    where = "is already in your collection" if plan.owned else "exists already"
    a = indefinite(plan.name.words)
    return f"{a[:1].upper()}{a[1:]} with this {labels} {where}"


def _needs_builtins(fields: list[FieldCode]) -> bool:
    return any(f.python.startswith("builtins.") for f in fields)


def _model_imports(fields: list[FieldCode]) -> list[str]:
    imports = {
        "from uuid import UUID",
        "from advanced_alchemy.base import UUIDAuditBase",
        "from sqlalchemy import ForeignKey",
        "from sqlalchemy.orm import Mapped, mapped_column",
    }
    if any(f.unique for f in fields):
        imports.add("from sqlalchemy import UniqueConstraint")
    if _needs_builtins(fields):
        imports.add("import builtins")
    for f in fields:
        if f.kind is not None:
            imports.update(f.kind.python_imports, f.kind.column_imports)
    return sorted(imports)


def _schema_imports(fields: list[FieldCode]) -> list[str]:
    imports = {"import datetime as dt", "from typing import Annotated", "from uuid import UUID"}
    imports.add("import msgspec")
    if _needs_builtins(fields):
        imports.add("import builtins")
    for f in fields:
        imports.update(f.imports)
    return sorted(imports)


def _owner_column(*, indexed: bool) -> list[str]:
    """The model's ``owner_id``: indexed, unless a unique constraint starting with it is."""
    foreign_key = f'ForeignKey("{USER_TABLE}.id", ondelete="CASCADE")'
    if indexed:
        return [
            "owner_id: Mapped[UUID] = mapped_column(",
            f"    {foreign_key}, index=True",
            ")",
        ]
    return [
        "# no index of its own: the unique constraints start with owner_id",
        f"owner_id: Mapped[UUID] = mapped_column({foreign_key})",
    ]


def _checks(fields: list[FieldCode]) -> list[str]:
    """What the structs' ``__post_init__`` calls: the checks msgspec cannot make itself."""
    calls = []
    for helper, checked in (
        ("_check_decimals", [f for f in fields if f.decimal]),
        ("_check_datetimes", [f for f in fields if f.datetime]),
    ):
        if checked:
            calls.append(f"{helper}(self, {', '.join(json.dumps(f.key) for f in checked)})")
    return calls


def stencil_context(plan: ResourcePlan) -> dict[str, Any]:
    """Everything the stencils print for ``plan``."""
    fields = _fields(plan)
    refs = [f for f in fields if f.is_ref]
    uniques = [f for f in fields if f.unique]
    referred = targets(fields)
    conflict = conflict_message(plan, fields)
    checks = _checks(fields)
    return {
        "r": plan.name,
        "package": plan.project.package,
        "fields": fields,
        "refs": refs,
        "targets": referred,
        "uniques": uniques,
        "conflict": conflict,
        # schemas
        "schema_imports": _schema_imports(fields),
        "server_ids": "``id``, ``owner_id``" if plan.owned else "``id``",
        "decimal_helper": once(any(f.decimal for f in fields)),
        "datetime_helper": once(any(f.datetime for f in fields)),
        "post_init": [checks] if checks else [],
        "owner_fields": ["owner_id: UUID"] if plan.owned else [],
        # the api preset's controllers and store
        "exceptions": "NotFoundException, ValidationException" if refs else "NotFoundException",
        "ref_check": once(bool(refs)),
        "store_args": ", ".join(t.store.key for t in referred if t.store is not None),
        "create_errors": "409" if uniques else "",
        "update_errors": "404, 409" if uniques else "404",
        "unique_keys": [python_tuple(f.key for f in uniques)] if uniques else [],
        # the layered preset's model and services
        "model_imports": _model_imports(fields),
        "table_args": [uniques] if uniques else [],
        "owner_column": _owner_column(indexed=not uniques),
        "conflicts": [conflict] if uniques else [],
        "ref_check_scope": (
            " (of the same owner, where rows are owned)" if any(t.owned for t in referred) else ""
        ),
        "t": suite_code(plan, fields),
    }


@cache
def _environment() -> jinja2.Environment:
    """The stencils' environment; compiled stencils are kept between runs, as a render's are."""
    import jinja2  # noqa: PLC0415 - kept off the start-up path

    from litestar_new.core.fastrender.cache import OneFileCache, cache_file  # noqa: PLC0415
    from litestar_new.store import data_dir  # noqa: PLC0415

    env = jinja2.Environment(  # noqa: S701 - Python source, not HTML
        loader=jinja2.FileSystemLoader(STENCILS),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    key = {"stencils": "StrictUndefined, keep_trailing_newline, trim_blocks, lstrip_blocks"}
    env.bytecode_cache = OneFileCache(cache_file(data_dir() / "cache", key, []))
    return env


def render_files(plan: ResourcePlan) -> dict[str, str]:
    """Every new file of the resource (relative path -> text), the migration included."""
    env = _environment()
    context = stencil_context(plan)
    preset = "layered" if plan.layered else "api"  # the folder of the stencils
    stencils = {
        f"{plan.domain}/__init__.py": "common/__init__.py.jinja",
        f"{plan.domain}/schemas.py": "common/schemas.py.jinja",
        f"{plan.domain}/controllers.py": f"{preset}/controllers.py.jinja",
        plan.test_path: f"{preset}/test.py.jinja",
    }
    if plan.layered:
        stencils[plan.model_path] = "layered/model.py.jinja"
        stencils[f"{plan.domain}/services.py"] = "layered/services.py.jinja"
    else:
        stencils[f"{plan.domain}/store.py"] = "api/store.py.jinja"
    files = {path: env.get_template(name).render(context) for path, name in stencils.items()}
    if plan.layered:
        made = migration(plan, context["fields"], env)
        files[made.path] = made.text
    if (compiled := env.bytecode_cache) is not None and hasattr(compiled, "flush"):
        compiled.flush()  # what this run compiled, for the next
    return files
