"""Every git command run in a project: ``new``'s first commit, and ``update``'s side of git.

``update`` asks git whether the tree is clean and what changed, and undoes a merge with it.

``update``'s commands run in the project folder and are limited to it (``-- .``), so a project
inside a larger repository never has the rest of that repository touched. Paths given back are
relative to the project folder, in POSIX form. The first commit goes through a
:class:`~litestar_new.core.run.Runner` (tests replace it with a fake).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from litestar_new.core.run import CommandFailedError, StepResult
from litestar_new.errors import LitestarNewError, UsageError

if TYPE_CHECKING:
    from litestar_new.core.run import Runner

__all__ = [
    "Entry",
    "GitError",
    "checked_repository",
    "config_values",
    "dirty",
    "git_init",
    "head_bytes",
    "head_files",
    "rejects",
    "restore",
    "status",
    "tracked",
]


class GitError(LitestarNewError):
    """A git command failed in the project."""


_GIT = ("git", "--no-optional-locks", "-c", f"core.hooksPath={os.devnull}")
"""No index refresh by read-only commands (a dry run writes nothing, ``.git`` included), and no
hooks: putting files back must not run the user's checkout hooks."""


def _git(
    project: Path, *args: str, given: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``project``; ``given`` is its standard input (none when None)."""
    return subprocess.run(
        [*_GIT, "-C", str(project), *args],
        capture_output=True,
        check=False,
        input=given,
        stdin=subprocess.DEVNULL if given is None else None,
    )


def _ok(result: subprocess.CompletedProcess[bytes]) -> bytes:
    if result.returncode != 0:
        lines = result.stderr.decode(errors="replace").strip().splitlines()
        detail = lines[-1] if lines else f"exit code {result.returncode}"
        msg = f"git failed: {detail}"
        raise GitError(msg)
    return result.stdout


def config_values(*keys: str) -> dict[str, str]:
    """The user's git settings ``keys`` (``user.name``), each ``""`` when unset or git is missing.

    One ``git config --get-regexp`` for all of them (a git start-up is a few milliseconds of
    every ``new``); each key's last value wins, as with ``git config --get``, includes read.
    """
    values = dict.fromkeys(keys, "")
    pattern = "^(" + "|".join(re.escape(key.lower()) for key in keys) + ")$"
    try:
        result = subprocess.run(
            ["git", "config", "-z", "--get-regexp", pattern],
            capture_output=True,
            check=False,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return values
    if result.returncode != 0:
        return values
    wanted = {key.lower(): key for key in keys}
    for item in result.stdout.decode(errors="replace").split("\0"):
        name, _, value = item.partition("\n")
        if name in wanted:
            values[wanted[name]] = value.strip()
    return values


def checked_repository(project: Path) -> Path:
    """Return the root of the git repository holding ``project``, or refuse.

    Raises:
        UsageError: git is missing, the folder is in no repository, or it has no commit.
    """
    if shutil.which("git") is None:
        msg = "update needs git (it merges through it), and git was not found"
        raise UsageError(msg)
    result = _git(project, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        msg = (
            f"{project} is not in a git repository; update merges through git so that every "
            "change can be reviewed and undone: run git init, git add -A and git commit first"
        )
        raise UsageError(msg)
    if _git(project, "rev-parse", "-q", "--verify", "HEAD^{commit}").returncode != 0:
        msg = f"the git repository of {project} has no commit yet; commit the project first"
        raise UsageError(msg)
    return Path(result.stdout.decode().strip())


class Entry(NamedTuple):
    """One line of ``git status``: its two-letter code and the path."""

    code: str
    path: str

    @property
    def unmerged(self) -> bool:
        """True for a path git holds as a conflict (``UU``, ``AA``, ...)."""
        return "U" in self.code or self.code in {"AA", "DD"}


@cache
def _prefix(project: Path) -> str:
    """The project folder's path inside its repository (it does not move while we run)."""
    return _ok(_git(project, "rev-parse", "--show-prefix")).decode().strip()


def status(project: Path) -> list[Entry]:
    """Return ``git status`` for the project folder, every untracked file listed one by one."""
    prefix = _prefix(project.resolve())
    args = ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "."]
    fields = _ok(_git(project, *args)).decode(errors="surrogateescape").split("\0")
    entries: list[Entry] = []
    index = 0
    while index < len(fields):
        field = fields[index]
        index += 1
        if len(field) < 4:
            continue
        code, path = field[:2], field[3:]
        if code[0] in "RC":
            index += 1  # the original path of a rename or copy follows
        # Porcelain paths are relative to the top of the repository, whatever the folder.
        if prefix and path.startswith(prefix):
            path = path[len(prefix) :]
        entries.append(Entry(code, path))
    return entries


def dirty(project: Path) -> list[str]:
    """Return the paths with uncommitted changes or untracked, non-ignored files."""
    return [entry.path for entry in status(project)]


def tracked(project: Path) -> set[str]:
    """Return the files git tracks in the project folder."""
    out = _ok(_git(project, "ls-files", "-z", "--", "."))
    return {p for p in out.decode(errors="surrogateescape").split("\0") if p}


def rejects(project: Path) -> list[str]:
    """Return the untracked ``*.rej`` files (patches that did not apply), ignored ones too."""
    out = _ok(_git(project, "ls-files", "-z", "--others", "--", "*.rej"))
    return sorted(p for p in out.decode(errors="surrogateescape").split("\0") if p)


def head_bytes(project: Path, relative: str) -> bytes | None:
    """Return a file's content at ``HEAD``, or None when it is not in ``HEAD``."""
    result = _git(project, "show", f"HEAD:./{relative}")
    return result.stdout if result.returncode == 0 else None


def head_files(project: Path, relatives: list[str]) -> dict[str, bytes | None]:
    """:func:`head_bytes` of each file, from one ``git cat-file --batch``."""
    found: dict[str, bytes | None] = {}
    plain = [r for r in relatives if "\n" not in r and "\r" not in r]
    if plain:
        given = "".join(f"HEAD:./{relative}\n" for relative in plain).encode()
        out = _ok(_git(project, "cat-file", "--batch", given=given))
        start = 0
        for relative in plain:
            end = out.index(b"\n", start)
            header = out[start:end].split(b" ")
            start = end + 1
            if len(header) == 3 and header[1] in {b"blob", b"tree", b"commit", b"tag"}:
                size = int(header[2])
                if header[1] == b"blob":
                    found[relative] = out[start : start + size]
                start += size + 1
    for relative in relatives:  # what is no blob at HEAD: as ``git show`` answers it
        if relative not in found:
            found[relative] = head_bytes(project, relative)
    return found


def restore(project: Path) -> None:
    """Put the project folder back to ``HEAD``: index, tracked files, untracked files.

    Only valid when the folder was clean before (``update`` checks): every untracked,
    non-ignored file in it is then one that the update wrote. Ignored files are left alone
    here; the caller removes the ones it knows it wrote.
    """
    _ok(_git(project, "reset", "-q", "HEAD", "--", "."))
    _ok(_git(project, "checkout", "-q", "HEAD", "--", "."))
    _ok(_git(project, "clean", "-f", "-d", "-q", "--", "."))


# -- the first commit of a new project -------------------------------------------------------


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
