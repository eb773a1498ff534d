import json
import re
from importlib import resources

import pytest

from litestar_new.errors import UsageError
from litestar_new.names import MAX_LENGTH, parse_package_name, parse_project_name
from litestar_new.taken import DATA_FILE, Taken, canonical, dumps, load


@pytest.mark.parametrize(
    ("given", "dist", "package"),
    [
        ("myapp", "myapp", "myapp"),
        ("my-app", "my-app", "my_app"),
        ("My App", "my-app", "my_app"),
        ("My_App", "my-app", "my_app"),
        ("my.app", "my-app", "my_app"),
        ("  spaced  ", "spaced", "spaced"),
        ("app2", "app2", "app2"),
        ("a", "a", "a"),
        ("app", "app", "app"),
        ("x" * MAX_LENGTH, "x" * MAX_LENGTH, "x" * MAX_LENGTH),
    ],
)
def test_valid_names_are_normalised(given: str, dist: str, package: str) -> None:
    name = parse_project_name(given)
    assert (name.dist, name.package) == (dist, package)
    assert name.normalised == (given != dist)


def test_my_app_spellings_agree() -> None:
    assert parse_project_name("My_App") == parse_project_name("my-app").__class__(
        given="My_App", dist="my-app", package="my_app"
    )


@pytest.mark.parametrize(
    ("given", "reason", "suggestion"),
    [
        ("", "empty", None),
        ("   ", "empty", None),
        ("..", "it is a path", None),
        (".", "it is a path", None),
        ("../x", "it is a path", "'x'"),
        ("/abs", "it is a path", "'abs'"),
        ("a/b", "it is a path", "'b'"),
        ("a\\b", "it is a path", "'b'"),
        ("~/x", "it is a path", None),
        ("1app", "must start with a letter", "'app-1app'"),
        ("-app", "must start with a letter", "'app'"),
        ("_app", "must start with a letter", None),
        ("class", "is a Python keyword", "'class-app'"),
        ("match", "is a Python keyword", None),
        ("type", "is a Python keyword", None),
        ("test", "standard library", "'my-test'"),
        ("tests", "standard library", None),
        ("site", "standard library", None),
        ("typing", "standard library", None),
        ("asyncio", "standard library", None),
        ("litestar", "dependency", "'my-litestar'"),
        ("jwt", "dependency", None),
        ("alembic", "dependency", None),
        ("sqlalchemy", "dependency", None),
        ("advanced-alchemy", "dependency", None),
        ("con", "reserved device name", None),
        ("nul", "reserved device name", None),
        ("lpt1", "reserved device name", None),
        ("café", "ASCII", "'cafe'"),
        ("naïve-app", "ASCII", "'naive-app'"),
        ("a" * 200, f"longer than {MAX_LENGTH}", None),
        ("my--app!", "no symbols", "'my-app'"),
        ("my@app", "no symbols", "'myapp'"),
        ("app-", "no symbols", None),
    ],
)
def test_bad_names_are_refused_with_a_reason_and_a_suggestion(
    given: str, reason: str, suggestion: str | None
) -> None:
    with pytest.raises(UsageError) as caught:
        parse_project_name(given)
    message = str(caught.value)
    assert reason in message
    assert "try" in message or "give one" in message
    if suggestion:
        assert suggestion in message
    assert "\n" not in message


def test_every_suggestion_is_itself_accepted() -> None:
    for given in ["1app", "café", "my@app", "-app", "a" * 200, "../x"]:
        with pytest.raises(UsageError) as caught:
            parse_project_name(given)
        suggestion = str(caught.value).rsplit("try ", 1)[1].strip("'")
        assert parse_project_name(suggestion).dist == suggestion


@pytest.mark.parametrize("given", ["my_pkg", "pkg2", "p"])
def test_explicit_package_names(given: str) -> None:
    assert parse_package_name(given) == given


@pytest.mark.parametrize(
    "given", ["My_Pkg", "my-pkg", "2pkg", "my__pkg", "pkg_", "class", "typing", "litestar"]
)
def test_bad_package_names(given: str) -> None:
    with pytest.raises(UsageError):
        parse_package_name(given)


@pytest.mark.parametrize(
    ("given", "detail"),
    [
        # what broke uv sync, an import or a command before the names were derived
        ("colorama", "distribution colorama"),  # pytest's dependency on Windows, every preset
        ("greenlet", "distribution greenlet"),
        ("pyjwt", "distribution pyjwt"),
        ("jwt", "module jwt of pyjwt"),
        ("pytest-asyncio", "distribution pytest-asyncio"),
        ("argon2-cffi", "distribution argon2-cffi"),
        ("argon2_cffi", "distribution argon2-cffi"),
        ("Argon2.CFFI", "distribution argon2-cffi"),
        ("cffi", "distribution cffi"),
        ("mako", "distribution mako"),
        ("Mako", "distribution mako"),
        ("alchemy", "command alchemy of advanced-alchemy"),
        ("markdown-it", "module markdown_it of markdown-it-py"),
        ("mypyc", "module mypyc of mypy"),
        ("stubgen", "command stubgen of mypy"),
        ("py.test", "command py.test of pytest"),
    ],
)
def test_names_taken_by_the_resolved_dependencies_are_refused(given: str, detail: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_project_name(given)
    message = str(caught.value)
    assert f"is the name of a dependency or tool ({detail})" in message
    assert "\n" not in message
    package = given.lower().replace("-", "_").replace(".", "_")
    with pytest.raises(UsageError, match=re.escape(f"({detail})")):
        parse_package_name(package)


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("argon2-cffi", "argon2-cffi"),
        ("argon2_cffi", "argon2-cffi"),
        ("Argon2.CFFI", "argon2-cffi"),
        ("a__b--c..d", "a-b-c-d"),
        ("py.test", "py-test"),
    ],
)
def test_names_are_compared_in_their_pep_503_form(name: str, form: str) -> None:
    assert canonical(name) == form


def test_the_taken_names_file_is_well_formed() -> None:
    text = (resources.files("litestar_new") / DATA_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    distributions = data["distributions"]
    assert list(distributions) == sorted(distributions)
    assert all(name == canonical(name) for name in distributions)
    for entry in distributions.values():
        assert set(entry) == {"modules", "commands", "presets"}
        assert entry["presets"]
        assert set(entry["presets"]) <= {"script", "api", "layered"}
        assert entry["modules"] == sorted(entry["modules"])
    assert dumps(data) == text  # exactly what the regeneration writes
    # the runtime dependencies of each preset are there, each on its presets
    assert distributions["litestar"]["presets"] == ["script", "api", "layered"]
    assert distributions["advanced-alchemy"]["presets"] == ["layered"]
    assert distributions["pydantic-settings"]["presets"] == ["api", "layered"]
    assert load()["jwt"] == Taken("module", "jwt", "pyjwt")
