"""copier is the oracle of the fast path: the same trees, byte for byte, modes included.

Every combination the declaration allows is rendered by copier's ``run_copy`` (as
``core.render`` calls it) and by :func:`render_fast`, with a cold and then a warm bytecode
cache; a small template of its own exercises what the bundled one does not (exclusions, a plain
file shadowed by its template, an executable file, an empty folder, computed variables).
"""

from __future__ import annotations

import os
import shutil
import stat
import warnings
from pathlib import Path
from typing import Any

import pytest

from litestar_new.core.fastrender import Unsupported, render_fast
from litestar_new.core.render import render
from litestar_new.new.plan import Request, plan_project
from litestar_new.spec import PRESETS, ProjectSpec, valid_combinations
from litestar_new.store import TemplateSource, bundled_template
from tests.support.cli import NAME
from tests.support.projects import spec_id

COMBINATIONS = [s for p in PRESETS for s in valid_combinations(p.name)]


def tree(root: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every path under ``root`` with its mode and (for files) its bytes."""
    found: dict[str, tuple[int, bytes | None]] = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder, name)
            content = None if path.is_dir() else path.read_bytes()
            found[path.relative_to(root).as_posix()] = (path.stat().st_mode, content)
    return found


def copier_copy(template: Path, answers: dict[str, Any], destination: Path) -> None:
    """copier's ``run_copy`` with the arguments ``core.render`` gives it."""
    from copier import run_copy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_copy(
            src_path=str(template),
            dst_path=destination,
            data=answers,
            defaults=True,
            overwrite=True,
            quiet=True,
            unsafe=False,
            skip_tasks=True,
            cleanup_on_error=False,
        )


def assert_same(fast: Path, copier: Path) -> None:
    expected, got = tree(copier), tree(fast)
    assert sorted(got) == sorted(expected)
    different = [path for path in expected if got[path] != expected[path]]
    assert different == []


def answers_for(spec: ProjectSpec, cwd: Path) -> dict[str, Any]:
    request = Request(
        name=NAME,
        preset=spec.preset,
        features=dict(spec.features),
        texts={"description": "Une boutique: « ça marche » #1", "author_name": "Zoë O'Brien"},
        cwd=cwd,
    )
    return dict(plan_project(request, default_preset=spec.preset).answers)


@pytest.mark.parametrize("spec", COMBINATIONS, ids=spec_id)
def test_every_combination_renders_as_copier_renders(spec: ProjectSpec, tmp_path: Path) -> None:
    answers = answers_for(spec, tmp_path)
    template = bundled_template()
    copier_copy(template, answers, tmp_path / "copier")
    render_fast(template, answers, tmp_path / "cold", tmp_path / "cache")
    render_fast(template, answers, tmp_path / "warm", tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir())
    assert_same(tmp_path / "cold", tmp_path / "copier")
    assert_same(tmp_path / "warm", tmp_path / "copier")


def test_the_whole_render_equals_copiers_stamped(tmp_path: Path) -> None:
    """``render``: the fast path, then the same answers stamp as after copier."""
    from litestar_new.store import register

    source = register()
    answers = answers_for(COMBINATIONS[-1], tmp_path)
    notices: list[str] = []
    render(source, answers, tmp_path / "fast", notice=notices.append)
    render(source, answers, tmp_path / "copier", engine="copier")
    assert notices == []
    assert_same(tmp_path / "fast", tmp_path / "copier")


COPIER_YML = """\
_subdirectory: tpl
_envops:
  keep_trailing_newline: true
  undefined: jinja2.StrictUndefined
_exclude:
  - "*.skip"
  - ignored_dir
  - "~*"
name:
  type: str
  default: demo
flag:
  type: bool
  default: false
count:
  type: int
  default: "{{ 2 + 1 }}"
kind:
  type: str
  default: a
  choices: [a, b]
shown_with_flag:
  type: str
  when: "{{ flag }}"
  default: "{{ name | upper }}"
computed:
  type: yaml
  when: false
  default: "{{ {'on': '.' if flag else '', 'items': [name, count]} | to_json }}"
"""

FILES = {
    "{{_copier_conf.answers_file}}.jinja": "# answers\n{{ _copier_answers|to_nice_yaml -}}\n",
    "{{ name }}/main.py.jinja": (
        "NAME = {{ name | to_json }}\nITEMS = {{ computed['items'] | to_json }}\n"
        "{% if flag %}FLAG = True\n{% endif %}KIND = '{{ kind }}'{{ '\\n' }}"
        "{{ name | regex_replace('e', 'E') }}\n"
    ),
    "{{ computed.on }}/only_with_flag.txt": "flag\n",
    "{{ computed.on }}/sub/{{ name }}.txt.jinja": "{{ shown_with_flag | default('none') }}\n",
    "both.txt": "the plain one\n",
    "both.txt.jinja": "the template: {{ count * 2 }}\n",
    "x.skip": "excluded\n",
    "ignored_dir/file.txt": "excluded\n",
    "~backup": "excluded\n",
    "run.sh": "#!/bin/sh\necho hi\n",
    "crlf.txt": "one\r\ntwo\r\n",
    "no-newline.txt.jinja": "{{ name }}",
}


def synthetic(root: Path) -> Path:
    (root / "copier.yml").parent.mkdir(parents=True)
    (root / "copier.yml").write_text(COPIER_YML)
    for relative, text in FILES.items():
        path = root / "tpl" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())
    run = root / "tpl" / "run.sh"
    run.chmod(run.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP)
    (root / "tpl" / "empty_dir").mkdir()
    return root


