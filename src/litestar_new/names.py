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
from typing import NamedTuple

from litestar_new.errors import UsageError
from litestar_new.taken import canonical
from litestar_new.taken import load as load_taken

__all__ = ["MAX_LENGTH", "ProjectName", "parse_package_name", "parse_project_name"]

MAX_LENGTH = 64
"""Longest accepted distribution name; longer ones make unwieldy paths and commands."""

_DIST = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_SEPARATORS = re.compile(r"[\s_.-]+")
_PACKAGE = re.compile(r"^[a-z][a-z0-9_]*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# Soft keywords of every Python the generated projects support (``type`` is one from 3.12).
_SOFT_KEYWORDS = frozenset({"_", "case", "match", "type"})
# ``test`` is missing from ``sys.stdlib_module_names`` but ships with CPython.
_STDLIB = frozenset(sys.stdlib_module_names) | {"test", "tests"}
# Names taken in every generated project's virtual environment that no dependency brings: the
# environment's own commands and the installers. What the dependencies bring (distributions,
# import packages, commands, on every preset, platform and Python) is derived from their
# resolution into taken.json (see litestar_new.taken); a smoke test holds both in step with
# installed projects.
_ENVIRONMENT = frozenset(
    {
        "python", "python2", "python3", "pythonw", "pydoc", "activate", "deactivate", "pip",
        "pip3", "setuptools", "pkg_resources", "wheel", "uv", "uvx",
    }
)  # fmt: skip
# Top-level names inside a generated project: its test modules, its folders, packaging files.
_PROJECT_MODULES = frozenset(
    {
        "conftest",
        "helpers",
        "setup",
        "src",
        "docs",
        "test_accounts",
        "test_api",
        "test_app",
        "test_books",
        "test_migrations",
        "test_services",
        "test_settings",
        "test_system",
    }
)
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)


class ProjectName(NamedTuple):
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
    return _acceptable(cleaned[:MAX_LENGTH].rstrip("-"))


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


def _taken(package: str) -> str | None:
    """What in a generated project's environment is called ``package`` already, or None."""
    if package in _ENVIRONMENT:
        return "of the environment"
    taken = load_taken().get(canonical(package))
    return taken.describe() if taken is not None else None


def _package_problem(package: str) -> tuple[str, str] | None:
    """Why ``package`` would not import cleanly, and the suggestion's pattern; None when fine."""
    if keyword.iskeyword(package) or package in _SOFT_KEYWORDS:
        return f"{package!r} is a Python keyword", "{}-app"
    if package in _STDLIB:
        return f"{package!r} would shadow the standard library module", "my-{}"
    if (taken := _taken(package)) is not None:
        return f"{package!r} is the name of a dependency or tool ({taken})", "my-{}"
    if package in _PROJECT_MODULES:
        return f"{package!r} is the name of one of the project's own modules", "my-{}"
    if package in _WINDOWS_DEVICES:
        return f"{package!r} is a reserved device name on Windows", "{}-app"
    return None


def _acceptable(dist: str) -> str:
    """Turn a name matching the distribution pattern into one that passes every check."""
    for pattern in ("{}", "my-{}", "{}-app"):
        candidate = pattern.format(dist)[:MAX_LENGTH].rstrip("-")
        if _DIST.match(candidate) and _package_problem(candidate.replace("-", "_")) is None:
            return candidate
    return "my-app"


def _check_package(given: str, package: str, *, what: str = "project name") -> None:
    """Refuse an import package that would not import cleanly."""
    problem = _package_problem(package)
    if problem is not None:
        reason, pattern = problem
        suggestion = _acceptable(pattern.format(package.replace("_", "-")))
        if what == "package name":
            suggestion = suggestion.replace("-", "_")
        msg = f"cannot use {given!r} as a {what}: {reason}; try {suggestion!r}"
        raise UsageError(msg)


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
    if _CONTROL.search(given):
        # A tab, a newline or an escape is a paste accident, not a word separator.
        raise _refuse(given, "it contains a control character", _suggest(_CONTROL.sub(" ", given)))
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
    _check_package(given, given, what="package name")
    return given
