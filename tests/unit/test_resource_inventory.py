"""The inspection's cheap filter of test files: it never skips one that defines a helper."""

import ast

import pytest

from litestar_new.add.inventory import _may_define_helper
from litestar_new.add.naming import helper_resource

DEFINING = [
    "def create_book(client):\n    pass\n",
    "async def  create_book(client):\n    pass\n",
    "def\tcreate_book(client):\n    pass\n",
    "def \\\n  create_book(client):\n    pass\n",
    "def \uff43reate_book(client):\n    pass\n",  # a fullwidth c: NFKC makes it create_book
]
NOT_DEFINING = [
    "",
    "from tests.test_books import create_book\n\n\ndef test_it(client):\n    create_book(client)\n",
    "def test_create_book(client):\n    pass\n",
]


def _defines_helper(text: str) -> bool:
    tree = ast.parse(text)
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and helper_resource(node.name)
        for node in tree.body
    )


@pytest.mark.parametrize("text", DEFINING)
def test_a_file_that_defines_a_helper_is_parsed(text: str) -> None:
    assert _defines_helper(text)
    assert _may_define_helper(text)


@pytest.mark.parametrize("text", NOT_DEFINING)
def test_a_file_without_a_helper_definition_is_skipped(text: str) -> None:
    assert not _defines_helper(text)
    assert not _may_define_helper(text)
