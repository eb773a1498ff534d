from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.support.projects import MATRIX, dependencies, render_spec, shared_venv, spec_id

if TYPE_CHECKING:
    from pathlib import Path

    from litestar_new.spec import ProjectSpec


@pytest.fixture(scope="session")
def rendered_projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every combination of the matrix, rendered once per session."""
    root = tmp_path_factory.mktemp("rendered")
    projects = {}
    for index, spec in enumerate(MATRIX):
        folder = root / str(index)
        folder.mkdir()
        projects[spec_id(spec)] = render_spec(spec, folder)
    return projects


@pytest.fixture
def project(request: pytest.FixtureRequest, rendered_projects: dict[str, Path]) -> Path:
    spec: ProjectSpec = request.param
    return rendered_projects[spec_id(spec)]


@pytest.fixture(scope="session")
def lint_venv(tmp_path_factory: pytest.TempPathFactory, rendered_projects: dict[str, Path]) -> Path:
    """One environment with every generated project's dependencies, for mypy."""
    requirements = sorted({r for p in rendered_projects.values() for r in dependencies(p)})
    return shared_venv(tmp_path_factory.getbasetemp().parent / "shared", requirements)
