"""Resource names: ``BlogPost``, ``blog_post`` or ``blog-post`` give one set of derived names.

The class is ``BlogPost``, the model module and the table ``blog_post``, the domain package and
the test module ``blog_posts``, the URL ``/api/blog-posts``. The plural is English (a few rules and
irregular words); ``--plural`` overrides it.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass

from litestar_new.errors import UsageError

__all__ = [
    "HELPER_PREFIX",
    "MAX_RESOURCE_NAME",
    "ResourceName",
    "helper_function",
    "helper_resource",
    "indefinite",
    "parse_resource_name",
    "pluralize",
    "snake_case",
    "store_key",
    "store_provider",
    "store_resource",
]

MAX_RESOURCE_NAME = 30
"""Longest table name: constraint names built from it stay within PostgreSQL's 63 bytes."""

_GIVEN = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*$")
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+")
_SOFT_KEYWORDS = frozenset({"_", "case", "match", "type"})
_RESERVED = {
    "owner": "the owner of each row is the user (owner_id)",
    "alembic_version": "Alembic's bookkeeping tables use that name",
    "alembic_versions": "Alembic's bookkeeping tables use that name",
}
_IRREGULAR = {
    "analysis": "analyses",
    "child": "children",
    "crisis": "crises",
    "criterion": "criteria",
    "datum": "data",
    "echo": "echoes",
    "foot": "feet",
    "goose": "geese",
    "half": "halves",
    "hero": "heroes",
    "knife": "knives",
    "leaf": "leaves",
    "life": "lives",
    "man": "men",
    "mouse": "mice",
    "ox": "oxen",
    "person": "people",
    "potato": "potatoes",
    "thesis": "theses",
    "tomato": "tomatoes",
    "tooth": "teeth",
    "wife": "wives",
    "woman": "women",
}
_SAME = frozenset({"equipment", "fish", "information", "news", "series", "sheep", "species"})


def snake_case(name: str) -> str:
    """``BlogPost``, ``blog-post`` and ``blog_post`` all give ``blog_post``."""
    return "_".join(word.lower() for word in _words(name))


def _words(name: str) -> list[str]:
    return [w for part in re.split(r"[_-]", name) for w in _WORDS.findall(part)]


def pluralize(word: str) -> str:
    """The English plural of a lower-case word (the last word of a snake_case name)."""
    head, _, last = word.rpartition("_")
    prefix = f"{head}_" if head else ""
    if last in _SAME:
        return word
    if last in _IRREGULAR:
        return prefix + _IRREGULAR[last]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        return f"{word}zes" if last.endswith("iz") else f"{word}es"
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return f"{word[:-1]}ies"
    return f"{word}s"


def indefinite(words: str) -> str:
    """``an author``, ``a blog post``, ``a user`` (for docstrings and messages)."""
    vowel = words[0] in "aeiou" and not words.startswith(("uni", "use", "usu", "uti", "eu", "one"))
    return f"{'an' if vowel else 'a'} {words}"


# The names the generated code gives a resource's parts, one place for writing and reading them.
_STORE = "Store"
HELPER_PREFIX = "create_"


def store_provider(plural: str) -> str:
    """``provide_books_store``: the api preset's store provider of the ``books`` domain."""
    return f"provide_{plural}_store"


def store_key(plural: str) -> str:
    """``books_store``: the dependency key of that store."""
    return f"{plural}_store"


def store_resource(class_name: str) -> str | None:
    """``Book`` for the store class ``BookStore``; None for a class that is no store."""
    resource = class_name.removesuffix(_STORE)
    return resource if resource and resource != class_name else None


def helper_function(snake: str) -> str:
    """``create_book``: the test helper that makes one ``book`` through the API."""
    return f"{HELPER_PREFIX}{snake}"


def helper_resource(function: str) -> str | None:
    """``book`` for the test helper ``create_book``; None for another function."""
    snake = function.removeprefix(HELPER_PREFIX)
    return snake if snake and snake != function else None


@dataclass(frozen=True)
class ResourceName:
    """Every name derived from the resource name the user gave."""

    given: str
    class_name: str
    """``BlogPost``: the model class, and the prefix of the structs, service and controller."""
    snake: str
    """``blog_post``: the model module, the table, the path parameter (``blog_post_id``)."""
    plural: str
    """``blog_posts``: the domain package, the test module, the list handler."""

    @property
    def table(self) -> str:
        """The table name (the singular, like the template's ``book``)."""
        return self.snake

    @property
    def words(self) -> str:
        """``blog post``: for docstrings and messages."""
        return self.snake.replace("_", " ")

    @property
    def plural_words(self) -> str:
        """``blog posts``."""
        return self.plural.replace("_", " ")

    @property
    def a(self) -> str:
        """``a blog post`` / ``an author``."""
        return indefinite(self.words)

    @property
    def title(self) -> str:
        """``Blog posts``: the OpenAPI tag."""
        return self.plural_words[:1].upper() + self.plural_words[1:]

    @property
    def url(self) -> str:
        """``/api/blog-posts``: the controller's path."""
        return "/api/" + self.plural.replace("_", "-")


def _class_name(given: str, words: list[str]) -> str:
    if "_" not in given and "-" not in given and given[0].isupper():
        return given  # keeps the user's capitals: HTTPLog stays HTTPLog
    return "".join(w[:1].upper() + w[1:] for w in words)


def _check_identifier(kind: str, name: str, given: str) -> None:
    if keyword.iskeyword(name) or name in _SOFT_KEYWORDS:
        msg = f"cannot use {given!r} as a resource name: its {kind} {name!r} is a Python keyword"
        raise UsageError(msg)
    if name in _RESERVED:
        msg = f"cannot use {given!r} as a resource name: {_RESERVED[name]}"
        raise UsageError(msg)


def parse_resource_name(given: str, plural: str | None = None) -> ResourceName:
    """Check a resource name (and an explicit plural) and derive the other names.

    Raises:
        UsageError: A name that is not an identifier, a keyword, reserved or too long.
    """
    stripped = given.strip()
    if not _GIVEN.match(stripped) or not stripped.isascii():
        msg = (
            f"cannot use {given!r} as a resource name: use ASCII letters and digits, starting with "
            "a letter, e.g. Author or BlogPost"
        )
        raise UsageError(msg)
    words = _words(stripped)
    class_name = _class_name(stripped, words)
    snake = snake_case(stripped)
    if keyword.iskeyword(class_name):
        msg = f"cannot use {given!r} as a resource name: {class_name!r} is a Python keyword"
        raise UsageError(msg)
    _check_identifier("module name", snake, given)
    if len(snake) > MAX_RESOURCE_NAME:
        msg = (
            f"cannot use {given!r} as a resource name: its table and module name {snake!r} has "
            f"{len(snake)} characters, more than {MAX_RESOURCE_NAME} (PostgreSQL's 63-byte limit "
            "on the constraint names built from it)"
        )
        raise UsageError(msg)
    if plural is None:
        plural = pluralize(snake)
    else:
        plural = plural.strip().replace("-", "_")
        if not _SNAKE.match(plural):
            msg = (
                f"--plural {plural!r}: use lower-case letters, digits and single '_' "
                "(e.g. --plural people)"
            )
            raise UsageError(msg)
    _check_identifier("plural", plural, given)
    if len(plural) > MAX_RESOURCE_NAME + 4:
        msg = f"--plural {plural!r} is longer than {MAX_RESOURCE_NAME + 4} characters"
        raise UsageError(msg)
    return ResourceName(given=stripped, class_name=class_name, snake=snake, plural=plural)
