"""The presets (presets), the features and their rules: the one declaration everything is derived from.

Prompts, command-line flags, the options reference in ``docs/``, the test matrix and the
template's ``copier.yml`` all read :data:`PRESETS` and :data:`FEATURES`. The modules:

- :mod:`~litestar_new.spec.model`: the shapes (:class:`Preset`, :class:`Feature`, :class:`Effects`);
- :mod:`~litestar_new.spec.table`: the declaration itself;
- :mod:`~litestar_new.spec.rules`: :func:`resolve` and the lookups;
- :mod:`~litestar_new.spec.effects`: which overlays and list entries a spec selects;
- :mod:`~litestar_new.spec.ladder`: the climbing rules of ``update``.
"""

from litestar_new.spec.ladder import LADDER, carried_features, climb_check, recorded_preset
from litestar_new.spec.model import (
    Capability,
    Effects,
    Feature,
    Option,
    Preset,
    Shared,
    Value,
    did_you_mean,
)
from litestar_new.spec.rules import (
    ProjectSpec,
    capable,
    feature,
    find_preset,
    resolve,
    valid_combinations,
)
from litestar_new.spec.table import DEFAULT_PRESET, FEATURES, PRESETS, SHARED

__all__ = [
    "DEFAULT_PRESET",
    "FEATURES",
    "LADDER",
    "PRESETS",
    "SHARED",
    "Capability",
    "Effects",
    "Feature",
    "Option",
    "Preset",
    "ProjectSpec",
    "Shared",
    "Value",
    "capable",
    "carried_features",
    "climb_check",
    "did_you_mean",
    "feature",
    "find_preset",
    "recorded_preset",
    "resolve",
    "valid_combinations",
]
