"""Plain Litestar doing the generated layered app's work: the control of ``benchmarks/throughput.py``.

The same two routes, SQL and schema as ``fastapi_app.py`` (see there), written by hand on Litestar
alone: no plugin, no middleware, no hook; a dependency gives each request a session that reads in
autocommit on PostgreSQL (no BEGIN/COMMIT, as the generated app's safe requests), PyJWT checks the
token in a dependency and the user is checked by id among the active ones (as the generated
app's token check), msgspec structs answer. Against the generated app on the
same server it isolates what the generated app's own machinery costs (advanced-alchemy's plugin,
services and repositories, the JWT middleware, the allowed-hosts check, the security-headers hook,
structlog) from what the work itself costs (the database round trips, the token check).

Configuration from the environment: ``DATABASE_URL``, ``SECRET_KEY``, ``TOKEN_ISSUER``.
Serve it with ``granian --interface asgi --factory litestar_app:create_app`` (or uvicorn).
"""

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import msgspec
from litestar import Litestar, Request, Response, get
from litestar.di import NamedDependency, Provide
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
from sqlalchemy import BINARY, DateTime, ForeignKey, String, event, func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = ("create_app",)


class StoredUUID(TypeDecorator[UUID]):
    """A UUID as advanced-alchemy's ``GUID`` stores it: 16 bytes on SQLite, native on PostgreSQL."""

    impl = BINARY(16)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.UUID(as_uuid=True))
        return dialect.type_descriptor(BINARY(16))

    def process_bind_param(self, value: UUID | None, dialect: Dialect) -> bytes | UUID | None:
        if value is None or dialect.name == "postgresql":
            return value
        return value.bytes

    def process_result_value(self, value: bytes | UUID | None, dialect: Dialect) -> UUID | None:
        if value is None or isinstance(value, UUID):
            return value
        return UUID(bytes=value)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps in UTC; SQLite gives them back naive."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[UUID] = mapped_column(StoredUUID, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Book(Base):
    __tablename__ = "book"

    id: Mapped[UUID] = mapped_column(StoredUUID, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(200))
    isbn: Mapped[str | None] = mapped_column(String(13))
    owner_id: Mapped[UUID] = mapped_column(StoredUUID, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


def _enable_sqlite_foreign_keys(dbapi_connection: DBAPIConnection, _: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_engine(url: str) -> AsyncEngine:
    """The engine with the generated app's options: 10 connections, no overflow, no pre-ping."""
    # one connection for a SQLite file, as the generated app (see its plugins.create_engine)
    options: dict[str, Any] = {"pool_size": 10, "max_overflow": 0}
    if url.startswith("sqlite") and ":memory:" not in url:
        options |= {"pool_size": 1, "max_overflow": 0}
    engine = create_async_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def _dependencies(
    sessions: async_sessionmaker[AsyncSession], secret: str, issuer: str
) -> dict[str, Provide]:
    """One transaction per request (committed on success), and the token's user."""

    async def provide_session() -> AsyncIterator[AsyncSession]:
        async with sessions() as session:
            yield session

    async def provide_user(
        request: Request[Any, Any, Any], session: NamedDependency[AsyncSession]
    ) -> UUID:
        user_id = user_id_of(request, secret, issuer)
        found = await session.scalar(select(User.id).where(User.id == user_id, User.is_active))
        if found is None:
            raise NotAuthorizedException(detail="Invalid token")
        return found

    return {
        "session": Provide(provide_session),
        "user": Provide(provide_user),
    }


@get("/health")
async def health(session: NamedDependency[AsyncSession]) -> Response[Health]:
    try:
        async with asyncio.timeout(DATABASE_TIMEOUT_SECONDS):
            await session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError, TimeoutError):
        return health_answer(database_ok=False)
    return health_answer(database_ok=True)


@get("/api/books")
async def list_books(
    user: NamedDependency[UUID],
    session: NamedDependency[AsyncSession],
    limit: Limit = 20,
    offset: Offset = 0,
) -> BookPage:
    statement = (
        select(Book, func.count().over())
        .where(Book.owner_id == user)
        .order_by(Book.created_at.desc(), Book.id.desc())
        .limit(limit)
        .offset(offset)
    )
    rows = (await session.execute(statement)).all()
    if rows:
        total = int(rows[0][1])
    else:
        count = select(func.count()).select_from(Book).where(Book.owner_id == user)
        total = int(await session.scalar(count) or 0)
    items = [msgspec.convert(book, BookRead, from_attributes=True) for book, _ in rows]
    return BookPage(items=items, limit=limit, offset=offset, total=total)


def create_app() -> Litestar:
    """The application, configured from the environment."""
    engine = create_engine(os.environ["DATABASE_URL"])
    # reads only: autocommit on PostgreSQL (SQLite's driver begins no transaction for a read)
    reads = (
        engine
        if engine.dialect.name == "sqlite"
        else engine.execution_options(isolation_level="AUTOCOMMIT")
    )
    sessions = async_sessionmaker(reads, expire_on_commit=False)
    dispose: Callable[[], Awaitable[None]] = engine.dispose
    return Litestar(
        route_handlers=[health, list_books],
        dependencies=_dependencies(sessions, os.environ["SECRET_KEY"], os.environ["TOKEN_ISSUER"]),
        on_startup=[freeze_startup_objects],
        on_shutdown=[dispose],
    )
