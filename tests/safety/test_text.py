"""Hostile free text (description, author name, author e-mail, by flag or ``--set``).

Every value is either refused up front with one line naming the flag, or written through a
serializer per format: every generated file parses, and the value reads back exactly from
``pyproject.toml`` (tomllib), ``.copier-answers.yml`` (YAML), the README (CommonMark) and the
wheel's core metadata (as hatchling writes it). Nothing is evaluated: ``{{ 7*7 }}`` stays
literal, ``$(id)`` is never run.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from litestar_new.core.render import render
from litestar_new.errors import UsageError
from litestar_new.new.plan import Request, plan_project
from litestar_new.store import TemplateSource, bundled_template, register
from litestar_new.text import MAX_TEXT, TEXT_FIELDS, check_text
from tests.safety.helpers import (
    QUIET,
    ROOT,
    assert_one_line_error,
    cli,
    core_metadata,
    fast_render,
    files,
    markdown_blocks,
    parse_file,
    read_core_metadata,
    snapshot,
    strings_in,
)

# The list of shared/design/safety.md, then ours. All of them are kept exactly.
DESCRIPTIONS: list[str] = [
    '"',
    "'",
    "\\",
    '"""',
    "{{ 7*7 }}",
    "{% raw %}",
    "$(id)",
    "#",
    "-leading dash",
    "emoji 🚀🐍👩‍💻",
    "x" * 10_240,
    # ours
    "'''",
    'a "quoted" word and a \\"escaped\\" one',
    "ends with a backslash \\",
    "\\n is not a newline, \\u0041 is not an A",
    "{% endraw %}{{ x }}{# comment #}",
    "{%- if true -%}yes{%- endif -%}",
    "${HOME} `id` ; rm -rf / && echo pwned | sh",
    "# not a heading",
    "--help",
    "- not a list",
    "---",
    "1. not a list",
    "> not a quote",
    "<!-- not a comment",
    "```not code```",
    "<script>alert(1)</script>",
    "*not em* _nor this_ ~~nor this~~ [not](a link) ![nor](an image)",
    "&amp; &copy; &#65;",
    "$x^2$ is not maths",
    "key: value",
    "[tool.poetry]",
    'name = "evil"',
    "null",
    "yes",
    "~",
    "&anchor *alias !!python/object/apply:os.system ['id']",
    "%TAG ! tag:x",
    "@at the start",
    "Ünïcødé, 日本語のプロジェクト, עברית, العربية",
    "zero\u200bwidth and\u00a0no-break space",
    "byte order mark \ufeff inside",
    "combining e\u0301 and a\u030a",
    "x" * MAX_TEXT,
    "A Litestar application.",
]
AUTHOR_NAMES: list[str] = [
    "O'Brien",
    'Jane "JJ" Doe',
    "back\\slash",
    "{{ 7*7 }}",
    "$(id)",
    "-Dash",
    "#hash",
    "Zoë Ünïcødé 🚀",
    "a <b@c.d>",
    "Jane (Doc) Doe",
    "x@y",
    "semi;colon: and [brackets]",
    '"""',
    "",
]
AUTHOR_EMAILS: list[str] = [
    "jane@example.com",
    "o'brien@example.com",
    "{{7*7}}@example.com",
    "$x+#tag@example.com",
    "-lead@example.com",
    "a@exämple.com",
    "a.b.c@sub.example.org",
    "",
]
# (field, value, words of the reason)
REFUSED: list[tuple[str, str, str]] = [
    ("description", "two\nlines", "control"),
    ("description", "cr\rlf", "control"),
    ("description", "tab\there", "control"),
    ("description", "nul\x00", "control"),
    ("description", "escape \x1b[31mred", "control"),
    ("description", "del\x7f", "control"),
    ("description", "next\x85line", "control"),
    ("description", "line\u2028separator", "control"),
    ("description", "paragraph\u2029separator", "control"),
    ("description", "private \ue000 use", "control"),
    ("description", "non-character \ufdd0", "control"),
    ("description", "surrogate \udcff", "control"),
    ("description", " leading space", "white space"),
    ("description", "trailing space ", "white space"),
    ("description", "x" * (MAX_TEXT + 1), "more than"),
    ("description", "=?utf-8?q?decoded?= by metadata readers", "encoded word"),
    ("author_name", "Doe, Jane", "comma"),
    ("author_name", "two\nlines", "control"),
    ("author_name", "=?utf-8?b?Qm9i?=", "encoded word"),
    ("author_email", "jane", "e-mail"),
    ("author_email", "jane@", "e-mail"),
    ("author_email", "@example.com", "e-mail"),
    ("author_email", "a b@example.com", "e-mail"),
    ("author_email", "<a@b.c>", "e-mail"),
    ("author_email", "a@b", "e-mail"),
    ("author_email", "a..b@example.com", "e-mail"),
    ("author_email", ".a@example.com", "e-mail"),
    ("author_email", "a@example..com", "e-mail"),
    ("author_email", "a@example.com.", "e-mail"),
    ("author_email", "jäne@example.com", "e-mail"),
    ("author_email", "--upload-pack=touch /tmp/x", "e-mail"),
    ("author_email", "$(id)@example.com", "e-mail"),
]
FREE_TEXT_FILES = {"pyproject.toml", "README.md", ".copier-answers.yml"}
"""Where free text is written. A new place needs its own format check here first."""


