"""Hostile project names: each is refused (exit 2, one line, an accepted suggestion) or
normalised visibly into a project whose files are where the name says.

The projects of a representative handful of normalised names are installed and tested in
``test_installed_metadata.py``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from litestar_new.errors import UsageError
from litestar_new.names import MAX_LENGTH, parse_package_name, parse_project_name
from litestar_new.taken import canonical
from litestar_new.taken import load as load_taken
from tests.safety.helpers import (
    QUIET,
    ROOT,
    assert_one_line_error,
    assert_suggestion_accepted,
    cli,
    snapshot,
)

if TYPE_CHECKING:
    from pathlib import Path

# The list of shared/design/safety.md, then ours. Each: (name, words the reason must contain).
REFUSED_FROM_THE_DESIGN: list[tuple[str, str]] = [
    ("", "empty"),
    ("..", "it is a path"),
    ("../x", "it is a path"),
    ("/abs", "it is a path"),
    ("a/b", "it is a path"),
    ("1app", "must start with a letter"),
    ("-app", "must start with a letter"),
    ("class", "Python keyword"),
    ("match", "Python keyword"),
    ("test", "standard library"),
    ("site", "standard library"),
    ("typing", "standard library"),
    ("litestar", "dependency"),
    ("jwt", "dependency"),
    ("con", "reserved device name"),
    ("café", "ASCII"),
    ("a" * 200, f"longer than {MAX_LENGTH}"),
]
REFUSED_OURS: list[tuple[str, str]] = [
    # paths in other spellings
    (".", "it is a path"),
    ("~", "it is a path"),
    ("~/x", "it is a path"),
    ("./x", "it is a path"),
    ("a\\b", "it is a path"),
    ("C:\\x", "it is a path"),
    ("../class", "it is a path"),
    # white space only, control characters
    (" ", "empty"),
    ("\t", "empty"),
    ("\u3000", "empty"),
    ("\u00a0", "empty"),
    ("a\x00b", "control character"),
    ("a\nb", "control character"),
    ("a\tb", "control character"),
    ("demo\r", "control character"),
    ("\x1b[31mred", "control character"),
    ("del\x7f", "control character"),
    # unicode look-alikes, direction marks, invisible characters
    ("\u0430pp", "ASCII"),  # Cyrillic a
    ("\uff41pp", "ASCII"),  # full-width a
    ("app\u200f", "ASCII"),  # right-to-left mark
    ("\u202eppa", "ASCII"),  # right-to-left override
    ("a\u200bb", "ASCII"),  # zero-width space
    ("\u01c5", "ASCII"),  # a title-case digraph
    ("\u0130stanbul", "ASCII"),
    ("\u017f", "ASCII"),  # long s, folds to s
    ("😀", "ASCII"),
    ("com\u00b9", "ASCII"),  # superscript one: Windows treats COM¹ as a device
    # very long
    ("x" * (MAX_LENGTH + 1), f"longer than {MAX_LENGTH}"),
    ("x" * 10_000, f"longer than {MAX_LENGTH}"),
    # option-like, passed after --
    ("-h", "must start with a letter"),
    ("--help", "must start with a letter"),
    ("--version", "must start with a letter"),
    ("-", "must start with a letter"),
    ("--", "must start with a letter"),
    ("-test", "must start with a letter"),
    # symbols
    ("app-", "no symbols"),
    ("aux-", "no symbols"),
    ("my--app!", "no symbols"),
    ("my@app", "no symbols"),
    ("typing!", "no symbols"),
    ("Class!", "no symbols"),
    ("$(id)", "must start with a letter"),
    ("{{ 7*7 }}", "must start with a letter"),
    ("1", "must start with a letter"),
    (".hidden", "must start with a letter"),
    ("_", "must start with a letter"),
    ("__init__", "must start with a letter"),
    # keywords, soft keywords, the standard library (test is missing from stdlib_module_names)
    ("type", "Python keyword"),
    ("case", "Python keyword"),
    ("Await", "Python keyword"),
    ("Test", "standard library"),
    ("tests", "standard library"),
    ("asyncio", "standard library"),
    ("os", "standard library"),
    # Windows device names, any case
    ("CON", "reserved device name"),
    ("Aux", "reserved device name"),
    ("nul", "reserved device name"),
    ("prn", "reserved device name"),
    ("com1", "reserved device name"),
    ("LPT9", "reserved device name"),
    # the project's own top-level modules
    ("test-api", "project's own modules"),
    ("test_settings", "project's own modules"),
    ("test-app", "project's own modules"),
    ("conftest", "project's own modules"),
    ("src", "project's own modules"),
    # names taken in the generated environment: modules, distributions, commands
    ("python", "dependency or tool"),
    ("python3", "dependency or tool"),
    ("pip", "dependency or tool"),
    ("activate", "dependency or tool"),
    ("uv", "dependency or tool"),
    ("faker", "dependency or tool"),
    ("py", "dependency or tool"),
    ("pydantic-core", "dependency or tool"),
    ("python-dotenv", "dependency or tool"),
    ("markdown-it-py", "dependency or tool"),
    ("stubgen", "dependency or tool"),
    ("Granian", "dependency or tool"),
    ("advanced-alchemy", "dependency or tool"),
]
REFUSED = REFUSED_FROM_THE_DESIGN + REFUSED_OURS

# (given, distribution, package): normalised, and said so.
NORMALISED: list[tuple[str, str, str]] = [
    ("my app", "my-app", "my_app"),
    ("My App", "my-app", "my_app"),
    ("My_App", "my-app", "my_app"),
    ("my.app", "my-app", "my_app"),
    ("MY-APP", "my-app", "my_app"),
    ("  spaced  ", "spaced", "spaced"),
    ("Web.API_v2", "web-api-v2", "web_api_v2"),
    ("app..x", "app-x", "app_x"),
    ("X" * MAX_LENGTH, "x" * MAX_LENGTH, "x" * MAX_LENGTH),
    ("Settings", "settings", "settings"),  # a module of the generated package, not top-level
    ("Demo", "demo", "demo"),
]
ACCEPTED_AS_GIVEN = ["a", "app", "domain", "books", "my-app", "x" * MAX_LENGTH, "con-app"]


def _args(name: str, *extra: str) -> list[str]:
    """The name after ``--``: the way to pass a name that looks like an option."""
    return [*QUIET, *extra, "--", name]


@pytest.mark.parametrize(("name", "reason"), REFUSED, ids=[repr(n)[:40] for n, _ in REFUSED])
def test_a_refused_name_is_one_line_exit_2_with_an_accepted_suggestion(
    workdir: Path, capsys: pytest.CaptureFixture[str], name: str, reason: str
) -> None:
    message = assert_one_line_error(cli(capsys, *_args(name)))
    assert reason in message
    assert_suggestion_accepted(message)
    assert list(workdir.iterdir()) == []


@pytest.mark.parametrize(("name", "reason"), REFUSED, ids=[repr(n)[:40] for n, _ in REFUSED])
def test_a_refused_name_is_refused_by_the_prompt_too(name: str, reason: str) -> None:
    from litestar_new.new.prompts import _name_problem

    problem = _name_problem(name)
    assert problem is not None
    assert reason in problem
    assert "\n" not in problem


@pytest.mark.parametrize(
    ("name", "dist", "package"), NORMALISED, ids=[n[:20] for n, _, _ in NORMALISED]
)
def test_a_normalised_name_is_said_and_used(
    workdir: Path, capsys: pytest.CaptureFixture[str], name: str, dist: str, package: str
) -> None:
    result = cli(capsys, *_args(name))
    assert result.code == 0, result
    said = " ".join(result.out.split())  # the console wraps long lines
    assert f"Using project name {dist!r} (package {package!r})" in said
    assert [p.name for p in workdir.iterdir()] == [dist]
    assert (workdir / dist / "src" / package / "app.py").is_file()
    assert f'name = "{dist}"' in (workdir / dist / "pyproject.toml").read_text()


@pytest.mark.parametrize("name", ACCEPTED_AS_GIVEN, ids=lambda n: n[:20])
def test_an_accepted_name_is_used_silently(
    workdir: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    result = cli(capsys, *_args(name, "--preset", "script"))
    assert result.code == 0, result
    assert "Using project name" not in result.out
    assert (workdir / name / "app.py").is_file()


def test_my_app_spellings_agree() -> None:
    names = {
        (parse_project_name(n).dist, parse_project_name(n).package)
        for n in ["My_App", "my-app", "My App", "my.app", "MY_APP"]
    }
    assert names == {("my-app", "my_app")}


def test_a_name_differing_by_case_from_a_folder_leaves_that_folder_alone(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = workdir / "Demo"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    before = snapshot(mine)
    result = cli(capsys, *_args("Demo"))
    assert result.code == 0, result
    assert "Using project name 'demo'" in result.out
    assert snapshot(mine) == before
    assert (workdir / "demo" / "pyproject.toml").is_file()


def test_an_option_like_name_without_double_dash_is_an_option(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = cli(capsys, "-h")
    assert result.code == 0
    assert "Usage" in result.out
    assert list(workdir.iterdir()) == []


def test_every_test_module_of_the_template_is_refused_as_a_name() -> None:
    overlays = ROOT / "templates" / "project"
    modules = {
        p.name.split(".")[0]
        for p in overlays.glob("*/tests/*")
        if ".py" in p.name and not p.name.startswith("__")
    }
    assert modules >= {"conftest", "test_api"}
    for module in modules:
        with pytest.raises(UsageError, match="project's own modules"):
            parse_project_name(module)


@pytest.mark.parametrize(
    ("given", "reason"),
    [("class", "keyword"), ("faker", "dependency"), ("test_api", "own modules"), ("2x", "try")],
)
def test_a_refused_package_name_suggests_a_package_name(given: str, reason: str) -> None:
    with pytest.raises(UsageError, match=reason) as caught:
        parse_package_name(given)
    message = str(caught.value)
    assert "as a package name" in message
    suggestion = re.search(r"try '([^']*)'$", message)
    assert suggestion is not None
    assert parse_package_name(suggestion[1]) == suggestion[1]


_NAME_TEXT = st.one_of(
    st.text(max_size=80),
    st.text(alphabet="abcXYZ019 _.-/\\~\t\n", max_size=20),
    st.sampled_from([n for n, _ in REFUSED] + [n for n, _, _ in NORMALISED]),
    st.from_regex(r"[a-zA-Z][a-zA-Z0-9 _.-]{0,70}", fullmatch=True),
)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_NAME_TEXT)
def test_any_name_is_refused_in_one_line_or_becomes_a_valid_project(name: str) -> None:
    try:
        parsed = parse_project_name(name)
    except UsageError as error:
        event("refused")
        message = str(error)
        assert "\n" not in message
        assert_suggestion_accepted(message)
        return
    event("normalised" if parsed.normalised else "accepted as given")
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", parsed.dist)
    assert len(parsed.dist) <= MAX_LENGTH
    assert parsed.package == parsed.dist.replace("-", "_")
    assert parsed.package.isidentifier()
    again = parse_project_name(parsed.dist)
    assert (again.dist, again.package, again.normalised) == (parsed.dist, parsed.package, False)


# Every name taken.json records (distributions, their modules and commands), as it is spelled
# there; the project name and the package name of each must be refused.
TAKEN = sorted({(item.name, item.describe()) for item in load_taken().values()})


@pytest.mark.parametrize(("name", "detail"), TAKEN, ids=[n for n, _ in TAKEN])
def test_every_taken_name_is_refused_as_a_project_name_and_as_a_package_name(
    workdir: Path, capsys: pytest.CaptureFixture[str], name: str, detail: str
) -> None:
    message = assert_one_line_error(cli(capsys, *_args(name)))
    assert f"is the name of a dependency or tool ({detail})" in message
    assert_suggestion_accepted(message)
    package = canonical(name).replace("-", "_")
    message = assert_one_line_error(cli(capsys, *_args("demo", "--set", f"package_name={package}")))
    assert message.startswith(f"cannot use {package!r} as a package name: ")
    assert "dependency or tool" in message
    assert list(workdir.iterdir()) == []
