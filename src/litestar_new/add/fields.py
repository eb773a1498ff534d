"""Field specs of ``add resource``: one shell word per field, parsed and checked.

The syntax, one word per field::

    NAME:TYPE            title:str
    NAME:TYPE?           note:text?           optional (nullable, may be left out)
    NAME:TYPE:unique     code:str:unique      unique (per owner in the layered preset)
    NAME:ref:RESOURCE    author:ref:Author    a foreign key to that resource (column author_id)
    NAME:ref:RESOURCE?   editor:ref:User?     an optional reference

``?`` always ends the type (or the referenced resource), never the field name. :data:`TYPES` holds
what each type becomes: the SQLAlchemy column, the Alembic column type, the msgspec annotation with
its constraints (which Litestar turns into the OpenAPI schema) and the values the generated tests
send, valid and invalid.
"""

from __future__ import annotations

import difflib
import keyword
import re
from dataclasses import dataclass

from litestar_new.errors import UsageError

__all__ = [
    "MAX_FIELD_NAME",
    "REF",
    "RESERVED_FIELDS",
    "TYPES",
    "FieldDetails",
    "FieldSpec",
    "FieldType",
    "check_field_name",
    "parse_field",
    "parse_fields",
    "types_table",
]

MAX_FIELD_NAME = 40
"""Longest field name: constraint names built from it stay within PostgreSQL's 63 bytes."""
REF = "ref"
"""The type word of a reference: ``author:ref:Author``."""

_FIELD_NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_SOFT_KEYWORDS = frozenset({"_", "case", "match", "type"})

RESERVED_FIELDS: dict[str, str] = {
    "id": "every resource has an id already (a UUID set by the server)",
    "created_at": "every resource has it already (set by the server)",
    "updated_at": "every resource has it already (set by the server)",
    "owner_id": "the owner is set by the server from the access token",
    "owner": "the owner is set by the server from the access token (owner_id)",
    "sa_orm_sentinel": "advanced-alchemy's models use this column",
    "metadata": "SQLAlchemy's declarative models reserve it",
    "registry": "SQLAlchemy's declarative models reserve it",
    "to_dict": "it is a method of advanced-alchemy's models",
    "awaitable_attrs": "it is an attribute of advanced-alchemy's models",
    "validate_tz_info": "it is a method of advanced-alchemy's models",
    "changes": "it is the method of the Update struct that lists the changed fields",
    "self": "it is the name of the instance in methods",
    "cls": "it is the name of the class in class methods",
    # names the generated modules import or define: a class attribute of the same name would
    # hide them from the annotations that follow it in the class body
    "dt": "the generated modules import datetime as dt",
    "msgspec": "the generated schemas import msgspec",
    "mapped_column": "the generated model imports SQLAlchemy's mapped_column",
    "builtins": "the generated modules import builtins (for a field named after one, like str)",
}


