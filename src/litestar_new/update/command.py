"""``litestar-new update``, top to bottom: read -> plan -> render both -> compare -> merge -> report.

Every refusal comes before anything is written. ``--dry-run`` prints the comparison and stops.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from litestar_new.core import git
from litestar_new.core.render import render
from litestar_new.errors import EXIT_INTERRUPTED, UsageError
from litestar_new.store import checkout
from litestar_new.update.changes import compare
from litestar_new.update.merging import check_agency_keys, merge, recorded_commit
from litestar_new.update.planning import plan_update
from litestar_new.update.reading import dirty_message, read_project
from litestar_new.update.reporting import preview, report

if TYPE_CHECKING:
    from litestar_new.store import TemplateSource
    from litestar_new.ui import Output
    from litestar_new.update.planning import UpdatePlan, UpdateRequest

__all__ = ["update"]


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _template_folders(plan: UpdatePlan, scratch: Path) -> tuple[TemplateSource, dict[str, Path]]:
    """The old version to render, and the store's versions in folders already, by tag.

    The old version of the bundled template comes from ``git archive`` of its tag (faster
    than copier's clone); the new one is the bundled folder (its tag is its content's hash).
    copier's workers read both from there too.
    """
    if not plan.bundled:
        return plan.old, {}
    folders = {}
    if plan.new.ref is not None and plan.new.local_copy is not None:
        folders[plan.new.ref] = plan.new.local_copy
    old_source = plan.old
    if plan.old.ref is not None:
        old_source = checkout(plan.old.ref, scratch / "old-template")
        folders[plan.old.ref] = scratch / "old-template"
    return old_source, folders


def update(request: UpdateRequest, output: Output) -> int:
    """Update the project the request names; return the exit code."""
    project = read_project(request.path)
    git.checked_repository(project.root)
    changed = git.dirty(project.root)
    if changed and not request.dry_run:
        raise UsageError(dirty_message(project, changed))
    plan = plan_update(project, request)
    commit = project.answers.commit
    if plan.bundled and plan.new.ref == commit and not plan.data:
        output.line(f"{project.name} is up to date (template {commit}); nothing to do")
        return 0
    for line in plan.notes:
        output.line(line)
    notice = output.note if request.verbose else None
    with tempfile.TemporaryDirectory(prefix="litestar-new-update-") as folder:
        scratch = Path(folder)
        old_render, new_render = scratch / "old", scratch / "new"
        with output.busy("Rendering the new template ..."):
            render(plan.new, plan.answers, new_render, notice=notice)
        ref = plan.new.ref or recorded_commit(new_render / project.answers_file)
        if not plan.bundled:
            check_agency_keys(plan, request, new_render)
            if ref == commit and not plan.data:
                output.line(f"{project.name} is up to date (template {ref}); nothing to do")
                return 0
        old_source, checkouts = _template_folders(plan, scratch)
        with output.busy("Rendering the template your project was made from ..."):
            render(old_source, project.answers.values, old_render, notice=notice)
        comparison = compare(
            old_render,
            new_render,
            project.root,
            tracked=git.tracked(project.root),
            skip={project.answers_file},
        )
        if request.dry_run:
            preview(plan, ref, comparison, output)
            if changed:
                output.line(
                    "The tree has uncommitted changes: update itself will refuse until you "
                    "commit or stash them."
                )
            return 0
        with output.busy("Merging the changes into your project ..."):
            merge(plan, ref, comparison, scratch, new_render, notice, checkouts)
        old_example = _text(old_render / ".env.example")
    try:
        return report(plan, ref, comparison, output, old_example)
    except KeyboardInterrupt:
        # Too late to undo quietly: the merge is done. Say so instead of "put back".
        output.line(f"Interrupted after the update was merged: see git status in {project.root}")
        return EXIT_INTERRUPTED
