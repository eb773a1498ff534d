import pytest

from litestar_new.errors import UsageError
from litestar_new.text import MAX_TEXT, TEXT_FIELDS, check_text


@pytest.mark.parametrize(
    "value",
    [
        'say "hi"',
        "it's",
        "back\\slash",
        '"""triple"""',
        "{{ 7*7 }}",
        "{% raw %}",
        "$(id)",
        "# not a comment",
        "-leading dash",
        "emoji 🚀🐍",
        "日本語のプロジェクト",
        "x" * MAX_TEXT,
        "",
    ],
)
def test_hostile_but_printable_descriptions_are_kept_exactly(value: str) -> None:
    assert check_text("description", value) == value


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("two\nlines", "control or non-printing"),
        ("tab\there", "control or non-printing"),
        ("nul\x00", "control or non-printing"),
        ("del\x7f", "control or non-printing"),
        ("line\u2028separator", "control or non-printing"),
        ("surrogate\udcff", "control or non-printing"),
        (" padded", "white space"),
        ("x" * (MAX_TEXT + 1), "more than"),
    ],
)
def test_values_no_format_can_carry_are_refused(value: str, reason: str) -> None:
    with pytest.raises(UsageError, match=reason) as caught:
        check_text("description", value)
    assert "--description" in str(caught.value)


def test_author_names_cannot_hold_commas() -> None:
    with pytest.raises(UsageError, match="comma"):
        check_text("author_name", "Doe, Jane")


@pytest.mark.parametrize("email", ["jane@example.com", "j.doe+tag@sub.example.org", ""])
def test_emails(email: str) -> None:
    assert check_text("author_email", email) == email


@pytest.mark.parametrize(
    "email", ["jane", "jane@", "@example.com", "a b@example.com", "<a@b.c>", "a@b"]
)
def test_bad_emails(email: str) -> None:
    with pytest.raises(UsageError, match="e-mail"):
        check_text("author_email", email)


def test_every_default_passes_its_own_check() -> None:
    for item in TEXT_FIELDS:
        assert check_text(item.key, item.default) == item.default


def test_a_plain_address_is_one_the_metadata_parser_takes_as_it_is() -> None:
    """What ``PLAIN_EMAIL`` lets through without the parser, the parser takes unchanged."""
    import random
    from email.headerregistry import Address

    from litestar_new.text import PLAIN_EMAIL

    rnd = random.Random(20261203)  # noqa: S311 - reproducible samples, no secret
    matched = 0
    for _ in range(60_000):
        value = "".join(rnd.choice("aZ09_+-.@") for _ in range(rnd.randint(3, 12)))
        if PLAIN_EMAIL.fullmatch(value):
            matched += 1
            assert Address(addr_spec=value).addr_spec == value
            assert check_text("author_email", value) == value
    assert matched > 200
