"""Exception handling: repository errors as HTTP answers, and how exceptions are logged.

A client error (4xx) is logged as one line at INFO; anything else as ERROR with its traceback.
A request body nested too deeply to decode is a client error too (400), on every route. A
statement that found its connection dropped by the database server is a 503: SQLAlchemy has then
invalidated the pool, and the next requests connect afresh.
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from advanced_alchemy.exceptions import IntegrityError, NotFoundError, RepositoryError
from litestar import Request, Response
from litestar.exceptions import ClientException, HTTPException
from litestar.serialization import decode_json, decode_msgpack
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_401_UNAUTHORIZED,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_503_SERVICE_UNAVAILABLE,
)
from litestar.types import ExceptionHandlersMap, Logger, Scope
from sqlalchemy import exc as sqlalchemy_exc

__all__ = (
    "EXCEPTION_HANDLERS",
    "ConflictException",
    "conflicts_as",
    "is_body_too_deep",
    "is_connection_lost",
    "is_constraint_violation",
    "log_exception",
    "status_code_for",
)

# Fixed texts: a repository error's own detail can quote SQL and row values.
_REPOSITORY_ERROR_DETAILS = {
    HTTP_404_NOT_FOUND: "Not found",
    HTTP_409_CONFLICT: "The request conflicts with existing data",
    HTTP_500_INTERNAL_SERVER_ERROR: "Internal Server Error",
    HTTP_503_SERVICE_UNAVAILABLE: "The database is unavailable; try again later",
}
TOO_DEEP_DETAIL = "The request body is nested too deeply"
# Litestar's body decoders: a RecursionError raised inside one of them comes from the body
_BODY_DECODERS = {getattr(decoder, "__code__", None) for decoder in (decode_json, decode_msgpack)}


def is_body_too_deep(exc: BaseException | None) -> bool:
    """A request body nested too deeply to decode (msgspec gives up near 1,000 levels).

    Only a ``RecursionError`` raised while Litestar decodes a body: any other is a bug (500).
    """
    if not isinstance(exc, RecursionError):
        return False
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code in _BODY_DECODERS:
            return True
        trace = trace.tb_next
    return False


def is_constraint_violation(exc: IntegrityError) -> bool:
    """A unique or foreign key constraint refused the change (a 409 for the client).

    advanced-alchemy raises its ``IntegrityError`` for any failed statement, a lock wait
    that timed out or a lost connection included: those are the database's failure (503).
    """
    return isinstance(exc.__cause__, sqlalchemy_exc.IntegrityError)


def is_connection_lost(exc: BaseException | None) -> bool:
    """A statement failed because the database server dropped the connection (a 503)."""
    return isinstance(exc, sqlalchemy_exc.DBAPIError) and exc.connection_invalidated


@contextmanager
def conflicts_as(detail: str) -> Iterator[None]:
    """Answer a constraint violation inside the block with 409 and ``detail``."""
    try:
        yield
    except IntegrityError as exc:
        if not is_constraint_violation(exc):
            raise
        raise ConflictException(detail=detail) from None


def status_code_for(exc: BaseException | None) -> int:
    """The HTTP status an exception is answered with."""
    if isinstance(exc, HTTPException):
        return exc.status_code
    if isinstance(exc, NotFoundError):
        return HTTP_404_NOT_FOUND
    if isinstance(exc, IntegrityError):
        return HTTP_409_CONFLICT if is_constraint_violation(exc) else HTTP_503_SERVICE_UNAVAILABLE
    if is_body_too_deep(exc):
        return HTTP_400_BAD_REQUEST
    if is_connection_lost(exc):
        return HTTP_503_SERVICE_UNAVAILABLE
    return HTTP_500_INTERNAL_SERVER_ERROR


def repository_error_handler(_: Request[Any, Any, Any], exc: RepositoryError) -> Response[Any]:
    status_code = status_code_for(exc)
    return Response(
        content={"status_code": status_code, "detail": _REPOSITORY_ERROR_DETAILS[status_code]},
        status_code=status_code,
    )


def connection_lost_handler(
    _: Request[Any, Any, Any], exc: sqlalchemy_exc.DBAPIError
) -> Response[Any]:
    """503 for a dropped database connection; any other database error stays a 500."""
    status_code = status_code_for(exc)
    return Response(
        content={"status_code": status_code, "detail": _REPOSITORY_ERROR_DETAILS[status_code]},
        status_code=status_code,
    )


def not_authorized_handler(_: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    """401 with the ``WWW-Authenticate`` challenge of RFC 6750."""
    return Response(
        content={"status_code": exc.status_code, "detail": exc.detail},
        status_code=exc.status_code,
        headers={"WWW-Authenticate": "Bearer"},
    )


def recursion_error_handler(_: Request[Any, Any, Any], exc: RecursionError) -> Response[Any]:
    """400 for a body nested too deeply; any other ``RecursionError`` stays a 500."""
    if is_body_too_deep(exc):
        status_code, detail = HTTP_400_BAD_REQUEST, TOO_DEEP_DETAIL
    else:
        status_code, detail = HTTP_500_INTERNAL_SERVER_ERROR, "Internal Server Error"
    return Response(content={"status_code": status_code, "detail": detail}, status_code=status_code)


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    RepositoryError: repository_error_handler,
    RecursionError: recursion_error_handler,
    sqlalchemy_exc.DBAPIError: connection_lost_handler,
    HTTP_401_UNAUTHORIZED: not_authorized_handler,
}


def log_exception(logger: Logger, scope: Scope, _: list[str]) -> None:
    """Litestar's ``exception_logging_handler``: called inside the ``except`` block."""
    exc = sys.exc_info()[1]
    status_code = status_code_for(exc)
    method = scope.get("method", scope["type"])
    if status_code < HTTP_500_INTERNAL_SERVER_ERROR:
        logger.info(
            "client error",
            status_code=status_code,
            method=method,
            path=scope["path"],
            error=type(exc).__name__,
            detail=TOO_DEEP_DETAIL if is_body_too_deep(exc) else getattr(exc, "detail", ""),
        )
    else:
        logger.error("unhandled exception", method=method, path=scope["path"], exc_info=exc)


class ConflictException(ClientException):
    """The request conflicts with the current state of the resource (409)."""

    status_code = HTTP_409_CONFLICT
