"""The template's books are what the resource generator writes (``resources/example.py``)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from litestar_new.add import example
from litestar_new.store import bundled_template

if TYPE_CHECKING:
    from pathlib import Path

INITIAL_MIGRATION = "project/{{ overlay.layered }}/src/{{package_name}}/db/migrations/versions/2026-12-01_0001_initial.py"


def test_the_template_books_are_what_the_generator_writes() -> None:
    """Fails when the generator or the template's books changed alone: run
    ``python -m litestar_new.add.example`` and commit what it writes."""
    files = example.build()

    assert example.stale(bundled_template(), files) == []
    assert set(files) == set(example.TEMPLATE_PATHS.values())


def _create_book(source: str) -> str:
    """The ``op.create_table("book", ...)`` call of a migration, as a syntax tree dump."""
    calls = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "create_table"
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value == "book"
    ]
    assert len(calls) == 1
    return ast.dump(calls[0])


def test_the_initial_migration_creates_the_book_table_the_generator_would(tmp_path: Path) -> None:
    """The template's first migration is not rewritten (projects have applied it), so its book
    table is compared with the migration ``add resource`` would write for the books."""
    generated = example.generate("layered", tmp_path)
    [migration] = [text for path, text in generated.items() if "/migrations/versions/" in path]
    template = (bundled_template() / INITIAL_MIGRATION).read_text(encoding="utf-8")

    assert _create_book(migration) == _create_book(template)
