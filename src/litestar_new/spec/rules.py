"""The rules between presets and features: lookup, resolving a request, the test matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import TYPE_CHECKING

from litestar_new.errors import UsageError
from litestar_new.spec.model import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from litestar_new.spec.model import Capability, Feature, Preset, Value

__all__ = [
    "ProjectSpec",
    "capable",
    "declared",
    "feature",
    "find_preset",
    "resolve",
    "valid_combinations",
]


def declared() -> tuple[tuple[Preset, ...], tuple[Feature, ...]]:
    """``PRESETS`` and ``FEATURES`` as the package ``litestar_new.spec`` holds them now.

    Every rule reads the table through here, so that a test that swaps ``spec.FEATURES``
    (a made-up feature) changes what every rule sees.
    """
    from litestar_new import spec  # noqa: PLC0415 - the package imports this module

    return spec.PRESETS, spec.FEATURES


def find_preset(name: str) -> Preset:
    """Return the preset called ``name`` or raise :class:`UsageError` listing the presets."""
    presets, _ = declared()
    for candidate in presets:
        if candidate.name == name.strip().casefold():
            return candidate
    names = [r.name for r in presets]
    msg = f"--preset {name!r} is not a preset; valid choices: {', '.join(names)}{did_you_mean(name, names)}"
    raise UsageError(msg)


def capable(preset: str, capability: Capability) -> bool:
    """Whether projects of the preset called ``preset`` have ``capability`` (see :data:`Capability`).

    An unknown name has no capabilities (a project's answers may name a preset of another template).
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

    preset: str
    features: Mapping[str, Value] = field(default_factory=dict)
    """Only the features the preset offers, every one with a value."""

    def answers(self) -> dict[str, Value]:
        """The template variables that the preset and its features set."""
        return {"preset": self.preset, **self.features}


def resolve(preset: str, chosen: Mapping[str, Value]) -> ProjectSpec:
    """Apply the rules: the preset offers each chosen feature; the rest take the preset's default.

    Args:
        preset: The preset's name.
        chosen: Features the user gave explicitly (flags, ``--set`` or prompts).

    Returns:
        The complete spec.

    Raises:
        UsageError: A feature that the preset does not offer, or a value that is no choice.
    """
    chosen_preset = find_preset(preset)
    features = declared()[1]
    values: dict[str, Value] = {}
    for item in features:
        if item.key in chosen:
            value = chosen[item.key]
            if chosen_preset.name not in item.defaults:
                offered = ", ".join(item.presets)
                msg = (
                    f"{item.flag} is not available on the {chosen_preset.name} preset "
                    f"(it is offered by: {offered}); drop {item.flag} or pick another --preset"
                )
                raise UsageError(msg)
            if value not in item.values:
                item.parse(str(value))  # raises with the list of valid choices
            values[item.key] = value
        elif chosen_preset.name in item.defaults:
            values[item.key] = item.defaults[chosen_preset.name]
    unknown = set(chosen) - {f.key for f in features}
    if unknown:
        msg = f"unknown feature(s): {', '.join(sorted(unknown))}"
        raise UsageError(msg)
    return ProjectSpec(preset=chosen_preset.name, features=values)


def valid_combinations(preset_name: str) -> Iterator[ProjectSpec]:
    """Yield every spec the table allows on one preset (the full generation test matrix)."""
    offered = [f for f in declared()[1] if preset_name in f.defaults]
    for combo in product(*(f.values for f in offered)):
        yield resolve(preset_name, {f.key: v for f, v in zip(offered, combo, strict=True)})
