"""``add resource`` on fresh projects: two related resources (and one of every type), then the
project's own ruff check, ruff format --check and mypy --strict on the result."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from litestar_new.__main__ import main
from litestar_new.spec import ProjectSpec, resolve
from tests.generation.test_generation import LEFTOVER
from tests.support.projects import clean_env, render_spec, spec_id
from tests.support.resources import (
    EVERY_TYPE,
    REFERENCES_ONLY,
    TWO_RELATED,
    python_names_resource,
)

pytestmark = pytest.mark.generation

LAYERED_ONLY = [
    ["Note", "text:text", "reviewer:ref:User"],
    ["Profile", "account:ref:User:unique", "nick:str?", "rating:int?:unique"],
]
SPECS: list[ProjectSpec] = [
    resolve("layered", {}),
    resolve("layered", {"db": "postgres", "server": "uvicorn"}),
    resolve("api", {}),
]


@pytest.fixture(scope="module", params=SPECS, ids=spec_id)
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec: ProjectSpec = request.param
    project = render_spec(spec, tmp_path_factory.mktemp(spec_id(spec)), name="shop")
    more = [*LAYERED_ONLY] if spec.preset == "layered" else []
    if spec == SPECS[0]:  # every accepted Python name as a field (once: mypy takes its time)
        more.append(python_names_resource())
    for words in [*TWO_RELATED, EVERY_TYPE, *more, REFERENCES_ONLY]:
        assert main(["add", "resource", *words, "--path", str(project)]) == 0, words
    return project


def _python_files(project: Path) -> list[Path]:
    return sorted(project.rglob("*.py"))


def test_the_resources_are_written_and_parse(project: Path) -> None:
    domain = project / "src" / "shop" / "domain"
    assert {"authors", "articles", "gadgets"} <= {p.name for p in domain.iterdir()}
    for path in _python_files(project):
        text = path.read_text(encoding="utf-8")
        ast.parse(text, filename=str(path))
        for number, line in enumerate(text.splitlines(), 1):
            assert not LEFTOVER.search(line), f"{path}:{number}: {line}"


def test_ruff_check_and_format(project: Path) -> None:
    ruff = str(Path(sys.executable).with_name("ruff"))
    for args in (
        [ruff, "check", "--no-cache", "."],
        [ruff, "format", "--no-cache", "--check", "."],
    ):
        result = subprocess.run(
            args, cwd=project, capture_output=True, text=True, check=False, env=clean_env()
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict(
    project: Path, lint_venv: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = subprocess.run(
        [
            str(lint_venv / "bin" / "mypy"),
            "--cache-dir",
            str(tmp_path_factory.getbasetemp() / "mypy-cache"),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=clean_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
