"""Books: the model of the ``book`` table."""

from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column


class Book(UUIDAuditBase):
    """A book in a user's collection."""

    __tablename__ = "book"
    __table_args__ = (UniqueConstraint("owner_id", "isbn", name="uq_book_owner_id_isbn"),)

    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(200))
    isbn: Mapped[str | None] = mapped_column(String(13), default=None)
    """ISBN-10 or ISBN-13, digits only"""
    # no index of its own: the unique constraints start with owner_id
    owner_id: Mapped[UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
