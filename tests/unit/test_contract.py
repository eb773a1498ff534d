"""The copier template and the declaration in ``litestar_new.spec`` say the same thing.

``templates/copier.yml`` is generated from the declaration; its hidden variables are rendered
here with Jinja alone (no copier) and compared with the Python selection of
``litestar_new.spec.effects`` for every combination.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml

from litestar_new.copier_yaml import render_copier_yaml
from litestar_new.core.render import template_questions
from litestar_new.new.plan import PYTHON_VERSIONS
from litestar_new.spec import FEATURES, PRESETS, Feature, ProjectSpec, valid_combinations
from litestar_new.spec.effects import list_lines, overlays, sources
from litestar_new.store import bundled_template
from litestar_new.text import TEXT_FIELDS

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = bundled_template()
QUESTIONS = template_questions(TEMPLATE)
ASKED = {k: v for k, v in QUESTIONS.items() if v.get("when") is not False}
HIDDEN = {k: v for k, v in QUESTIONS.items() if v.get("when") is False}
ANSWERS = "{{_copier_conf.answers_file}}.jinja"
SPECS = [s for r in PRESETS for s in valid_combinations(r.name)]


def _render(expression: str, **context: object) -> str:
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)  # noqa: S701 - not HTML
    environment.filters["to_json"] = json.dumps  # as copier's (jinja2-ansible-filters) does
    return environment.from_string(expression).render(**context)


def _context(spec: ProjectSpec) -> dict[str, Any]:
    """What copier's context holds for ``spec``: every feature, a default where not offered."""
    context: dict[str, Any] = {"preset": spec.preset}
    for item in FEATURES:
        default = str(ASKED[item.key]["default"])
        context[item.key] = spec.features.get(
            item.key, yaml.safe_load(_render(default, preset=spec.preset))
        )
    return context


def _hidden(name: str, spec: ProjectSpec) -> Any:
    return yaml.safe_load(_render(str(HIDDEN[name]["default"]), **_context(spec)))


def _choices(question: dict[str, Any]) -> list[str]:
    choices = question["choices"]
    return list(choices) if isinstance(choices, dict) else [str(c) for c in choices]


def _overlay_files(name: str) -> set[str]:
    folder = TEMPLATE / "project" / f"{{{{ overlay.{name} }}}}"
    return {
        p.relative_to(folder).as_posix().removesuffix(".jinja")
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_copier_yml_is_generated_from_the_declaration() -> None:
    written = (TEMPLATE / "copier.yml").read_text(encoding="utf-8")
    assert written == render_copier_yaml(), (
        "run: python -m litestar_new.copier_yaml > templates/copier.yml"
    )


def test_the_answer_keys_are_the_questions() -> None:
    keys = {"project_name", "package_name", "preset", "python_version"}
    keys |= {f.key for f in FEATURES} | {t.key for t in TEXT_FIELDS}
    assert set(ASKED) == keys
    assert set(HIDDEN) == {
        "overlay",
        "capable",
        "dependencies",
        "dev_dependencies",
        "env",
        "services",
        "ci_steps",
    }


def test_the_presets_are_the_preset_choices() -> None:
    assert _choices(ASKED["preset"]) == [r.name for r in PRESETS]


def test_python_versions_agree() -> None:
    assert _choices(ASKED["python_version"]) == list(PYTHON_VERSIONS)
    assert ASKED["python_version"]["default"] == PYTHON_VERSIONS[0]


def test_text_defaults_agree() -> None:
    for item in TEXT_FIELDS:
        assert ASKED[item.key]["default"] == item.default


@pytest.mark.parametrize("item", FEATURES, ids=lambda f: f.key)
def test_each_feature_is_asked_where_offered_with_the_preset_default(item: Feature) -> None:
    question = ASKED[item.key]
    for chosen in PRESETS:
        asked = _render(str(question["when"]), preset=chosen.name)
        assert (asked == "True") == (chosen.name in item.defaults), (item.key, chosen.name)
        if chosen.name in item.defaults:
            default = _render(str(question["default"]), preset=chosen.name)
            assert default == str(item.defaults[chosen.name]), (item.key, chosen.name)


@pytest.mark.parametrize(
    "spec", SPECS, ids=lambda s: "-".join([s.preset, *map(str, s.features.values())])
)
def test_the_hidden_variables_select_what_the_declaration_says(spec: ProjectSpec) -> None:
    chosen = _hidden("overlay", spec)
    assert sorted(k for k, v in chosen.items() if v == ".") == sorted(overlays(spec))
    assert set(chosen.values()) <= {".", ""}
    for key in ("dependencies", "dev_dependencies", "env", "services", "ci_steps"):
        assert _hidden(key, spec) == list_lines(spec, key), key
    capable = _hidden("capable", spec)
    (preset,) = [r for r in PRESETS if r.name == spec.preset]
    assert {k for k, v in capable.items() if v} == set(preset.capabilities)


def test_every_overlay_folder_is_declared_and_every_declared_overlay_has_a_folder() -> None:
    declared = [s.effects.overlay for s in sources() if s.effects.overlay]
    assert len(declared) == len(set(declared)), "an overlay is declared twice"
    folders = {p.name for p in (TEMPLATE / "project").iterdir()}
    # copier's answers file stays at the root (deeper is deprecated by copier 9.x)
    assert folders - {ANSWERS} == {f"{{{{ overlay.{name} }}}}" for name in declared}
    assert (TEMPLATE / "project" / ANSWERS).is_file()
    assert all(_overlay_files(name) for name in declared), "an empty overlay"


@pytest.mark.parametrize(
    "spec", SPECS, ids=lambda s: "-".join([s.preset, *map(str, s.features.values())])
)
def test_overlays_active_together_never_provide_the_same_path(spec: ProjectSpec) -> None:
    counts = Counter(path for name in overlays(spec) for path in _overlay_files(name))
    assert [path for path, n in counts.items() if n > 1] == []


def test_no_list_declares_an_entry_twice() -> None:
    for key in ("dependencies", "dev_dependencies", "env", "services", "ci_steps"):
        entries = [e for s in sources() for e in getattr(s.effects, key)]
        assert len(entries) == len(set(entries)), key


def test_the_template_needs_no_trust() -> None:
    config = yaml.safe_load((TEMPLATE / "copier.yml").read_text())
    assert not {"_tasks", "_migrations", "_jinja_extensions"} & set(config)
    assert config["_envops"]["undefined"] == "jinja2.StrictUndefined"


def test_every_template_file_under_the_subdirectory() -> None:
    assert {p.name for p in TEMPLATE.iterdir()} <= {"copier.yml", "project", "README.md"}
    assert not list(TEMPLATE.rglob("*.rej"))


def test_no_template_includes_another() -> None:
    """One mechanism: overlay folders, no ``{% include %}`` dispatchers."""
    texts = [p.read_text(encoding="utf-8") for p in TEMPLATE.rglob("*.jinja")]
    assert not [t for t in texts if "{% include" in t or "{%- include" in t]
