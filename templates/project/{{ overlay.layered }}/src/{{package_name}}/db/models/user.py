from advanced_alchemy.base import UUIDAuditBase
from sqlalchemy import String, true
from sqlalchemy.orm import Mapped, mapped_column


class User(UUIDAuditBase):
    """An account that can log in and own books."""

    __tablename__ = "user_account"

    email: Mapped[str] = mapped_column(String(320), unique=True)
    """Stored lower-cased; unique."""
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True, server_default=true())
