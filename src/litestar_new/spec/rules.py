"""The rules between presets and features: lookup, resolving a request, the test matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import TYPE_CHECKING

from litestar_new.errors import UsageError
from litestar_new.spec.model import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from litestar_new.spec.model import Capability, Feature, Rung, Value

__all__ = [
    "ProjectSpec",
    "capable",
    "declared",
    "feature",
    "resolve",
    "rung",
    "valid_combinations",
]


def declared() -> tuple[tuple[Rung, ...], tuple[Feature, ...]]:
    """``RUNGS`` and ``FEATURES`` as the package ``litestar_new.spec`` holds them now.

    Every rule reads the table through here, so that a test that swaps ``spec.FEATURES``
    (a made-up feature) changes what every rule sees.
    """
    from litestar_new import spec  # noqa: PLC0415 - the package imports this module

    return spec.RUNGS, spec.FEATURES


def find_preset(name: str) -> Rung:
    """Return the rung called ``name`` or raise :class:`UsageError` listing the rungs."""
    rungs, _ = declared()
    for candidate in rungs:
        if candidate.name == name.strip().casefold():
            return candidate
    names = [r.name for r in rungs]
    msg = f"--preset {name!r} is not a rung; valid choices: {', '.join(names)}{did_you_mean(name, names)}"
    raise UsageError(msg)


def capable(preset: str, capability: Capability) -> bool:
    """Whether projects of the rung called ``preset`` have ``capability`` (see :data:`Capability`).

    An unknown name has no capabilities (a project's answers may name a rung of another template).
    """
    for candidate in declared()[0]:
        if candidate.name == preset:
            return capability in candidate.capabilities
    return False


def feature(key: str) -> Feature:
    """Return the feature called ``key`` or raise :class:`KeyError`."""
    for candidate in declared()[1]:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


@dataclass(frozen=True)
class ProjectSpec:
    """What the user asked for, complete and consistent: the input of rendering."""

    rung: str
    features: Mapping[str, Value] = field(default_factory=dict)
    """Only the features the rung offers, every one with a value."""

    def answers(self) -> dict[str, Value]:
        """The template variables that the rung and its features set."""
        return {"preset": self.rung, **self.features}


def resolve(preset: str, chosen: Mapping[str, Value]) -> ProjectSpec:
    """Apply the rules: the rung offers each chosen feature; the rest take the rung's default.

    Args:
        preset: The rung's name.
        chosen: Features the user gave explicitly (flags, ``--set`` or prompts).

    Returns:
        The complete spec.

    Raises:
        UsageError: A feature that the rung does not offer, or a value that is no choice.
    """
    chosen_rung = find_preset(preset)
    features = declared()[1]
    values: dict[str, Value] = {}
    for item in features:
        if item.key in chosen:
            value = chosen[item.key]
            if chosen_rung.name not in item.defaults:
                offered = ", ".join(item.rungs)
                msg = (
                    f"{item.flag} is not available on the {chosen_rung.name} rung "
                    f"(it is offered by: {offered}); drop {item.flag} or pick another --preset"
                )
                raise UsageError(msg)
            if value not in item.values:
                item.parse(str(value))  # raises with the list of valid choices
            values[item.key] = value
        elif chosen_rung.name in item.defaults:
            values[item.key] = item.defaults[chosen_rung.name]
    unknown = set(chosen) - {f.key for f in features}
    if unknown:
        msg = f"unknown feature(s): {', '.join(sorted(unknown))}"
        raise UsageError(msg)
    return ProjectSpec(rung=chosen_rung.name, features=values)


def valid_combinations(rung_name: str) -> Iterator[ProjectSpec]:
    """Yield every spec the table allows on one rung (the full generation test matrix)."""
    offered = [f for f in declared()[1] if rung_name in f.defaults]
    for combo in product(*(f.values for f in offered)):
        yield resolve(rung_name, {f.key: v for f, v in zip(offered, combo, strict=True)})
