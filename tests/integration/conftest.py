"""The ``integration`` tier: what the unit tier may not do (seconds each, a minute in all).

In-process runs of the whole command, which render through copier and format with ruff; the
merges of ``update`` (copier and git); ``add resource`` on rendered projects; the prompts in a
pseudo-terminal (pexpect); git, the template store and the subprocess runner for real. Nothing
here installs a project (that is the smoke tier).
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from litestar_new.spec import resolve
from tests.support.projects import render_spec

if TYPE_CHECKING:
    from pathlib import Path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is in the ``integration`` tier."""
    for item in items:
        if "/tests/integration/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def rendered_presets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Rendered (not installed) projects to add resources to: rendered once, copied per test."""
    root = tmp_path_factory.mktemp("presets")
    projects = {}
    for preset in ("script", "api", "layered"):
        (root / preset).mkdir()
        projects[preset] = render_spec(resolve(preset, {}), root / preset, name="shop")
    return projects


def _copy(rendered: Path, tmp_path: Path) -> Path:
    target = tmp_path / rendered.parent.name / "shop"
    shutil.copytree(rendered, target)
    return target


@pytest.fixture
def layered(rendered_presets: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh layered project (SQLite) of the test's own."""
    return _copy(rendered_presets["layered"], tmp_path)


@pytest.fixture
def api(rendered_presets: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh api project of the test's own."""
    return _copy(rendered_presets["api"], tmp_path)


@pytest.fixture
def script(rendered_presets: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh script project of the test's own."""
    return _copy(rendered_presets["script"], tmp_path)
