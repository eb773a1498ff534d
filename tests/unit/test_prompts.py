"""The interactive flow with a scripted asker."""

from __future__ import annotations

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
from tests.support.asker import ScriptedAsker

if TYPE_CHECKING:
    from pathlib import Path


def test_everything_not_given_is_asked_in_order() -> None:
    asker = ScriptedAsker(
        answers={"Which preset of the ladder?": "layered", "Database engine": "postgres"}
    )
    name, preset, features = ask_missing(asker, name=None, preset=None, features={})
    assert (name, preset) == (DEFAULT_NAME, "layered")
    assert features["db"] == "postgres"
    layered = [f.question for f in FEATURES if "layered" in f.defaults]
    assert asker.asked == ["Project name", "Which preset of the ladder?", *layered]


def test_flags_given_are_not_asked() -> None:
    asker = ScriptedAsker()
    _, _, features = ask_missing(asker, name="demo", preset="api", features={"server": "uvicorn"})
    assert "Project name" not in asker.asked
    assert "ASGI server" not in asker.asked
    assert features["server"] == "uvicorn"


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


def test_a_feature_flag_offers_only_the_presets_that_have_it() -> None:
    asker = ScriptedAsker()
    _, preset, _ = ask_missing(asker, name="demo", preset=None, features={"docker": True})
    assert asker.offered["Which preset of the ladder?"] == ["api", "layered"]
    assert preset == "api"
    only = ScriptedAsker()
    _, preset, features = ask_missing(only, name="demo", preset=None, features={"db": "postgres"})
    assert "Which preset of the ladder?" not in only.asked  # layered is the only one with --db
    assert (preset, features["db"]) == ("layered", "postgres")


@pytest.mark.parametrize(
    ("preset", "features", "expected"),
    [
        ("api", {"db": "postgres"}, "--db is not available on the api preset"),
    ],
)
def test_a_flag_the_preset_rules_out_is_refused_before_any_question(
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


def test_flags_that_no_single_preset_offers_are_refused_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No two features of today's table exclude each other: a script-only one is made up."""
    script_only = Feature(
        key="html", question="HTML", help="x", kind="toggle", defaults={"script": False}
    )
    monkeypatch.setattr(spec, "FEATURES", (*FEATURES, script_only))
    monkeypatch.setattr(prompts, "FEATURES", (*FEATURES, script_only))
    asker = ScriptedAsker()
    with pytest.raises(UsageError, match="no preset offers all of these flags") as error:
        ask_missing(asker, name=None, preset=None, features={"db": "postgres", "html": True})
    assert "--db by layered; --html by script" in str(error.value)
    assert asker.asked == []
