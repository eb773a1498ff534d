"""A project created inside a uv workspace: nothing outside the target changes.

``uv sync`` in a folder that a workspace's ``members`` take in locks it in the workspace's
``uv.lock`` and installs it in the workspace's ``.venv``. litestar-new asks uv which workspace
the new project belongs to, and when that is an enclosing one it installs nothing and says how
to keep the project on its own. (Ctrl-C in such a run: ``test_interrupts.py``.)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from litestar_new.core.run import SubprocessRunner
from litestar_new.new.steps import enclosing_workspace
from tests.safety.helpers import cli, leftovers, snapshot, uv_workspace
from tests.support.projects import UV, run

if TYPE_CHECKING:
    from pathlib import Path


# (members, exclude, where the project is, whether the workspace takes it in), as uv decides
LAYOUTS = [
    ('["*"]', None, "demo", True),
    ('["services/*"]', None, "services/demo", True),
    ('["packages/*"]', None, "demo", False),
    ('["*"]', '["demo"]', "demo", False),
]


@pytest.mark.parametrize(("members", "exclude", "where", "member"), LAYOUTS)
def test_uv_says_which_workspace_takes_a_project_in(
    tmp_path: Path, members: str, exclude: str | None, where: str, member: bool
) -> None:
    uv_workspace(tmp_path, members, exclude)
    project = tmp_path / where
    project.mkdir(parents=True)
    (project / "pyproject.toml").write_text('[project]\nname = "demo"\nversion = "0.1.0"\n')
    root = enclosing_workspace(project, SubprocessRunner(), UV)
    assert root == (tmp_path if member else None)


def test_a_project_created_in_a_workspace_changes_nothing_outside_it(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    uv_workspace(workdir)
    before = snapshot(workdir)
    result = cli(capsys, "demo", "--preset", "script", "--yes", "--no-git")
    assert result.code == 0, result
    said = " ".join(result.out.split())  # the console wraps long lines
    assert f"not installed: demo is a member of the uv workspace at {workdir}," in said
    assert "'demo' to exclude in [tool.uv.workspace]" in said
    assert "dependencies installed" not in said
    after = {k: v for k, v in snapshot(workdir).items() if not k.startswith("demo")}
    assert after == before  # the workspace's pyproject.toml and uv.lock; no .venv made there
    assert not (workdir / "demo" / ".venv").exists()
    assert leftovers(workdir) == []
    # The way out the message gives: excluded, the project is a workspace of its own (its
    # uv sync and uv run use its own uv.lock and .venv), and the workspace still locks as before.
    pyproject = workdir / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'exclude = ["demo"]\n')
    assert enclosing_workspace(workdir / "demo", SubprocessRunner(), UV) is None
    shown = run([UV, "workspace", "dir"], cwd=workdir / "demo").stdout.strip()
    assert shown == str(workdir / "demo")
    run([UV, "lock", "--locked", "--quiet"], cwd=workdir)
    # the next steps say so: `uv sync`, or the bundled uv's path where uv is not on PATH
    assert re.search(r"^\W*(\S+/)?uv sync\W*$", result.out, re.MULTILINE)
