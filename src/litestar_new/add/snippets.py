"""The snippets of one field: how each generated file spells it.

A :class:`FieldCode` holds every piece of Python source a field becomes (its annotation in each
struct, its column, its migration line, its test values), so that the stencils print them and
decide nothing.
"""

from __future__ import annotations

import builtins
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from litestar_new.add.naming import pluralize

if TYPE_CHECKING:
    from collections.abc import Collection

    from litestar_new.add.field_types import FieldDetails, FieldType
    from litestar_new.add.plan import PlannedField, ResourcePlan
    from litestar_new.add.references import Target

__all__ = ["BUILTINS", "FieldCode", "field_code", "python_string", "qualified", "shadowed"]

BUILTINS = frozenset(dir(builtins))
"""Python's builtin names: a field named after one (``str``, ``dict``) hides it in its class."""
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
    def datetime(self) -> bool:
        """A datetime: checked by the structs themselves (UTC must hold it)."""
        return self.kind is not None and self.kind.name == "datetime"

    @property
    def imports(self) -> tuple[str, ...]:
        """What its annotation needs."""
        return self.kind.python_imports if self.kind is not None else ()

    @property
    def test_id(self) -> str:
        """The field in pytest ids: ``author-id``."""
        return self.key.replace("_", "-")

    @property
    def create_annotation(self) -> str:
        """Its annotation (and default) in the create struct: ``Isbn | None = None``."""
        return f"{self.alias} | None = None" if self.optional else self.alias

    @property
    def update_annotation(self) -> str:
        """Its annotation in the partial update struct: unset, or a value (or None if optional)."""
        none = " | None" if self.optional else ""
        return f"{self.alias} | msgspec.UnsetType{none} = msgspec.UNSET"

    @property
    def read_annotation(self) -> str:
        """Its annotation in the read struct: ``str | None``."""
        return f"{self.python} | None" if self.optional else self.python

    @property
    def ref_condition(self) -> str:
        """The ``where`` of the select that finds what a reference names (layered)."""
        assert self.target is not None  # noqa: S101 - only references are checked
        model = self.target.class_name
        if self.target.owned:
            return f"{model}.id == value, {model}.owner_id == owner_id"
        return f"{model}.id == value"

    @property
    def ref_missing(self) -> str:
        """The 400's words when a reference names nothing: ``you have no author`` (layered)."""
        assert self.target is not None  # noqa: S101 - only references are checked
        whose = "you have no" if self.target.owned else "there is no"
        return f"{whose} {self.target.words}"


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


def shadowed(plan: ResourcePlan) -> frozenset[str]:
    """The builtins that the resource's field names hide in the classes that declare them."""
    return frozenset(item.key for item in plan.fields) & BUILTINS


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
    examples = [python_string(value) for value in details.examples]
    sample = examples[0] if examples else kind.sample.format(label=label)
    description = details.description
    if kind.name == "decimal":
        description = "A decimal number as a string: up to 10 digits before the point and 2 after"
    meta = ", ".join(
        part
        for part in (
            kind.meta_for(details),
            f"description={python_string(description)}" if description else "",
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


def python_string(value: str) -> str:
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
            cases.insert(0, ("no-match", python_string(mismatch)))
    return tuple(cases)
