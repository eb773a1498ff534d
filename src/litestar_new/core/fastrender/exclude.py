"""copier's ``_exclude`` matching (gitignore patterns) without importing pathspec when simple.

A pattern without a slash, a backslash, a leading ``!`` or ``#``, a ``**``, a ``[^`` or
surrounding spaces matches, in gitignore's rules, any path one of whose names it matches as a glob (the
name itself, or a folder above it): that is checked name by name with the patterns of
:func:`fnmatch.translate` (as ``fnmatchcase``), joined in one regular expression. Any other
pattern goes to pathspec, as in copier.
"""

from __future__ import annotations

import re
from fnmatch import translate
from typing import TYPE_CHECKING
from unicodedata import normalize

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import PurePath

__all__ = ["matcher"]

_SIMPLE = re.compile(r"[^/\\!#\s][^/\\]*")


def _simple(pattern: str) -> bool:
    if "**" in pattern or "[^" in pattern or pattern != pattern.strip():
        return False
    return bool(_SIMPLE.fullmatch(pattern))


def matcher(patterns: Iterable[str]) -> Callable[[PurePath], bool]:
    """A test of a relative path against gitignore ``patterns``, as copier's ``match_exclude``."""
    normalised = [normalize("NFD", p) for p in patterns]
    if all(_simple(p) or not p.strip() for p in normalised):
        globs = [p for p in normalised if p.strip()]
        if not globs:
            return lambda _path: False
        one = re.compile("|".join(f"(?:{translate(glob)})" for glob in globs))

        def match(path: PurePath) -> bool:
            return any(one.match(part) for part in path.parts)

        return match
    from pathspec import PathSpec  # noqa: PLC0415
    from pathspec import __version__ as version  # noqa: PLC0415

    kind = "gitignore" if int(version.split(".")[0]) >= 1 else "gitwildmatch"
    spec = PathSpec.from_lines(kind, normalised)
    return spec.match_file
