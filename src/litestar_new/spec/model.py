"""The shapes of the declaration: presets (:class:`Preset`), features, their options and effects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from litestar_new.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "Capability",
    "Effects",
    "Feature",
    "Option",
    "Preset",
    "Shared",
    "Value",
    "did_you_mean",
]

Capability = Literal["packaged", "memory_store", "database", "auth", "migrations"]
"""What a preset's projects have: ``packaged`` (a package under ``src/``), ``memory_store`` (resources
kept in memory), ``database`` (services and repositories on a database), ``auth`` (JWT accounts),
``migrations`` (Alembic)."""

Value = str | bool
"""A feature's value: a choice's name, or a boolean for a toggle."""


def did_you_mean(given: str, choices: Iterable[str]) -> str:
    """``; did you mean 'uvicorn'?`` for a value close to one of ``choices``, else ``""``."""
    import difflib  # noqa: PLC0415 - only on an error: kept off the start-up path

    close = difflib.get_close_matches(given.strip().casefold(), list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class Effects(NamedTuple):
    """What a preset, a feature's value or a shared part brings to a generated project.

    ``copier_yaml`` turns these into the template's hidden computed variables: the overlay
    folders that are rendered, and the lists that shared files loop over.
    """

    overlay: str = ""
    """The overlay folder ``templates/project/{{ overlay.<name> }}/`` holding the files it brings,
    at their generated paths; empty for none."""
    dependencies: tuple[str, ...] = ()
    """``pyproject.toml`` ``[project] dependencies``; ``"req  # why"`` keeps a comment."""
    dev_dependencies: tuple[str, ...] = ()
    """``pyproject.toml`` ``[dependency-groups] dev``, written like :attr:`dependencies`."""
    env: tuple[str, ...] = ()
    """Lines added at the end of ``.env.example`` (packaged presets)."""
    services: tuple[str, ...] = ()
    """Compose services added to ``compose.yaml``: each a YAML block, indented as a service."""
    ci_steps: tuple[str, ...] = ()
    """Steps added to the CI workflow's test job, each a YAML list item (``- run: ...``)."""


@dataclass(frozen=True)
class Shared:
    """Effects that no single preset or feature value owns: they apply where a condition holds."""

    presets: tuple[str, ...]
    """The presets it applies to."""
    when: Mapping[str, Value] = field(default_factory=dict)
    """Feature values it also needs (``{"docker": True}``); empty for none."""
    effects: Effects = field(default_factory=Effects)


class Preset(NamedTuple):
    """One preset of the ladder (``--preset``)."""

    name: str
    """The value of ``--preset`` and of the template variable ``preset``."""
    summary: str
    """One line shown beside the choice in prompts, help and docs."""
    run: str = "uv run {project} run --reload"
    """How the generated project is served (``{project}`` is the distribution name)."""
    setup: tuple[str, ...] = ()
    """Commands to run once before the first ``run`` (after ``uv sync``)."""
    capabilities: frozenset[Capability] = frozenset()
    """What the preset's projects have; code asks :func:`capable` instead of comparing names."""
    effects: Effects = Effects()  # a NamedTuple's default is shared: Effects is immutable
    """The files, dependencies and settings every project of the preset gets."""


class Option(NamedTuple):
    """One choice of a :class:`Feature` with ``kind == "choice"``."""

    value: str
    """What the user types (``--db postgres``)."""
    help: str
    """One line shown beside the choice."""


@dataclass(frozen=True)
class Feature:
    """A toggle or a choice that some presets allow."""

    key: str
    """The template variable, the key of ``--set KEY=VALUE`` and of the answers file."""
    question: str
    """The question asked interactively."""
    help: str
    """One-line help: the prompt's instruction, the flag's help and the docs' description."""
    kind: Literal["choice", "toggle"]
    defaults: Mapping[str, Value]
    """Default per preset. A preset that is not a key here does not offer the feature."""
    options: tuple[Option, ...] = ()
    """The choices of a ``choice`` feature; empty for a toggle."""
    effects: Mapping[Value, Effects] = field(default_factory=dict)
    """What each value brings (a toggle's ``True``, a choice's option), on presets offering it."""

    def __post_init__(self) -> None:
        """Reject a table entry that contradicts itself."""
        if self.kind == "choice":
            names = [o.value for o in self.options]
            if len(names) < 2 or len(set(names)) != len(names):
                msg = f"feature {self.key!r} needs two or more distinct options"
                raise ValueError(msg)
            for preset_name, default in self.defaults.items():
                if default not in names:
                    msg = (
                        f"feature {self.key!r}: default {default!r} for {preset_name} is no option"
                    )
                    raise ValueError(msg)
        elif self.options or not all(isinstance(v, bool) for v in self.defaults.values()):
            msg = f"toggle {self.key!r} takes boolean defaults and no options"
            raise ValueError(msg)
        if unknown := [v for v in self.effects if v not in self.values]:
            msg = f"feature {self.key!r}: effects for {unknown!r}, which is no value"
            raise ValueError(msg)

    @property
    def flag(self) -> str:
        """The command-line flag, ``--db`` for ``db``."""
        return "--" + self.key.replace("_", "-")

    @property
    def presets(self) -> tuple[str, ...]:
        """The presets that offer this feature, in ladder order."""
        from litestar_new.spec.rules import declared  # noqa: PLC0415 - it imports this module

        return tuple(r.name for r in declared()[0] if r.name in self.defaults)

    @property
    def values(self) -> tuple[Value, ...]:
        """Every value the feature can take."""
        if self.kind == "toggle":
            return (True, False)
        return tuple(o.value for o in self.options)

    def parse(self, raw: str) -> Value:
        """Turn text from ``--set`` or a flag into a value, or raise :class:`UsageError`."""
        if self.kind == "toggle":
            lowered = raw.strip().lower()
            if lowered in {"1", "true", "yes", "y", "on"}:
                return True
            if lowered in {"0", "false", "no", "n", "off"}:
                return False
            msg = f"{self.flag} takes yes or no (true/false), not {raw!r}"
            raise UsageError(msg)
        names = [str(v) for v in self.values]
        if (folded := raw.strip().casefold()) not in names:
            msg = (
                f"{self.flag} {raw!r} is not a choice; valid choices: {', '.join(names)}"
                f"{did_you_mean(raw, names)}"
            )
            raise UsageError(msg)
        return folded
