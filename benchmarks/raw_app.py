"""The raw-driver limit: Litestar on asyncpg alone, doing the generated layered app's work.

``benchmarks/throughput.py`` measures the generated app against it on PostgreSQL: the same two
routes and answers as ``litestar_app.py`` and ``fastapi_app.py``, with no ORM, no session and no
transaction (each statement runs on its own, as the generated app's reads do):

- ``GET /health``: ``SELECT 1`` (503 when the database does not answer within 2 s).
- ``GET /api/books?limit=20&offset=0``: verifies the bearer JWT with PyJWT (HS256, the same
  secret, issuer and required claims as the generated app), checks that the token's user exists
  and is active (the generated app's per-request check), then selects one page of that user's
  books with the total (``count(*) OVER ()``) and answers msgspec structs.

One asyncpg pool of ``POOL_SIZE`` connections (the generated ``DATABASE_POOL_SIZE``); a request
holds one connection for both statements. Configuration from the environment: ``DATABASE_URL``
(``postgresql://`` or ``postgresql+asyncpg://``), ``SECRET_KEY``, ``TOKEN_ISSUER``.
Serve it with ``uvicorn --factory raw_app:create_app`` (or granian).
"""

import asyncio
import os
from typing import Any

import asyncpg
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

__all__ = ("create_app",)

POOL_SIZE = 10
ACTIVE_USER = "SELECT id FROM user_account WHERE id = $1 AND is_active"
PAGE = (
    "SELECT id, title, author, isbn, owner_id, created_at, updated_at, count(*) OVER () AS total "
    "FROM book WHERE owner_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
)
COUNT = "SELECT count(*) FROM book WHERE owner_id = $1"


def _pool(state: State) -> asyncpg.Pool:
    pool: asyncpg.Pool = state.pool
    return pool


@get("/health")
async def health(state: State) -> Response[Health]:
    try:
        async with asyncio.timeout(DATABASE_TIMEOUT_SECONDS):
            await _pool(state).fetchval("SELECT 1")
    except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError):
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
    async with _pool(state).acquire() as connection:
        if await connection.fetchval(ACTIVE_USER, user_id) is None:
            raise NotAuthorizedException(detail="Invalid token")
        rows = await connection.fetch(PAGE, user_id, limit, offset)
        total = rows[0]["total"] if rows else await connection.fetchval(COUNT, user_id)
    items = [
        BookRead(
            id=row["id"],
            title=row["title"],
            author=row["author"],
            isbn=row["isbn"],
            owner_id=row["owner_id"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )
        for row in rows
    ]
    return BookPage(items=items, limit=limit, offset=offset, total=int(total))


def create_app() -> Litestar:
    """The application, configured from the environment."""
    url = os.environ["DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://", 1)

    async def open_pool(app: Litestar) -> None:
        app.state.pool = await asyncpg.create_pool(url, min_size=POOL_SIZE, max_size=POOL_SIZE)

    async def close_pool(app: Litestar) -> None:
        await app.state.pool.close()

    return Litestar(
        route_handlers=[health, list_books],
        on_startup=[open_pool, freeze_startup_objects],
        on_shutdown=[close_pool],
        state=State({"secret": os.environ["SECRET_KEY"], "issuer": os.environ["TOKEN_ISSUER"]}),
    )
