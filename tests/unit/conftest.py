"""Rendered (not installed) projects to add resources to: rendered once, copied per test."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from litestar_new.spec import resolve
from tests.support.projects import render_spec

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="session")
def rendered_rungs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("rungs")
    projects = {}
    for rung in ("script", "api", "layered"):
        (root / rung).mkdir()
        projects[rung] = render_spec(resolve(rung, {}), root / rung, name="shop")
    return projects


def _copy(rendered: Path, tmp_path: Path) -> Path:
    target = tmp_path / rendered.parent.name / "shop"
    shutil.copytree(rendered, target)
    return target


@pytest.fixture
def layered(rendered_rungs: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh layered project (SQLite) of the test's own."""
    return _copy(rendered_rungs["layered"], tmp_path)


@pytest.fixture
def api(rendered_rungs: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh api project of the test's own."""
    return _copy(rendered_rungs["api"], tmp_path)


@pytest.fixture
def script(rendered_rungs: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh script project of the test's own."""
    return _copy(rendered_rungs["script"], tmp_path)
