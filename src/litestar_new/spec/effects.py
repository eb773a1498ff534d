"""Who brings what: every preset, feature value and shared part as one condition with effects.

:mod:`litestar_new.copier_yaml` turns :func:`sources` into copier's hidden variables; the
functions here compute the same selection in Python for one :class:`ProjectSpec` (the tests
hold the two in step).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from litestar_new.spec.model import Shared
from litestar_new.spec.rules import declared
from litestar_new.spec.table import SHARED, SORT_AFTER

if TYPE_CHECKING:
    from litestar_new.spec.rules import ProjectSpec

__all__ = ["ListKey", "list_lines", "overlays", "requirement_line", "sort_key", "sources"]

ListKey = Literal["dependencies", "dev_dependencies", "env", "services", "ci_steps"]
"""The lists of :class:`Effects` that shared files loop over."""


def sources() -> tuple[Shared, ...]:
    """Every owner of effects as a condition: presets, then feature values, then shared parts."""
    presets, features = declared()
    found = [Shared(presets=(r.name,), effects=r.effects) for r in presets]
    for item in features:
        for value, effects in item.effects.items():
            found.append(Shared(presets=item.presets, when={item.key: value}, effects=effects))
    return (*found, *SHARED)


def _applies(source: Shared, spec: ProjectSpec) -> bool:
    if spec.preset not in source.presets:
        return False
    return all(spec.features.get(key) == value for key, value in source.when.items())


def overlays(spec: ProjectSpec) -> list[str]:
    """The overlay folders rendered for ``spec``, in :func:`sources` order."""
    return [s.effects.overlay for s in sources() if s.effects.overlay and _applies(s, spec)]


def _name(requirement: str) -> str:
    found = re.match(r"[A-Za-z0-9._-]+", requirement)
    return found.group(0).lower() if found else requirement


def sort_key(requirement: str) -> tuple[str, ...]:
    """Alphabetical by distribution name, except the names :data:`SORT_AFTER` places."""
    name = _name(requirement)
    return (SORT_AFTER[name], name) if name in SORT_AFTER else (name,)


def requirement_line(requirement: str) -> str:
    """A ``pyproject.toml`` list item: ``"req  # why"`` becomes ``"req",  # why``."""
    text, _, comment = requirement.partition("  # ")
    line = f'"{text}",'
    return f"{line}  # {comment}" if comment else line


def list_lines(spec: ProjectSpec, key: ListKey) -> list[str]:
    """What ``spec`` puts in one list: requirement lines sorted, the others in table order."""
    items: list[str] = []
    for source in sources():
        if _applies(source, spec):
            items.extend(getattr(source.effects, key))
    if key in {"dependencies", "dev_dependencies"}:
        return [requirement_line(r) for r in sorted(items, key=sort_key)]
    return items
