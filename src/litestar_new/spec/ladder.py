"""Climbing rules: ``update`` moves a project up the ladder of presets, never down.

The ladder is the order of :data:`~litestar_new.spec.table.PRESETS`. What a climb keeps of the
recorded answers follows from the table's defaults.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litestar_new.errors import UsageError
from litestar_new.spec.rules import declared
from litestar_new.spec.table import PRESETS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from litestar_new.spec.model import Value

__all__ = ["LADDER", "carried_features", "climb_check", "recorded_preset"]

LADDER: tuple[str, ...] = tuple(r.name for r in PRESETS)
"""The preset names from the lowest to the highest."""


def recorded_preset(answers: Mapping[str, Any]) -> str:
    """The preset an answers file records, or raise :class:`UsageError` for an unknown one."""
    name = str(answers.get("preset", ""))
    if name not in LADDER:
        msg = f"the answers file records the preset {name!r}, which this litestar-new does not know"
        raise UsageError(msg)
    return name


def climb_check(old: str, new: str) -> None:
    """Raise :class:`UsageError` when going from preset ``old`` to ``new`` goes down the ladder."""
    if LADDER.index(new) < LADDER.index(old):
        msg = (
            f"--preset {new} goes down the ladder from {old}; update only climbs "
            f"({' -> '.join(LADDER)})"
        )
        raise UsageError(msg)


def carried_features(
    answers: Mapping[str, Any], given: Mapping[str, Value], old: str, new: str
) -> tuple[dict[str, Value], dict[str, str]]:
    """The features for the new answers, and where each value comes from.

    On the same preset every recorded value stays. Climbing, a recorded value stays only where
    it was a choice (it differs from the old preset's default); a default follows the preset, so
    that ``update --preset api`` on a script project gives what ``new --preset api`` would, plus
    the choices made. Given values always win.
    """
    features: dict[str, Value] = {}
    origin: dict[str, str] = {}
    for item in declared()[1]:
        if item.key in given:
            features[item.key], origin[item.key] = given[item.key], "given"
        elif item.key not in answers or new not in item.defaults:
            continue
        elif new == old or answers[item.key] != item.defaults.get(old):
            features[item.key], origin[item.key] = answers[item.key], "kept: your choice"
    return features, origin
