"""The steps with the real subprocess runner: git and a shell, for real."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from litestar_new.core import git as gitwork
from litestar_new.core import run
from litestar_new.core.run import CommandFailedError

if TYPE_CHECKING:
    from pathlib import Path


def test_inside_another_repository_the_project_gets_its_own(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    project = outer / "my-app"
    project.mkdir(parents=True)
    (project / "app.py").write_text("app = None\n")
    runner = run.SubprocessRunner()
    runner(["git", "init", "-q"], cwd=outer)
    (outer / "theirs.txt").write_text("the outer repository's\n")
    runner(["git", "add", "theirs.txt"], cwd=outer)
    runner(["git", "commit", "-q", "-m", "outer"], cwd=outer)

    result = gitwork.git_init(project, runner)

    assert (result.ok, result.skipped) == (True, False)
    assert f"inside the one at {outer}" in result.message
    assert runner(["git", "rev-parse", "--show-toplevel"], cwd=project).strip() == str(project)
    assert runner(["git", "ls-files"], cwd=project).split() == ["app.py"]
    assert runner(["git", "log", "--oneline"], cwd=outer).count("\n") == 1
    assert runner(["git", "ls-files"], cwd=outer).split() == ["theirs.txt"]


def test_the_subprocess_runner_reports_the_last_line(tmp_path: Path) -> None:
    runner = run.SubprocessRunner()
    assert runner(["sh", "-c", "echo hello"], cwd=tmp_path) == "hello\n"
    with pytest.raises(CommandFailedError, match="boom"):
        runner(["sh", "-c", "echo first >&2; echo boom >&2; exit 3"], cwd=tmp_path)
    with pytest.raises(CommandFailedError):
        runner(["/nonexistent/binary"], cwd=tmp_path)
