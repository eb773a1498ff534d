"""The rungs, the features and their rules: the one table everything else is derived from.

Prompts, command-line flags, the options reference in ``docs/`` and the test matrix all read
:data:`RUNGS` and :data:`FEATURES`. :func:`resolve` is the single home of the rules between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import TYPE_CHECKING, Literal

from litestar_new.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = [
    "FEATURES",
    "RUNGS",
    "Capability",
    "Feature",
    "Option",
    "ProjectSpec",
    "Rung",
    "Value",
    "capable",
    "did_you_mean",
    "feature",
    "resolve",
    "rung",
    "valid_combinations",
]

Capability = Literal["packaged", "memory_store", "database", "auth", "migrations"]
"""What a rung's projects have: ``packaged`` (a package under ``src/``), ``memory_store`` (resources
kept in memory), ``database`` (services and repositories on a database), ``auth`` (JWT accounts),
``migrations`` (Alembic)."""

Value = str | bool
"""A feature's value: a choice's name, or a boolean for a toggle."""


def did_you_mean(given: str, choices: Iterable[str]) -> str:
    """``; did you mean 'uvicorn'?`` for a value close to one of ``choices``, else ``""``."""
    import difflib  # noqa: PLC0415 - only on an error: kept off the start-up path

    close = difflib.get_close_matches(given.strip().casefold(), list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


@dataclass(frozen=True)
class Rung:
    """One rung of the ladder (``--preset``)."""

    name: str
    """The value of ``--preset`` and of the template variable ``preset``."""
    summary: str
    """One line shown beside the choice in prompts, help and docs."""
    run: str = "uv run {project} run --reload"
    """How the generated project is served (``{project}`` is the distribution name)."""
    setup: tuple[str, ...] = ()
    """Commands to run once before the first ``run`` (after ``uv sync``)."""
    capabilities: frozenset[Capability] = frozenset()
    """What the rung's projects have; code asks :func:`capable` instead of comparing names."""


@dataclass(frozen=True)
class Option:
    """One choice of a :class:`Feature` with ``kind == "choice"``."""

    value: str
    """What the user types (``--db postgres``)."""
    help: str
    """One line shown beside the choice."""


@dataclass(frozen=True)
class Feature:
    """A toggle or a choice that some rungs allow."""

    key: str
    """The template variable, the key of ``--set KEY=VALUE`` and of the answers file."""
    question: str
    """The question asked interactively."""
    help: str
    """One-line help: the prompt's instruction, the flag's help and the docs' description."""
    kind: Literal["choice", "toggle"]
    defaults: Mapping[str, Value]
    """Default per rung. A rung that is not a key here does not offer the feature."""
    options: tuple[Option, ...] = ()
    """The choices of a ``choice`` feature; empty for a toggle."""

    def __post_init__(self) -> None:
        """Reject a table entry that contradicts itself."""
        if self.kind == "choice":
            names = [o.value for o in self.options]
            if len(names) < 2 or len(set(names)) != len(names):
                msg = f"feature {self.key!r} needs two or more distinct options"
                raise ValueError(msg)
            for rung_name, default in self.defaults.items():
                if default not in names:
                    msg = f"feature {self.key!r}: default {default!r} for {rung_name} is no option"
                    raise ValueError(msg)
        elif self.options or not all(isinstance(v, bool) for v in self.defaults.values()):
            msg = f"toggle {self.key!r} takes boolean defaults and no options"
            raise ValueError(msg)

    @property
    def flag(self) -> str:
        """The command-line flag, ``--db`` for ``db``."""
        return "--" + self.key.replace("_", "-")

    @property
    def rungs(self) -> tuple[str, ...]:
        """The rungs that offer this feature, in ladder order."""
        return tuple(r.name for r in RUNGS if r.name in self.defaults)

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


RUNGS: tuple[Rung, ...] = (
    Rung(
        "script",
        "one app.py with a five-line handler, a test, a pyproject",
        run="uv run litestar run --reload",
    ),
    Rung(
        "api",
        "a package: app factory, controllers, DTOs, settings, tests",
        capabilities=frozenset({"packaged", "memory_store"}),
    ),
    Rung(
        "layered",
        "api plus services and repositories on a database, JWT auth, migrations, Docker, CI",
        setup=("uv run {project} database upgrade --no-prompt",),
        capabilities=frozenset({"packaged", "database", "auth", "migrations"}),
    ),
)

FEATURES: tuple[Feature, ...] = (
    Feature(
        key="db",
        question="Database engine",
        help="SQLite needs nothing installed; PostgreSQL reads DATABASE_URL (asyncpg).",
        kind="choice",
        options=(
            Option("sqlite", "SQLite through aiosqlite, a file in the project"),
            Option("postgres", "PostgreSQL through asyncpg"),
        ),
        defaults={"layered": "sqlite"},
    ),
    Feature(
        key="server",
        question="ASGI server",
        help="What `litestar run` serves with; granian matched uvicorn on database routes here.",
        kind="choice",
        options=(
            Option("uvicorn", "uvicorn, the common choice"),
            Option("granian", "granian through litestar-granian (Rust)"),
        ),
        # docs/benchmarks.md, "Generated apps": why uvicorn on every rung
        defaults={"script": "uvicorn", "api": "uvicorn", "layered": "uvicorn"},
    ),
    Feature(
        key="docker",
        question="Dockerfile and compose file",
        help="A small non-root image built with uv, and a compose file to run it.",
        kind="toggle",
        defaults={"api": False, "layered": True},
    ),
    Feature(
        key="ci",
        question="Continuous integration",
        help="A workflow that runs lint, type checks and the tests on every push.",
        kind="choice",
        options=(
            Option("github", "GitHub Actions"),
            Option("none", "no CI files"),
        ),
        defaults={"script": "none", "api": "github", "layered": "github"},
    ),
)


def rung(name: str) -> Rung:
    """Return the rung called ``name`` or raise :class:`UsageError` listing the rungs."""
    for candidate in RUNGS:
        if candidate.name == name.strip().casefold():
            return candidate
    names = [r.name for r in RUNGS]
    msg = f"--preset {name!r} is not a rung; valid choices: {', '.join(names)}{did_you_mean(name, names)}"
    raise UsageError(msg)


def capable(preset: str, capability: Capability) -> bool:
    """Whether projects of the rung called ``preset`` have ``capability`` (see :data:`Capability`).

    An unknown name has no capabilities (a project's answers may name a rung of another template).
    """
    for candidate in RUNGS:
        if candidate.name == preset:
            return capability in candidate.capabilities
    return False


def feature(key: str) -> Feature:
    """Return the feature called ``key`` or raise :class:`KeyError`."""
    for candidate in FEATURES:
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
    chosen_rung = rung(preset)
    values: dict[str, Value] = {}
    for item in FEATURES:
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
    unknown = set(chosen) - {f.key for f in FEATURES}
    if unknown:
        msg = f"unknown feature(s): {', '.join(sorted(unknown))}"
        raise UsageError(msg)
    return ProjectSpec(rung=chosen_rung.name, features=values)


def valid_combinations(rung_name: str) -> Iterator[ProjectSpec]:
    """Yield every spec the table allows on one rung (the full generation test matrix)."""
    offered = [f for f in FEATURES if rung_name in f.defaults]
    for combo in product(*(f.values for f in offered)):
        yield resolve(rung_name, {f.key: v for f, v in zip(offered, combo, strict=True)})
