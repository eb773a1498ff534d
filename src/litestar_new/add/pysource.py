"""Python files read without importing them: their syntax trees and the names they bind.

The project's environment may not be installed, and importing user code just to look at it
would run it; :mod:`ast` reads it instead.
"""

from __future__ import annotations

import ast
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

__all__ = [
    "annotated_names",
    "bound_names",
    "parse_python",
    "parse_source",
    "string_assignments",
]

_PARSING = threading.Lock()


def parse_source(source: str, filename: str = "<unknown>") -> ast.Module:
    """:func:`ast.parse`, one thread at a time.

    ``add`` parses in two threads at once (its registrations and its new files); CPython 3.11
    keeps the syntax tree's recursion depth per interpreter, not per thread, and then raises
    "SystemError: AST constructor recursion depth mismatch" (python/cpython#106905).

    Raises:
        SyntaxError: The source does not parse.
        ValueError: It holds a NUL byte.
    """
    with _PARSING:
        return ast.parse(source, filename=filename)


def parse_python(path: Path, *, only_if: Callable[[str], bool] | None = None) -> ast.Module | None:
    """The module's syntax tree; None when it is missing or does not parse.

    ``only_if``: a test of the text; None, without parsing, when it says no.
    """
    try:
        text = path.read_text(encoding="utf-8")
        if only_if is not None and not only_if(text):
            return None
        return parse_source(text, str(path))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None


def string_assignments(body: list[ast.stmt]) -> Iterator[tuple[str, ast.expr]]:
    """``name = value`` and ``name: type = value`` of a body: (name, value expression)."""
    for node in body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    yield target.id, node.value
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.value is not None
        ):
            yield node.target.id, node.value


def annotated_names(body: list[ast.stmt]) -> set[str]:
    """The names a body annotates (``name: type``, with or without a value)."""
    return {
        node.target.id
        for node in body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }


def bound_names(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level: imports, classes, functions, assignments."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        else:
            names.update(name for name, _ in string_assignments([node]))
            names.update(annotated_names([node]))
    return names
