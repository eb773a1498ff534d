"""Field specs of ``add resource``: one shell word per field, parsed and checked.

The syntax, one word per field::

    NAME:TYPE            title:str
    NAME:TYPE?           note:text?           optional (nullable, may be left out)
    NAME:TYPE:unique     code:str:unique      unique (per owner in the layered preset)
    NAME:ref:RESOURCE    author:ref:Author    a foreign key to that resource (column author_id)
    NAME:ref:RESOURCE?   editor:ref:User?     an optional reference

``?`` always ends the type (or the referenced resource), never the field name. The types are in
:mod:`~.type_table`; what a type and a field's details are, in :mod:`~.field_types`.
"""

from __future__ import annotations

import difflib
import keyword
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from litestar_new.add.field_types import FieldDetails
from litestar_new.add.type_table import REF, TYPES
from litestar_new.errors import UsageError

if TYPE_CHECKING:
    from litestar_new.add.field_types import FieldType

__all__ = [
    "MAX_FIELD_NAME",
    "RESERVED_FIELDS",
    "FieldSpec",
    "check_field_name",
    "parse_field",
    "parse_fields",
]

MAX_FIELD_NAME = 40
"""Longest field name: constraint names built from it stay within PostgreSQL's 63 bytes."""

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
    details: FieldDetails = field(default_factory=FieldDetails)
    """Label, description, pattern, examples and length beyond the word (the example resource)."""

    @property
    def is_ref(self) -> bool:
        """True for ``name:ref:Resource``."""
        return self.target is not None

    @property
    def column(self) -> str:
        """The column and the JSON key: ``author_id`` for the reference ``author``."""
        return f"{self.name}_id" if self.is_ref else self.name


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
