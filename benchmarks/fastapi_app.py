"""The FastAPI app that ``benchmarks/throughput.py`` measures the layered preset against.

What a FastAPI user would write for the same two routes, on the same database as the generated
layered app (SQLite or PostgreSQL, its schema: UUIDs as advanced-alchemy's ``GUID`` stores them,
UTC timestamps), with the same engine options (a pool of 10 without overflow nor pre-ping,
``PRAGMA foreign_keys=ON``) and the same SQL per request:

- ``GET /health``: ``SELECT 1`` (503 when the database does not answer within 2 s).
- ``GET /api/books?limit=20&offset=0``: verifies the bearer JWT (HS256, the same secret, issuer and
  required claims as the generated app's ``JWTAuth``), loads the user by the token's ``sub`` (as the
  generated ``retrieve_user`` does on every request), then one page of that user's books with the
  total count (one query with ``count(*) OVER ()``, as advanced-alchemy's ``get_many_and_count``),
  in one transaction per request, committed on success: what a FastAPI user writes (the generated
  app reads in autocommit and checks only the user's id; its control ``litestar_app.py`` too).

Configuration from the environment: ``DATABASE_URL``, ``SECRET_KEY``, ``TOKEN_ISSUER``.
Serve it with ``uvicorn --factory fastapi_app:create_app``.
"""

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

import jwt
from fastapi import Depends, FastAPI, HTTPException, Query, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict
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

VERSION = "0.1.0"
MAX_PAGE_SIZE = 100
DATABASE_TIMEOUT_SECONDS = 2.0


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


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    database: Literal["ok", "unreachable"]
    version: str


class BookRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    title: str
    author: str
    isbn: str | None
    owner_id: UUID
    created_at: datetime
    updated_at: datetime


class BookPage(BaseModel):
    items: list[BookRead]
    limit: int
    offset: int
    total: int


def _enable_sqlite_foreign_keys(dbapi_connection: DBAPIConnection, _: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_engine(url: str) -> AsyncEngine:
    """The engine with the generated app's options."""
    # one connection for a SQLite file, as the generated app (see its plugins.create_engine)
    options: dict[str, Any] = {"pool_size": 10, "max_overflow": 0}
    if url.startswith("sqlite") and ":memory:" not in url:
        options |= {"pool_size": 1, "max_overflow": 0}
    engine = create_async_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def _not_authorized() -> HTTPException:
    return HTTPException(
        status_code=401, detail="Invalid token", headers={"WWW-Authenticate": "Bearer"}
    )


SessionDependency = Callable[[], AsyncIterator[AsyncSession]]
UserDependency = Callable[..., Awaitable[User]]


def _dependencies(
    sessions: async_sessionmaker[AsyncSession], secret: str, issuer: str
) -> tuple[SessionDependency, UserDependency]:
    """One transaction per request (committed on success), and the token's user."""
    bearer = HTTPBearer(auto_error=False)

    async def db_session() -> AsyncIterator[AsyncSession]:
        async with sessions() as session, session.begin():
            yield session

    async def current_user(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        session: Annotated[AsyncSession, Depends(db_session)],
    ) -> User:
        if credentials is None:
            raise _not_authorized()
        try:
            claims = jwt.decode(
                credentials.credentials,
                secret,
                algorithms=["HS256"],
                issuer=issuer,
                options={"require": ["exp", "sub", "iss"]},
            )
            user_id = UUID(str(claims["sub"]))
        except (jwt.InvalidTokenError, ValueError):
            raise _not_authorized() from None
        user = await session.scalar(select(User).where(User.id == user_id))
        if user is None or not user.is_active:
            raise _not_authorized()
        return user

    return db_session, current_user


def _add_routes(app: FastAPI, db_session: SessionDependency, current_user: UserDependency) -> None:
    @app.get("/health", responses={503: {"model": Health}})
    async def health(
        session: Annotated[AsyncSession, Depends(db_session)], response: Response
    ) -> Health:
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT_SECONDS):
                await session.execute(text("SELECT 1"))
        except (SQLAlchemyError, OSError, TimeoutError):
            await session.rollback()  # as the generated app's autocommit does on a non-2xx
            response.status_code = 503
            return Health(status="unavailable", database="unreachable", version=VERSION)
        return Health(status="ok", database="ok", version=VERSION)

    @app.get("/api/books")
    async def list_books(
        user: Annotated[User, Depends(current_user)],
        session: Annotated[AsyncSession, Depends(db_session)],
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> BookPage:
        statement = (
            select(Book, func.count().over())
            .where(Book.owner_id == user.id)
            .order_by(Book.created_at.desc(), Book.id.desc())
            .limit(limit)
            .offset(offset)
        )
        rows = (await session.execute(statement)).all()
        if rows:
            total = int(rows[0][1])
        else:
            count = select(func.count()).select_from(Book).where(Book.owner_id == user.id)
            total = int(await session.scalar(count) or 0)
        items = [BookRead.model_validate(book) for book, _ in rows]
        return BookPage(items=items, limit=limit, offset=offset, total=total)


def create_app() -> FastAPI:
    """The application, configured from the environment."""
    engine = create_engine(os.environ["DATABASE_URL"])
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    db_session, current_user = _dependencies(
        sessions, os.environ["SECRET_KEY"], os.environ["TOKEN_ISSUER"]
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await engine.dispose()

    app = FastAPI(title="fastapi-bench", version=VERSION, lifespan=lifespan)
    _add_routes(app, db_session, current_user)
    return app
