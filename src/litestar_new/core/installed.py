"""The installed version of a distribution, found as ``importlib.metadata.version`` finds it.

Importing :mod:`importlib.metadata` (its e-mail parser, zip and CSV support) costs about 10 ms
of every ``new``; this module looks where it looks first, for the same thing: the first
``sys.path`` folder holding a ``<name>-<version>.dist-info`` or ``.egg-info`` entry of the
normalised name, whose ``Version:`` header it reads. Whatever it does not find that way
(a zip on ``sys.path``, a custom finder) is asked of :mod:`importlib.metadata` itself, so the
answer is the same, only cheaper in the usual case. A unit test holds the two in step.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

__all__ = ["release", "version"]

_INFO_SUFFIXES = (".dist-info", ".egg-info")


def _normalised(name: str) -> str:
    """``importlib.metadata``'s form of a name: ``Jinja2`` and ``jinja-2`` are ``jinja2``."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _header_version(text: str) -> str | None:
    for line in text.splitlines():
        if not line.strip():
            return None  # the headers end at the first blank line
        key, _, value = line.partition(":")
        if key.strip().lower() == "version":
            return value.strip()
    return None


def _read_version(info: Path) -> str | None:
    metadata = info / ("METADATA" if info.name.lower().endswith(".dist-info") else "PKG-INFO")
    try:
        text = (metadata if info.is_dir() else info).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return _header_version(text)


def _found_info(name: str) -> Path | None:
    """The metadata entry ``importlib.metadata`` would read for ``name``; None: ask it."""
    wanted = _normalised(name)
    for entry in sys.path:
        folder = entry or "."
        try:
            children = os.listdir(folder)  # noqa: PTH208 - the names alone, at once
        except OSError:  # not a folder (a zip file): importlib.metadata's business
            continue
        for child in children:
            low = child.lower()
            if low.endswith((*_INFO_SUFFIXES, ".egg")):
                stem = low.rpartition(".")[0].partition("-")[0]
                if _normalised(stem) == wanted:
                    # an old-style egg: importlib.metadata reads it (None asks it)
                    return None if low.endswith(".egg") else Path(folder, child)
    return None


def version(name: str) -> str | None:
    """The version of the installed distribution ``name``, or None when it is not installed."""
    info = _found_info(name)
    if info is not None and (found := _read_version(info)) is not None:
        return found
    from importlib.metadata import PackageNotFoundError  # noqa: PLC0415 - the unusual case
    from importlib.metadata import version as metadata_version  # noqa: PLC0415

    try:
        return metadata_version(name)
    except PackageNotFoundError:
        return None


def release(text: str) -> tuple[int, ...]:
    """The leading release numbers of a version string: ``9.19.1.post1`` is ``(9, 19, 1)``."""
    match = re.match(r"\d+(?:\.\d+)*", text)
    return tuple(int(part) for part in match[0].split(".")) if match else ()
