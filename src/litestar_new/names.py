"""Project and package names: normalise what can be normalised visibly, refuse the rest.

A project name becomes a distribution name (PEP 508, normalised per PEP 503: ``my-app``) and an
import package (``my_app``). Both must work: the distribution must install next to its own
dependencies and the package must import without shadowing the standard library, a keyword or a
dependency.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from dataclasses import dataclass

from litestar_new.errors import UsageError

__all__ = ["MAX_LENGTH", "ProjectName", "parse_package_name", "parse_project_name"]

MAX_LENGTH = 64
"""Longest accepted distribution name; longer ones make unwieldy paths and commands."""

_DIST = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_SEPARATORS = re.compile(r"[\s_.-]+")
_PACKAGE = re.compile(r"^[a-z][a-z0-9_]*$")

# Soft keywords of every Python the generated projects support (``type`` is one from 3.12).
_SOFT_KEYWORDS = frozenset({"_", "case", "match", "type"})
# ``test`` is missing from ``sys.stdlib_module_names`` but ships with CPython.
_STDLIB = frozenset(sys.stdlib_module_names) | {"test", "tests"}
# Import names of what generated projects depend on, or of tools run in them.
_DEPENDENCIES = frozenset(
    {
        "advanced_alchemy", "aiosqlite", "alembic", "anyio", "argon2", "asyncpg", "click",
        "granian", "httpx", "jinja2", "jwt", "litestar", "litestar_granian", "msgspec", "mypy",
        "polyfactory", "pwdlib", "pydantic", "pydantic_settings", "pytest", "rich", "ruff",
        "sqlalchemy", "structlog", "typing_extensions", "uvicorn", "uv", "yaml", "dotenv",
        "conftest", "setup", "src", "docs",
    }
)  # fmt: skip
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)


@dataclass(frozen=True)
class ProjectName:
    """A checked project name."""

    given: str
    """What the user typed."""
    dist: str
    """The distribution and folder name (``my-app``)."""
    package: str
    """The import package (``my_app``)."""

    @property
    def normalised(self) -> bool:
        """True when the distribution name differs from what the user typed."""
        return self.given != self.dist


def _suggest(folded: str) -> str:
    """Make a valid distribution name out of anything, for the "try" part of a message."""
    ascii_only = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    cleaned = _SEPARATORS.sub("-", re.sub(r"[^A-Za-z0-9\s_.-]", "", ascii_only)).strip("-").lower()
    if not cleaned:
        return "my-app"
    if not cleaned[0].isalpha():
        cleaned = f"app-{cleaned}"
    return cleaned[:MAX_LENGTH].rstrip("-")


def _refuse(given: str, reason: str, suggestion: str) -> UsageError:
    return UsageError(f"cannot use {given!r} as a project name: {reason}; try {suggestion!r}")


def _check_path_like(given: str) -> None:
    if not given.strip():
        msg = "the project name is empty; give one, e.g. litestar-new my-app"
        raise UsageError(msg)
    if "/" in given or "\\" in given or given.strip(". ") == "" or given.startswith("~"):
        last = re.split(r"[\\/]+", given.rstrip("/\\"))[-1]
        suggestion = _suggest(last) if last.strip(".") else "my-app"
        msg = (
            f"cannot use {given!r} as a project name: it is a path, and the project is always "
            f"created in the current folder; cd to the parent folder and try {suggestion!r}"
        )
        raise UsageError(msg)


def _check_package(given: str, package: str) -> None:
    """Refuse an import package that would not import cleanly."""
    dist = package.replace("_", "-")
    if keyword.iskeyword(package) or package in _SOFT_KEYWORDS:
        raise _refuse(given, f"{package!r} is a Python keyword", f"{dist}-app")
    if package in _STDLIB:
        raise _refuse(given, f"{package!r} would shadow the standard library module", f"my-{dist}")
    if package in _DEPENDENCIES:
        raise _refuse(given, f"{package!r} is the name of a dependency or tool", f"my-{dist}")
    if package in _WINDOWS_DEVICES:
        raise _refuse(given, f"{package!r} is a reserved device name on Windows", f"{dist}-app")


def parse_project_name(given: str) -> ProjectName:
    """Check and normalise a project name.

    ``My App``, ``my_app`` and ``my-app`` all become ``my-app`` / ``my_app``; anything that cannot
    make a valid distribution and import package is refused with the reason and a suggestion.

    Raises:
        UsageError: The name is refused.
    """
    _check_path_like(given)
    stripped = given.strip()
    if not stripped.isascii():
        raise _refuse(given, "use ASCII letters, digits and '-'", _suggest(stripped))
    dist = _SEPARATORS.sub("-", stripped).lower()
    if len(dist) > MAX_LENGTH:
        raise _refuse(given, f"it is longer than {MAX_LENGTH} characters", _suggest(dist))
    if not dist[0].isalpha():
        raise _refuse(given, "it must start with a letter", _suggest(dist))
    if not _DIST.match(dist):
        raise _refuse(
            given, "use letters, digits and single '-' between words (no symbols)", _suggest(dist)
        )
    package = dist.replace("-", "_")
    _check_package(given, package)
    return ProjectName(given=given, dist=dist, package=package)


def parse_package_name(given: str) -> str:
    """Check an explicit import package name (``--set package_name=...``).

    Raises:
        UsageError: The name would not import cleanly.
    """
    if not _PACKAGE.match(given) or "__" in given or given.endswith("_"):
        msg = (
            f"cannot use {given!r} as a package name: use lower-case letters, digits and single "
            f"'_', starting with a letter; try {_suggest(given).replace('-', '_')!r}"
        )
        raise UsageError(msg)
    _check_package(given, given)
    return given
