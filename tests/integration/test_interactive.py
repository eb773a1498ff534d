"""The real questionary prompts, driven through a pseudo-terminal with pexpect."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import pexpect
import pytest

if TYPE_CHECKING:
    from pathlib import Path

DOWN, UP, ENTER, CTRL_C, CTRL_U = "\x1b[B", "\x1b[A", "\r", "\x03", "\x15"


def spawn(cwd: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "litestar_new", *args, "--no-install", "--no-git"],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )


def test_arrow_keys_choose_the_preset_and_features(workdir: Path) -> None:
    child = spawn(workdir)
    child.expect("Project name")
    child.send(CTRL_U + "my-shop" + ENTER)
    child.expect("Which preset of the ladder")
    child.send(UP + ENTER)  # api -> script
    child.expect("ASGI server")
    child.send(DOWN + ENTER)  # uvicorn -> granian
    child.expect("Continuous integration")
    child.send(ENTER)  # default: none
    child.expect("Create the project")
    child.send(ENTER)
    child.expect("Rendering the project")  # a spinner, not a silent pause
    child.expect("Next steps")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    app = (workdir / "my-shop" / "app.py").read_text()
    assert "GranianPlugin" in app
    assert not (workdir / "my-shop" / ".github").exists()


def test_a_bad_name_is_refused_at_the_prompt(workdir: Path) -> None:
    (workdir / "taken").mkdir()
    (workdir / "taken" / "notes.txt").write_text("mine\n")
    child = spawn(workdir)
    child.expect("Project name")
    child.send(CTRL_U + "class" + ENTER)
    child.expect("Python keyword")
    child.send(CTRL_U + "taken" + ENTER)  # its folder cannot be used: asked again at once
    child.expect("not empty")
    child.send(CTRL_U + "fine" + ENTER)
    child.expect("Which preset of the ladder")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert [p.name for p in workdir.iterdir()] == ["taken"]
    assert (workdir / "taken" / "notes.txt").read_text() == "mine\n"


def test_going_back_from_the_summary_to_change_an_answer(workdir: Path) -> None:
    child = spawn(workdir, "demo", "--preset", "script")
    child.expect("ASGI server")
    child.send(ENTER)
    child.expect("Continuous integration")
    child.send(ENTER)  # none
    child.expect("ci +none")  # the summary
    child.expect("Create the project")
    child.send(DOWN + ENTER)  # change an answer
    child.expect("Which answer do you want to change")
    child.send(DOWN + DOWN + DOWN + ENTER)  # name, preset, server, ci
    child.expect("Continuous integration")
    child.send(UP + ENTER)  # none -> github
    child.expect("ci +github")  # the summary again, with the new answer
    child.expect("Create the project")
    child.send(ENTER)
    child.expect("Next steps")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (workdir / "demo" / ".github").is_dir()


@pytest.mark.parametrize(
    "question", ["Which preset of the ladder", "ASGI server", "Create the project"]
)
def test_ctrl_c_at_any_prompt_exits_130_and_writes_nothing(workdir: Path, question: str) -> None:
    child = spawn(workdir, "demo")
    for expected in [
        "Which preset of the ladder",
        "ASGI server",
        "Dockerfile",
        "Continuous integration",
        "Create the project",
    ]:
        child.expect(expected)
        if expected == question:
            child.send(CTRL_C)
            break
        child.send(ENTER)
    child.expect("interrupted")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert list(workdir.iterdir()) == []