@pytest.mark.parametrize(
    "answers",
    [{}, {"flag": True, "name": "shop", "kind": "b"}, {"flag": "yes", "count": "7"}],
    ids=["defaults", "flag", "strings-cast"],
)
def test_a_template_of_its_own_renders_as_copier_renders(
    answers: dict[str, Any], tmp_path: Path
) -> None:
    template = synthetic(tmp_path / "template")
    copier_copy(template, answers, tmp_path / "copier")
    render_fast(template, answers, tmp_path / "fast")
    assert_same(tmp_path / "fast", tmp_path / "copier")
    rendered = tree(tmp_path / "fast")
    assert rendered["run.sh"][0] & stat.S_IXUSR
    assert rendered["both.txt"][1] == f"the template: {int(answers.get('count', 3)) * 2}\n".encode()
    assert "empty_dir" in rendered
    assert not {"x.skip", "ignored_dir", "~backup"} & set(rendered)
    assert ("only_with_flag.txt" in rendered) == (answers.get("flag") in {True, "yes"})


def test_what_the_fast_path_does_not_support_goes_to_copier_and_is_said(tmp_path: Path) -> None:
    template = synthetic(tmp_path / "template")
    (template / "tpl" / "{% yield n from ['a', 'b'] %}{{ n }}{% endyield %}.txt").write_text("y\n")
    with pytest.raises(Unsupported, match="Jinja"):
        render_fast(template, {}, tmp_path / "fast")
    notices: list[str] = []
    source = TemplateSource(path=str(template), bundled=True)
    render(source, {}, tmp_path / "out", notice=notices.append)
    assert [n.split(":")[0] for n in notices] == ["Rendering with copier"]
    assert "yield" in notices[0]
    assert (tmp_path / "out" / "a.txt").is_file()
    assert (tmp_path / "out" / "b.txt").is_file()


def test_a_refused_answer_is_worded_by_copier(tmp_path: Path) -> None:
    from litestar_new.errors import UsageError

    template = synthetic(tmp_path / "template")
    source = TemplateSource(path=str(template), bundled=True)
    notices: list[str] = []
    with pytest.raises(UsageError, match="Invalid choice"):
        render(source, {"kind": "c"}, tmp_path / "out", notice=notices.append)
    assert "not a choice" in notices[0]


def test_an_own_template_renders_with_copier_and_verbose_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.safety.helpers import cli

    own = tmp_path / "own"
    shutil.copytree(bundled_template(), own)
    monkeypatch.chdir(tmp_path)
    result = cli(capsys, "demo", "--template", str(own), "--yes", "--no-install", "--no-git", "-v")
    assert result.code == 0, result.out + result.err
    assert "Rendering with copier: a template of your own" in result.out + result.err
