"""Every preset and feature combination: rendered, parsed, linted, type-checked."""

from __future__ import annotations

import ast
import configparser
import hashlib
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from litestar_new.spec import FEATURES, PRESETS
from tests.support.projects import MATRIX, clean_env, spec_id

pytestmark = pytest.mark.generation

PROJECTS = pytest.mark.parametrize("project", MATRIX, ids=spec_id, indirect=True)
# Jinja syntax left behind; `${{ ... }}` is GitHub Actions' own and fine.
LEFTOVER = re.compile(r"(?<!\$)\{\{|\{%|\{#|%\}")
_checked: dict[str, str] = {}


def files(project: Path) -> list[Path]:
    return sorted(p for p in project.rglob("*") if p.is_file())


def parse(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    name = path.name
    if path.suffix == ".py":
        ast.parse(text, filename=str(path))
    elif path.suffix == ".toml":
        tomllib.loads(text)
    elif path.suffix in {".yml", ".yaml"}:
        yaml.safe_load(text)
    elif path.suffix == ".json":
        json.loads(text)
    elif path.suffix == ".ini":
        configparser.ConfigParser().read_string(text)
    elif name.startswith(".env"):
        for line in text.splitlines():
            assert (
                not line.strip() or line.startswith("#") or re.match(r"^[A-Z][A-Z0-9_]*=", line)
            ), line


@PROJECTS
def test_every_file_parses(project: Path) -> None:
    for path in files(project):
        parse(path)


@PROJECTS
def test_no_template_syntax_is_left(project: Path) -> None:
    for path in files(project):
        assert not path.name.endswith(".jinja"), path
        assert "{{" not in path.as_posix(), path
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not LEFTOVER.search(line), f"{path}:{number}: {line}"


@PROJECTS
def test_features_decide_the_files(project: Path, request: pytest.FixtureRequest) -> None:
    spec = request.node.callspec.params["project"]
    features = spec.features
    assert (project / ".github" / "workflows" / "ci.yml").exists() == (
        features.get("ci") == "github"
    )
    assert (project / "Dockerfile").exists() == bool(features.get("docker"))
    assert (project / "compose.yaml").exists() == bool(features.get("docker"))
    assert (project / "app.py").exists() == (spec.preset == "script")
    assert (project / "src").exists() == (spec.preset != "script")
    pyproject = (project / "pyproject.toml").read_text()
    assert ("litestar-granian" in pyproject) == (features["server"] == "granian")


@PROJECTS
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


def _python_digest(project: Path) -> str:
    digest = hashlib.sha256()
    for path in files(project):
        if path.suffix == ".py" or path.name == "pyproject.toml":
            digest.update(path.relative_to(project).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


@PROJECTS
def test_mypy_strict(
    project: Path, lint_venv: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Combinations whose Python files and config are identical are checked once.
    digest = _python_digest(project)
    if digest not in _checked:
        cache = tmp_path_factory.getbasetemp() / "mypy-cache"
        result = subprocess.run(
            [str(lint_venv / "bin" / "mypy"), "--cache-dir", str(cache)],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
            env=clean_env(),
        )
        _checked[digest] = result.stdout + result.stderr if result.returncode else ""
    assert _checked[digest] == ""
    config = tomllib.loads((project / "pyproject.toml").read_text())["tool"]["mypy"]
    assert config["strict"] is True


def test_the_matrix_has_every_preset() -> None:
    assert {s.preset for s in MATRIX} == {r.name for r in PRESETS}
    offered = sum(1 for f in FEATURES for _ in f.presets)
    assert offered >= len(FEATURES)


@pytest.mark.parametrize("preset_name", [r.name for r in PRESETS])
@pytest.mark.parametrize("name", ["a", "demo", "my-service-api", "abcdefghij-klmnopqrst-uvwxyz0"])
def test_the_raw_template_is_already_formatted_for_usual_names(
    preset_name: str, name: str, tmp_path: Path
) -> None:
    """copier's update merges raw renders; if formatting changed them for usual names, every
    update would see the formatting as the user's edits and report needless conflicts."""
    import shutil

    from litestar_new.core.render import render
    from litestar_new.core.ruff import format_python
    from litestar_new.new.plan import Request, plan_project
    from litestar_new.store import TemplateSource, register

    registered = register()
    raw = TemplateSource(path=registered.path, ref=registered.ref, local_copy=registered.local_copy)
    request = Request(name=name, preset=preset_name, cwd=tmp_path)
    plan = plan_project(request, default_preset=preset_name)
    render(raw, plan.answers, plan.target)
    formatted = tmp_path / "formatted"
    shutil.copytree(plan.target, formatted)
    format_python(formatted)
    for path in files(plan.target):
        relative = path.relative_to(plan.target)
        assert path.read_bytes() == (formatted / relative).read_bytes(), relative
