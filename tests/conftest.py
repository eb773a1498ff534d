"""Fixtures for every tier: an isolated template store and a known git identity."""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="session", autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the template store and git's identity away from the user's own."""
    home = tmp_path_factory.mktemp("litestar-new-home")
    os.environ["LITESTAR_NEW_HOME"] = str(home)
    os.environ.setdefault("GIT_AUTHOR_NAME", "Test Author")
    os.environ.setdefault("GIT_AUTHOR_EMAIL", "author@example.com")
    os.environ.setdefault("GIT_COMMITTER_NAME", "Test Author")
    os.environ.setdefault("GIT_COMMITTER_EMAIL", "author@example.com")


@pytest.fixture(scope="session", autouse=True)
def _ctrl_c_delivered() -> None:
    """Run as a background job of a shell, the suite would inherit an ignored SIGINT, and so
    would every process it starts: the Ctrl-C tests would then test nothing. A handler (not an
    ignore) is reset to the default in each child at exec."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder for one test."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder
