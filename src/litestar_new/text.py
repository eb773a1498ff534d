"""Free-text answers (description, author, email): checked up front, then treated as data.

Templates never paste these values between quotes: they go through a serializer per format
(``to_json(ensure_ascii=False)`` gives a string literal that is valid TOML, Python and YAML once
the characters refused here are out). What is refused here is refused with a one-line reason.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

from litestar_new.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["MAX_TEXT", "TEXT_FIELDS", "TextField", "check_text", "text_field"]

MAX_TEXT = 16_384
"""Longest accepted free-text answer, in characters."""

_EMAIL = re.compile(r"^[^@\s<>,;:\"()\[\]\\]+@[^@\s<>,;:\"()\[\]\\]+\.[^@\s<>,;:\"()\[\]\\]+$")
PLAIN_EMAIL = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
"""Addresses the build backend's parser takes as they are (dot-atoms of letters, digits and
``_+-``; a unit test holds it so): checked without importing it, which takes milliseconds."""
# Control characters, surrogates, line/paragraph separators, unassigned code points:
# none of them survives every format (TOML, YAML, core metadata headers) unescaped.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp", "Cn", "Co"})
# An RFC 2047 encoded word: readers of core metadata (the email parser) decode it, so
# "=?utf-8?q?Bob?=" would read back as "Bob".
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")


def _character_problem(value: str) -> str | None:
    for index, char in enumerate(value):
        category = unicodedata.category(char)
        if category in _REFUSED_CATEGORIES or (0xFDD0 <= ord(char) <= 0xFDEF):
            name = unicodedata.name(char, f"U+{ord(char):04X}")
            return f"character {index + 1} ({name}) is a control or non-printing character"
    return None


def _check_author(value: str) -> str | None:
    if "," in value:
        return "an author name cannot contain a comma (PEP 621)"
    return None


def _check_email(value: str) -> str | None:
    if not value:
        return None
    problem = "it is not an e-mail address like name@example.com"
    if not _EMAIL.match(value):
        return problem
    if PLAIN_EMAIL.fullmatch(value):  # most addresses (git's user.email): no parser needed
        return None
    # The build backend (hatchling) writes the core metadata's Author-email with this class:
    # an address it refuses is a project that does not build.
    from email.errors import MessageError  # noqa: PLC0415 - rarely needed
    from email.headerregistry import Address  # noqa: PLC0415

    try:
        parsed = Address(addr_spec=value)
    except (ValueError, MessageError):  # the parser's defects are ValueErrors
        return f"{problem} (one the package metadata can carry)"
    if parsed.addr_spec != value:
        return f"{problem} (one the package metadata can carry)"
    return None


class TextField(NamedTuple):
    """A free-text template variable, asked through a flag or ``--set``."""

    key: str
    """The template variable and ``--set`` key."""
    help: str
    """The flag's help and the docs' description."""
    default: str
    """Used when nothing is given (the author fields fall back to ``git config``)."""
    extra_check: Callable[[str], str | None] | None = None
    """Returns a reason to refuse, or None."""

    @property
    def flag(self) -> str:
        """The command-line flag."""
        return "--" + self.key.replace("_", "-")


TEXT_FIELDS: tuple[TextField, ...] = (
    TextField("description", "One line describing the project.", "A Litestar application."),
    TextField(
        "author_name",
        "Author for pyproject.toml (default: git config user.name).",
        "",
        _check_author,
    ),
    TextField(
        "author_email",
        "E-mail for pyproject.toml (default: git config user.email).",
        "",
        _check_email,
    ),
)


def text_field(key: str) -> TextField:
    """Return the text field called ``key`` or raise :class:`KeyError`."""
    for candidate in TEXT_FIELDS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def check_text(key: str, value: str) -> str:
    """Return ``value`` if the template can carry it exactly, else raise :class:`UsageError`."""
    item = text_field(key)
    problem: str | None
    if len(value) > MAX_TEXT:
        problem = f"it is {len(value)} characters long, more than {MAX_TEXT}"
    elif value != value.strip():
        problem = "it starts or ends with white space"
    else:
        problem = _character_problem(value)
    if problem is None and _ENCODED_WORD.search(value):
        problem = "it contains an encoded word (=?...?=), which package metadata readers decode"
    if problem is None and item.extra_check is not None:
        problem = item.extra_check(value)
    if problem is not None:
        msg = f"cannot use that value for {item.flag}: {problem}"
        raise UsageError(msg)
    return value
