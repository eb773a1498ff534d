"""A feature is one declaration entry plus its overlay folder: the worked example of
docs/architecture.md (a hypothetical ``redis`` toggle), rendered by plain copier."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from litestar_new import copier_yaml, spec
from litestar_new.spec import FEATURES, Effects, Feature
from litestar_new.store import bundled_template

if TYPE_CHECKING:
    from pathlib import Path

REDIS = Feature(
    key="redis",
    question="Redis cache",
    help="A Redis service and a client for caching.",
    kind="toggle",
    defaults={"api": False, "layered": False},
    effects={
        True: Effects(
            overlay="redis",
            dependencies=("redis>=5.2.0",),
            env=("# Redis for the cache", "REDIS_URL=redis://127.0.0.1:6379/0"),
            services=("redis:\n  image: redis:7\n  restart: unless-stopped",),
            ci_steps=("- run: echo redis is declared",),
        )
    },
)


@pytest.fixture
def template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled template with the redis toggle declared, its copier.yml regenerated."""
    monkeypatch.setattr(spec, "FEATURES", (*FEATURES, REDIS))
    folder = tmp_path / "template"
    shutil.copytree(bundled_template(), folder)
    (folder / "copier.yml").write_text(copier_yaml.render_copier_yaml(), encoding="utf-8")
    cache = folder / "project" / "{{ overlay.redis }}" / "src" / "{{package_name}}" / "cache.py"
    cache.parent.mkdir(parents=True)
    cache.write_text('"""The Redis client."""\n', encoding="utf-8")
    return folder


@pytest.mark.parametrize("preset", ["api", "layered"])
def test_a_declared_toggle_brings_its_files_and_list_entries(
    template: Path, tmp_path: Path, preset: str
) -> None:
    from copier import run_copy

    out = tmp_path / "out"
    data = {"project_name": "demo", "preset": preset, "redis": True, "docker": True}
    run_copy(str(template), out, data=data, defaults=True, quiet=True)
    assert (out / "src" / "demo" / "cache.py").is_file()
    pyproject = (out / "pyproject.toml").read_text()
    listed = pyproject.split("dependencies = [\n", 1)[1].split("]\n", 1)[0].splitlines()
    assert '  "redis>=5.2.0",' in listed
    assert listed.index('  "redis>=5.2.0",') == listed.index('  "pydantic-settings>=2.16.3",') + (
        2 if preset == "layered" else 1  # after pyjwt on layered
    )
    env = (out / ".env.example").read_text()
    assert env.endswith("\n# Redis for the cache\nREDIS_URL=redis://127.0.0.1:6379/0\n")
    compose = (out / "compose.yaml").read_text()
    assert "\n\n  redis:\n    image: redis:7\n    restart: unless-stopped\n" in compose
    workflow = (out / ".github" / "workflows" / "ci.yml").read_text()
    last_step = "\n      - run: echo redis is declared\n"
    assert workflow.endswith(
        ("      - run: uv run pytest" + last_step, "base --no-prompt" + last_step)
    )
    answers = (out / ".copier-answers.yml").read_text()
    assert "redis: true" in answers
    assert "overlay" not in answers
    assert "dependencies" not in answers


def test_a_toggle_left_off_brings_nothing(template: Path, tmp_path: Path) -> None:
    from copier import run_copy

    out = tmp_path / "out"
    run_copy(str(template), out, data={"project_name": "demo"}, defaults=True, quiet=True)
    assert not (out / "src" / "demo" / "cache.py").exists()
    assert "redis" not in (out / "pyproject.toml").read_text()
    assert "REDIS" not in (out / ".env.example").read_text()