def _flag(key: str) -> str:
    return "--" + key.replace("_", "-")


@cache
def _baseline_readme(preset: str) -> list[tuple[str, str]]:
    """The README's blocks with a plain description, to compare hostile ones against."""
    with tempfile.TemporaryDirectory() as folder:
        project = _render(Path(folder), preset, {"description": "plain"})
        return markdown_blocks((project / "README.md").read_text(encoding="utf-8"))


@cache
def _source() -> TemplateSource:
    """The bundled template, as an installed litestar-new has it: a folder outside any git
    repository (inside the source tree, copier runs git for every file it renders)."""
    copy = Path(tempfile.mkdtemp(prefix="litestar-new-template-")) / "templates"
    shutil.copytree(bundled_template(), copy)
    return register(copy)


def _render(parent: Path, preset: str, texts: dict[str, str]) -> Path:
    request = Request(name="demo", preset=preset, texts=dict(texts), cwd=parent)
    plan = plan_project(request, default_preset=preset)
    render(_source(), plan.answers, plan.target)
    return plan.target


def check_project(project: Path, preset: str, texts: dict[str, str]) -> None:
    """Every file parses; every given value reads back exactly wherever it is written."""
    for path in files(project):
        parse_file(path)
    description = texts.get("description", "A Litestar application.")
    name, email = texts.get("author_name", ""), texts.get("author_email", "")
    pyproject = parse_file(project / "pyproject.toml")
    assert pyproject["project"]["description"] == description
    author = {k: v for k, v in {"name": name, "email": email}.items() if v}
    assert pyproject["project"].get("authors", []) == ([author] if author else [])
    answers = parse_file(project / ".copier-answers.yml")
    assert answers["description"] == description
    assert answers["author_name"] == name
    assert answers["author_email"] == email
    readme = markdown_blocks((project / "README.md").read_text(encoding="utf-8"))
    baseline = _baseline_readme(preset)
    assert readme[0] == ("heading_open", "demo")
    if description:
        assert readme[1] == ("paragraph_open", description)
    assert readme[1 if not description else 2 :] == baseline[2:]
    assert read_core_metadata(core_metadata(description, name, email)) == (
        description,
        name,
        email,
    )


@pytest.mark.parametrize("index", range(len(DESCRIPTIONS)))
def test_hostile_text_is_kept_exactly_everywhere(
    workdir: Path, capsys: pytest.CaptureFixture[str], index: int
) -> None:
    texts = {
        "description": DESCRIPTIONS[index],
        "author_name": AUTHOR_NAMES[index % len(AUTHOR_NAMES)],
        "author_email": AUTHOR_EMAILS[index % len(AUTHOR_EMAILS)],
    }
    preset = ("script", "api")[index % 2]
    args = ["demo", "--preset", preset, *QUIET]
    for key, value in texts.items():  # every other value through --set
        args += [_flag(key), value] if index % 2 else ["--set", f"{key}={value}"]
    result = cli(capsys, *args)
    assert result.code == 0, result
    check_project(workdir / "demo", preset, texts)
    assert "uid=" not in "".join(p.read_text() for p in files(workdir / "demo"))


@pytest.mark.parametrize(
    ("key", "value", "reason"), REFUSED, ids=[f"{k}-{v[:20]!r}" for k, v, _ in REFUSED]
)
def test_text_no_format_can_carry_is_refused_in_one_line(
    workdir: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, reason: str
) -> None:
    for args in ([_flag(key), value], ["--set", f"{key}={value}"]):
        message = assert_one_line_error(cli(capsys, "demo", *QUIET, *args))
        assert message.startswith(f"cannot use that value for {_flag(key)}: ")
        assert reason in message
        assert list(workdir.iterdir()) == []