@dataclass(frozen=True)
class FieldType:
    """What one type of :data:`TYPES` becomes in each generated file.

    Snippets are Python source, passed through :meth:`str.format` (so literal braces are
    doubled): the test values with ``label``, the field's words; :attr:`column`,
    :attr:`migration` and :attr:`meta` with ``length`` and ``pattern`` (see :meth:`constraints`).
    """

    name: str
    summary: str
    python: str
    """The annotation of the model attribute and of the Read struct's field."""
    python_imports: tuple[str, ...]
    column: str
    """The SQLAlchemy type given to ``mapped_column``."""
    column_imports: tuple[str, ...]
    migration: str
    """The column type as Alembic's autogenerate renders it."""
    migration_imports: tuple[str, ...]
    meta: str
    """``msgspec.Meta`` constraints of the input structs (an empty string for none)."""
    sample: str
    """A valid JSON value, as Python source."""
    other: str
    """Another valid JSON value, different from :attr:`sample` (for updates)."""
    nth: str
    """An expression of ``n`` giving a distinct valid JSON value for each ``n`` (unique fields)."""
    invalid: tuple[tuple[str, str], ...]
    """``(test id, Python source)`` of JSON values the API must refuse with 400."""
    openapi: str
    """The JSON schema type clients see (for docs)."""
    unique_allowed: bool = True
    length: int | None = None
    """The longest value, for a type whose column has a length (``str``)."""
    patterned: bool = False
    """A text type: its ``pattern`` (no NUL by default) may be replaced by a field's own."""

    def constraints(self, details: FieldDetails | None = None) -> dict[str, str]:
        """The values of ``{length}`` and ``{pattern}`` in the snippets, for a field's details."""
        length = details.length if details is not None and details.length else self.length
        pattern = details.pattern if details is not None and details.pattern else None
        return {"length": str(length), "pattern": python_regex(pattern) if pattern else NO_NUL}

    def column_for(self, details: FieldDetails | None = None) -> str:
        """The SQLAlchemy type of a field's column (``String(13)`` for a length of 13)."""
        return self.column.format(**self.constraints(details))

    def migration_for(self, details: FieldDetails | None = None) -> str:
        """The column type as Alembic renders it, for a field's details."""
        return self.migration.format(**self.constraints(details))

    def meta_for(self, details: FieldDetails | None = None) -> str:
        """The ``msgspec.Meta`` constraints of a field, for its details."""
        return self.meta.format(**self.constraints(details))


def python_regex(pattern: str) -> str:
    """A regular expression as Python source: a raw string where one can hold it."""
    if '"' not in pattern and not pattern.endswith("\\") and "\n" not in pattern:
        return f'r"{pattern}"'
    return repr(pattern)


@dataclass(frozen=True)
class FieldDetails:
    """What a field may carry beyond its shell word: decided in Python, not typed in a shell.

    The template's example resource uses them (the book's ISBN has its own pattern, examples,
    description and length); ``add resource`` leaves them empty.
    """

    label: str | None = None
    """Words for messages, instead of the name's (``ISBN`` for ``isbn``)."""
    description: str | None = None
    """The OpenAPI description of the field (and the model attribute's docstring)."""
    pattern: str | None = None
    """A regular expression the value must match, instead of the type's (text types only)."""
    examples: tuple[str, ...] = ()
    """Valid values: the first is the OpenAPI example and the tests' value, the second (if any)
    the tests' changed value."""
    length: int | None = None
    """The longest value, instead of the type's (``str`` only): the column is ``String(length)``."""
    numbered: str | None = None
    """Python source of a distinct valid value for each ``n`` (a unique field's test values)."""

    def check(self, kind: FieldType) -> None:
        """Refuse details the type cannot have.

        Raises:
            ValueError: A length or a pattern on a type without one.
        """
        if self.length is not None and kind.length is None:
            msg = f"a {kind.name} field has no length"
            raise ValueError(msg)
        if self.pattern is not None and not kind.patterned:
            msg = f"a {kind.name} field has no pattern"
            raise ValueError(msg)
        for value in self.examples:
            if self.pattern is not None and not re.search(self.pattern, value):
                msg = f"the example {value!r} does not match the pattern {self.pattern!r}"
                raise ValueError(msg)


NO_NUL = 'r"^[^\\x00]*$"'
"""The ``pattern`` of text fields, as Python source: PostgreSQL refuses NUL in text."""
NUL = '"a\\x00b"'
"""A JSON string with a NUL character, as Python source."""

