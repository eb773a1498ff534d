"""Alembic environment, run by the ``database`` commands of advanced-alchemy's Litestar CLI."""

import asyncio
from typing import TYPE_CHECKING, Any, Literal, cast

from advanced_alchemy.base import metadata_registry
from alembic import context
from sqlalchemy import pool
from sqlalchemy.ext.asyncio import AsyncEngine, async_engine_from_config

if TYPE_CHECKING:
    from advanced_alchemy.alembic.commands import AlembicCommandConfig
    from alembic.autogenerate.api import AutogenContext
    from sqlalchemy.engine import Connection

config = cast("AlembicCommandConfig", context.config)


def render_item(type_: str, obj: Any, autogen_context: "AutogenContext") -> str | Literal[False]:
    """Render advanced-alchemy column types by their import, not as ``sa.GUID``."""
    if type_ == "type" and type(obj).__module__.startswith("advanced_alchemy.types"):
        name = type(obj).__name__
        autogen_context.imports.add(f"from advanced_alchemy.types import {name}")
        return repr(obj)
    return False


def _configure(**kwargs: Any) -> None:
    context.configure(
        target_metadata=metadata_registry.get(config.bind_key),
        compare_type=config.compare_type,
        version_table=config.version_table_name,
        version_table_schema=config.version_table_schema,
        version_table_pk=config.version_table_pk,
        render_as_batch=config.render_as_batch,
        render_item=render_item,
        **kwargs,
    )


def run_migrations_offline() -> None:
    """Emit SQL to standard output instead of running it (``--sql``)."""
    _configure(url=config.db_url, literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def do_run_migrations(connection: "Connection") -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    configuration = config.get_section(config.config_ini_section) or {}
    configuration["sqlalchemy.url"] = config.db_url
    connectable = cast(
        "AsyncEngine",
        config.engine
        or async_engine_from_config(configuration, prefix="sqlalchemy.", poolclass=pool.NullPool),
    )
    async with connectable.connect() as connection:
        await connection.run_sync(do_run_migrations)
    await connectable.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_migrations_online())
