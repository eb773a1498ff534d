"""The SQLAlchemy floor: Litestar on SQLAlchemy Core's async engine alone, doing the same work.

``benchmarks/throughput.py`` measures the generated layered app against it: the same two routes,
SQL and answers as ``raw_app.py`` (answers byte for byte; on PostgreSQL SQLAlchemy adds its
``::UUID`` cast to the bound user id), with the least any app on SQLAlchemy async can do per
request, so no app built on SQLAlchemy (advanced-alchemy's plugin, services and repositories, the
generated app) can serve faster: no ORM, no session, no transaction, no plugin, no middleware, no
dependency provider; statements built once at import (``text()`` with bound parameters and typed
result columns); each request takes one pooled connection (``async with engine.connect()``) and
runs its statements on it with ``conn.execute``:

- ``GET /health``: ``SELECT 1`` (503 when the database does not answer within 2 s).
- ``GET /api/books?limit=20&offset=0``: verifies the bearer JWT with PyJWT exactly as
  ``raw_app.py``, checks that the token's user exists and is active, then selects one page of that
  user's books with the total (``count(*) OVER ()``, counted apart for a page past the end) and
  answers msgspec structs.

One ``create_async_engine`` with the generated app's pool (10 connections, no overflow, no
pre-ping; one connection for a SQLite file), reading in autocommit on PostgreSQL (SQLite's driver
begins no transaction for a read). The schema is advanced-alchemy's: on PostgreSQL native UUIDs
and timestamps, which pass through untouched (no type processes a value); on SQLite UUIDs as 16
bytes and naive UTC timestamps, converted by the SQLite variants of the column types.
Against ``raw_app.py`` it isolates what SQLAlchemy's engine itself costs; against the generated app,
what everything above the engine costs.

Configuration from the environment: ``DATABASE_URL`` (``postgresql+asyncpg://`` or
``sqlite+aiosqlite://``), ``SECRET_KEY``, ``TOKEN_ISSUER``.
Serve it with ``uvicorn --factory sqlalchemy_core_app:create_app`` (or granian).
"""

import asyncio
import os
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from litestar import Litestar, Request, Response, get
from litestar.datastructures import State
from litestar.exceptions import NotAuthorizedException
from litestar_same_work import (
    DATABASE_TIMEOUT_SECONDS,
    BookPage,
    BookRead,
    Health,
    Limit,
    Offset,
    freeze_startup_objects,
    health_answer,
    user_id_of,
)
from sqlalchemy import BINARY, DateTime, Uuid, bindparam, text
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.types import TypeDecorator

__all__ = ("create_app",)

POOL_SIZE = 10


class SQLiteUUID(TypeDecorator[UUID]):
    """A UUID as advanced-alchemy's ``GUID`` stores it on SQLite: 16 bytes."""

    impl = BINARY(16)
    cache_ok = True

    def process_bind_param(self, value: UUID | None, dialect: Dialect) -> bytes | None:
        return None if value is None else value.bytes

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> UUID | None:
        return None if value is None else UUID(bytes=value)


class SQLiteUTCDateTime(TypeDecorator[datetime]):
    """A timestamp as SQLite gives it back: naive, in UTC."""

    impl = DateTime()
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


# native on PostgreSQL (the driver's values, unprocessed), advanced-alchemy's storage on SQLite
STORED_UUID = Uuid(as_uuid=True).with_variant(SQLiteUUID(), "sqlite")
TIMESTAMP = DateTime(timezone=True).with_variant(SQLiteUTCDateTime(), "sqlite")
USER_ID = bindparam("user_id", type_=STORED_UUID)

HEALTH = text("SELECT 1")
ACTIVE_USER = (
    text("SELECT id FROM user_account WHERE id = :user_id AND is_active")
    .bindparams(USER_ID)
    .columns(id=STORED_UUID)
)
# BookRead's fields in order, then the total
PAGE = (
    text(
        "SELECT id, title, author, isbn, owner_id, created_at, updated_at, "
        "count(*) OVER () AS total FROM book WHERE owner_id = :user_id "
        "ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset"
    )
    .bindparams(USER_ID)
    .columns(id=STORED_UUID, owner_id=STORED_UUID, created_at=TIMESTAMP, updated_at=TIMESTAMP)
)
COUNT = text("SELECT count(*) FROM book WHERE owner_id = :user_id").bindparams(USER_ID)


def _engine(state: State) -> AsyncEngine:
    engine: AsyncEngine = state.engine
    return engine


@get("/health")
async def health(state: State) -> Response[Health]:
    try:
        async with asyncio.timeout(DATABASE_TIMEOUT_SECONDS), _engine(state).connect() as conn:
            await conn.execute(HEALTH)
    except (SQLAlchemyError, OSError, TimeoutError):
        return health_answer(database_ok=False)
    return health_answer(database_ok=True)


@get("/api/books")
async def list_books(
    request: Request[Any, Any, Any],
    state: State,
    limit: Limit = 20,
    offset: Offset = 0,
) -> BookPage:
    user_id = user_id_of(request, state.secret, state.issuer)
    async with _engine(state).connect() as conn:
        if (await conn.execute(ACTIVE_USER, {"user_id": user_id})).first() is None:
            raise NotAuthorizedException(detail="Invalid token")
        page = {"user_id": user_id, "limit": limit, "offset": offset}
        rows = (await conn.execute(PAGE, page)).all()
        if rows:
            total = rows[0][7]
        else:
            total = (await conn.execute(COUNT, {"user_id": user_id})).scalar_one()
    items = [BookRead(*row[:7]) for row in rows]
    return BookPage(items=items, limit=limit, offset=offset, total=int(total))


def create_engine(url: str) -> AsyncEngine:
    """The engine with the generated app's options: 10 connections, no overflow, no pre-ping."""
    # one connection for a SQLite file, as the generated app (see its plugins.create_engine)
    single = url.startswith("sqlite") and ":memory:" not in url
    return create_async_engine(url, pool_size=1 if single else POOL_SIZE, max_overflow=0)


def create_app() -> Litestar:
    """The application, configured from the environment."""
    engine = create_engine(os.environ["DATABASE_URL"])
    # reads only: autocommit on PostgreSQL (SQLite's driver begins no transaction for a read)
    reads = (
        engine
        if engine.dialect.name == "sqlite"
        else engine.execution_options(isolation_level="AUTOCOMMIT")
    )

    async def dispose() -> None:
        await engine.dispose()

    return Litestar(
        route_handlers=[health, list_books],
        on_startup=[freeze_startup_objects],
        on_shutdown=[dispose],
        state=State(
            {
                "engine": reads,
                "secret": os.environ["SECRET_KEY"],
                "issuer": os.environ["TOKEN_ISSUER"],
            }
        ),
    )
