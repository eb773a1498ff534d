"""Registering a controller and a model in the user's files: located by ast, checked after."""

import pytest

from litestar_new.add.register import (
    add_model_export,
    add_route_handler,
    has_model_export,
    has_route_handler,
)

MODULE = "shop.domain.authors.controllers"
NAME = "AuthorController"

TEMPLATE_APP = '''"""The application factory."""

from litestar import Litestar
from litestar.types import ControllerRouterHandler

from shop.domain.books.controllers import BookController
from shop.domain.system.controllers import SystemController

ROUTE_HANDLERS: list[ControllerRouterHandler] = [SystemController, BookController]
"""Every controller of the app."""


def create_app() -> Litestar:
    return Litestar(route_handlers=ROUTE_HANDLERS)
'''

OLDER_APP = """from litestar import Litestar

from shop.domain.books.controllers import BookController


def create_app() -> Litestar:
    return Litestar(
        route_handlers=[
            BookController,  # the books
        ],
        debug=True,
    )
"""


def test_the_template_registration_point() -> None:
    changed = add_route_handler(TEMPLATE_APP, MODULE, NAME)

    assert changed is not None
    assert has_route_handler(changed, MODULE, NAME)
    assert f"from {MODULE} import {NAME}\n" in changed
    assert "[SystemController, BookController, AuthorController]" in changed
    assert (
        changed.replace(f"from {MODULE} import {NAME}\n", "").replace(", AuthorController", "")
        == TEMPLATE_APP
    )


def test_an_inline_list_of_an_older_project_with_a_comment() -> None:
    changed = add_route_handler(OLDER_APP, MODULE, NAME)

    assert changed is not None
    assert has_route_handler(changed, MODULE, NAME)
    assert "BookController, AuthorController,  # the books" in changed


def test_an_empty_list() -> None:
    source = "from litestar import Litestar\n\nROUTE_HANDLERS = []\n"

    changed = add_route_handler(source, MODULE, NAME)

    assert changed is not None
    assert "ROUTE_HANDLERS = [AuthorController]" in changed


def test_an_app_without_imports_or_final_newline() -> None:
    changed = add_route_handler("ROUTE_HANDLERS = [a]", MODULE, NAME)

    assert changed is not None
    assert has_route_handler(changed, MODULE, NAME)


def test_non_ascii_text_before_the_list() -> None:
    source = 'TITLE = "Bücher"; ROUTE_HANDLERS = [SystemController]\n'

    changed = add_route_handler(source, MODULE, NAME)

    assert changed is not None
    assert 'TITLE = "Bücher"; ROUTE_HANDLERS = [SystemController, AuthorController]' in changed


@pytest.mark.parametrize(
    "source",
    [
        "from litestar import Litestar\n\napp = Litestar(route_handlers=handlers())\n",
        "ROUTE_HANDLERS = build()\n\napp = Litestar(route_handlers=[A])\n",
        "from litestar import Router\n\nrouter = Router('/', route_handlers=[A])\n",
        "def broken(:\n",
        "",
    ],
    ids=["computed-list", "computed-constant", "no-litestar-call", "syntax-error", "empty"],
)
def test_no_registration_point_gives_none(source: str) -> None:
    assert add_route_handler(source, MODULE, NAME) is None


def test_has_route_handler_needs_both_import_and_entry() -> None:
    assert not has_route_handler(TEMPLATE_APP, MODULE, NAME)
    imported_only = f"from {MODULE} import {NAME}\n" + TEMPLATE_APP
    assert not has_route_handler(imported_only, MODULE, NAME)
    listed_only = TEMPLATE_APP.replace("BookController]", "BookController, AuthorController]")
    assert not has_route_handler(listed_only, MODULE, NAME)


MODELS = '''"""SQLAlchemy models."""

from shop.db.models.book import Book
from shop.db.models.user import User

__all__ = ("Book", "User")
'''


def test_a_model_is_exported() -> None:
    changed = add_model_export(MODELS, "shop.db.models.author", "Author")

    assert changed is not None
    assert has_model_export(changed, "shop.db.models.author", "Author")
    assert '__all__ = ("Book", "User", "Author")' in changed


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('__all__ = ["Book"]\n', '__all__ = ["Book", "Author"]'),
        ('__all__ = ("Book",)\n', '__all__ = ("Book", "Author",)'),
        ("__all__ = ()\n", '__all__ = ("Author",)'),
    ],
)
def test_other_spellings_of_all(source: str, expected: str) -> None:
    changed = add_model_export(source, "shop.db.models.author", "Author")

    assert changed is not None
    assert expected in changed


@pytest.mark.parametrize(
    "source",
    ["from shop.db.models.book import Book\n", "__all__ = names()\n", "__all__ = [Book]\n"],
    ids=["no-all", "computed", "not-strings"],
)
def test_no_all_gives_none(source: str) -> None:
    assert add_model_export(source, "shop.db.models.author", "Author") is None


@pytest.mark.parametrize("odd", ["\x0c", "\u2028", "\x1c"], ids=["form-feed", "u2028", "x1c"])
def test_line_breaks_that_python_does_not_count_do_not_shift_the_edit(odd: str) -> None:
    """``str.splitlines`` splits at these, ``ast`` does not: offsets follow ``ast``."""
    source = TEMPLATE_APP.replace('"""The application factory."""', f'"""The app{odd}factory."""')

    changed = add_route_handler(source, MODULE, NAME)

    assert changed is not None
    assert changed.replace(f"from {MODULE} import {NAME}\n", "").replace(f", {NAME}", "") == source


def test_crlf_lines_are_added_with_crlf() -> None:
    source = TEMPLATE_APP.replace("\n", "\r\n")

    changed = add_route_handler(source, MODULE, NAME)

    assert changed is not None
    assert f"from {MODULE} import {NAME}\r\n" in changed
    assert changed.count("\n") == changed.count("\r\n")
