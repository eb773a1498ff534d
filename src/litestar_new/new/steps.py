"""What ``new`` does after placing the project: the `.env` file, dependency install (uv), git.

Each step returns a :class:`~litestar_new.core.run.StepResult` instead of raising (see
:mod:`litestar_new.core.run`); the ``.env`` file is :mod:`litestar_new.core.envfile`'s, the first
commit :mod:`litestar_new.core.git`'s.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from litestar_new.core.run import CommandFailedError, StepResult

if TYPE_CHECKING:
    from litestar_new.core.run import Runner

__all__ = ["enclosing_workspace", "find_python", "find_uv", "install", "lock"]


def find_uv() -> str | None:
    """Return the uv executable: the one installed with litestar-new, else the one on PATH."""
    try:
        from uv import find_uv_bin  # noqa: PLC0415

        return find_uv_bin()
    except (ImportError, FileNotFoundError):
        return shutil.which("uv")


def _version_of(python: str) -> tuple[int, int]:
    match = re.search(r"python(\d)\.(\d+)$", python)
    if match:
        return int(match[1]), int(match[2])
    return sys.version_info[:2]


def find_python(minimum: str) -> str:
    """Choose the interpreter for the project's environment without any download.

    The interpreter running litestar-new when it is recent enough, else a pyenv-installed one,
    else the version number, for uv to find (it is told never to download one).
    """
    wanted = tuple(int(part) for part in minimum.split("."))
    if sys.version_info[:2] >= wanted:
        return sys.executable
    roots = [os.environ.get("PYENV_ROOT", ""), str(Path.home() / ".pyenv")]
    for root in filter(None, roots):
        found = sorted(
            Path(root).glob("versions/*/bin/python3.*[0-9]"), key=lambda p: _version_of(p.name)
        )
        for candidate in found:
            if _version_of(candidate.name) >= wanted:
                return str(candidate)
    return minimum


def _declares_workspace(pyproject: Path) -> bool:
    import tomllib  # noqa: PLC0415 - only without `uv workspace dir`

    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    uv = tool.get("uv") if isinstance(tool, dict) else None
    return isinstance(uv, dict) and "workspace" in uv


def enclosing_workspace(project: Path, runner: Runner, uv: str) -> Path | None:
    """The root of the uv workspace that takes ``project`` in as a member, or None.

    ``uv sync`` in a member locks it in the root's ``uv.lock`` and installs it in the root's
    ``.venv``: files outside the project. uv itself says which workspace a folder belongs to
    (``uv workspace dir``, run in the placed project: its members and exclude globs applied
    as uv applies them). A uv without that command (before 0.9.9) cannot say: then any
    ``pyproject.toml`` above the project with a ``[tool.uv.workspace]`` table counts.
    """
    try:
        out = runner([uv, "workspace", "dir"], cwd=project)
    except CommandFailedError:
        out = ""
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    if lines:
        root = Path(lines[-1])
        return None if root.resolve() == project.resolve() else root
    for folder in project.resolve().parents:
        if _declares_workspace(folder / "pyproject.toml"):
            return folder
    return None


def _in_workspace(step: str, project: Path, runner: Runner, uv: str) -> StepResult | None:
    """A skipped ``step`` when an enclosing uv workspace takes the project in, else None."""
    if (root := enclosing_workspace(project, runner, uv)) is None:
        return None
    inside = project.resolve().is_relative_to(root.resolve())
    member = project.resolve().relative_to(root.resolve()).as_posix() if inside else "."
    done = "installed" if step == "install" else "locked"
    message = (
        f"not {done}: {project.name} is a member of the uv workspace at {root}, whose "
        f"uv.lock and .venv uv would change; to keep it on its own, add {member!r} "
        f"to exclude in [tool.uv.workspace] of {root / 'pyproject.toml'}, then uv sync"
    )
    return StepResult(step, ok=True, skipped=True, message=message)


def _uv_step(
    step: str,
    project: Path,
    runner: Runner,
    uv: str | None,
    args: list[str],
    *,
    fix: tuple[str, ...],
    done: str,
    missing: str = "uv was not found",
) -> StepResult:
    """Run ``uv ARGS`` in the project, never downloading a Python.

    Skipped in a uv workspace that takes the project in (:func:`_in_workspace`).
    """
    uv = uv or find_uv()
    if uv is None:
        return StepResult(step, ok=False, message=missing, fix=fix)
    if (skipped := _in_workspace(step, project, runner, uv)) is not None:
        return skipped
    env = {"UV_PYTHON_DOWNLOADS": os.environ.get("UV_PYTHON_DOWNLOADS", "never")}
    try:
        runner([uv, *args], cwd=project, env=env)
    except CommandFailedError as error:
        message = f"uv {args[0]} failed: {error.detail}"
        return StepResult(step, ok=False, message=message, fix=fix)
    return StepResult(step, ok=True, message=done)


def install(project: Path, runner: Runner, python: str, uv: str | None = None) -> StepResult:
    """Create the project's virtual environment and install its locked dependencies.

    Inside a uv workspace that takes the project in (:func:`enclosing_workspace`), nothing is
    installed: ``uv sync`` would change that workspace's ``uv.lock`` and ``.venv``.
    """
    return _uv_step(
        "install",
        project,
        runner,
        uv,
        ["sync", "--python", python],
        fix=("uv sync",),
        done="dependencies installed with uv (.venv)",
    )


def lock(project: Path, runner: Runner, python: str, uv: str | None = None) -> StepResult:
    """Write ``uv.lock`` without installing anything (``--no-install``).

    The first commit then holds the lock file that ``uv sync --locked`` (the generated CI
    workflow and Dockerfile) needs in a fresh clone. Inside a uv workspace that takes the
    project in, nothing is locked: ``uv lock`` would rewrite the workspace's ``uv.lock``.
    """
    return _uv_step(
        "lock",
        project,
        runner,
        uv,
        ["lock", "--python", python],
        fix=("uv lock", "git add uv.lock", 'git commit -m "Lock the dependencies"'),
        done="uv.lock written (nothing installed: --no-install)",
        missing="uv was not found: no uv.lock",
    )
