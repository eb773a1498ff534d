"""The code of a new resource: the plan's fields turned into the snippets the stencils print.

The stencils (``stencils/<preset>/*.py.jinja`` beside this module) only loop and print; every
decision (a column, a constraint, a test value, an import) is made here, in Python, where it is
tested. The output is formatted by :mod:`litestar_new.core.ruff` afterwards, so the
snippets need not mind line lengths or the order of imports.
"""

from __future__ import annotations

import builtins
import json
import keyword
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from litestar_new.add.migration import migration
from litestar_new.add.naming import indefinite, pluralize
from litestar_new.add.suite import suite_code, targets

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

    import jinja2

    from litestar_new.add.fields import FieldDetails, FieldType
    from litestar_new.add.plan import PlannedField, ResourcePlan, Target

__all__ = ["BUILTINS", "FieldCode", "field_code", "render_files"]

STENCILS = Path(__file__).parent / "stencils"
BUILTINS = frozenset(dir(builtins))
"""Python's builtin names: a field named after one (``str``, ``dict``) hides it in its class."""
_PYTHON_WORDS = BUILTINS | frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)
_REF_SAMPLE = '"7d0c5f8e-2b1a-4c3d-9e8f-0a1b2c3d4e5f"'
_REF_INVALID = (("not-a-uuid", '"not-a-uuid"'),)


@dataclass(frozen=True)
class FieldCode:
    """One field, as every generated file spells it."""

    key: str
    label: str
    optional: bool
    unique: bool
    alias: str
    """The schema's ``Annotated`` alias (``Title``)."""
    python: str
    """The annotation without ``| None`` (``str``, ``dt.date``, ``UUID``)."""
    meta: str
    """The arguments of its ``msgspec.Meta``."""
    model_line: str
    migration_line: str
    sample: str
    other: str
    nth: str
    invalid: tuple[tuple[str, str], ...]
    kind: FieldType | None = None
    """The type; None for a reference."""
    target: Target | None = None

    @property
    def is_ref(self) -> bool:
        """A reference to another resource."""
        return self.target is not None

    @property
    def decimal(self) -> bool:
        """A decimal: checked by the structs themselves (msgspec has no constraint for it)."""
        return self.kind is not None and self.kind.name == "decimal"

    @property
    def imports(self) -> tuple[str, ...]:
        """What its annotation needs."""
        return self.kind.python_imports if self.kind is not None else ()

    @property
    def test_id(self) -> str:
        """The field in pytest ids: ``author-id``."""
        return self.key.replace("_", "-")


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _ref_meta(target: Target, *, owned: bool) -> str:
    whose = (
        f"one of your {pluralize(target.snake).replace('_', ' ')}"
        if owned and target.owned
        else target.a
    )
    return f'description="The id of {whose}", examples=[{_REF_SAMPLE}]'


def qualified(annotation: str, shadowed: Collection[str]) -> str:
    """``builtins.str`` for ``str`` when a field of the same class is called ``str``.

    A class attribute named after a builtin hides it from the annotations of that class body
    (for mypy, and for SQLAlchemy's models at run time), so those annotations name it through
    the :mod:`builtins` module.
    """
    return f"builtins.{annotation}" if annotation in shadowed else annotation


def field_code(
    item: PlannedField, plan: ResourcePlan, alias: str, hidden: frozenset[str] = frozenset()
) -> FieldCode:
    """The snippets of one field (``hidden``: the builtins that fields of its class hide)."""
    spec, target = item.spec, item.target
    none = " | None" if spec.optional else ""
    default = ", default=None" if spec.optional else ""
    nullable = "True" if spec.optional else "False"
    if target is not None:
        ondelete = "SET NULL" if spec.optional else "RESTRICT"
        table = target.table or target.snake
        return FieldCode(
            key=item.key,
            label=item.label,
            optional=spec.optional,
            unique=spec.unique,
            alias=alias,
            python="UUID",
            meta=_ref_meta(target, owned=plan.owned),
            model_line=(
                f"{item.key}: Mapped[UUID{none}] = mapped_column("
                f'ForeignKey("{table}.id", ondelete="{ondelete}"), index=True{default})'
            ),
            migration_line=f'sa.Column("{item.key}", GUID(length=16), nullable={nullable}),',
            sample=_REF_SAMPLE,
            other=_REF_SAMPLE,
            nth="",
            invalid=_REF_INVALID,
            target=target,
        )
    kind = spec.type
    assert kind is not None  # noqa: S101 - a field that is no reference has a type
    details = spec.details
    details.check(kind)
    python = qualified(kind.python, hidden)
    label = details.label or item.label
    examples = [_string(value) for value in details.examples]
    sample = examples[0] if examples else kind.sample.format(label=label)
    description = details.description
    if kind.name == "decimal":
        description = "A decimal number as a string: up to 10 digits before the point and 2 after"
    meta = ", ".join(
        part
        for part in (
            kind.meta_for(details),
            f"description={_string(description)}" if description else "",
            f"examples=[{sample}]",
        )
        if part
    )
    model_line = (
        f"{item.key}: Mapped[{python}{none}] = mapped_column({kind.column_for(details)}{default})"
    )
    if details.description:
        model_line += f"\n    {_docstring(details.description)}"
    return FieldCode(
        key=item.key,
        label=label,
        optional=spec.optional,
        unique=spec.unique,
        alias=alias,
        python=python,
        meta=meta,
        model_line=model_line,
        migration_line=f'sa.Column("{item.key}", {kind.migration_for(details)}, nullable={nullable}),',
        sample=sample,
        other=examples[1] if len(examples) > 1 else kind.other.format(label=label),
        nth=details.numbered or kind.nth.format(label=label),
        invalid=_invalid(kind, details),
        kind=kind,
    )