TYPES: dict[str, FieldType] = {
    item.name: item
    for item in (
        FieldType(
            name="str",
            summary="a short string, 1 to 200 characters",
            python="str",
            python_imports=(),
            column="String({length})",
            column_imports=("from sqlalchemy import String",),
            migration="sa.String(length={length})",
            migration_imports=(),
            meta="min_length=1, max_length={length}, pattern={pattern}",
            sample='"Example {label}"',
            other='"Another {label}"',
            nth='f"Example {label} {{n}}"',
            invalid=(
                ("empty", '""'),
                ("too-long", '"x" * 201'),
                ("nul", NUL),
                ("wrong-type", "42"),
            ),
            openapi="string",
            length=200,
            patterned=True,
        ),
        FieldType(
            name="text",
            summary="a long string, up to 65,535 characters",
            python="str",
            python_imports=(),
            column="Text",
            column_imports=("from sqlalchemy import Text",),
            migration="sa.Text()",
            migration_imports=(),
            meta="max_length=65_535, pattern={pattern}",
            sample='"Some text about the {label}."',
            other='"Other text about the {label}."',
            nth='f"Text number {{n}} about the {label}."',
            invalid=(("too-long", '"x" * 65_536'), ("nul", NUL), ("wrong-type", "42")),
            openapi="string",
            patterned=True,
        ),
        FieldType(
            name="int",
            summary="an integer that fits 32 bits (PostgreSQL INTEGER)",
            python="int",
            python_imports=(),
            column="Integer",
            column_imports=("from sqlalchemy import Integer",),
            migration="sa.Integer()",
            migration_imports=(),
            meta="ge=-2_147_483_648, le=2_147_483_647",
            sample="42",
            other="7",
            nth="n",
            invalid=(
                ("too-large", "2_147_483_648"),
                ("fraction", "1.5"),
                ("not-a-number", '"many"'),
            ),
            openapi="integer",
        ),
        FieldType(
            name="float",
            summary="a floating-point number (double precision)",
            python="float",
            python_imports=(),
            column="Float",
            column_imports=("from sqlalchemy import Float",),
            migration="sa.Float()",
            migration_imports=(),
            meta="",
            sample="1.5",
            other="2.25",
            nth="",
            invalid=(("not-a-number", '"much"'), ("wrong-type", "[1.5]")),
            openapi="number",
            unique_allowed=False,
        ),
        FieldType(
            name="bool",
            summary="true or false",
            python="bool",
            python_imports=(),
            column="Boolean",
            column_imports=("from sqlalchemy import Boolean",),
            migration="sa.Boolean()",
            migration_imports=(),
            meta="",
            sample="True",
            other="False",
            nth="",
            invalid=(("not-a-bool", '"maybe"'), ("wrong-type", "[True]")),
            openapi="boolean",
            unique_allowed=False,
        ),
        FieldType(
            name="date",
            summary="a calendar date, ISO 8601 (2026-01-02)",
            python="dt.date",
            python_imports=("import datetime as dt",),
            column="Date",
            column_imports=("from sqlalchemy import Date",),
            migration="sa.Date()",
            migration_imports=(),
            meta="",
            sample='"2026-01-02"',
            other='"2026-03-04"',
            nth='f"{{2000 + n:04d}}-01-02"',
            invalid=(("not-a-date", '"2026-13-01"'), ("wrong-type", "20260102")),
            openapi="string (date)",
        ),
        FieldType(
            name="datetime",
            summary="a moment with its time zone, ISO 8601 (2026-01-02T03:04:05Z); stored in UTC",
            python="dt.datetime",
            python_imports=("import datetime as dt",),
            column="DateTimeUTC(timezone=True)",
            column_imports=("from advanced_alchemy.types import DateTimeUTC",),
            migration="DateTimeUTC(timezone=True)",
            migration_imports=("from advanced_alchemy.types import DateTimeUTC",),
            meta="tz=True",
            sample='"2026-01-02T03:04:05Z"',
            other='"2026-03-04T05:06:07Z"',
            nth='f"{{2000 + n:04d}}-01-02T03:04:05Z"',
            invalid=(
                ("no-time-zone", '"2026-01-02T03:04:05"'),
                ("not-a-datetime", '"soon"'),
                # UTC cannot hold them: year 10000 and year 0
                ("after-utc-9999", '"9999-12-31T23:59:59.999999-12:00"'),
                ("before-utc-1", '"0001-01-01T00:00:00+14:00"'),
            ),
            openapi="string (date-time)",
        ),
        FieldType(
            name="uuid",
            summary="a UUID",
            python="UUID",
            python_imports=("from uuid import UUID",),
            column="GUID",
            column_imports=("from advanced_alchemy.types import GUID",),
            migration="GUID(length=16)",
            migration_imports=("from advanced_alchemy.types import GUID",),
            meta="",
            sample='"0b9e4c3e-6a2f-4d6b-9c1e-2f6d3c8a9b10"',
            other='"5d2c7e1a-8b3f-4e9d-a6c4-1f0e2d3c4b5a"',
            nth='f"00000000-0000-4000-8000-{{n:012d}}"',
            invalid=(("not-a-uuid", '"not-a-uuid"'), ("wrong-type", "42")),
            openapi="string (uuid)",
        ),
        FieldType(
            name="decimal",
            summary="an exact number with up to 10 digits before the point and 2 after (NUMERIC(12, 2)), "
            'sent and answered as a string ("12.50")',
            python="Decimal",
            python_imports=("from decimal import Decimal",),
            column="Numeric(12, 2)",
            column_imports=("from sqlalchemy import Numeric",),
            migration="sa.Numeric(precision=12, scale=2)",
            migration_imports=(),
            meta="",
            sample='"12.50"',
            other='"7.25"',
            nth='f"{{n}}.25"',
            invalid=(
                ("too-many-places", '"1.234"'),
                ("too-large", '"10000000000.00"'),
                ("not-a-number", '"twelve"'),
            ),
            openapi="string (decimal)",
        ),
    )
}


