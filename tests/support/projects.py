"""Render generated projects for tests, and run commands in them."""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import sys
import tomllib
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from litestar_new.core.render import render
from litestar_new.new.plan import Request, plan_project
from litestar_new.new.steps import find_uv
from litestar_new.spec import PRESETS, ProjectSpec, valid_combinations
from litestar_new.store import register

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

UV = find_uv() or "uv"
PYTHON = sys.executable


def spec_id(spec: ProjectSpec) -> str:
    parts = [spec.preset]
    for key, value in spec.features.items():
        shown = ("yes" if value else "no") if isinstance(value, bool) else value
        parts.append(f"{key}={shown}")
    return "-".join(parts)


MATRIX: list[ProjectSpec] = [spec for r in PRESETS for spec in valid_combinations(r.name)]


def render_spec(spec: ProjectSpec, parent: Path, name: str = "demo", **texts: str) -> Path:
    """Render ``spec`` into ``parent/name`` the way the CLI does (no install, no git)."""
    request = Request(
        name=name, preset=spec.preset, features=dict(spec.features), texts=texts, cwd=parent
    )
    plan = plan_project(request, default_preset=spec.preset)
    render(register(), plan.answers, plan.target)
    return plan.target


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for commands run inside a generated project."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT"}
    }
    env.update({"UV_PYTHON_DOWNLOADS": "never", "NO_COLOR": "1"})
    env.update(extra)
    return env


def run(
    args: list[str],
    cwd: Path,
    timeout: float = 600,
    env: dict[str, str] | None = None,
    **extra: str,
) -> subprocess.CompletedProcess[str]:
    """Run a command; on failure, the assertion message carries its output."""
    result = subprocess.run(
        args,
        cwd=cwd,
        env=clean_env(**(env or {}), **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    return result


def dependencies(project: Path) -> list[str]:
    """The project's runtime and dev requirements, from its pyproject.toml."""
    data: dict[str, Any] = tomllib.loads((project / "pyproject.toml").read_text())
    requirements = list(data["project"].get("dependencies", []))
    for group in data.get("dependency-groups", {}).values():
        requirements.extend(r for r in group if isinstance(r, str))
    return requirements


@contextmanager
def locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_venv(root: Path, requirements: list[str]) -> Path:
    """A virtual environment with ``requirements``, made once for all test workers."""
    digest = hashlib.sha256("\n".join(sorted(set(requirements))).encode()).hexdigest()[:12]
    venv = root / f"venv-{digest}"
    with locked(root / f"venv-{digest}.lock"):
        if not (venv / "ready").exists():
            run([UV, "venv", "--quiet", "--python", PYTHON, str(venv)], cwd=root)
            run(
                [
                    UV,
                    "pip",
                    "install",
                    "--quiet",
                    "--python",
                    str(venv / "bin" / "python"),
                    *sorted(set(requirements)),
                ],
                cwd=root,
            )
            (venv / "ready").write_text("")
    return venv
