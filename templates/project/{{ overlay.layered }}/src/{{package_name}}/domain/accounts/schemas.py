"""Request and response bodies of the accounts domain."""

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

__all__ = ("AccessToken", "AccountLogin", "AccountRegister", "UserRead")

Email = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=320,
        pattern=r"^[^@\s\x00]+@[^@\s\x00]+\.[^@\s\x00]+$",  # no NUL: PostgreSQL refuses it
        examples=["reader@example.com"],
    ),
]
NewPassword = Annotated[
    str,
    msgspec.Meta(
        min_length=12,
        max_length=128,
        description="12 to 128 characters",
        examples=["correct horse battery staple"],
    ),
]
Password = Annotated[str, msgspec.Meta(min_length=1, max_length=128)]


class AccountRegister(msgspec.Struct, forbid_unknown_fields=True):
    email: Email
    password: NewPassword


class AccountLogin(msgspec.Struct, forbid_unknown_fields=True):
    email: Email
    password: Password


class UserRead(msgspec.Struct):
    id: UUID
    email: str
    is_active: bool
    created_at: datetime


class AccessToken(msgspec.Struct):
    access_token: str
    expires_in: int
    """Lifetime in seconds."""
    token_type: Literal["bearer"] = "bearer"  # noqa: S105  # not a secret
