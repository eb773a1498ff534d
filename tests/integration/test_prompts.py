"""The interactive flow with a scripted asker, down to the rendered project."""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar_new.new.pipeline import Options, create
from litestar_new.new.plan import Request
from litestar_new.spec import FEATURES
from litestar_new.ui import Output
from tests.support.asker import ScriptedAsker

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_the_summary_is_confirmed_then_written(workdir: Path) -> None:
    asker = ScriptedAsker(answers={"Which preset of the ladder?": "script"})
    code = create(
        Request(name="demo", cwd=workdir), Options(asker=asker, install=False, git=False), Output()
    )
    assert code == 0
    assert asker.asked[-1] == "Create the project?"
    assert (workdir / "demo" / "app.py").is_file()


def test_saying_no_writes_nothing(workdir: Path) -> None:
    asker = ScriptedAsker(answers={"Create the project?": "cancel"})
    code = create(
        Request(name="demo", preset="script", cwd=workdir),
        Options(asker=asker, install=False, git=False),
        Output(),
    )
    assert code == 1
    assert list(workdir.iterdir()) == []


def test_an_answer_is_changed_at_the_summary_and_the_summary_comes_back(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asker = ScriptedAsker(
        answers={
            "Which preset of the ladder?": ["api", "layered"],
            "Dockerfile and compose file": True,
            "Create the project?": ["change", "change", "create"],
            "Which answer do you want to change?": ["preset", "name"],
            "Project name": ["first", "second"],
        }
    )
    code = create(Request(cwd=workdir), Options(asker=asker, install=False, git=False), Output())
    assert code == 0
    assert asker.asked.count("Create the project?") == 3
    layered = [f.question for f in FEATURES if "layered" in f.defaults and "api" not in f.defaults]
    after_preset = asker.asked.index("Which preset of the ladder?", 2)
    # the new preset asks only what the old one did not: the answers given are kept
    assert asker.asked[after_preset + 1 : after_preset + 1 + len(layered)] == layered
    assert "Dockerfile and compose file" not in asker.asked[after_preset:]
    assert [p.name for p in workdir.iterdir()] == ["second"]
    answers = (workdir / "second" / ".copier-answers.yml").read_text()
    assert "preset: layered" in answers
    assert "docker: true" in answers
    assert capsys.readouterr().out.count("  preset     ") == 3  # the summary, each time
