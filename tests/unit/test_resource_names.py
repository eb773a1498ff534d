"""Resource names: the derived names, the plurals, the refusals."""

import pytest

from litestar_new.add.naming import (
    helper_function,
    helper_resource,
    parse_resource_name,
    pluralize,
    snake_case,
    store_key,
    store_provider,
    store_resource,
)
from litestar_new.errors import UsageError


@pytest.mark.parametrize(
    ("given", "class_name", "snake", "plural", "url"),
    [
        ("Author", "Author", "author", "authors", "/api/authors"),
        ("author", "Author", "author", "authors", "/api/authors"),
        ("BlogPost", "BlogPost", "blog_post", "blog_posts", "/api/blog-posts"),
        ("blog_post", "BlogPost", "blog_post", "blog_posts", "/api/blog-posts"),
        ("blog-post", "BlogPost", "blog_post", "blog_posts", "/api/blog-posts"),
        ("HTTPLog", "HTTPLog", "http_log", "http_logs", "/api/http-logs"),
        ("Category", "Category", "category", "categories", "/api/categories"),
        ("Person", "Person", "person", "people", "/api/people"),
        ("Box", "Box", "box", "boxes", "/api/boxes"),
        ("Item2", "Item2", "item2", "item2s", "/api/item2s"),
    ],
)
def test_derived_names(given: str, class_name: str, snake: str, plural: str, url: str) -> None:
    name = parse_resource_name(given)

    assert (name.class_name, name.snake, name.table, name.plural, name.url) == (
        class_name,
        snake,
        snake,
        plural,
        url,
    )


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("book", "books"),
        ("bus", "buses"),
        ("match", "matches"),
        ("dish", "dishes"),
        ("quiz", "quizzes"),
        ("day", "days"),
        ("city", "cities"),
        ("child", "children"),
        ("sheep", "sheep"),
        ("blog_entry", "blog_entries"),
        ("sales_person", "sales_people"),
    ],
)
def test_plurals(word: str, plural: str) -> None:
    assert pluralize(word) == plural


def test_an_explicit_plural_wins() -> None:
    name = parse_resource_name("Cactus", plural="cacti")
    assert (name.plural, name.url) == ("cacti", "/api/cacti")
    assert parse_resource_name("Fish", plural="fish-stock").plural == "fish_stock"


def test_words_and_articles() -> None:
    assert parse_resource_name("Author").a == "an author"
    assert parse_resource_name("BlogPost").a == "a blog post"
    assert parse_resource_name("User").a == "a user"
    assert parse_resource_name("BlogPost").title == "Blog posts"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "use ASCII letters and digits"),
        ("2Fast", "use ASCII letters and digits"),
        ("Blog Post", "use ASCII letters and digits"),
        ("Café", "use ASCII letters and digits"),
        ("a.b", "use ASCII letters and digits"),
        ("Class", "its module name 'class' is a Python keyword"),
        ("Match", "is a Python keyword"),
        ("Type", "is a Python keyword"),
        ("None", "'None' is a Python keyword"),
        ("Owner", "the owner of each row is the user"),
        ("AlembicVersion", "Alembic"),
        ("X" + "y" * 30, "'x" + "y" * 30 + "' has 31 characters, more than 30"),
        # 30 characters typed, 32 in the snake_case form that the limit is about
        ("AbcdefghijAbcdefghijAbcdefghij", "'abcdefghij_abcdefghij_abcdefghij' has 32 characters"),
    ],
)
def test_refused_names(given: str, message: str) -> None:
    with pytest.raises(UsageError, match="resource name") as error:
        parse_resource_name(given)
    assert message in str(error.value)


@pytest.mark.parametrize("plural", ["Cacti", "two words", "class", "x__y"])
def test_refused_plurals(plural: str) -> None:
    with pytest.raises(UsageError):
        parse_resource_name("Cactus", plural=plural)


def test_snake_case() -> None:
    assert snake_case("OAuthToken") == "o_auth_token"
    assert snake_case("already_snake") == "already_snake"


def test_the_names_of_a_resources_parts_are_written_and_read_in_one_place() -> None:
    assert (store_provider("blog_posts"), store_key("blog_posts")) == (
        "provide_blog_posts_store",
        "blog_posts_store",
    )
    assert [store_resource(n) for n in ("BookStore", "Store", "Book")] == ["Book", None, None]
    assert helper_function("book") == "create_book"
    assert [helper_resource(n) for n in ("create_book", "create_", "book")] == ["book", None, None]
