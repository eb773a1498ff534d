"""The bundled template as plain copier users get it, and a project climbed with no edits.

litestar-new formats nothing it renders, and plain ``copier copy`` users get the same files; every
update merges such raw renders too, where a raw render that differed from the formatted project
would read as the user's edits, conflicts and all. So the raw template must already be what
``ruff`` wants for every name we allow: at every length up to :data:`MAX_LENGTH`, and sorting
before or after ``tests`` (whose imports follow the package's).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from ruff.__main__ import find_ruff_bin

from litestar_new.__main__ import main
from litestar_new.core.render import render
from litestar_new.names import MAX_LENGTH
from litestar_new.new.plan import Request, plan_project
from litestar_new.spec import PRESETS
from litestar_new.store import bundled_template, register
from tests.support.projects import MATRIX, dependencies, run, shared_venv, spec_id
from tests.support.updates import git, make_project

if TYPE_CHECKING:
    from pathlib import Path

LONGEST = "zoo-" + "x" * (MAX_LENGTH - 4)
"""A name at the longest we allow, sorting after ``tests`` (the harder case for isort)."""
PACKAGE = LONGEST.replace("-", "_")

COMBINATIONS = {
    "script": {"preset": "script", "server": "granian"},
    "api": {"preset": "api", "server": "granian", "docker": "true"},
    "layered": {"preset": "layered", "db": "sqlite", "server": "uvicorn"},
    "layered-postgres": {"preset": "layered", "db": "postgres", "server": "granian"},
}


def copier_copy(destination: Path, **answers: str) -> Path:
    """``copier copy`` of the bundled template, as a plain copier user runs it."""
    data = [arg for key, value in answers.items() for arg in ("-d", f"{key}={value}")]
    run(
        [
            sys.executable,
            "-m",
            "copier",
            "copy",
            "--quiet",
            "--defaults",
            *data,
            str(bundled_template()),
            str(destination),
        ],
        cwd=destination.parent,
    )
    return destination


@pytest.fixture(scope="module")
def copied(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each combination copied once at the longest name."""
    root = tmp_path_factory.mktemp("copier")
    return {
        key: copier_copy(root / key, project_name=LONGEST, **answers)
        for key, answers in COMBINATIONS.items()
    }


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [find_ruff_bin(), *args, "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_plain_copier_output_passes_ruff_at_the_longest_name(copied: dict[str, Path]) -> None:
    for key, project in copied.items():
        assert (project / ".copier-answers.yml").is_file()
        for args in (["check", "."], ["format", "--check", "."]):
            result = ruff(*args, cwd=project)
            assert result.returncode == 0, f"{key}: ruff {args[0]}\n{result.stdout}{result.stderr}"


def test_plain_copier_output_passes_mypy_strict_at_the_longest_name(
    copied: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    projects = [copied["api"], copied["layered-postgres"]]
    requirements = sorted({r for p in projects for r in dependencies(p)})
    venv = shared_venv(tmp_path_factory.getbasetemp().parent / "shared", requirements)
    cache = tmp_path_factory.mktemp("mypy-cache")
    for project in projects:
        result = subprocess.run(
            [str(venv / "bin" / "mypy"), "--cache-dir", str(cache)],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{project.name}:\n{result.stdout}{result.stderr}"


def _with_name(source: Path, destination: Path, name: str) -> None:
    """The Python of ``source`` as copier would have rendered it for ``name``: the names
    replaced in every path and text (they appear verbatim; nothing else depends on them)."""
    for path in source.rglob("*"):
        if not path.is_file() or (path.suffix != ".py" and path.name != "pyproject.toml"):
            continue
        relative = path.relative_to(source).as_posix().replace(PACKAGE, name)
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")
        target.write_text(text.replace(LONGEST, name).replace(PACKAGE, name), encoding="utf-8")


@pytest.fixture(scope="module")
def every_combination(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every combination the declaration allows, rendered as ``new`` renders it (copier's
    output, byte for byte: ``tests/integration/test_fastrender.py``) at the longest name; one
    of each distinct set of Python files and ``pyproject.toml`` (what ruff reads) is kept."""
    root = tmp_path_factory.mktemp("combinations")
    source = register()
    kept: dict[str, Path] = {}
    for spec in MATRIX:
        destination = root / spec_id(spec)
        request = Request(name=LONGEST, preset=spec.preset, features=dict(spec.features), cwd=root)
        render(source, plan_project(request, default_preset=spec.preset).answers, destination)
        digest = hashlib.sha256()
        for path in sorted(destination.rglob("*")):
            if path.is_file() and (path.suffix == ".py" or path.name == "pyproject.toml"):
                digest.update(path.relative_to(destination).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
        kept.setdefault(digest.hexdigest(), destination)
    return list(kept.values())


def test_every_combination_is_formatted_for_every_name_length(
    every_combination: list[Path], tmp_path: Path
) -> None:
    """Every length from 1 to the longest, with names sorting before, around and after
    ``tests``: one ruff run over all the copies (each copy has its own pyproject.toml).

    ``new`` formats nothing it renders, so this is what every user gets. A line's width grows
    with the names' lengths, so a project name and a package name of different lengths lie
    between two of these."""
    assert len(every_combination) >= len(PRESETS)
    folders = []
    for project in every_combination:
        for letter in "atz":
            for length in range(1, MAX_LENGTH + 1):
                folder = tmp_path / f"{project.name}-{letter}{length}"
                _with_name(project, folder, letter * length)
                folders.append(folder)
    checks = (
        ["check", "--select", "I", "--output-format", "concise", "--quiet"],
        ["format", "--check", "--quiet"],
    )
    for args in checks:
        result = ruff(*args, *(f.name for f in folders), cwd=tmp_path)
        assert result.returncode == 0, result.stdout[:3000] + result.stderr[:3000]


@pytest.fixture(scope="module")
def climbed(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    """A project made by litestar-new at the longest name, climbed from api to layered with
    no edits of the user's."""
    project = make_project(register(), tmp_path_factory.mktemp("climb"), "api", name=LONGEST)
    return main(["update", str(project), "--preset", "layered"]), project


def test_climbing_a_long_named_project_gives_no_conflict(climbed: tuple[int, Path]) -> None:
    code, project = climbed
    assert code == 0
    status = git(project, "status", "--porcelain")
    assert "UU " not in status
    for path in project.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            assert b"<<<<<<<" not in path.read_bytes(), path
    # The merge needed no formatting: what copier wrote is what a new layered project holds.
    (project.parent / "fresh").mkdir()
    fresh = make_project(register(), project.parent / "fresh", "layered", name=LONGEST)
    for path in (project / "src").rglob("*.py"):
        relative = path.relative_to(project)
        assert path.read_bytes() == (fresh / relative).read_bytes(), relative
