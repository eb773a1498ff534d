"""The parts of a resource's generated test module that depend on its fields.

What the tests send (valid bodies, each invalid value, a change), how they make what a
reference points to, and which tests and helpers there are: decided here, printed by
``stencils/<preset>/test.py.jinja``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from litestar_new.add.plan import ResourcePlan
    from litestar_new.add.references import Target
    from litestar_new.add.snippets import FieldCode

__all__ = ["RefTests", "SuiteCode", "UniqueTests", "once", "python_tuple", "suite_code", "targets"]

_MISSING = "MISSING"
_SERVER_MANAGED = (
    ("id", '"2c9d4b4e-3f0a-4a43-9d39-2f1d8d61e8a5"'),
    ("owner_id", '"2c9d4b4e-3f0a-4a43-9d39-2f1d8d61e8a5"'),
    ("created_at", '"2026-01-02T03:04:05Z"'),
    ("unknown", "1"),
)


def once(present: bool) -> list[bool]:
    """A block the stencils print once when ``present`` and not at all otherwise.

    The stencils only loop and print: ``{% for _ in block %}...{% endfor %}``.
    """
    return [True] if present else []


def python_tuple(values: Iterable[str]) -> str:
    """A tuple literal of strings: ``("a",)``, ``("a", "b")``."""
    items = [f'"{v}"' for v in values]
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


@dataclass(frozen=True)
class RefTests:
    """The layered tests of one reference beyond the unknown id (each list: empty or one)."""

    theirs: list[str]
    """An expression making another user's row to refer to (when rows are owned)."""
    cleared: list[str]
    """The referred collection's URL, when removing the row clears an optional reference."""
    kept: list[str]
    """The referred collection's URL, when the row cannot be removed (a required reference)."""


@dataclass(frozen=True)
class UniqueTests:
    """The layered test of one unique field."""

    fixtures: str
    """The test's parameters."""
    other_owner: list[bool]
    """Once when another owner may use the same value (a unique reference varies by itself)."""


@dataclass(frozen=True)
class SuiteCode:
    """The parts of the generated test module that depend on the fields."""

    imports: list[str]
    body: list[tuple[str, str]]
    """The default body: key -> expression (may await, in the layered preset)."""
    invalid_create: list[tuple[str, str, str]]
    """``(test id, key, value expression)`` that POST must answer with 400."""
    invalid_update: list[tuple[str, str, str]]
    change: tuple[str, str]
    """A field and a new valid value, for the update test."""
    probe: tuple[str, str]
    """A field and a valid value for a PATCH body that must not get past 403 or 404."""
    make: dict[str, str]
    """Per referenced resource: an expression that makes one for ``{who}`` (layered)."""
    itertools_import: list[str]
    helpers_import: str
    """What the layered tests import from ``tests.helpers``."""
    constants: list[str]
    """The module's constants after ``MISSING``: optional keys and counters."""
    user_id_helper: list[bool]
    another_user_helper: list[bool]
    """Once for a unique reference to ``User``: each row refers to a user registered for it."""
    body_note: str
    body_setup: list[str]
    optional_tests: list[bool]
    ref_tests: list[tuple[FieldCode, RefTests]]
    unique_tests: list[tuple[FieldCode, UniqueTests]]


def _make(target: Target, *, layered: bool, who: str) -> str:
    """An expression that makes one ``target`` in a test and gives its JSON."""
    assert target.helper is not None  # noqa: S101 - resolved by the plan
    arguments = ["client", who] if layered else ["client"]
    call = f"{target.helper.function}({', '.join(arguments)})"
    return f"await {call}" if layered else call


def _ref_value(target: Target, *, layered: bool, who: str, unique: bool = False) -> str:
    if target.is_user:
        # a unique reference to a user needs another user for every row
        return "await _another_user_id(client)" if unique else f"await _user_id(client, {who})"
    made = _make(target, layered=layered, who=who)
    return f'({made})["id"]' if layered else f'{made}["id"]'


