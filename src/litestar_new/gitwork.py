"""The git side of ``update``: is the project's tree clean, what changed, and undoing a merge.

Every command runs in the project folder and is limited to it (``-- .``), so a project inside a
larger repository never has the rest of that repository touched. Paths given back are relative to
the project folder, in POSIX form.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from litestar_new.errors import LitestarNewError, UsageError

__all__ = [
    "Entry",
    "GitError",
    "checked_repository",
    "dirty",
    "head_bytes",
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


def _git(project: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*_GIT, "-C", str(project), *args],
        capture_output=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _ok(result: subprocess.CompletedProcess[bytes]) -> bytes:
    if result.returncode != 0:
        lines = result.stderr.decode(errors="replace").strip().splitlines()
        detail = lines[-1] if lines else f"exit code {result.returncode}"
        msg = f"git failed: {detail}"
        raise GitError(msg)
    return result.stdout


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


@dataclass(frozen=True)
class Entry:
    """One line of ``git status``: its two-letter code and the path."""

    code: str
    path: str

    @property
    def unmerged(self) -> bool:
        """True for a path git holds as a conflict (``UU``, ``AA``, ...)."""
        return "U" in self.code or self.code in {"AA", "DD"}


def status(project: Path) -> list[Entry]:
    """Return ``git status`` for the project folder, every untracked file listed one by one."""
    prefix = _ok(_git(project, "rev-parse", "--show-prefix")).decode().strip()
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


def restore(project: Path) -> None:
    """Put the project folder back to ``HEAD``: index, tracked files, untracked files.

    Only valid when the folder was clean before (``update`` checks): every untracked,
    non-ignored file in it is then one that the update wrote. Ignored files are left alone
    here; the caller removes the ones it knows it wrote.
    """
    _ok(_git(project, "reset", "-q", "HEAD", "--", "."))
    _ok(_git(project, "checkout", "-q", "HEAD", "--", "."))
    _ok(_git(project, "clean", "-f", "-d", "-q", "--", "."))
