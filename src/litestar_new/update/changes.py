"""What an update does, file by file: the old and new renders compared with the project.

``update`` renders the template twice into temporary folders: the version the project was made
from, with its recorded answers (the "old render", what the project looked like before the user
touched it), and the version it moves to, with the new answers (the "new render"). From these:

- the files the template adds, changes and removes, with line counts (``--dry-run`` prints them);
- which of them the user edited: the project's file differs from the old render;
- the files copier would delete although the user edited them (in the old render, absent from
  the new one, different in the project): ``update`` keeps them;
- after the merge, the conflict markers copier wrote and any ``.rej`` file, by file and line.
"""

from __future__ import annotations

import difflib
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "MARKER",
    "Comparison",
    "FileChange",
    "compare",
    "conflict_markers",
    "line_counts",
    "rendered_files",
]

MARKER = b"<<<<<<<"
"""The start of a conflict: copier writes ``<<<<<<< before updating`` (the project's lines)."""

Kind = Literal["added", "changed", "removed"]


@dataclass(frozen=True)
class FileChange:
    """One file the update adds, changes or removes."""

    path: str
    kind: Kind
    plus: int
    """Lines the template adds to the file (new render against old render)."""
    minus: int
    edited: bool
    """The project's file differs from the old render: the user changed it."""
    note: str = ""
    """What happens to the user's version, when there is something to say."""


@dataclass(frozen=True)
class Comparison:
    """The old render, the new render and the project, compared."""

    changes: list[FileChange] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Files the new template drops that the user edited: copier would delete them."""
    stranded: list[str] = field(default_factory=list)
    """The user's own files inside folders the new template drops: they stay where they are."""

    def of_kind(self, kind: Kind) -> list[FileChange]:
        """The changes of one kind."""
        return [c for c in self.changes if c.kind == kind]


def rendered_files(root: Path, skip: Iterable[str] = ()) -> dict[str, Path]:
    """Every file under ``root`` by its POSIX path relative to ``root``, ``skip`` left out."""
    skipped = set(skip)
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() or path.is_symlink():
            relative = path.relative_to(root).as_posix()
            if relative not in skipped:
                files[relative] = path
    return files


def _lines(data: bytes | None) -> list[str] | None:
    if data is None:
        return []
    if b"\0" in data:
        return None
    return data.decode("utf-8", errors="replace").splitlines()


def line_counts(before: bytes | None, after: bytes | None) -> tuple[int, int]:
    """Lines added and removed from ``before`` to ``after`` (0, 0 for binary files)."""
    old, new = _lines(before), _lines(after)
    if old is None or new is None:
        return 0, 0
    plus = minus = 0
    for line in difflib.unified_diff(old, new, lineterm="", n=0):
        if line.startswith("+") and not line.startswith("+++"):
            plus += 1
        elif line.startswith("-") and not line.startswith("---"):
            minus += 1
    return plus, minus


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def _predicted_conflicts(mine: bytes, base: bytes, theirs: bytes) -> int:
    """How many conflicts a three-way merge of the file leaves (``git merge-file``)."""
    with tempfile.TemporaryDirectory(prefix="litestar-new-merge-") as folder:
        paths = []
        for name, data in (("mine", mine), ("base", base), ("theirs", theirs)):
            path = Path(folder, name)
            path.write_bytes(data)
            paths.append(str(path))
        result = subprocess.run(
            ["git", "merge-file", "-p", "-q", "--", *paths],
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    return result.returncode if 0 < result.returncode < 128 else 0


def _change(path: str, old: bytes | None, new: bytes | None, mine: bytes | None) -> FileChange:
    kind: Kind = "added" if old is None else "removed" if new is None else "changed"
    plus, minus = line_counts(old, new)
    edited = mine is not None and mine != old
    note = ""
    if kind == "added" and mine is not None:
        note = "you have a file there already: merged with yours"
        edited = True
    elif kind == "changed" and mine is None:
        note = "you deleted it: it stays deleted"
    elif kind == "changed" and edited and old is not None and new is not None:
        count = _predicted_conflicts(mine or b"", old, new)
        note = (
            f"you edited it: likely {count} conflict{'s' if count != 1 else ''} to resolve"
            if count
            else "you edited it: your changes are merged in"
        )
    elif kind == "removed" and edited:
        note = "you edited it: kept, the new template no longer has it"
    elif kind == "removed" and mine is None:
        note = "you deleted it already"
    return FileChange(path, kind, plus, minus, edited=edited, note=note)


def _dropped_folders(old: Iterable[str], new: Iterable[str]) -> set[PurePosixPath]:
    def folders(paths: Iterable[str]) -> set[PurePosixPath]:
        return {parent for p in paths for parent in PurePosixPath(p).parents if str(parent) != "."}

    return folders(old) - folders(new)


def compare(
    old_render: Path,
    new_render: Path,
    project: Path,
    *,
    tracked: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> Comparison:
    """Compare the two renders with the project (see the module's docstring).

    Args:
        old_render: The template the project was made from, with its recorded answers.
        new_render: The template it moves to, with the new answers.
        project: The project folder.
        tracked: The files git tracks in the project, to find the user's own files in
            folders the new template drops.
        skip: Paths left out (the answers file, which changes with every update).
    """
    old = rendered_files(old_render, skip)
    new = rendered_files(new_render, skip)
    changes: list[FileChange] = []
    kept: list[str] = []
    for path in sorted(old.keys() | new.keys()):
        before = _read(old[path]) if path in old else None
        after = _read(new[path]) if path in new else None
        if before == after:
            continue
        change = _change(path, before, after, _read(project / path))
        changes.append(change)
        if change.kind == "removed" and change.edited:
            kept.append(path)
    dropped = _dropped_folders(old, new)
    stranded = sorted(
        p
        for p in tracked
        if p not in old and p not in new and dropped.intersection(PurePosixPath(p).parents)
    )
    return Comparison(changes=changes, kept=kept, stranded=stranded)


def conflict_markers(project: Path, paths: Iterable[str]) -> dict[str, list[int]]:
    """Return, for each of ``paths`` holding conflict markers, the lines where they start."""
    found: dict[str, list[int]] = {}
    for relative in paths:
        data = _read(project / relative)
        if data is None or MARKER not in data:
            continue
        lines = [
            number
            for number, line in enumerate(data.splitlines(), start=1)
            if line.startswith(MARKER)
        ]
        if lines:
            found[relative] = lines
    return found