@dataclass(frozen=True)
class FieldSpec:
    """One parsed field: ``author:ref:Author?`` is a name, a reference target and a flag."""

    name: str
    """The field's name as given (``author`` for ``author:ref:Author``)."""
    type: FieldType | None
    """None for a reference."""
    optional: bool = False
    unique: bool = False
    target: str | None = None
    """The referenced resource as given (``Author``), for a reference."""
    details: FieldDetails = FieldDetails()
    """Label, description, pattern, examples and length beyond the word (the example resource)."""

    @property
    def is_ref(self) -> bool:
        """True for ``name:ref:Resource``."""
        return self.target is not None

    @property
    def column(self) -> str:
        """The column and the JSON key: ``author_id`` for the reference ``author``."""
        return f"{self.name}_id" if self.is_ref else self.name


def types_table() -> str:
    """The Markdown table of the types, as ``docs/add.md`` shows it (a test holds them in step)."""
    rows = [
        "| type | what | column (SQLAlchemy) | JSON / OpenAPI | msgspec constraints |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind in TYPES.values():
        meta = f"`{kind.meta_for()}`" if kind.meta else "-"
        if kind.name == "decimal":
            meta = "checked by the structs' `__post_init__` (msgspec has none for decimals)"
        if kind.name == "datetime":
            meta += ", and a moment UTC can hold (years 1 to 9999), checked by `__post_init__`"
        rows.append(
            f"| `{kind.name}` | {kind.summary} | `{kind.column_for()}` | {kind.openapi} | {meta} |"
        )
    rows.append(
        f"| `{REF}:RESOURCE` | the id of a row of another resource | `ForeignKey(<table>.id)`, "
        "indexed | string (uuid) | - |"
    )
    return "\n".join(rows) + "\n"


def _type_names() -> str:
    return ", ".join([*TYPES, f"{REF}:RESOURCE"])


def check_field_name(name: str, given: str) -> None:
    """Refuse a field name that is not a plain, free, lower-case Python identifier.

    Raises:
        UsageError: The name is refused, with the reason.
    """
    where = f"field {given!r}"
    if not name:
        msg = f"{where} has no name; write NAME:TYPE, e.g. title:str"
        raise UsageError(msg)
    if name.startswith("?") or name.endswith("?"):
        msg = f"{where}: put ? after the type, not the name (e.g. note:text?)"
        raise UsageError(msg)
    if not _FIELD_NAME.match(name):
        suggestion = re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", _snake(name))).strip("_")
        hint = f"; try {suggestion!r}" if suggestion and suggestion[0].isalpha() else ""
        msg = (
            f"{where}: {name!r} is not a valid field name: use lower-case letters, digits and "
            f"single '_', starting with a letter{hint}"
        )
        raise UsageError(msg)
    if keyword.iskeyword(name) or name in _SOFT_KEYWORDS:
        msg = f"{where}: {name!r} is a Python keyword; choose another name"
        raise UsageError(msg)
    if name in RESERVED_FIELDS:
        msg = f"{where}: {name!r} is reserved: {RESERVED_FIELDS[name]}"
        raise UsageError(msg)
    if len(name) > MAX_FIELD_NAME:
        msg = f"{where}: the name is longer than {MAX_FIELD_NAME} characters"
        raise UsageError(msg)


def _snake(text: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", text).lower()


def _unknown_type(word: str, given: str) -> UsageError:
    close = difflib.get_close_matches(word.lower(), [*TYPES, REF], n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return UsageError(f"field {given!r}: unknown type {word!r}{hint} (types: {_type_names()})")


def parse_field(given: str) -> FieldSpec:
    """Parse one ``NAME:TYPE[?][:unique]`` or ``NAME:ref:RESOURCE[?][:unique]`` word.

    Raises:
        UsageError: The word does not follow the syntax, or names an unknown type.
    """
    parts = given.strip().split(":")
    name, rest = parts[0], parts[1:]
    check_field_name(name, given)
    if not rest or not rest[0]:
        msg = f"field {given!r} has no type; write {name}:TYPE (types: {_type_names()})"
        raise UsageError(msg)
    unique = len(rest) > 1 and rest[-1] == "unique"
    if unique:
        rest = rest[:-1]
    if rest[0] in {REF, f"{REF}?"}:
        return _parse_ref(name, rest, given, unique=unique)
    if len(rest) != 1:
        msg = f"field {given!r}: write NAME:TYPE[?][:unique] (e.g. code:str:unique, note:text?)"
        raise UsageError(msg)
    word = rest[0]
    if word.startswith("?"):
        msg = f"field {given!r}: put ? after the type (e.g. {name}:{word[1:]}?)"
        raise UsageError(msg)
    optional = word.endswith("?")
    found = TYPES.get(word.removesuffix("?"))
    if found is None:
        raise _unknown_type(word.removesuffix("?"), given)
    if unique and not found.unique_allowed:
        msg = f"field {given!r}: a {found.name} field cannot be unique"
        raise UsageError(msg)
    return FieldSpec(name=name, type=found, optional=optional, unique=unique)


def _parse_ref(name: str, rest: list[str], given: str, *, unique: bool) -> FieldSpec:
    if rest[0] != REF or len(rest) != 2 or not rest[1].removesuffix("?"):
        msg = (
            f"field {given!r}: write NAME:ref:RESOURCE, with ? after the resource for an "
            f"optional reference (e.g. {name}:ref:Author?)"
        )
        raise UsageError(msg)
    if name.endswith("_id"):
        msg = (
            f"field {given!r}: name the reference after what it points to "
            f"({name.removesuffix('_id')}:ref:{rest[1]}); the column gets the _id suffix"
        )
        raise UsageError(msg)
    target = rest[1]
    optional = target.endswith("?")
    target = target.removesuffix("?")
    if not re.match(r"^[A-Za-z][A-Za-z0-9_-]*$", target):
        msg = f"field {given!r}: {target!r} is not a resource name (e.g. Author)"
        raise UsageError(msg)
    return FieldSpec(name=name, type=None, optional=optional, unique=unique, target=target)


def parse_fields(words: list[str]) -> list[FieldSpec]:
    """Parse every field word and refuse two fields with the same column.

    Raises:
        UsageError: A word is refused, none is given, or two fields share a name.
    """
    if not words:
        msg = "give at least one field, e.g. title:str (types: " + _type_names() + ")"
        raise UsageError(msg)
    specs = [parse_field(word) for word in words]
    seen: dict[str, str] = {}
    for spec, word in zip(specs, words, strict=True):
        for taken in {spec.name, spec.column}:
            if taken in seen:
                msg = f"fields {seen[taken]!r} and {word!r} both use the name {taken!r}"
                raise UsageError(msg)
        seen[spec.name] = word
        seen[spec.column] = word
    return specs