def _string(value: str) -> str:
    """A string literal of ``value``, as Python source."""
    return json.dumps(value, ensure_ascii=False)


def _docstring(text: str) -> str:
    return '"""' + text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '"""'


def _invalid(kind: FieldType, details: FieldDetails) -> tuple[tuple[str, str], ...]:
    """The type's invalid values, with the field's own length and pattern."""
    cases = list(kind.invalid)
    if details.length is not None:
        cases = [
            ("too-long", f'"x" * {details.length + 1}') if case == "too-long" else (case, value)
            for case, value in cases
        ]
    if details.pattern is not None:
        mismatch = next(
            (v for v in ("0", "x", "not a match", "-") if not re.search(details.pattern, v)), None
        )
        if mismatch is not None:
            cases.insert(0, ("no-match", _string(mismatch)))
    return tuple(cases)


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


def shadowed(plan: ResourcePlan) -> frozenset[str]:
    """The builtins that the resource's field names hide in the classes that declare them."""
    return frozenset(item.key for item in plan.fields) & BUILTINS


def conflict_message(plan: ResourcePlan, fields: list[FieldCode]) -> str:
    """The 409 of a resource with unique fields: ``A book with this ISBN is already ...``."""
    labels = " or ".join(f.label for f in fields if f.unique)
    where = "is already in your collection" if plan.owned else "exists already"
    a = indefinite(plan.name.words)
    return f"{a[:1].upper()}{a[1:]} with this {labels} {where}"


@dataclass
class _Imports:
    lines: set[str] = field(default_factory=set)

    def add(self, *lines: str) -> None:
        self.lines.update(lines)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.lines))


def _needs_builtins(fields: list[FieldCode]) -> bool:
    return any(f.python.startswith("builtins.") for f in fields)


def _model_imports(fields: list[FieldCode]) -> _Imports:
    imports = _Imports()
    imports.add(
        "from uuid import UUID",
        "from advanced_alchemy.base import UUIDAuditBase",
        "from sqlalchemy import ForeignKey",
        "from sqlalchemy.orm import Mapped, mapped_column",
    )
    if any(f.unique for f in fields):
        imports.add("from sqlalchemy import UniqueConstraint")
    if _needs_builtins(fields):
        imports.add("import builtins")
    for f in fields:
        if f.kind is not None:
            imports.add(*f.kind.python_imports, *f.kind.column_imports)
    return imports


def _schema_imports(fields: list[FieldCode]) -> _Imports:
    imports = _Imports()
    if _needs_builtins(fields):
        imports.add("import builtins")
    imports.add("import datetime as dt", "from typing import Annotated", "from uuid import UUID")
    imports.add("import msgspec")
    for f in fields:
        imports.add(*f.imports)
    return imports


def _pytuple(values: Iterable[str]) -> str:
    """A tuple literal of strings: ``("a",)``, ``("a", "b")``."""
    items = [f'"{v}"' for v in values]
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


@cache
def _environment() -> jinja2.Environment:
    import jinja2  # noqa: PLC0415 - kept off the start-up path

    env = jinja2.Environment(  # noqa: S701 - Python source, not HTML
        loader=jinja2.FileSystemLoader(STENCILS),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pytuple"] = _pytuple
    return env


def render_files(plan: ResourcePlan) -> dict[str, str]:
    """Every new file of the resource (relative path -> text), the migration included."""
    env = _environment()
    fields = _fields(plan)
    context: dict[str, Any] = {
        "r": plan.name,
        "package": plan.project.package,
        "fields": fields,
        "refs": [f for f in fields if f.is_ref],
        "targets": targets(fields),
        "uniques": [f for f in fields if f.unique],
        # unique values that tests must vary per row (a unique reference varies by itself)
        "numbered": [f for f in fields if f.unique and not f.is_ref],
        "optionals": [f for f in fields if f.optional],
        "decimals": [f for f in fields if f.decimal],
        "datetimes": [f for f in fields if f.kind is not None and f.kind.name == "datetime"],
        "owned": plan.owned,
        "schema_imports": _schema_imports(fields),
        "conflict": conflict_message(plan, fields),
        "model_imports": _model_imports(fields),
        "t": suite_code(plan, fields),
    }
    preset = "layered" if plan.layered else "api"  # the folder of the stencils
    files = {
        f"{plan.domain}/__init__.py": env.get_template("common/__init__.py.jinja").render(context),
        f"{plan.domain}/schemas.py": env.get_template("common/schemas.py.jinja").render(context),
        f"{plan.domain}/controllers.py": env.get_template(f"{preset}/controllers.py.jinja").render(
            context
        ),
        plan.test_path: env.get_template(f"{preset}/test.py.jinja").render(context),
    }
    if plan.layered:
        files[plan.model_path] = env.get_template("layered/model.py.jinja").render(context)
        files[f"{plan.domain}/services.py"] = env.get_template("layered/services.py.jinja").render(
            context
        )
        made = migration(plan, fields, env)
        files[made.path] = made.text
    else:
        files[f"{plan.domain}/store.py"] = env.get_template("api/store.py.jinja").render(context)
    return files
