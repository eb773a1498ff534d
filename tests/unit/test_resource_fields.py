"""The field words of ``add resource``: syntax, types, names that are refused."""

import pytest

from litestar_new.add.field_types import FieldDetails, python_regex
from litestar_new.add.fields import RESERVED_FIELDS, parse_field, parse_fields
from litestar_new.add.type_table import TYPES
from litestar_new.errors import UsageError


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_every_type_parses_required_and_optional(kind: str) -> None:
    required = parse_field(f"value:{kind}")
    optional = parse_field(f"value:{kind}?")

    assert (required.name, required.type, required.optional) == ("value", TYPES[kind], False)
    assert (optional.type, optional.optional, optional.is_ref) == (TYPES[kind], True, False)
    assert required.column == "value"


def test_unique() -> None:
    spec = parse_field("code:str:unique")
    optional = parse_field("code:str?:unique")

    assert (spec.unique, spec.optional) == (True, False)
    assert (optional.unique, optional.optional) == (True, True)


@pytest.mark.parametrize(
    ("word", "target", "optional", "unique"),
    [
        ("author:ref:Author", "Author", False, False),
        ("editor:ref:User?", "User", True, False),
        ("profile:ref:Profile:unique", "Profile", False, True),
        ("post:ref:blog_post", "blog_post", False, False),
    ],
)
def test_references(word: str, target: str, optional: bool, unique: bool) -> None:
    spec = parse_field(word)

    assert (spec.target, spec.optional, spec.unique, spec.is_ref) == (
        target,
        optional,
        unique,
        True,
    )
    assert spec.type is None
    assert spec.column == f"{spec.name}_id"


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("title", "has no type"),
        ("title:", "has no type"),
        (":str", "has no name"),
        ("title:string", "unknown type 'string'; did you mean 'str'?"),
        ("title:varchar", "unknown type 'varchar' (types: str, text, int"),
        ("note:?text", "put ? after the type (e.g. note:text?)"),
        ("note?:text", "put ? after the type, not the name"),
        ("Title:str", "not a valid field name"),
        ("my-title:str", "not a valid field name: use lower-case letters, digits and single '_'"),
        ("2nd:str", "not a valid field name"),
        ("a__b:str", "not a valid field name"),
        ("_private:str", "not a valid field name"),
        ("class:str", "is a Python keyword"),
        ("match:str", "is a Python keyword"),
        ("type:str", "is a Python keyword"),
        ("id:uuid", "'id' is reserved: every resource has an id already"),
        ("owner_id:uuid", "'owner_id' is reserved"),
        ("created_at:datetime", "'created_at' is reserved"),
        ("metadata:text", "'metadata' is reserved: SQLAlchemy"),
        ("changes:int", "'changes' is reserved"),
        ("dt:date", "'dt' is reserved"),
        ("x" * 41 + ":str", "longer than 40 characters"),
        ("flag:bool:unique", "a bool field cannot be unique"),
        ("ratio:float:unique", "a float field cannot be unique"),
        ("title:str:indexed", "write NAME:TYPE[?][:unique]"),
        ("author:ref", "write NAME:ref:RESOURCE"),
        ("author:ref?:Author", "write NAME:ref:RESOURCE, with ? after the resource"),
        ("author:ref:Author:Book", "write NAME:ref:RESOURCE"),
        ("author_id:ref:Author", "name the reference after what it points to (author:ref:Author)"),
        ("author:ref:2x", "'2x' is not a resource name"),
    ],
)
def test_refused_words_say_why(word: str, message: str) -> None:
    with pytest.raises(UsageError) as error:
        parse_field(word)
    assert message in str(error.value)
    assert repr(word) in str(error.value) or word.split(":", 1)[0] in str(error.value)


def test_every_reserved_name_is_refused() -> None:
    for name in RESERVED_FIELDS:
        with pytest.raises(UsageError, match="reserved"):
            parse_field(f"{name}:str")


def test_no_fields_is_refused() -> None:
    with pytest.raises(UsageError, match="give at least one field"):
        parse_fields([])


@pytest.mark.parametrize(
    ("words", "clash"),
    [
        (["title:str", "title:text"], "'title'"),
        (["author:ref:Author", "author_id:uuid"], "'author_id'"),
        (["author:ref:Author", "author:str"], "'author'"),
    ],
)
def test_two_fields_with_one_name_are_refused(words: list[str], clash: str) -> None:
    with pytest.raises(UsageError, match=f"both use the name {clash}"):
        parse_fields(words)


def test_the_table_is_complete_and_consistent() -> None:
    assert set(TYPES) == {
        "str", "text", "int", "float", "bool", "date", "datetime", "uuid", "decimal"
    }  # fmt: skip
    for kind in TYPES.values():
        assert kind.sample != kind.other, kind.name
        assert kind.invalid, kind.name
        assert bool(kind.nth) == kind.unique_allowed, kind.name
        # every snippet is a Python expression once the label is filled in
        for snippet in (kind.sample, kind.other, *(expr for _, expr in kind.invalid)):
            compile(snippet.format(label="title"), "<snippet>", "eval")
        if kind.nth:
            compile(kind.nth.format(label="title"), "<snippet>", "eval")


def test_details_give_a_field_its_own_length_pattern_and_examples() -> None:
    kind = TYPES["str"]
    isbn = FieldDetails(pattern=r"^\d{13}$", examples=("9780441172719",), length=13)

    isbn.check(kind)

    assert kind.column_for() == "String(200)"
    assert kind.column_for(isbn) == "String(13)"
    assert kind.migration_for(isbn) == "sa.String(length=13)"
    assert kind.meta_for(isbn) == r'min_length=1, max_length=13, pattern=r"^\d{13}$"'
    assert TYPES["text"].meta_for() == r'max_length=65_535, pattern=r"^[^\x00]*$"'


@pytest.mark.parametrize(
    ("kind", "details", "reason"),
    [
        ("int", FieldDetails(length=3), "a int field has no length"),
        ("text", FieldDetails(length=3), "a text field has no length"),
        ("date", FieldDetails(pattern="^x$"), "a date field has no pattern"),
        ("str", FieldDetails(pattern=r"^\d+$", examples=("one",)), "does not match the pattern"),
    ],
)
def test_details_a_type_cannot_have_are_refused(
    kind: str, details: FieldDetails, reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        details.check(TYPES[kind])


@pytest.mark.parametrize(
    ("pattern", "source"),
    [(r"^\d+$", r'r"^\d+$"'), ('^"$', "'^\"$'"), ("a\\", "'a\\\\'")],
)
def test_a_pattern_is_written_as_a_raw_string_where_it_can_be(pattern: str, source: str) -> None:
    assert python_regex(pattern) == source
    assert eval(source) == pattern  # noqa: S307 - a literal
