"""The parts of a resource's generated test module that depend on its fields.

What the tests send (valid bodies, each invalid value, a change), and how they make what a
reference points to: decided here, printed by ``stencils/<preset>/test.py.jinja``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from litestar_new.add.code import FieldCode
    from litestar_new.add.plan import ResourcePlan, Target

__all__ = ["SuiteCode", "suite_code", "targets"]

_MISSING = "MISSING"
_SERVER_MANAGED = (
    ("id", '"2c9d4b4e-3f0a-4a43-9d39-2f1d8d61e8a5"'),
    ("owner_id", '"2c9d4b4e-3f0a-4a43-9d39-2f1d8d61e8a5"'),
    ("created_at", '"2026-01-02T03:04:05Z"'),
    ("unknown", "1"),
)


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
    needs_user_id: bool
    needs_other_users: bool
    """A unique reference to ``User``: each row refers to a user registered for it."""


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
    return SuiteCode(
        imports=imports,
        body=body,
        invalid_create=invalid_create,
        invalid_update=invalid_update,
        change=change,
        probe=probe,
        make=make,
        needs_user_id=any(t.is_user for t in referred),
        needs_other_users=any(
            f.unique and f.target is not None and f.target.is_user for f in fields
        ),
    )


def targets(fields: list[FieldCode]) -> list[Target]:
    """Each referenced resource once, in the order of the fields."""
    seen: dict[str, Target] = {}
    for f in fields:
        if f.target is not None:
            seen.setdefault(f.target.class_name, f.target)
    return list(seen.values())