def suite_code(plan: ResourcePlan, fields: list[FieldCode]) -> SuiteCode:
    """What the test template prints for these fields."""
    layered = plan.layered
    who = "headers"
    body = []
    for f in fields:
        if f.target is not None:
            value = _ref_value(f.target, layered=layered, who=who, unique=f.unique)
            body.append((f.key, value))
        else:
            body.append((f.key, f.nth if f.unique else f.sample))
    invalid_create: list[tuple[str, str, str]] = []
    invalid_update: list[tuple[str, str, str]] = []
    for f in fields:
        if not f.optional:
            invalid_create.append((f"{f.test_id}-missing", f.key, _MISSING))
            invalid_update.append((f"{f.test_id}-null", f.key, "None"))
        for suffix, expr in f.invalid:
            invalid_create.append((f"{f.test_id}-{suffix}", f.key, expr))
            invalid_update.append((f"{f.test_id}-{suffix}", f.key, expr))
    for key, expr in _SERVER_MANAGED:
        if key == "owner_id" and not plan.owned:
            continue
        case = (key.replace("_", "-") + ("-field" if key == "unknown" else ""), key, expr)
        invalid_create.append(case)
        invalid_update.append(case)
    plain = next((f for f in fields if f.target is None and f.kind is not None), None)
    if plain is not None:
        change = (plain.key, plain.other)
        probe = (plain.key, plain.other)
    else:
        first = fields[0]
        assert first.target is not None  # noqa: S101 - no plain field: all are references
        change = (
            first.key,
            _ref_value(first.target, layered=layered, who="alice" if layered else ""),
        )
        probe = (first.key, "str(uuid4())")
    referred = targets(fields)
    imports = sorted(
        {
            f"from {t.helper.module} import {t.helper.function}"
            for t in referred
            if t.helper is not None
        }
    )
    make = {t.class_name: _make(t, layered=layered, who="{who}") for t in referred if t.helper}
    numbered = any(f.unique and not f.is_ref for f in fields)  # the tests vary them per row
    optionals = [f.key for f in fields if f.optional]
    other_users = any(f.unique and f.target is not None and f.target.is_user for f in fields)
    constants = [f"OPTIONAL = {python_tuple(optionals)}"] if optionals else []
    constants += ["_numbers = itertools.count(1)"] if numbered else []
    constants += ["_users = itertools.count(1)"] if other_users else []
    return SuiteCode(
        imports=imports,
        body=body,
        invalid_create=invalid_create,
        invalid_update=invalid_update,
        change=change,
        probe=probe,
        make=make,
        itertools_import=["import itertools"] if numbered or other_users else [],
        helpers_import="Client, auth_headers" if other_users else "Client",
        constants=constants,
        user_id_helper=once(any(t.is_user for t in referred)),
        another_user_helper=once(other_users),
        body_note="; unique fields differ per call" if numbered else "",
        body_setup=["n = next(_numbers)"] if numbered else [],
        optional_tests=once(bool(optionals)),
        ref_tests=[(f, _ref_tests(f, make)) for f in fields if f.is_ref],
        unique_tests=[(f, _unique_tests(f)) for f in fields if f.unique],
    )


def _ref_tests(f: FieldCode, make: dict[str, str]) -> RefTests:
    target = f.target
    assert target is not None  # noqa: S101 - references only
    return RefTests(
        theirs=[make[target.class_name].format(who="bob")] if target.owned else [],
        cleared=[target.url] if target.url and f.optional else [],
        kept=[target.url] if target.url and not f.optional else [],
    )


def _unique_tests(f: FieldCode) -> UniqueTests:
    fixtures = "client: Client, alice: dict[str, str]"
    if not f.is_ref:
        fixtures += ", bob: dict[str, str]"
    return UniqueTests(fixtures=fixtures, other_owner=once(not f.is_ref))


def targets(fields: list[FieldCode]) -> list[Target]:
    """Each referenced resource once, in the order of the fields."""
    seen: dict[str, Target] = {}
    for f in fields:
        if f.target is not None:
            seen.setdefault(f.target.class_name, f.target)
    return list(seen.values())
