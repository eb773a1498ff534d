"""``templates/copier.yml``, written from the declaration in :mod:`litestar_new.spec`, never by hand.

Regenerate with ``python -m litestar_new.copier_yaml > templates/copier.yml``; a test fails when
the committed file differs. The output holds the questions (one per preset choice and feature)
and hidden computed variables (``when: false``, so copier neither asks nor records them):

- ``overlay``: for each overlay folder ``{{ overlay.<name> }}``, ``"."`` when the answers select
  it (the path segment disappears) and ``""`` otherwise (copier skips the folder);
- ``capable``: the preset's capabilities, for the few lines a shared file varies by;
- ``dependencies``, ``dev_dependencies``, ``env``, ``services``, ``ci_steps``: the lists that
  shared files loop over, each entry with the condition of the preset or feature declaring it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, get_args

from litestar_new.core.render import MINIMUM_VERSIONS
from litestar_new.new.plan import PYTHON_VERSIONS
from litestar_new.spec import DEFAULT_PRESET, Capability
from litestar_new.spec.effects import ListKey, requirement_line, sort_key, sources
from litestar_new.spec.rules import declared

if TYPE_CHECKING:
    from litestar_new.spec import Feature, Shared, Value

__all__ = ["render_copier_yaml"]

_HEADER = """\
# GENERATED from the declaration in src/litestar_new/spec/ by
#   python -m litestar_new.copier_yaml > templates/copier.yml
# Do not edit: a test fails when this file differs from a fresh generation.
#
# The typed contract of every template variable. litestar-new passes every answer itself
# (with defaults=True), so copier never prompts when driven by litestar-new; plain
# `copier copy` and `copier update` work on this file alone. The files each preset and
# feature brings are the overlay folders project/{{{{ overlay.<name> }}}}/, at their
# generated paths; the hidden variables at the end say which are rendered.

_min_copier_version: "{version}"
_subdirectory: project
_templates_suffix: .jinja
_answers_file: .copier-answers.yml
_envops:
  keep_trailing_newline: true
  undefined: jinja2.StrictUndefined

_exclude:
  - copier.yml
  - copier.yaml
  - .git
  - __pycache__
  - "*.py[co]"
  - .DS_Store

project_name:
  type: str
  help: Project (distribution) name, lower-case words joined by '-'
  validator: >-
    {{% if not (project_name | regex_search('^[a-z][a-z0-9]*(-[a-z0-9]+)*$')) %}}
    use lower-case letters, digits and single '-', starting with a letter
    {{% endif %}}

package_name:
  type: str
  help: Import package name
  default: "{{{{ project_name | replace('-', '_') }}}}"
  validator: >-
    {{% if not (package_name | regex_search('^[a-z][a-z0-9]*(_[a-z0-9]+)*$')) %}}
    use lower-case letters, digits and single '_', starting with a letter
    {{% endif %}}

description:
  type: str
  help: One line describing the project
  default: A Litestar application.

author_name:
  type: str
  help: Author name for pyproject.toml
  default: ""

author_email:
  type: str
  help: Author e-mail for pyproject.toml
  default: ""
"""

_LISTS: tuple[ListKey, ...] = ("dependencies", "dev_dependencies", "env", "services", "ci_steps")


def _py(value: Value) -> str:
    """A Jinja literal of a feature's value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _presets(names: tuple[str, ...]) -> str:
    return "[" + ", ".join(repr(n) for n in names) + "]"


def _preset_question() -> str:
    choices = "".join(f"\n    {r.name}: {r.name}" for r in declared()[0])
    return f"preset:\n  type: str\n  help: Preset of the ladder\n  default: {DEFAULT_PRESET}\n  choices:{choices}\n"


def _feature_question(item: Feature) -> str:
    fallback = item.defaults[item.presets[0]] if item.kind == "choice" else False
    defaults = "{" + ", ".join(f"{k!r}: {_py(v)}" for k, v in item.defaults.items()) + "}"
    lines = [
        f"{item.key}:",
        f"  type: {'bool' if item.kind == 'toggle' else 'str'}",
        f"  help: {item.question}",
        f'  when: "{{{{ preset in {_presets(item.presets)} }}}}"',
        f'  default: "{{{{ {defaults}.get(preset, {_py(fallback)}) }}}}"',
    ]
    if item.options:
        lines += ["  choices:", *(f"    - {o.value}" for o in item.options)]
    return "\n".join(lines) + "\n"


def _python_question() -> str:
    choices = "".join(f'\n    - "{v}"' for v in PYTHON_VERSIONS)
    return (
        "python_version:\n  type: str\n  help: Oldest Python the project supports\n"
        f'  default: "{PYTHON_VERSIONS[0]}"\n  choices:{choices}\n'
    )


def _condition(source: Shared) -> str:
    """The Jinja test that the answers select ``source``."""
    parts = []
    if set(source.presets) != {r.name for r in declared()[0]}:
        parts.append(f"preset in {_presets(source.presets)}")
    for key, value in source.when.items():
        if isinstance(value, bool):
            parts.append(key if value else f"not {key}")
        else:
            parts.append(f"{key} == {value!r}")
    return " and ".join(parts) or "true"


def _hidden(name: str, comment: str, expression: str) -> str:
    body = "\n".join("    " + line for line in expression.splitlines())
    return f"# {comment}\n{name}:\n  type: yaml\n  when: false\n  default: |-\n{body}\n"


def _overlay_variable() -> str:
    entries = []
    for source in sources():
        if source.effects.overlay:
            condition = _condition(source)
            chosen = "'.'" if condition == "true" else f"'.' if {condition} else ''"
            entries.append(f"  {source.effects.overlay!r}: {chosen},")
    expression = "{{ {\n" + "\n".join(entries) + "\n} | to_json }}"
    return _hidden(
        "overlay", "'.' renders the folder {{ overlay.<name> }}, '' skips it", expression
    )


def _capable_variable() -> str:
    entries = []
    for capability in get_args(Capability):
        having = tuple(r.name for r in declared()[0] if capability in r.capabilities)
        entries.append(f"  {capability!r}: preset in {_presets(having)},")
    expression = "{{ {\n" + "\n".join(entries) + "\n} | to_json }}"
    return _hidden("capable", "what the preset's projects have (spec.Capability)", expression)


def _list_variable(key: ListKey) -> str:
    entries: list[tuple[str, str]] = []
    for source in sources():
        entries.extend((item, _condition(source)) for item in getattr(source.effects, key))
    if key in {"dependencies", "dev_dependencies"}:
        entries = [
            (requirement_line(i), c) for i, c in sorted(entries, key=lambda e: sort_key(e[0]))
        ]
    rows = "\n".join(f"  [{json.dumps(item)}, {condition}]," for item, condition in entries)
    select = " | selectattr('1') | map(attribute='0') | list"
    expression = "{{ " + (f"[\n{rows}\n]{select}" if rows else "[]") + " | to_json }}"
    return _hidden(key, f"the entries of {key} the answers select", expression)


def render_copier_yaml() -> str:
    """The whole ``templates/copier.yml``."""
    version = ".".join(map(str, MINIMUM_VERSIONS["copier"]))
    parts = [
        _HEADER.format(version=version),
        _preset_question(),
        *(_feature_question(f) for f in declared()[1]),
        _python_question(),
        "# Hidden computed variables: never asked, never recorded in the answers file.\n",
        _overlay_variable(),
        _capable_variable(),
        *(_list_variable(k) for k in _LISTS),
    ]
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover - the documented regeneration command
    print(render_copier_yaml(), end="")
