"""What happens after rendering: the `.env` file, dependency install (uv), git init.

Each step returns a :class:`StepResult` instead of raising, so that one failure does not hide the
next step and the user gets, for each failure, what went wrong and the command to finish by hand.
Commands go through a :class:`Runner`, which tests replace with a fake.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "SECRET_PLACEHOLDER",
    "CommandFailedError",
    "Runner",
    "StepResult",
    "SubprocessRunner",
    "complete_env",
    "describe_exit",
    "enclosing_workspace",
    "find_python",
    "find_uv",
    "git_init",
    "install",
    "lock",
    "write_env",
]

SECRET_PLACEHOLDER = "change-me-to-the-output-of-python-secrets-token-urlsafe-48"  # noqa: S105
"""The bundled template's ``SECRET_KEY`` in ``.env.example``; the generated app refuses it outside
development. ``.env`` gets a fresh secret in its place."""
_SECRET_LINE = re.compile(r"^(SECRET_KEY=).*$", re.MULTILINE)
_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=")
_CONFLICT_LINE = re.compile(r"^(<<<<<<<|=======|>>>>>>>)( |$)", re.MULTILINE)


@dataclass(frozen=True)
class StepResult:
    """How a post-render step went."""

    name: str
    ok: bool
    message: str
    """One line: what was done, or what failed."""
    fix: tuple[str, ...] = ()
    """Commands that finish the step by hand, when it failed or was skipped."""
    skipped: bool = False


class CommandFailedError(Exception):
    """A command exited non-zero, or could not be started."""

    def __init__(self, args: Sequence[str], detail: str) -> None:
        """Remember the command and the last line it printed."""
        super().__init__(f"{' '.join(args)}: {detail}")
        self.detail = detail


class Runner(Protocol):
    """Runs a command in a folder; raises :class:`CommandFailedError` when it fails."""

    def __call__(
        self, args: Sequence[str], *, cwd: Path, env: Mapping[str, str] | None = None
    ) -> str:
        """Run ``args`` and return what it printed."""
        ...


def describe_exit(returncode: int) -> str:
    """Say how a process ended, in words (a signal by its name)."""
    if returncode >= 0:
        return f"exit code {returncode}"
    try:
        name = signal.Signals(-returncode).name
    except ValueError:
        return f"killed by signal {-returncode}"
    why = " (the file size limit, ulimit -f)" if name == "SIGXFSZ" else ""
    return f"killed by {name}{why}"


class SubprocessRunner:
    """The real runner: output captured, shown only when the command fails."""

    def __call__(
        self, args: Sequence[str], *, cwd: Path, env: Mapping[str, str] | None = None
    ) -> str:
        """Run ``args`` in ``cwd``."""
        try:
            result = subprocess.run(
                list(args),
                cwd=cwd,
                env={**os.environ, **(env or {})},
                capture_output=True,
                text=True,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except OSError as error:
            raise CommandFailedError(args, error.strerror or str(error)) from error
        if result.returncode != 0:
            lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
            detail = lines[-1].strip() if lines else describe_exit(result.returncode)
            raise CommandFailedError(args, detail)
        return result.stdout


def write_env(project: Path) -> StepResult | None:
    """Write ``.env`` from ``.env.example`` with a fresh secret; never replace an existing one.

    Every ``SECRET_KEY=`` line gets ``secrets.token_urlsafe(48)`` (48 random bytes, 64
    characters), whatever placeholder it held. The file appears whole or not at all: it is
    written under a temporary name (private to the user from the start) and linked into place,
    so a full disk or a size limit leaves no truncated ``.env``.
    """
    example = project / ".env.example"
    env_file = project / ".env"
    if not example.is_file():
        return None
    if env_file.exists():
        return StepResult(
            ".env", ok=True, message=".env exists already: kept as it is", skipped=True
        )
    template = example.read_text(encoding="utf-8")
    if _CONFLICT_LINE.search(template):
        return _unresolved(
            ".env not written", "copy it to .env and set SECRET_KEY to a long random value"
        )
    text, secrets_made = _fresh_secrets(template)
    partial = project / f".env.{secrets.token_hex(4)}.partial"
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        _put_in_place(partial, env_file)
    except OSError as error:
        reason = error.strerror or str(error)
        fix = ("cp .env.example .env  # then set SECRET_KEY to a long random value",)
        return StepResult(".env", ok=False, message=f".env could not be written: {reason}", fix=fix)
    finally:
        partial.unlink(missing_ok=True)
    made = " with a new secret key" if secrets_made else ""
    return StepResult(".env", ok=True, message=f".env written from .env.example{made}")


def _fresh_secrets(text: str) -> tuple[str, int]:
    return _SECRET_LINE.subn(lambda m: m.group(1) + secrets.token_urlsafe(48), text)


def _unresolved(what: str, then: str) -> StepResult:
    """``.env.example`` still holds conflict markers: nothing is derived from it."""
    return StepResult(
        ".env",
        ok=False,
        message=f"{what}: .env.example has conflict markers; resolve them, then {then}",
        fix=('python -c "import secrets; print(secrets.token_urlsafe(48))"  # a SECRET_KEY',),
    )


def _keys(text: str) -> set[str]:
    return {m[1] for line in text.splitlines() if (m := _ASSIGNMENT.match(line))}


def _replace_whole(target: Path, text: str) -> str | None:
    """Replace ``target`` with ``text`` in one rename, keeping its permissions; why it failed."""
    partial = target.parent / f".env.{secrets.token_hex(4)}.partial"
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        partial.chmod(mode)
        partial.replace(target)
    except OSError as error:
        return error.strerror or str(error)
    finally:
        partial.unlink(missing_ok=True)
    return None


def complete_env(project: Path, previous: str | None = None) -> StepResult | None:
    """Make ``.env`` hold every key ``.env.example`` sets, keeping the values it has.

    ``update`` calls this after a merge: a missing ``.env`` is written as :func:`write_env`
    writes it; an existing one keeps every line, and the assignments of ``.env.example`` whose
    key it lacks (``SECRET_KEY`` and ``DATABASE_URL`` when a project climbs to ``layered``) are
    appended, every ``SECRET_KEY`` with a fresh secret. Keys that ``previous`` (the
    ``.env.example`` the project had before the update) set already are not added again: their
    absence from ``.env`` is the user's choice. Commented-out settings are not copied.
    Nothing is derived from an ``.env.example`` with conflict markers. The new file replaces the
    old one whole (same permissions), never half written.
    """
    example = project / ".env.example"
    env_file = project / ".env"
    if not example.is_file():
        return None
    if not env_file.exists() and not env_file.is_symlink():
        return write_env(project)
    fix = ("cp .env .env.bak && diff .env.example .env  # then add the missing keys by hand",)
    try:
        template = example.read_text(encoding="utf-8")
        if _CONFLICT_LINE.search(template):
            return _unresolved(
                ".env not completed",
                "add to .env the keys it lacks (SECRET_KEY a long random value)",
            )
        target = env_file.resolve()
        current = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return StepResult(".env", ok=False, message=f".env could not be read: {reason}", fix=fix)
    have = _keys(current) | _keys(previous or "")
    lines = []
    for line in template.splitlines():
        match = _ASSIGNMENT.match(line)
        if match and match[1] not in have:
            lines.append(line)
            have.add(match[1])
    if not lines:
        return StepResult(
            ".env", ok=True, message=".env has every key of .env.example: kept", skipped=True
        )
    added, _ = _fresh_secrets("\n".join(lines) + "\n")
    separator = "\n" if current and not current.endswith("\n") else ""
    text = f"{current}{separator}# Added by litestar-new update, from .env.example:\n{added}"
    failure = _replace_whole(target, text)
    names = [m[1] for line in lines if (m := _ASSIGNMENT.match(line))]
    shown = ", ".join(f"{n} (a new secret)" if n == "SECRET_KEY" else n for n in names)
    return StepResult(
        ".env",
        ok=failure is None,
        message=f".env: added {shown} from .env.example; your values kept"
        if failure is None
        else f".env could not be written: {failure}",
        fix=() if failure is None else fix,
    )


def _put_in_place(partial: Path, final: Path) -> None:
    """Give a finished file its name, never replacing a file made meanwhile."""
    try:
        os.link(partial, final)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: checked just before, so rename
        partial.rename(final)


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


def _work_tree_root(project: Path, runner: Runner, git: str) -> Path | None:
    """The top of the git work tree holding ``project``, or None outside any."""
    try:
        out = runner([git, "rev-parse", "--show-toplevel"], cwd=project)
    except CommandFailedError:
        return None
    return Path(out.strip()) if out.strip() else None


def _same(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def _leave_alone(
    project: Path, runner: Runner, git: str, outer: Path | None, *, users_files: bool
) -> str | None:
    """Why the git step must not touch this folder, or None."""
    if users_files:
        return "the folder held files of yours: no git repository made (git init yourself)"
    if outer is not None and _same(outer, project):
        return "the folder is a git repository already: nothing committed"
    if (project / ".git").exists():
        return ".git is there but is no repository: left alone"
    return None


def git_init(
    project: Path, runner: Runner, git: str = "git", *, users_files: bool = False
) -> StepResult:
    """Make a git repository with a first commit, unless the project folder is one already.

    Inside another repository (a monorepo, or the clone of litestar-new that the README's first
    command runs in) the project still gets a repository of its own: ``update`` merges through
    git, and its advice to commit must not land in the outer repository. The outer one then
    sees the folder as an embedded repository; delete the project's ``.git`` to keep the
    project in the outer repository instead (``--no-git`` makes none).

    A folder that held files of the user's before (``--force``), or a ``.git`` of its own that
    is no work tree, is left alone: a first commit would take in whatever the user kept there.
    """
    fix = ("git init", "git add -A", 'git commit -m "Initial commit from litestar-new"')
    if shutil.which(git) is None and not users_files:
        return StepResult("git", ok=False, message="git was not found", fix=fix)
    outer = None if users_files else _work_tree_root(project, runner, git)
    reason = _leave_alone(project, runner, git, outer, users_files=users_files)
    if reason is not None:
        return StepResult("git", ok=True, skipped=True, message=reason)
    try:
        runner([git, "init", "-q"], cwd=project)
        runner([git, "add", "-A"], cwd=project)
    except CommandFailedError as error:
        return StepResult("git", ok=False, message=f"git failed: {error.detail}", fix=fix)
    try:
        runner([git, "var", "GIT_COMMITTER_IDENT"], cwd=project)
    except CommandFailedError:
        # A new machine: git does not know who commits. The repository and the staged files
        # are there; the commit is the user's to make, under their own name.
        message = (
            "git repository made, files staged; no first commit, since git does not know who "
            'you are: git config --global user.name "Your Name"; git config --global '
            'user.email you@example.com; then git commit -m "Initial commit from litestar-new"'
        )
        return StepResult("git", ok=True, skipped=True, message=message)
    try:
        runner([git, "commit", "-q", "-m", "Initial commit from litestar-new"], cwd=project)
    except CommandFailedError as error:
        return StepResult(
            "git",
            ok=False,
            message=f"git repository made, but the first commit failed: {error.detail}",
            fix=fix[2:],
        )
    inside = f" (a repository of its own, inside the one at {outer})" if outer else ""
    return StepResult("git", ok=True, message=f"git repository made{inside}, first commit done")
