"""Fixtures for every tier: an isolated template store and a known git identity."""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than the cores. A third of a worker's time here is spent
    waiting (for uv, for a server to start, for a child process), so two workers on two cores
    left them a third idle."""
    del config
    return (os.cpu_count() or 1) + 1


# The longest tests of the fast tiers (a minute or two each).
_LONG = ("test_any_text_is_refused_in_one_line_or_kept_exactly", "test_a_hundred_layered_projects")


def _start_order(item: pytest.Item) -> int:
    if item.name.startswith(_LONG):
        return 0
    if item.get_closest_marker("smoke") is not None or item.get_closest_marker("world"):
        return 1
    if item.get_closest_marker("generation") or item.get_closest_marker("integration"):
        return 2
    return 3


@pytest.hookimpl(trylast=True)  # after pytest's own grouping by fixture scope
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest first, so that the workers finish together: the two longest tests of the fast
    tiers, the smoke tier, the generation tier, then the unit tests (order kept in each)."""
    items.sort(key=_start_order)


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
