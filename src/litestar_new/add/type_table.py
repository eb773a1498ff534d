"""The types of ``add resource`` (:data:`TYPES`), and the Markdown table ``docs/add.md`` shows.

What each type becomes: the SQLAlchemy column, the Alembic column type, the msgspec annotation with
its constraints (which Litestar turns into the OpenAPI schema) and the values the generated tests
send, valid and invalid.
"""

from __future__ import annotations

from litestar_new.add.field_types import FieldType

__all__ = ["REF", "TYPES", "types_table"]

REF = "ref"
"""The type word of a reference: ``author:ref:Author``."""
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
