"""Registering a resource in the user's own files (``app.py``, ``db/models/__init__.py``).

The controller goes into the app's route handlers, the model into the models' package. Edits are located with :mod:`ast` (never with a regular expression over the text), made as two
small insertions (an import line and a name in a list), and checked by parsing the result again.
When the expected place is missing, because the user restructured the file, the edit is not made
and :class:`Registration` says what to add by hand.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from litestar_new.add.pysource import parse_source

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "MISSING",
    "Registration",
    "add_model_export",
    "add_route_handler",
    "has_model_export",
    "has_route_handler",
    "model_export_lines",
    "route_handler_lines",
    "syntax_problem",
]

MISSING = "its registration point is missing"
"""Why a registration is left to the user when the file parses but has no place for it."""
_NEWLINE = re.compile(r"\r\n|\r|\n")

ROUTE_HANDLERS = "ROUTE_HANDLERS"
"""The template's registration point: the module-level list of the app's controllers."""


@dataclass(frozen=True)
class Registration:
    """One change to a user's file, or what to do by hand when it cannot be made."""

    path: str
    """Relative to the project."""
    what: str
    """``register ArticleController``."""
    text: str | None
    """The changed file; None when the place to change was not found."""
    manual: tuple[str, ...] = ()
    """Lines to add by hand (when :attr:`text` is None)."""
    original: str | None = None
    """The file's text the change was made from (checked again just before writing)."""
    reason: str = MISSING
    """Why the change was not made (when :attr:`text` is None)."""


def _line_starts(source: str) -> list[int]:
    """Where each line starts, as :mod:`ast` counts lines.

    A line ends with LF, CRLF or CR; :meth:`str.splitlines` would also split at a form feed or a
    U+2028 in a string or comment.
    """
    return [0, *(match.end() for match in _NEWLINE.finditer(source))]


def _newline(source: str) -> str:
    """The file's line ending (that of its first line), for the lines added to it."""
    match = _NEWLINE.search(source)
    return match.group() if match else "\n"


def _offset(source: str, starts: list[int], line: int, byte_col: int) -> int:
    """The character offset of an ``ast`` position (``col_offset`` counts UTF-8 bytes)."""
    text = source[starts[line - 1] : starts[line] if line < len(starts) else len(source)]
    return starts[line - 1] + len(text.encode()[:byte_col].decode(errors="ignore"))


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _assigned(tree: ast.Module, name: str) -> ast.expr | None:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(_is_name(t, name) for t in node.targets):
            return node.value
        if isinstance(node, ast.AnnAssign) and _is_name(node.target, name):
            return node.value
    return None


def _route_list(tree: ast.Module) -> ast.List | None:
    """``ROUTE_HANDLERS = [...]``, or else ``Litestar(route_handlers=[...])`` (older projects)."""
    value = _assigned(tree, ROUTE_HANDLERS)
    if value is not None:
        return value if isinstance(value, ast.List) else None
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if called != "Litestar":
            continue
        for keyword in node.keywords:
            if keyword.arg == "route_handlers" and isinstance(keyword.value, ast.List):
                return keyword.value
    return None


def _import_line_offset(source: str, tree: ast.Module, starts: list[int]) -> int:
    """Where a new import line goes: after the last top-level import, or after the docstring."""
    imports = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    anchor: ast.stmt | None = imports[-1] if imports else None
    if anchor is None and tree.body and isinstance(tree.body[0], ast.Expr):
        anchor = tree.body[0]
    if anchor is None or anchor.end_lineno is None:
        return 0
    return starts[anchor.end_lineno] if anchor.end_lineno < len(starts) else len(source)


def _insert(source: str, edits: list[tuple[int, str]]) -> str:
    newline = _newline(source)
    for offset, text in sorted(edits, reverse=True):
        before = source[:offset]
        line = text.endswith("\n")
        # an import after a last line that has no newline of its own
        gap = newline if line and before and not before.endswith(("\n", "\r")) else ""
        added = text.removesuffix("\n") + newline if line else text
        source = before + gap + added + source[offset:]
    return source


def _append_to(
    source: str, starts: list[int], node: ast.List | ast.Tuple, item: str
) -> tuple[int, str]:
    """The insertion that appends ``item`` to a list or tuple display."""
    if node.elts:
        last = node.elts[-1]
        assert last.end_lineno is not None  # noqa: S101 - parsed source has positions
        assert last.end_col_offset is not None  # noqa: S101
        return _offset(source, starts, last.end_lineno, last.end_col_offset), f", {item}"
    empty_tuple = isinstance(node, ast.Tuple)
    return _offset(source, starts, node.lineno, node.col_offset) + 1, item + (
        "," if empty_tuple else ""
    )


