"""The fast path's own rules: what it refuses (copier renders those), exclusions, the cache.

That its output is copier's, byte for byte, is the integration tier's oracle test
(tests/integration/test_fastrender.py); here nothing runs copier or a process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pathspec import PathSpec

from litestar_new.core.fastrender import Unsupported, render_fast
from litestar_new.core.fastrender.exclude import matcher
from litestar_new.core.fastrender.questions import cast_to_bool

if TYPE_CHECKING:
    from pathlib import Path


def template(root: Path, copier_yml: str, files: dict[str, str] | None = None) -> Path:
    root.mkdir()
    (root / "copier.yml").write_text(copier_yml)
    for relative, text in (files or {"a.txt.jinja": "{{ name }}\n"}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


BASE = "name:\n  type: str\n  default: demo\n"


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ("_tasks:\n  - echo hi\n", "tasks"),
        ("_migrations:\n  - version: v1\n    command: echo\n", "migrations"),
        ("_jinja_extensions:\n  - jinja2.ext.do\n", "Jinja extensions"),
        ("_external_data:\n  x: x.yml\n", "external data"),
        ("_secret_questions:\n  - name\n", "secret questions"),
        ("_something_new: 1\n", "_something_new"),
        ("_envops:\n  undefined: jinja2.ChainableUndefined\n", "undefined"),
        ("_templates_suffix: .tmpl.j2\n", "_templates_suffix"),
        ("other:\n  type: str\n  secret: true\n  default: x\n", "secret"),
        ("other:\n  type: str\n  multiselect: true\n  choices: [a]\n", "multiselect"),
        ("other:\n  type: \"{{ 'str' }}\"\n", "templated type"),
    ],
)
def test_what_only_copier_does_is_refused_with_the_reason(
    extra: str, reason: str, tmp_path: Path
) -> None:
    root = template(tmp_path / "t", BASE + extra)
    with pytest.raises(Unsupported, match=reason):
        render_fast(root, {}, tmp_path / "out")


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({"{% yield x from [1] %}{{ x }}{% endyield %}": "y"}, "Jinja"),
        ({"a.txt.jinja": "{{ missing }}"}, "Jinja"),
        ({"a.txt.jinja": "{{ _copier_conf.settings }}"}, "_copier_conf.settings"),
        ({"{{ '..' }}/x.txt": "x"}, "leaves the project"),
        ({"{{ '.copier-answers.yml' }}/x.txt": "x"}, "answers file"),
    ],
)
def test_templates_it_cannot_promise_are_refused(
    files: dict[str, str], reason: str, tmp_path: Path
) -> None:
    root = template(tmp_path / "t", BASE + "_envops:\n  undefined: jinja2.StrictUndefined\n", files)
    with pytest.raises(Unsupported, match=reason):
        render_fast(root, {}, tmp_path / "out")


def test_a_symlink_or_a_git_checkout_is_refused(tmp_path: Path) -> None:
    root = template(tmp_path / "t", BASE)
    (root / "link").symlink_to(root / "a.txt.jinja")
    with pytest.raises(Unsupported, match="symlink"):
        render_fast(root, {}, tmp_path / "out")
    (root / "link").unlink()
    (root / ".git").mkdir()
    with pytest.raises(Unsupported, match="git repository"):
        render_fast(root, {}, tmp_path / "out2")


@pytest.mark.parametrize(
    ("given", "reason"),
    [({"kind": "c"}, "not a choice"), ({"count": "x"}, "ValueError"), ({"name": "A"}, "validator")],
)
def test_a_refused_answer_is_left_to_copier_to_word(
    given: dict[str, str], reason: str, tmp_path: Path
) -> None:
    questions = (
        "name:\n  type: str\n  default: demo\n"
        '  validator: "{% if name != name | lower %}lower case{% endif %}"\n'
        "kind:\n  type: str\n  default: a\n  choices: [a, b]\n"
        "count:\n  type: int\n  default: 1\n"
    )
    root = template(tmp_path / "t", questions)
    with pytest.raises(Unsupported, match=reason):
        render_fast(root, given, tmp_path / "out")


PATHS = ["a.pyc", "x/y/a.pyo", "__pycache__", "src/__pycache__/m.py", "~tmp", "d/~tmp/f", "ok.py"]
PATHS += [".git", "a/.git/config", "copier.yml", "n.py[co]", ".DS_Store", "x.svn"]
PATTERNS = [
    ["copier.yml", "*.py[co]", "__pycache__", "~*", ".git", ".DS_Store"],
    ["*.py[!c]", "[a-c]*"],
    ["src/", "/ok.py", "!ok.py", "**/m.py", "# comment", ""],
]


@pytest.mark.parametrize("patterns", PATTERNS)
def test_exclusions_match_as_copiers_pathspec(patterns: list[str]) -> None:
    from pathlib import PurePath

    ours = matcher(patterns)
    theirs = PathSpec.from_lines("gitignore", patterns)
    for path in PATHS:
        assert ours(PurePath(path)) == theirs.match_file(path), path


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *[(True, True), (0, False), ("0.0", False), ("2", True), ("", False), (" Yes ", True)],
        *[("off", False), ("~", False), ("none", False), ("anything", True), (None, False)],
    ],
)
def test_cast_to_bool_reads_as_copier(value: object, *, expected: bool) -> None:
    assert cast_to_bool(value) is expected


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources Jinja compiles from here on (a cache hit compiles nothing)."""
    from jinja2 import Environment

    sources: list[str] = []
    original = Environment.compile

    def counting(self: Environment, source: str, *args: object, **kwargs: object) -> object:
        sources.append(source)
        return original(self, source, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Environment, "compile", counting)
    return sources


def test_the_cache_is_used_and_a_broken_cache_is_ignored(
    tmp_path: Path, compiled: list[str]
) -> None:
    root = template(
        tmp_path / "t", BASE, {"{{ name }}.txt.jinja": "{% if name %}{{ name }}{% endif %}\n"}
    )
    cache = tmp_path / "cache"
    render_fast(root, {}, tmp_path / "one", cache)
    assert len(compiled) == 2  # the path and the file
    render_fast(root, {}, tmp_path / "two", cache)
    assert len(compiled) == 2
    for file in cache.iterdir():
        file.write_bytes(b"not marshal")
    render_fast(root, {}, tmp_path / "three", cache)
    assert len(compiled) == 4
    assert (tmp_path / "three" / "demo.txt").read_text() == "demo\n"


def test_two_versions_of_a_template_are_both_kept_compiled(
    tmp_path: Path, compiled: list[str]
) -> None:
    """``update`` renders the project's version and the new one: neither evicts the other."""
    old = template(tmp_path / "old", BASE, {"a.txt.jinja": "old {{ name }}\n"})
    new = template(tmp_path / "new", BASE, {"a.txt.jinja": "new {{ name }}\n"})
    cache = tmp_path / "cache"
    for run in range(3):
        render_fast(old, {}, tmp_path / f"old{run}", cache)
        render_fast(new, {}, tmp_path / f"new{run}", cache)
        assert (tmp_path / f"old{run}" / "a.txt").read_text() == "old demo\n"
        assert (tmp_path / f"new{run}" / "a.txt").read_text() == "new demo\n"
    assert sorted(compiled) == ["new {{ name }}\n", "old {{ name }}\n"]
    (written,) = cache.iterdir()
    stamp = written.stat().st_mtime_ns
    render_fast(old, {}, tmp_path / "again", cache)
    assert written.stat().st_mtime_ns == stamp  # nothing compiled: the file is not rewritten
