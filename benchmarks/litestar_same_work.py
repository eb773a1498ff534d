"""What the Litestar controls share, so that their answers are the same, byte for byte.

``raw_app.py``, ``sqlalchemy_core_app.py`` and ``litestar_app.py`` differ only in how they reach
the database; the answers (msgspec structs), the page parameters, the ``/health`` bodies and the
bearer-token check (PyJWT, HS256, the generated app's issuer and required claims) are these.
``fastapi_app.py`` writes its own with pydantic: it is served from a venv without Litestar.
``benchmarks/throughput.py`` copies this module beside the apps.
The generated layered app's last start-up hook freezes what start-up made out of the garbage
collector's full passes (its ``app._freeze_startup_objects``); :func:`freeze_startup_objects` does
the same here, so that the controls pay no pauses the generated app does not.
"""

import gc
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

import jwt
import msgspec
from litestar import Request, Response
from litestar.exceptions import NotAuthorizedException
from litestar.params import QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE

__all__ = (
    "DATABASE_TIMEOUT_SECONDS",
    "BookPage",
    "BookRead",
    "Health",
    "Limit",
    "Offset",
    "freeze_startup_objects",
    "health_answer",
    "user_id_of",
)

VERSION = "0.1.0"
MAX_PAGE_SIZE = 100
DATABASE_TIMEOUT_SECONDS = 2.0
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_PAGE_SIZE)]
Offset = Annotated[int, QueryParameter(ge=0)]


class Health(msgspec.Struct):
    status: Literal["ok", "unavailable"]
    database: Literal["ok", "unreachable"]
    version: str


class BookRead(msgspec.Struct):
    id: UUID
    title: str
    author: str
    isbn: str | None
    owner_id: UUID
    created_at: datetime
    updated_at: datetime


class BookPage(msgspec.Struct):
    items: list[BookRead]
    limit: int
    offset: int
    total: int


async def freeze_startup_objects() -> None:
    """``gc.collect()`` and ``gc.freeze()`` once per process, as the generated app starts."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


def health_answer(*, database_ok: bool) -> Response[Health]:
    """200 with the database ok, else 503 with it unreachable."""
    if database_ok:
        return Response(
            Health(status="ok", database="ok", version=VERSION), status_code=HTTP_200_OK
        )
    return Response(
        Health(status="unavailable", database="unreachable", version=VERSION),
        status_code=HTTP_503_SERVICE_UNAVAILABLE,
    )


def user_id_of(request: Request[Any, Any, Any], secret: str, issuer: str) -> UUID:
    """The user id of the request's bearer token (401 for a missing or invalid one)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise NotAuthorizedException(detail="Invalid token")
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            issuer=issuer,
            options={"require": ["exp", "sub", "iss"]},
        )
        return UUID(str(claims["sub"]))
    except (jwt.InvalidTokenError, ValueError):
        raise NotAuthorizedException(detail="Invalid token") from None
