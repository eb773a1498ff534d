"""The interactive flow with a scripted asker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest

from litestar_new.pipeline import Options, create
from litestar_new.plan import Request
from litestar_new.prompts import DEFAULT_NAME, _answer, ask_missing
from litestar_new.spec import FEATURES
from litestar_new.ui import Output

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path


@dataclass
class ScriptedAsker:
    """Answers from a dict keyed by question; records what was asked."""

    answers: dict[str, object] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    interrupt_at: str | None = None

    def _reply(self, message: str, default: object) -> object:
        self.asked.append(message)
        if message == self.interrupt_at:
            raise KeyboardInterrupt
        return self.answers.get(message, default)

    def text(self, message: str, *, default: str, validate: Callable[[str], str | None]) -> str:
        value = str(self._reply(message, default))
        assert validate(value) is None
        return value

    def select(
        self, message: str, *, choices: Sequence[tuple[str, str]], default: str, instruction: str
    ) -> str:
        assert default in [c[0] for c in choices]
        assert instruction
        return str(self._reply(message, default))

    def confirm(self, message: str, *, default: bool, instruction: str) -> bool:
        return bool(self._reply(message, default))


def test_everything_not_given_is_asked_in_order() -> None:
    asker = ScriptedAsker(
        answers={"Which rung of the ladder?": "layered", "Database engine": "postgres"}
    )
    name, preset, features = ask_missing(asker, name=None, preset=None, features={})
    assert (name, preset) == (DEFAULT_NAME, "layered")
    assert features["db"] == "postgres"
    layered = [f.question for f in FEATURES if "layered" in f.defaults]
    assert asker.asked == ["Project name", "Which rung of the ladder?", *layered]


def test_flags_given_are_not_asked() -> None:
    asker = ScriptedAsker()
    _, _, features = ask_missing(asker, name="demo", preset="api", features={"server": "uvicorn"})
    assert "Project name" not in asker.asked
    assert "ASGI server" not in asker.asked
    assert features["server"] == "uvicorn"


def test_the_summary_is_confirmed_then_written(workdir: Path) -> None:
    asker = ScriptedAsker(answers={"Which rung of the ladder?": "script"})
    code = create(
        Request(name="demo", cwd=workdir), Options(asker=asker, install=False, git=False), Output()
    )
    assert code == 0
    assert asker.asked[-1] == "Create the project"
    assert (workdir / "demo" / "app.py").is_file()


def test_saying_no_writes_nothing(workdir: Path) -> None:
    asker = ScriptedAsker(answers={"Create the project": False})
    code = create(
        Request(name="demo", preset="script", cwd=workdir),
        Options(asker=asker, install=False, git=False),
        Output(),
    )
    assert code == 1
    assert list(workdir.iterdir()) == []


def test_ctrl_c_at_a_prompt_leaves_nothing(workdir: Path) -> None:
    asker = ScriptedAsker(interrupt_at="ASGI server")
    with pytest.raises(KeyboardInterrupt):
        create(
            Request(name="demo", preset="api", cwd=workdir),
            Options(asker=asker, install=False, git=False),
            Output(),
        )
    assert list(workdir.iterdir()) == []


def test_none_from_questionary_is_an_interrupt_not_an_answer() -> None:
    with pytest.raises(KeyboardInterrupt):
        _answer(None)
    assert _answer("") == ""