def _imports(tree: ast.Module, module: str, name: str) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == module
        and any(a.name == name and a.asname in {None, name} for a in node.names)
        for node in tree.body
    )


def _parse(source: str) -> ast.Module | None:
    try:
        return parse_source(source)
    except (SyntaxError, ValueError):
        return None


def syntax_problem(source: str) -> str | None:
    """What keeps ``source`` from parsing, with its line (``line 12: invalid syntax``); or None."""
    try:
        parse_source(source)
    except SyntaxError as error:
        where = f"line {error.lineno}: " if error.lineno else ""
        return f"it does not parse: {where}{error.msg}"
    except ValueError as error:  # a NUL byte
        return f"it does not parse: {error}"
    return None


def _import_lines(tree: ast.Module, module: str, name: str) -> list[tuple[int, int]]:
    return [
        (node.lineno, node.end_lineno or node.lineno)
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        and node.module == module
        and any(a.name == name for a in node.names)
    ]


def _node_lines(node: ast.expr | None) -> list[tuple[int, int]]:
    return [] if node is None else [(node.lineno, node.end_lineno or node.lineno)]


def route_handler_lines(source: str, module: str, name: str) -> list[tuple[int, int]]:
    """The lines (first, last) that registering ``name`` touched: its import, the list."""
    tree = _parse(source)
    if tree is None:
        return []
    return _import_lines(tree, module, name) + _node_lines(_route_list(tree))


def model_export_lines(source: str, module: str, name: str) -> list[tuple[int, int]]:
    """The lines (first, last) that exporting ``name`` touched: its import, ``__all__``."""
    tree = _parse(source)
    if tree is None:
        return []
    return _import_lines(tree, module, name) + _node_lines(_exports(tree))


def _registered(
    source: str,
    module: str,
    name: str,
    listing: Callable[[ast.Module], ast.List | ast.Tuple | None],
    entry: str,
) -> str | None:
    """``source`` with ``entry`` appended to the list ``listing`` finds, and ``name`` imported.

    None when the file does not parse or ``listing`` finds no list.
    """
    tree = _parse(source)
    if tree is None:
        return None
    found = listing(tree)
    if found is None:
        return None
    starts = _line_starts(source)
    edits = [_append_to(source, starts, found, entry)]
    if not _imports(tree, module, name):
        edits.append((_import_line_offset(source, tree, starts), f"from {module} import {name}\n"))
    return _insert(source, edits)


def add_route_handler(source: str, module: str, name: str) -> str | None:
    """``app.py`` with ``name`` imported from ``module`` and in the app's route handlers.

    None when the file has neither ``ROUTE_HANDLERS = [...]`` nor ``Litestar(route_handlers=[...])``
    (or does not parse), or when the result would not have it registered.
    """
    changed = _registered(source, module, name, _route_list, name)
    return changed if changed is not None and has_route_handler(changed, module, name) else None


def has_route_handler(source: str, module: str, name: str) -> bool:
    """True when ``source`` imports ``name`` from ``module`` and lists it as a route handler."""
    tree = _parse(source)
    if tree is None or not _imports(tree, module, name):
        return False
    handlers = _route_list(tree)
    return handlers is not None and any(_is_name(e, name) for e in handlers.elts)


def _exports(tree: ast.Module) -> ast.List | ast.Tuple | None:
    value = _assigned(tree, "__all__")
    if isinstance(value, ast.List | ast.Tuple) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
    ):
        return value
    return None


def add_model_export(source: str, module: str, name: str) -> str | None:
    """``db/models/__init__.py`` importing ``name`` from ``module`` and listing it in ``__all__``.

    None when there is no ``__all__`` of strings to add to (or the file does not parse).
    """
    changed = _registered(source, module, name, _exports, f'"{name}"')
    return changed if changed is not None and has_model_export(changed, module, name) else None


def has_model_export(source: str, module: str, name: str) -> bool:
    """True when ``source`` imports ``name`` from ``module`` and lists it in ``__all__``."""
    tree = _parse(source)
    if tree is None or not _imports(tree, module, name):
        return False
    exports = _exports(tree)
    return exports is not None and any(
        isinstance(e, ast.Constant) and e.value == name for e in exports.elts
    )
