"""Third-party tools the ``world`` tier runs on generated projects: Debian's Chromium and the
npm packages pinned in ``tests/world/npm`` (``.ci/run`` installs both; nothing downloads a browser).

Each fixture skips with the reason on a machine without the tool, and fails in CI
(``LITESTAR_NEW_REQUIRE_SERVICES``), where the tier must run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

NPM_FOLDER = Path(__file__).resolve().parents[1] / "world" / "npm"
"""``package.json`` and ``package-lock.json`` of the npm tools; ``npm ci`` installs them here."""


def _missing(reason: str) -> None:
    if os.environ.get("LITESTAR_NEW_REQUIRE_SERVICES"):
        pytest.fail(f"required here: {reason}")
    pytest.skip(reason)


def chromium_path() -> str:
    """Debian's Chromium (``apt-get install chromium``), or ``LITESTAR_NEW_CHROMIUM``."""
    path = os.environ.get("LITESTAR_NEW_CHROMIUM") or shutil.which("chromium") or ""
    if not path or not Path(path).exists():
        _missing("no Chromium: apt-get install chromium (or set LITESTAR_NEW_CHROMIUM)")
    return path


# Flags for a headless Chromium on a closed network, as root (see .library env notes):
# without the background-networking flags it keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def npm_tool(name: str) -> Path:
    """An executable from ``tests/world/npm/node_modules/.bin`` (``npm ci`` in that folder)."""
    path = NPM_FOLDER / "node_modules" / ".bin" / name
    if not path.exists():
        _missing(f"{name} is not installed: npm ci --prefix {NPM_FOLDER}")
    return path
