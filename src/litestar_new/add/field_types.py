"""What a field's type becomes, and what a field may carry beyond its word.

A :class:`FieldType` holds the snippets of one type (column, migration, msgspec constraints, test
values); :class:`FieldDetails` the label, description, pattern, examples and length of one field
(the template's example resource uses them). The types themselves are in :mod:`~.type_table`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NO_NUL", "FieldDetails", "FieldType", "python_regex"]

NO_NUL = 'r"^[^\\x00]*$"'
"""The ``pattern`` of text fields, as Python source: PostgreSQL refuses NUL in text."""


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
