"""The declaration: every preset and feature once, with what it brings to a generated project.

Prompts, flags, the options reference, the test matrix and ``templates/copier.yml`` (generated
by :mod:`litestar_new.copier_yaml`) all read this table. The files a preset or feature brings
are its overlay folder, ``templates/project/{{ overlay.<name> }}/``, at their generated paths.
"""

from __future__ import annotations

from litestar_new.spec.model import Effects, Feature, Option, Preset, Shared

__all__ = ["DEFAULT_PRESET", "FEATURES", "PRESETS", "SHARED", "SORT_AFTER"]

_DB_DRIVERS = ("aiosqlite>=0.22.1", "asyncpg>=0.32.0")

PRESETS: tuple[Preset, ...] = (
    Preset(
        "script",
        "one app.py with a five-line handler, a test, a pyproject",
        run="uv run litestar run --reload",
        effects=Effects(overlay="script"),
    ),
    Preset(
        "api",
        "a package: app factory, controllers, DTOs, settings, tests",
        capabilities=frozenset({"packaged", "memory_store"}),
        effects=Effects(overlay="api"),
    ),
    Preset(
        "layered",
        "api plus services and repositories on a database, JWT auth, migrations, Docker, CI",
        setup=("uv run {project} database upgrade --no-prompt",),
        capabilities=frozenset({"packaged", "database", "auth", "migrations"}),
        effects=Effects(
            overlay="layered",
            dependencies=(
                "advanced-alchemy>=1.12.0",
                "alembic>=1.20.1",
                "pwdlib[argon2]>=0.3.1",
                "pyjwt>=2.15.1",
                # the comment is written into pyproject.toml
                "sqlalchemy>=2.0.58,<2.1  # advanced-alchemy 1.12 warns on import with 2.1"
                " (12 SADeprecationWarnings)",
                "structlog>=26.1.0",
            ),
            dev_dependencies=(*_DB_DRIVERS, "pytest-asyncio>=1.5.0"),
        ),
    ),
)
"""The presets, in ladder order: ``update`` climbs from one to a later one only."""

DEFAULT_PRESET = "api"
"""The preset of ``new`` without ``--preset``, and copier's default answer."""

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
        effects={
            "sqlite": Effects(dependencies=(_DB_DRIVERS[0],)),
            "postgres": Effects(dependencies=(_DB_DRIVERS[1],)),
        },
    ),
    Feature(
        key="server",
        question="ASGI server",
        help="What `litestar run` serves with; granian was no faster on database routes here.",
        kind="choice",
        options=(
            Option("uvicorn", "uvicorn, the common choice"),
            Option("granian", "granian through litestar-granian (Rust)"),
        ),
        # docs/benchmarks.md, "Generated apps": why uvicorn on every preset
        defaults={"script": "uvicorn", "api": "uvicorn", "layered": "uvicorn"},
        effects={
            "uvicorn": Effects(dependencies=("uvicorn[standard]>=0.54.0",)),
            "granian": Effects(dependencies=("litestar-granian>=0.16.0",)),
        },
    ),
    Feature(
        key="docker",
        question="Dockerfile and compose file",
        help="A small non-root image built with uv, and a compose file to run it.",
        kind="toggle",
        defaults={"api": False, "layered": True},
        effects={True: Effects(overlay="docker")},
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
        effects={"github": Effects(overlay="github_ci")},
    ),
)

SHARED: tuple[Shared, ...] = (
    Shared(
        presets=("script", "api", "layered"),
        effects=Effects(
            overlay="common",
            dependencies=(
                "litestar>=2.25.0",
                "swagger-ui-bundle-v2>=5.31.0,<6  # the docs page's files, served by the app"
                " (works offline)",
            ),
            dev_dependencies=("httpx>=0.28.1", "mypy>=2.4.1", "pytest>=9.2.0", "ruff>=0.17.6"),
        ),
    ),
    Shared(
        presets=("api", "layered"),
        effects=Effects(
            overlay="packaged", dependencies=("msgspec>=0.23.0", "pydantic-settings>=2.16.3")
        ),
    ),
    Shared(presets=("script", "api"), effects=Effects(overlay="simple")),
    Shared(presets=("api",), when={"docker": True}, effects=Effects(overlay="api_docker")),
    Shared(presets=("layered",), when={"docker": True}, effects=Effects(overlay="layered_docker")),
)
"""Effects of more than one preset (``packaged``: api and layered), or of a preset with a
feature value (``api_docker``: the api preset's ``compose.yaml``)."""

SORT_AFTER: dict[str, str] = {"aiosqlite": "advanced-alchemy", "asyncpg": "advanced-alchemy"}
"""Dependencies are listed alphabetically by name; these follow the named one instead."""
