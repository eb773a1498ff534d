"""The interactive flow with a scripted asker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest

from litestar_new import spec
from litestar_new.errors import UsageError
from litestar_new.new import prompts
from litestar_new.new.pipeline import Options, _name_problem, create
from litestar_new.new.plan import Request
from litestar_new.new.prompts import DEFAULT_NAME, _answer, ask_missing
from litestar_new.spec import FEATURES, Feature, Value
from litestar_new.ui import Output

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path


@dataclass
class ScriptedAsker:
    """Answers from a dict keyed by question; records what was asked."""

    answers: dict[str, object] = field(default_factory=dict)
    """An answer per question; a list gives its items in turn (a question asked again)."""
    asked: list[str] = field(default_factory=list)
    interrupt_at: str | None = None
    offered: dict[str, list[str]] = field(default_factory=dict)
    """The choices of each select, as last asked."""

    def _reply(self, message: str, default: object) -> object:
        self.asked.append(message)
        if message == self.interrupt_at:
            raise KeyboardInterrupt
        answer = self.answers.get(message, default)
        if isinstance(answer, list):
            return answer.pop(0) if answer else default
        return answer

    def text(self, message: str, *, default: str, validate: Callable[[str], str | None]) -> str:
        value = str(self._reply(message, default))
        assert validate(value) is None
        return value

    def select(
        self, message: str, *, choices: Sequence[tuple[str, str]], default: str, instruction: str
    ) -> str:
        assert default in [c[0] for c in choices]
        assert instruction
        self.offered[message] = [c[0] for c in choices]
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


def test_a_feature_flag_offers_only_the_rungs_that_have_it() -> None:
    asker = ScriptedAsker()
    _, preset, _ = ask_missing(asker, name="demo", preset=None, features={"docker": True})
    assert asker.offered["Which rung of the ladder?"] == ["api", "layered"]
    assert preset == "api"
    only = ScriptedAsker()
    _, preset, features = ask_missing(only, name="demo", preset=None, features={"db": "postgres"})
    assert "Which rung of the ladder?" not in only.asked  # layered is the only one with --db
    assert (preset, features["db"]) == ("layered", "postgres")


@pytest.mark.parametrize(
    ("preset", "features", "expected"),
    [
        ("api", {"db": "postgres"}, "--db is not available on the api rung"),
    ],
)
def test_a_flag_the_rung_rules_out_is_refused_before_any_question(
    preset: str | None, features: dict[str, Value], expected: str
) -> None:
    asker = ScriptedAsker()
    with pytest.raises(UsageError, match=expected):
        ask_missing(asker, name=None, preset=preset, features=features)
    assert asker.asked == []


def test_a_folder_that_cannot_be_used_is_refused_by_name(workdir: Path) -> None:
    (workdir / "taken").mkdir()
    (workdir / "taken" / "notes.txt").write_text("mine\n")
    (workdir / "afile").write_text("mine\n")
    problem = _name_problem(workdir, force=False)
    assert "taken is not empty (notes.txt); choose another name" in str(problem("taken"))
    assert "exists and is not a folder" in str(problem("afile"))
    assert problem("fresh") is None
    assert _name_problem(workdir, force=True)("taken") is None
    asker = ScriptedAsker()
    with pytest.raises(UsageError, match="not empty"):  # given as the argument: at once
        create(
            Request(name="taken", cwd=workdir),
            Options(asker=asker, install=False, git=False),
            Output(),
        )
    assert asker.asked == []
    assert (workdir / "taken" / "notes.txt").read_text() == "mine\n"


def test_an_answer_is_changed_at_the_summary_and_the_summary_comes_back(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asker = ScriptedAsker(
        answers={
            "Which rung of the ladder?": ["api", "layered"],
            "Dockerfile and compose file": True,
            "Create the project?": ["change", "change", "create"],
            "Which answer do you want to change?": ["rung", "name"],
            "Project name": ["first", "second"],
        }
    )
    code = create(Request(cwd=workdir), Options(asker=asker, install=False, git=False), Output())
    assert code == 0
    assert asker.asked.count("Create the project?") == 3
    layered = [f.question for f in FEATURES if "layered" in f.defaults and "api" not in f.defaults]
    after_rung = asker.asked.index("Which rung of the ladder?", 2)
    # the new rung asks only what the old one did not: the answers given are kept
    assert asker.asked[after_rung + 1 : after_rung + 1 + len(layered)] == layered
    assert "Dockerfile and compose file" not in asker.asked[after_rung:]
    assert [p.name for p in workdir.iterdir()] == ["second"]
    answers = (workdir / "second" / ".copier-answers.yml").read_text()
    assert "preset: layered" in answers
    assert "docker: true" in answers
    assert capsys.readouterr().out.count("rung       ") == 3  # the summary, each time


def test_flags_that_no_single_rung_offers_are_refused_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No two features of today's table exclude each other: a script-only one is made up."""
    script_only = Feature(
        key="html", question="HTML", help="x", kind="toggle", defaults={"script": False}
    )
    monkeypatch.setattr(spec, "FEATURES", (*FEATURES, script_only))
    monkeypatch.setattr(prompts, "FEATURES", (*FEATURES, script_only))
    asker = ScriptedAsker()
    with pytest.raises(UsageError, match="no rung offers all of these flags") as error:
        ask_missing(asker, name=None, preset=None, features={"db": "postgres", "html": True})
    assert "--db by layered; --html by script" in str(error.value)
    assert asker.asked == []
