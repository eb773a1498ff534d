"""The copier template's questions and the feature table say the same thing."""

from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml

from litestar_new.core.render import template_questions
from litestar_new.new.plan import PYTHON_VERSIONS
from litestar_new.spec import FEATURES, RUNGS
from litestar_new.templates import bundled_template
from litestar_new.text import TEXT_FIELDS

QUESTIONS = template_questions(bundled_template())


def _render(expression: str, **context: object) -> str:
    return (
        jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)  # noqa: S701 - not HTML
        .from_string(expression)
        .render(**context)
    )


def _choices(question: dict[str, Any]) -> list[str]:
    choices = question["choices"]
    return list(choices) if isinstance(choices, dict) else [str(c) for c in choices]


def test_the_answer_keys_are_the_questions() -> None:
    keys = {"project_name", "package_name", "preset", "python_version"}
    keys |= {f.key for f in FEATURES} | {t.key for t in TEXT_FIELDS}
    assert set(QUESTIONS) == keys


def test_the_rungs_are_the_preset_choices() -> None:
    assert _choices(QUESTIONS["preset"]) == [r.name for r in RUNGS]


def test_python_versions_agree() -> None:
    assert _choices(QUESTIONS["python_version"]) == list(PYTHON_VERSIONS)
    assert QUESTIONS["python_version"]["default"] == PYTHON_VERSIONS[0]


@pytest.mark.parametrize("item", FEATURES, ids=lambda f: f.key)
def test_each_feature_question_matches_the_table(item: object) -> None:
    from litestar_new.spec import Feature

    assert isinstance(item, Feature)
    question = QUESTIONS[item.key]
    if item.kind == "toggle":
        assert question["type"] == "bool"
    else:
        assert _choices(question) == [o.value for o in item.options]
    for chosen in RUNGS:
        asked = _render(str(question["when"]), preset=chosen.name)
        assert (asked == "True") == (chosen.name in item.defaults), (item.key, chosen.name)
        if chosen.name in item.defaults:
            default = _render(str(question["default"]), preset=chosen.name)
            assert default == str(item.defaults[chosen.name]), (item.key, chosen.name)


def test_text_defaults_agree() -> None:
    for item in TEXT_FIELDS:
        assert QUESTIONS[item.key]["default"] == item.default


def test_the_template_needs_no_trust() -> None:
    config = yaml.safe_load((bundled_template() / "copier.yml").read_text())
    assert not {"_tasks", "_migrations", "_jinja_extensions"} & set(config)
    assert config["_envops"]["undefined"] == "jinja2.StrictUndefined"


def test_every_template_file_under_the_subdirectory() -> None:
    root = bundled_template()
    assert {p.name for p in root.iterdir()} <= {"copier.yml", "project", "parts", "README.md"}
    assert (root / "project").is_dir()
    assert not list(Path(root).rglob("*.rej"))
