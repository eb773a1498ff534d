import pytest

from litestar_new.errors import UsageError
from litestar_new.names import MAX_LENGTH, parse_package_name, parse_project_name


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
