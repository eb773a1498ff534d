"""Format generated Python as the project would: ruff, with the project's own configuration.

Each text goes through ruff on stdin with ``--stdin-filename`` set to where it will be written, so
ruff finds the project's ``pyproject.toml`` (line length, first-party packages, per-file rules)
exactly as it will when the user runs it, while nothing touches the project before the write.
"""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from litestar_new.errors import LitestarNewError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

__all__ = ["format_sources"]

_STEPS = (["check", "--fix-only", "--select", "I,RUF022", "--quiet"], ["format", "--quiet"])


def _ruff() -> str:
    from ruff.__main__ import find_ruff_bin  # noqa: PLC0415

    return str(find_ruff_bin())


def format_source(ruff: str, root: Path, relative: str, text: str) -> str:
    """Sort the imports and format ``text`` as if it were ``root/relative``.

    Raises:
        LitestarNewError: ruff refused the text (a syntax error in generated code).
    """
    for args in _STEPS:
        result = subprocess.run(
            [ruff, *args, "--no-cache", "--stdin-filename", str(root / relative), "-"],
            input=text,
            capture_output=True,
            text=True,
            check=False,
            cwd=root,
        )
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            msg = f"formatting {relative} failed: {detail[-1] if detail else result.returncode}"
            raise LitestarNewError(msg)
        text = result.stdout
    return text


def format_sources(root: Path, sources: Mapping[str, str]) -> dict[str, str]:
    """Format every Python text of ``sources`` (relative path -> text); others stay as they are."""
    ruff = _ruff()
    python = [path for path in sources if path.endswith(".py")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        formatted = pool.map(lambda p: format_source(ruff, root, p, sources[p]), python)
        done = dict(zip(python, formatted, strict=True))
    return {path: done.get(path, text) for path, text in sources.items()}