def test_free_text_is_written_only_where_a_format_check_covers_it(tmp_path: Path) -> None:
    texts = {
        "description": "SENTINEL-description-⁂",
        "author_name": "SENTINEL-name-⁂",
        "author_email": "sentinel-email@example.com",
    }
    for preset in ("script", "api", "layered"):
        project = _render(_fresh(tmp_path, preset), preset, texts)
        for path in files(project):
            raw = path.read_text(encoding="utf-8")
            parsed = parse_file(path)
            for value in texts.values():
                if value in raw or value in set(strings_in(parsed)):
                    assert path.name in FREE_TEXT_FILES, f"{value!r} written to {path}"


def test_every_template_writes_free_text_through_a_serializer() -> None:
    """In the template sources: each use of a free-text variable goes through a filter."""
    keys = "|".join(t.key for t in TEXT_FIELDS)
    use = re.compile(r"\{\{-?\s*(" + keys + r")\b([^}]*)\}\}|~\s*\((" + keys + r")\b([^)]*)\)")
    seen = 0
    for path in (ROOT / "templates").rglob("*.jinja"):
        for match in use.finditer(path.read_text(encoding="utf-8")):
            filters = match[2] if match[1] else match[4]
            seen += 1
            if path.name == "README.md.jinja":
                assert "regex_replace" in filters, f"{path.name}: {match[0]}"
            else:
                assert "to_json(ensure_ascii=False" in filters, f"{path.name}: {match[0]}"
    assert seen >= 4


def test_the_fast_render_changes_no_byte(tmp_path: Path) -> None:
    """The property test renders with ``fast_render``: prove it renders the same bytes."""
    for index, description in enumerate(DESCRIPTIONS[:12]):
        texts = {"description": description, "author_name": AUTHOR_NAMES[index]}
        preset = ("script", "api")[index % 2]
        plain = _render(_fresh(tmp_path, f"plain{index}"), preset, texts)
        with fast_render():
            cached = _render(_fresh(tmp_path, f"cached{index}"), preset, texts)
        assert snapshot(plain) == snapshot(cached)


def _fresh(parent: Path, name: str) -> Path:
    folder = parent / name
    folder.mkdir()
    return folder


_FRAGMENTS = [
    *DESCRIPTIONS[:-3],
    "\n", "\r\n", "\t", "\x00", "\x1b", "\x7f", "\x85", "\u2028", "\udcff", "\ue000",
    "\u202e", "\u200b", "\ufeff", "\u00a0", " ", "  ", ",", ": ", "- ", "? ", "|", ">", "<",
    "&", "*", "_", "`", "[", "]", "(", ")", "!", "~", "=", "?", "=?utf-8?q?x?=", "\\u0041",
    "1.", "+", "@", "%", "}}", "{{", "{%", "%}", "'''", '"""', "é", "🚀", "日本",
]  # fmt: skip
_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=4), max_size=8).map("".join),
    st.sampled_from(DESCRIPTIONS + AUTHOR_NAMES),
)
_LOCAL = st.text(alphabet="abcXYZ09.!#$%&'*+/=?^_`{|}~-é", min_size=1, max_size=12)
_DOMAIN = st.from_regex(r"[a-z0-9-]{1,8}(\.[a-z0-9-]{1,8}){1,2}", fullmatch=True)
_EMAIL = st.one_of(
    st.emails(),
    st.builds(lambda local, domain: f"{local}@{domain}", _LOCAL, _DOMAIN),
    st.sampled_from(AUTHOR_EMAILS),
    _TEXT,
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    preset=st.sampled_from(["script", "api"]),
    description=_TEXT,
    author_name=_TEXT,
    author_email=_EMAIL,
)
def test_any_text_is_refused_in_one_line_or_kept_exactly(
    preset: str, description: str, author_name: str, author_email: str
) -> None:
    drawn = {"description": description, "author_name": author_name, "author_email": author_email}
    accepted: dict[str, str] = {}
    for key, value in drawn.items():
        try:
            accepted[key] = check_text(key, value)
            event(f"{key} kept" if value else f"{key} empty")
        except UsageError as error:
            event(f"{key} refused")
            message = str(error)
            assert "\n" not in message
            assert message.startswith(f"cannot use that value for {_flag(key)}: ")
            accepted[key] = ""  # given as empty: not taken from git config
    with tempfile.TemporaryDirectory() as folder, fast_render():
        project = _render(Path(folder), preset, accepted)
        check_project(project, preset, accepted)


def test_the_answers_file_holds_exactly_the_answers(tmp_path: Path) -> None:
    texts = {"description": "{{ 7*7 }} $(id)", "author_name": "Zoë", "author_email": "z@x.org"}
    project = _render(tmp_path, "api", texts)
    text = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    answers = yaml.safe_load(text)
    assert {k: answers[k] for k in texts} == texts
    assert "49" not in text
