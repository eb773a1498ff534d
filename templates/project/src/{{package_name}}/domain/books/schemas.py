"""What clients send and receive for books: msgspec structs with their constraints.

Server-managed fields (`id`, `created_at`, `updated_at`) appear only in `Book`, the answer;
input structs refuse unknown fields, so a client cannot set them.
"""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

Title = Annotated[str, msgspec.Meta(min_length=1, max_length=200, examples=["Dune"])]
Author = Annotated[str, msgspec.Meta(min_length=1, max_length=200, examples=["Frank Herbert"])]
Isbn = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^(\d{9}[\dX]|\d{13})$",
        description="ISBN-10 or ISBN-13, digits only",
        examples=["9780441172719"],
    ),
]
Year = Annotated[int, msgspec.Meta(ge=0, le=2100, examples=[1965])]


class BookCreate(msgspec.Struct, forbid_unknown_fields=True):
    """A new book."""

    title: Title
    author: Author
    isbn: Isbn | None = None
    year: Year | None = None


class BookUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """Changes to a book: only the fields given are changed."""

    title: Title | msgspec.UnsetType = msgspec.UNSET
    author: Author | msgspec.UnsetType = msgspec.UNSET
    isbn: Isbn | msgspec.UnsetType | None = msgspec.UNSET
    year: Year | msgspec.UnsetType | None = msgspec.UNSET


class Book(msgspec.Struct):
    """A book, as the API returns it."""

    id: UUID
    title: str
    author: str
    isbn: str | None
    year: int | None
    created_at: datetime
    updated_at: datetime
