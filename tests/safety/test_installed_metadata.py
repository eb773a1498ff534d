"""Installed with uv, tested with their own tests: projects with normalised names and with
hostile metadata; and the names of everything installed in them are refused as project names.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest

from litestar_new.__main__ import main
from litestar_new.errors import UsageError
from litestar_new.names import parse_project_name
from tests.safety.helpers import QUIET, core_metadata, read_core_metadata
from tests.support.projects import PYTHON, UV, run

pytestmark = pytest.mark.smoke

# (given, preset, distribution, package): a representative handful of normalised names.
NORMALISED = [
    ("My App", "api", "my-app", "my_app"),
    ("X" * 64, "api", "x" * 64, "x" * 64),
    ("Settings", "api", "settings", "settings"),  # a module inside the package, too
    ("Web.API_v2", "script", "web-api-v2", "web_api_v2"),
    ("  A  ", "script", "a", "a"),
]


def _create(parent: Path, args: list[str]) -> None:
    """Run the command line in ``parent``, as a user would from there."""
    cwd = Path.cwd()
    os.chdir(parent)
    try:
        assert main(args) == 0
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module", params=NORMALISED, ids=lambda p: p[0].strip()[:12])
def installed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[tuple[str, str, str, str], Path]:
    given, preset, dist, _ = request.param
    parent = tmp_path_factory.mktemp("names")
    _create(parent, ["--preset", preset, *QUIET, "--", given])
    project = parent / dist
    run([UV, "sync", "--quiet", "--python", PYTHON], cwd=project)
    return request.param, project


def test_a_normalised_name_installs_and_passes_its_own_tests(
    installed: tuple[tuple[str, str, str, str], Path],
) -> None:
    (_, preset, dist, package), project = installed
    result = run([UV, "run", "--no-sync", "pytest", "-q", "-W", "error"], cwd=project)
    assert " passed" in result.stdout
    if preset == "api":
        assert (project / "src" / package / "app.py").is_file()
        run([UV, "run", "--no-sync", dist, "--help"], cwd=project)


def _environment_names(project: Path) -> set[str]:
    """Every name a project could collide with in its environment: modules, distributions,
    commands (in the forms a project name takes: lower case, '-' or '_')."""
    (site,) = (project / ".venv" / "lib").glob("python*/site-packages")
    names = set()
    for entry in site.iterdir():
        if entry.name.endswith(".dist-info"):
            names.add(entry.name.split("-")[0].lower().replace("_", "-"))
        elif entry.suffix in {".py", ".so"} or entry.is_dir():
            names.add(entry.name.split(".")[0])
    names |= {p.name for p in (project / ".venv" / "bin").iterdir()}
    return {n for n in names if re.fullmatch(r"[a-z][a-z0-9_-]*", n)}


def test_nothing_installed_in_a_project_can_be_a_project_name(
    installed: tuple[tuple[str, str, str, str], Path],
) -> None:
    (_, _, dist, package), project = installed
    accepted = []
    for name in sorted(_environment_names(project) - {dist, package}):
        try:
            parse_project_name(name)
        except UsageError:
            continue
        accepted.append(name)
    assert accepted == [], (
        "regenerate taken.json (python -m litestar_new.taken) or add to names._ENVIRONMENT"
    )


HOSTILE = {
    "description": (
        'Say "hi" \\ \'\'\' """ {{ 7*7 }} {% raw %} $(id) `id` # -x 🚀 日本語 <!-- *y* '
        + "z" * 10_240
    ),
    "author_name": 'Zoë "JJ" O\'Brien \\ {{ 7*7 }} (né) <x>',
    "author_email": "{{7*7}}+o'brien#$@exämple.com",
}


@pytest.mark.parametrize("preset", ["script", "api"])
def test_hostile_metadata_builds_installs_and_reads_back(tmp_path: Path, preset: str) -> None:
    args = ["demo", "--preset", preset, *QUIET]
    for key, value in HOSTILE.items():
        args += ["--set", f"{key}={value}"]
    _create(tmp_path, args)
    project = tmp_path / "demo"
    run([UV, "sync", "--quiet", "--python", PYTHON], cwd=project)
    assert (
        " passed"
        in run([UV, "run", "--no-sync", "pytest", "-q", "-W", "error"], cwd=project).stdout
    )
    if preset == "script":
        return  # not a package: no wheel, no core metadata
    run([UV, "build", "--wheel", "--quiet", "--out-dir", str(tmp_path / "dist")], cwd=project)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(name).decode("utf-8")
    headers = metadata.split("\n\n", 1)[0]
    expected = (HOSTILE["description"], HOSTILE["author_name"], HOSTILE["author_email"])
    assert read_core_metadata(headers + "\n") == expected
    ours = core_metadata(*expected).splitlines()[3:]  # Summary, Author-email: as hatchling
    assert all(line in headers.splitlines() for line in ours), headers[:2000]
    shown = run(
        [
            UV, "run", "--no-sync", "python", "-c",
            "import importlib.metadata as m, json; d = m.metadata('demo'); "
            "print(json.dumps({'summary': d['Summary'], 'author_email': d['Author-email']}))",
        ],
        cwd=project,
    )  # fmt: skip
    installed_metadata = json.loads(shown.stdout)
    assert installed_metadata["summary"] == HOSTILE["description"]
