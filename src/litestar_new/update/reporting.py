"""What ``update`` says: the preview of ``--dry-run``; after a merge, what changed.

After a merge: the files changed, the kept files, the conflicts by file and line, the exit code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar_new.core import git
from litestar_new.core.envfile import complete_env
from litestar_new.core.words import shown
from litestar_new.errors import EXIT_STEP_FAILED
from litestar_new.update.changes import conflict_markers, line_counts

if TYPE_CHECKING:
    from pathlib import Path

    from litestar_new.ui import Output
    from litestar_new.update.changes import Comparison
    from litestar_new.update.planning import UpdatePlan

__all__ = ["preview", "report"]


def _versions(old: str, new: str) -> str:
    return (
        f"template {old} (same version, new answers)" if old == new else f"template {old} -> {new}"
    )


def preview(plan: UpdatePlan, ref: str, comparison: Comparison, output: Output) -> None:
    """Print what the update would do (``--dry-run``)."""
    project = plan.project
    output.line(f"{project.name}: {_versions(project.answers.commit, ref)}")
    for key, value in plan.data.items():
        old = project.answers.values.get(key)
        output.line(f"  {key}: {shown(old) if old is not None else '(none)'} -> {shown(value)}")
    rows = [
        (change.kind, change.path, f"+{change.plus} -{change.minus}", change.note)
        for change in comparison.changes
    ]
    if rows:
        output.rows(rows)
    else:
        output.line("No file changes.")
    edited = sum(1 for c in comparison.changes if c.edited)
    output.line(
        f"{len(comparison.of_kind('changed'))} changed, {len(comparison.of_kind('added'))} added, "
        f"{len(comparison.of_kind('removed'))} removed ({edited} of them edited by you); "
        "nothing was written (--dry-run)"
    )
    _stranded(comparison, output)


def _stranded(comparison: Comparison, output: Output) -> None:
    if comparison.stranded:
        output.listing(
            "Your own files in folders the new template no longer has (left where they are):",
            comparison.stranded,
        )


_HINTS = {
    ("script", "app.py"): (
        "handlers from app.py go in a controller under src/{package}/domain/, listed in "
        "ROUTE_HANDLERS in src/{package}/app.py"
    ),
    ("script", "tests/test_app.py"): (
        "tests from tests/test_app.py use the `client` fixture of tests/conftest.py"
    ),
}


def _kept(plan: UpdatePlan, comparison: Comparison, output: Output) -> None:
    old_preset = plan.project.answers.preset
    package = str(plan.answers.get("package_name", ""))
    for relative in comparison.kept:
        output.line(
            f"kept your edited {relative}; the new template no longer has it: "
            "move what you need by hand, then delete it"
        )
        if plan.bundled and (hint := _HINTS.get((old_preset, relative))):
            output.line(f"  ({hint.format(package=package)})")


def _env(root: Path, output: Output, previous: str | None) -> int:
    """Write or complete ``.env`` (the keys a preset adds, fresh secrets); 1 if left to do."""
    env = complete_env(root, previous)
    if env is None or env.skipped:
        return 0
    output.line(env.message)
    for command in env.fix:
        output.line(f"  {command}")
    return 0 if env.ok else 1


def _conflicts(markers: dict[str, list[int]], rejects: list[str], output: Output) -> None:
    if markers:
        output.line(
            "Conflicts: you and the template changed the same lines. Your version is between "
            "<<<<<<< and =======, the template's between ======= and >>>>>>>; keep what you "
            "need and delete the markers:"
        )
        for relative, lines in markers.items():
            for line in lines:
                output.line(f"  {relative}:{line}")
    for relative in rejects:
        output.line(
            f"{relative}: part of the template change did not apply; merge it by hand into "
            f"{relative.removesuffix('.rej')}, then delete {relative}"
        )


def report(
    plan: UpdatePlan,
    ref: str,
    comparison: Comparison,
    output: Output,
    old_example: str | None = None,
) -> int:
    """Print what the merge did and what is left to do by hand; return the exit code."""
    root = plan.project.root
    entries = [e for e in git.status(root) if e.path != plan.project.answers_file]
    rejects = git.rejects(root)
    markers = conflict_markers(root, [e.path for e in entries if not e.path.endswith(".rej")])
    rows = []
    counts = {"changed": 0, "added": 0, "removed": 0}
    listed = sorted((e for e in entries if not e.path.endswith(".rej")), key=lambda e: e.path)
    at_head = git.head_files(root, [entry.path for entry in listed])
    for entry in listed:
        path = root / entry.path
        after = path.read_bytes() if path.is_file() else None
        before = at_head[entry.path]
        kind = "added" if before is None else "removed" if after is None else "changed"
        counts[kind] += 1
        plus, minus = line_counts(before, after)
        note = "conflict" if entry.path in markers else ""
        rows.append((kind, entry.path, f"+{plus} -{minus}", note))
    output.line(f"Updated {plan.project.name}: {_versions(plan.project.answers.commit, ref)}")
    if rows:
        output.rows(rows)
    _stranded(comparison, output)
    _kept(plan, comparison, output)
    _conflicts(markers, rejects, output)
    summary = f"{counts['changed']} changed, {counts['added']} added, {counts['removed']} removed"
    problems = sum(len(v) for v in markers.values()) + len(rejects) + len(comparison.kept)
    problems += _env(root, output, old_example)
    if problems:
        output.line(
            f"{summary}; {problems} thing{'s' if problems != 1 else ''} to finish by hand "
            "(above). Then run the tests (uv run pytest) and commit."
        )
        return EXIT_STEP_FAILED
    output.line(f"{summary}. Review with git diff, run the tests (uv run pytest), commit.")
    return 0
