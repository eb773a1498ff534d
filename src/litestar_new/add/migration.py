"""The migration of a new resource's table, written from the plan as autogenerate would write it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from litestar_new.add.references import USER_TABLE

if TYPE_CHECKING:
    import jinja2

    from litestar_new.add.plan import ResourcePlan
    from litestar_new.add.snippets import FieldCode

__all__ = ["Migration", "migration"]


@dataclass(frozen=True)
class Migration:
    """The migration that creates the table."""

    revision: str
    down_revision: str | None
    path: str
    text: str


def _migration_body(plan: ResourcePlan, fields: list[FieldCode]) -> tuple[list[str], list[str]]:
    """The lines inside ``op.create_table(...)`` and the indexes, as autogenerate writes them."""
    table = plan.name.table
    columns = ['sa.Column("id", GUID(length=16), nullable=False),']
    columns += [f.migration_line for f in fields]
    columns += [
        'sa.Column("owner_id", GUID(length=16), nullable=False),',
        'sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),',
        'sa.Column("created_at", DateTimeUTC(timezone=True), nullable=False),',
        'sa.Column("updated_at", DateTimeUTC(timezone=True), nullable=False),',
    ]
    indexes = []
    for f in fields:
        if f.target is not None:
            referred = f.target.table or f.target.snake
            ondelete = "SET NULL" if f.optional else "RESTRICT"
            columns.append(
                f'sa.ForeignKeyConstraint(["{f.key}"], ["{referred}.id"], '
                f'name=op.f("fk_{table}_{f.key}_{referred}"), ondelete="{ondelete}"),'
            )
            indexes.append(f.key)
    columns.append(
        f'sa.ForeignKeyConstraint(["owner_id"], ["{USER_TABLE}.id"], '
        f'name=op.f("fk_{table}_owner_id_{USER_TABLE}"), ondelete="CASCADE"),'
    )
    columns.append(f'sa.PrimaryKeyConstraint("id", name=op.f("pk_{table}")),')
    uniques = [f for f in fields if f.unique]
    columns += [
        f'sa.UniqueConstraint("owner_id", "{f.key}", name="uq_{table}_owner_id_{f.key}"),'
        for f in uniques
    ]
    if not uniques:
        indexes.append("owner_id")
    return columns, indexes


def migration(plan: ResourcePlan, fields: list[FieldCode], env: jinja2.Environment) -> Migration:
    """The migration file: deterministic, made from the plan alone (no database involved).

    The revision id is a digest of the previous head and the table's definition, so the same
    resource added to the same project always gets the same id.
    """
    columns, indexes = _migration_body(plan, fields)
    table = plan.name.table
    digest = hashlib.sha256(
        "\n".join([plan.head or "", table, *columns, *indexes]).encode()
    ).hexdigest()
    revision = digest[:12]
    text = env.get_template("layered/migration.py.jinja").render(
        r=plan.name,
        revision=revision,
        revises=plan.head or "",
        down_revision=f'"{plan.head}"' if plan.head else "None",
        created=plan.today.isoformat(),
        columns=columns,
        indexes=indexes,
        table=table,
    )
    path = f"{plan.versions}/{plan.today.isoformat()}_{revision}_create_{table}.py"
    return Migration(revision=revision, down_revision=plan.head, path=path, text=text)
