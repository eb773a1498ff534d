"""``litestar-new update``: bring a project to the current template and keep the user's edits.

The steps, in order; every refusal comes before anything is written:

1. read the project: its folder, its ``.copier-answers.yml``, its git repository (clean, with a
   commit: the merge happens in the working tree, where git can show and undo it);
2. plan: the template and version to move to, and the new answers (``--preset``, feature flags,
   ``--set``), checked by the same code as ``new`` (:func:`litestar_new.plan.make_plan`);
3. render the old template with the old answers and the new one with the new answers into
   temporary folders, and compare both with the project (:mod:`litestar_new.changes`);
   ``--dry-run`` prints that comparison and stops;
4. merge with copier's ``run_update`` (a three-way merge); the files copier would delete although
   the user edited them (copier 9.19.1 removes whatever the new template no longer has) are saved
   before and put back after;
5. report what changed, the kept files, and the conflicts by file and line; exit 1 while any
   remain.

Ctrl-C or a failure during step 4 puts the project back as it was, which git can do because the
tree was clean: the index and tracked files from ``HEAD``, the files the update wrote removed.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from litestar_new import __version__, gitwork
from litestar_new.changes import Comparison, compare, conflict_markers, line_counts
from litestar_new.errors import (
    EXIT_INTERRUPTED,
    EXIT_STEP_FAILED,
    LitestarNewError,
    UsageError,
)
from litestar_new.plan import Request, make_plan, merge_sets
from litestar_new.render import (
    ANSWERS_FILE,
    finaliser_interrupts,
    format_python,
    render,
    unsafe_message,
)
from litestar_new.spec import FEATURES, RUNGS, Value, rung
from litestar_new.steps import complete_env
from litestar_new.target import no_interrupts
from litestar_new.templates import (
    TemplateSource,
    checkout,
    has_tag,
    register,
    store_dir,
    version_of,
)
from litestar_new.text import TEXT_FIELDS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from litestar_new.ui import Output

__all__ = ["Project", "UpdatePlan", "UpdateRequest", "plan_update", "read_project", "update"]

_STORE_TAG = re.compile(r"^\d+(\.\d+)*\S*\+g[0-9a-f]{12}$")
_RUNG_ORDER = [r.name for r in RUNGS]
_MISSING = object()


@dataclass(frozen=True)
class UpdateRequest:
    """What the command line gathered for ``update``, not checked yet."""

    path: Path
    preset: str | None = None
    features: Mapping[str, Value] = field(default_factory=dict)
    sets: Mapping[str, str] = field(default_factory=dict)
    dry_run: bool = False
    template_ref: str | None = None
    """The template version to move to; the current one (bundled) or the latest tag when None."""


@dataclass(frozen=True)
class Project:
    """A generated project as its answers file describes it."""

    root: Path
    answers_file: str
    """The answers file, relative to ``root``."""
    answers: dict[str, Any]
    """The recorded answers to the template's questions (no ``_`` keys)."""
    src_path: str
    commit: str

    @property
    def name(self) -> str:
        """The project's name, for messages."""
        return str(self.answers.get("project_name") or self.root.name)


@dataclass(frozen=True)
class UpdatePlan:
    """A checked update: from which template version to which, with which answers."""

    project: Project
    bundled: bool
    """The template is litestar-new's own (its versioned store); otherwise an agency's."""
    old: TemplateSource
    new: TemplateSource
    answers: dict[str, Any]
    """Every answer for the new render."""
    data: dict[str, Any]
    """The answers that change: what copier receives."""
    notes: list[str] = field(default_factory=list)
    """Lines for the user: the rung climbed and where each choice comes from."""


# -- reading the project -------------------------------------------------------------------


def _answers_file(root: Path) -> str:
    if (root / ANSWERS_FILE).is_file():
        return ANSWERS_FILE
    others = sorted(p.name for p in root.glob(".copier-answers*.y*ml") if p.is_file())
    if len(others) == 1:
        return others[0]
    msg = (
        f"{root} has no {ANSWERS_FILE}: it was not made by litestar-new or copier, so there is "
        "nothing to update it from"
    )
    if others:
        msg = f"{root} has several answers files ({', '.join(others)}); cannot tell which to use"
    raise UsageError(msg)


def read_project(path: Path) -> Project:
    """Read the project at ``path``, or refuse one that cannot be updated.

    Raises:
        UsageError: No such folder, no answers file, or one that records no template version.
    """
    import yaml  # noqa: PLC0415

    root = path.expanduser().resolve()
    if root.exists() and not root.is_dir():
        msg = f"{path} is a file, not a project folder; give the project's folder"
        raise UsageError(msg)
    if not root.is_dir():
        msg = f"{path}: no such folder"
        raise UsageError(msg)
    relative = _answers_file(root)
    try:
        data = yaml.safe_load((root / relative).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        msg = f"{relative} cannot be read: {error}"
        raise UsageError(msg) from error
    if not isinstance(data, dict) or not data.get("_src_path"):
        msg = f"{relative} records no template (_src_path); nothing to update from"
        raise UsageError(msg)
    if not data.get("_commit"):
        msg = (
            f"{relative} records no template version (_commit): the project was rendered from "
            "a plain folder, not a git repository, so there is no old version to merge from"
        )
        raise UsageError(msg)
    answers = {str(k): v for k, v in data.items() if not str(k).startswith("_")}
    return Project(
        root=root,
        answers_file=relative,
        answers=answers,
        src_path=str(data["_src_path"]),
        commit=str(data["_commit"]),
    )


# -- planning ------------------------------------------------------------------------------


def _is_url(source: str) -> bool:
    return "://" in source or source.startswith(("git@", "gh:", "gl:"))


def _is_store(source: str, store: Path) -> bool:
    return not _is_url(source) and Path(source).expanduser().resolve() == store.resolve()


def _release(version: str) -> tuple[int, ...] | None:
    parts = version.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def _check_store_version(project: Project, store: Path) -> None:
    made_by = version_of(project.commit)
    mine, theirs = _release(__version__), _release(made_by)
    if mine is not None and theirs is not None and theirs > mine:
        msg = (
            f"{project.name} was made by litestar-new {made_by}, newer than this one "
            f"({__version__}); upgrade litestar-new to update it"
        )
        raise UsageError(msg)
    if not has_tag(project.commit):
        msg = (
            f"{project.name} was made by litestar-new {made_by} (template {project.commit}), "
            f"which this machine's template store ({store}) does not hold; install "
            f"litestar-new {made_by}, run `litestar-new scratch --dry-run --yes` once to record "
            f"its template, then come back to {__version__} and update"
        )
        raise UsageError(msg)


def _explicit(request: UpdateRequest) -> Request:
    given = Request(preset=request.preset, features=dict(request.features))
    return merge_sets(given, request.sets)


def _old_rung(answers: Mapping[str, Any]) -> str:
    name = str(answers.get("preset", ""))
    if name not in _RUNG_ORDER:
        msg = f"the answers file records the rung {name!r}, which this litestar-new does not know"
        raise UsageError(msg)
    return name


def _check_names(answers: Mapping[str, Any], given: Request) -> None:
    for key, value in (("project_name", given.name), ("package_name", given.package_name)):
        if value is not None and value != answers.get(key):
            msg = (
                f"--set {key}={value}: update keeps the project's names "
                f"({key} is {answers.get(key)!r}); renaming is not an update"
            )
            raise UsageError(msg)


def _carried_features(
    answers: Mapping[str, Any], given: Mapping[str, Value], old_rung: str, new_rung: str
) -> tuple[dict[str, Value], dict[str, str]]:
    """The features for the new answers, and where each value comes from.

    On the same rung every recorded value stays. Climbing, a recorded value stays only where it
    was a choice (it differs from the old rung's default); a default follows the rung, so that
    ``update --preset api`` on a script project gives what ``new --preset api`` would, plus the
    choices made. Given values always win.
    """
    features: dict[str, Value] = {}
    origin: dict[str, str] = {}
    for item in FEATURES:
        if item.key in given:
            features[item.key], origin[item.key] = given[item.key], "given"
        elif item.key not in answers or new_rung not in item.defaults:
            continue
        elif new_rung == old_rung or answers[item.key] != item.defaults.get(old_rung):
            features[item.key], origin[item.key] = answers[item.key], "kept: your choice"
    return features, origin


def _bundled_answers(
    answers: Mapping[str, Any], request: UpdateRequest
) -> tuple[dict[str, Any], list[str]]:
    """The new answers for litestar-new's own template, checked as ``new`` checks them.

    The rung is the one asked for, else the recorded one; features keep their recorded values
    where the rung offers them, take the given ones, and the rung's defaults for the rest.
    """
    given = _explicit(request)
    _check_names(answers, given)
    old_rung = _old_rung(answers)
    new_rung = rung(given.preset).name if given.preset else old_rung
    if _RUNG_ORDER.index(new_rung) < _RUNG_ORDER.index(old_rung):
        msg = (
            f"--preset {new_rung} goes down the ladder from {old_rung}; update only climbs "
            f"({' -> '.join(_RUNG_ORDER)})"
        )
        raise UsageError(msg)
    features, origin = _carried_features(answers, given.features, old_rung, new_rung)
    texts = {t.key: str(answers[t.key]) for t in TEXT_FIELDS if t.key in answers}
    texts.update(given.texts)
    plan = make_plan(
        Request(
            name=str(answers.get("project_name", "")),
            preset=new_rung,
            features=features,
            texts=texts,
            package_name=str(answers.get("package_name") or "") or None,
            python_version=given.python_version or str(answers.get("python_version") or "") or None,
        ),
        default_preset=new_rung,
    )
    notes = []
    if new_rung != old_rung:
        notes.append(f"Climbing from {old_rung} to {new_rung}:")
        for key, value in plan.spec.features.items():
            shown = ("yes" if value else "no") if isinstance(value, bool) else str(value)
            where = origin.get(key, f"{new_rung}'s default")
            notes.append(f"  {key}: {shown} ({where})")
        flags = ", ".join(f.flag for f in FEATURES if f.key in plan.spec.features)
        notes.append(f"  (change any with its flag: {flags})")
    return dict(plan.answers), notes


def _agency_answers(answers: Mapping[str, Any], request: UpdateRequest) -> dict[str, Any]:
    given: dict[str, Any] = {}
    if request.preset is not None:
        given["preset"] = request.preset
    given.update(request.features)
    for key, raw in request.sets.items():
        if key in given and str(given[key]) != raw:
            msg = f"--set {key}={raw} contradicts {given[key]!r} given for {key}; give one"
            raise UsageError(msg)
        given[key] = raw
    return {**answers, **given}


def plan_update(project: Project, request: UpdateRequest) -> UpdatePlan:
    """Decide the template versions and the answers of the update.

    Raises:
        UsageError: A flag is refused, or the project's template version cannot be found.
    """
    store = store_dir()
    old = TemplateSource(path=project.src_path, ref=project.commit)
    if _is_store(project.src_path, store):
        current = register()
        _check_store_version(project, store)
        new = current
        if request.template_ref is not None:
            if not has_tag(request.template_ref):
                msg = f"--template-ref {request.template_ref}: the template store has no such tag"
                raise UsageError(msg)
            new = TemplateSource(path=current.path, ref=request.template_ref)
        answers, notes = _bundled_answers(project.answers, request)
        bundled = True
    else:
        source = Path(project.src_path).expanduser()
        if not _is_url(project.src_path) and not source.exists():
            hint = ""
            if source.parts[-2:] == ("litestar-new", "templates") and _STORE_TAG.match(
                project.commit
            ):
                hint = (
                    f"; it is litestar-new's template store on another machine: set "
                    f"_src_path in {project.answers_file} to {store} and commit, then update"
                )
            msg = f"the template recorded in {project.answers_file} ({source}) is not there{hint}"
            raise UsageError(msg)
        new = TemplateSource(path=project.src_path, ref=request.template_ref)
        answers, notes = _agency_answers(project.answers, request), []
        bundled = False
    data = {k: v for k, v in answers.items() if project.answers.get(k, _MISSING) != v}
    return UpdatePlan(
        project=project,
        bundled=bundled,
        old=old,
        new=new,
        answers=answers,
        data=data,
        notes=notes,
    )


# -- merging -------------------------------------------------------------------------------


def _recorded_commit(answers_file: Path) -> str:
    import yaml  # noqa: PLC0415

    data = yaml.safe_load(answers_file.read_text(encoding="utf-8")) or {}
    return str(data.get("_commit") or "")


def _check_agency_keys(plan: UpdatePlan, request: UpdateRequest, new_render: Path) -> None:
    import yaml  # noqa: PLC0415

    recorded = yaml.safe_load((new_render / plan.project.answers_file).read_text("utf-8")) or {}
    given = [*request.sets, *request.features, *(["preset"] if request.preset else [])]
    for key in given:
        if key not in recorded:
            msg = (
                f"--set {key}: the template records no such answer (no question of that name, "
                "or one it skips with these answers)"
            )
            raise UsageError(msg)


def _run_copier(plan: UpdatePlan, ref: str) -> None:
    from copier import run_update  # noqa: PLC0415 - heavy: kept off the start-up path
    from copier.errors import UnsafeTemplateError  # noqa: PLC0415

    with warnings.catch_warnings(), finaliser_interrupts():
        warnings.simplefilter("ignore")
        try:
            run_update(
                dst_path=plan.project.root,
                data=plan.data,
                answers_file=plan.project.answers_file,
                vcs_ref=ref,
                defaults=True,
                overwrite=True,
                conflict="inline",
                unsafe=False,
                skip_tasks=True,
                quiet=True,
            )
        except UnsafeTemplateError as error:  # copier's advice (--trust) is no option of ours
            raise LitestarNewError(unsafe_message(error)) from error


@dataclass
class _Guard:
    """What it takes to put the project back as it was if the merge fails or is interrupted."""

    root: Path
    scratch: Path
    created: list[str] = field(default_factory=list)
    """Files of the new render that did not exist: removed if still there, tracked or not."""
    ignored: list[str] = field(default_factory=list)
    """Untracked files the new render overwrites: copies are put back."""

    @classmethod
    def before(cls, root: Path, scratch: Path, new_files: list[str], tracked: set[str]) -> _Guard:
        guard = cls(root=root, scratch=scratch / "untracked")
        for relative in new_files:
            path = root / relative
            if not path.exists() and not path.is_symlink():
                guard.created.append(relative)
            elif relative not in tracked and path.is_file():
                keep = guard.scratch / relative
                keep.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, keep)
                guard.ignored.append(relative)
        return guard

    def rollback(self) -> None:
        gitwork.restore(self.root)
        for relative in self.created:
            path = self.root / relative
            if path.is_file() or path.is_symlink():
                path.unlink()
            for parent in Path(relative).parents:
                folder = self.root / parent
                if str(parent) == "." or not folder.is_dir() or any(folder.iterdir()):
                    break
                folder.rmdir()
        for relative in self.ignored:
            shutil.copy2(self.scratch / relative, self.root / relative)


def _save(root: Path, scratch: Path, paths: list[str]) -> None:
    for relative in paths:
        source = root / relative
        if source.is_file():
            keep = scratch / relative
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, keep)


def _put_back(root: Path, scratch: Path, paths: list[str]) -> None:
    for relative in paths:
        kept = scratch / relative
        if kept.is_file():
            destination = root / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(kept, destination)


_RUFF_CONFIGS = ("pyproject.toml", "ruff.toml", ".ruff.toml")


def _format_merged(root: Path, new_render: Path) -> None:
    """Format the Python files the merge touched, as ``new`` formats a fresh render.

    copier merges raw renders; for long names their lines wrap differently from the formatted
    project. Files with conflict markers are left for the user (they do not parse). When a ruff
    configuration of the project holds conflict markers, ruff would refuse to read it and the
    whole update would fail: the new render's ``pyproject.toml`` configures it instead.
    """
    touched = [e.path for e in gitwork.status(root) if e.path.endswith(".py")]
    present = [p for p in touched if (root / p).is_file()]
    marked = conflict_markers(root, present)
    config = None
    if conflict_markers(root, _RUFF_CONFIGS) and (new_render / "pyproject.toml").is_file():
        config = new_render / "pyproject.toml"
    format_python(root, [p for p in present if p not in marked], config=config)


def _merge(plan: UpdatePlan, ref: str, comparison: Comparison, scratch: Path, new: Path) -> None:
    """Run copier's update with the kept files saved and put back, undone on any failure."""
    root = plan.project.root
    if changed := gitwork.dirty(root):  # again: the renders took a moment
        raise UsageError(_dirty_message(plan.project, changed))
    new_files = [p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()]
    guard = _Guard.before(root, scratch, new_files, gitwork.tracked(root))
    _save(root, scratch / "kept", comparison.kept)
    try:
        _run_copier(plan, ref)
        with no_interrupts():
            _put_back(root, scratch / "kept", comparison.kept)
        if plan.bundled:
            _format_merged(root, new)
    except BaseException as error:
        with no_interrupts():
            guard.rollback()
        if isinstance(error, Exception) and not isinstance(error, LitestarNewError):
            detail = str(error).strip().splitlines()
            reason = detail[-1] if detail else type(error).__name__
            msg = f"the update failed ({reason}); the project was put back as it was"
            raise LitestarNewError(msg) from error
        raise


# -- reporting -----------------------------------------------------------------------------


def _versions(old: str, new: str) -> str:
    return (
        f"template {old} (same version, new answers)" if old == new else f"template {old} -> {new}"
    )


def _shown(value: object) -> str:
    return ("yes" if value else "no") if isinstance(value, bool) else str(value)


def _preview(plan: UpdatePlan, ref: str, comparison: Comparison, output: Output) -> None:
    project = plan.project
    output.line(f"{project.name}: {_versions(project.commit, ref)}")
    for key, value in plan.data.items():
        old = project.answers.get(key)
        output.line(f"  {key}: {_shown(old) if old is not None else '(none)'} -> {_shown(value)}")
    rows = [
        (
            change.kind,
            change.path,
            f"+{change.plus} -{change.minus}",
            change.note,
        )
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
    old_rung = str(plan.project.answers.get("preset", ""))
    package = str(plan.answers.get("package_name", ""))
    for relative in comparison.kept:
        output.line(
            f"kept your edited {relative}; the new template no longer has it: "
            "move what you need by hand, then delete it"
        )
        if plan.bundled and (hint := _HINTS.get((old_rung, relative))):
            output.line(f"  ({hint.format(package=package)})")


def _env(root: Path, output: Output, previous: str | None) -> int:
    """Write or complete ``.env`` (the keys a rung adds, fresh secrets); 1 if left to do."""
    env = complete_env(root, previous)
    if env is None or env.skipped:
        return 0
    output.line(env.message)
    for command in env.fix:
        output.line(f"  {command}")
    return 0 if env.ok else 1


def _report(
    plan: UpdatePlan,
    ref: str,
    comparison: Comparison,
    output: Output,
    old_example: str | None = None,
) -> int:
    root = plan.project.root
    entries = [e for e in gitwork.status(root) if e.path != plan.project.answers_file]
    rejects = gitwork.rejects(root)
    markers = conflict_markers(root, [e.path for e in entries if not e.path.endswith(".rej")])
    rows = []
    counts = {"changed": 0, "added": 0, "removed": 0}
    for entry in sorted(entries, key=lambda e: e.path):
        if entry.path.endswith(".rej"):
            continue
        path = root / entry.path
        after = path.read_bytes() if path.is_file() else None
        before = gitwork.head_bytes(root, entry.path)
        kind = "added" if before is None else "removed" if after is None else "changed"
        counts[kind] += 1
        plus, minus = line_counts(before, after)
        note = "conflict" if entry.path in markers else ""
        rows.append((kind, entry.path, f"+{plus} -{minus}", note))
    output.line(f"Updated {plan.project.name}: {_versions(plan.project.commit, ref)}")
    if rows:
        output.rows(rows)
    _stranded(comparison, output)
    _kept(plan, comparison, output)
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


# -- the command ---------------------------------------------------------------------------


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _dirty_message(project: Project, paths: list[str]) -> str:
    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    return (
        f"{project.name} has uncommitted changes ({shown}); update merges into a clean git "
        "tree so that you can review and undo it: commit them (git add -A . && git commit -m "
        "'your message' -- .) or stash them (git stash push --include-untracked -- .), then run "
        "update again; run from the project folder, both touch nothing outside it"
    )


def update(request: UpdateRequest, output: Output) -> int:
    """Update the project the request names; return the exit code."""
    project = read_project(request.path)
    gitwork.checked_repository(project.root)
    changed = gitwork.dirty(project.root)
    if changed and not request.dry_run:
        raise UsageError(_dirty_message(project, changed))
    plan = plan_update(project, request)
    if plan.bundled and plan.new.ref == project.commit and not plan.data:
        output.line(f"{project.name} is up to date (template {project.commit}); nothing to do")
        return 0
    for line in plan.notes:
        output.line(line)
    with tempfile.TemporaryDirectory(prefix="litestar-new-update-") as folder:
        scratch = Path(folder)
        old_render, new_render = scratch / "old", scratch / "new"
        with output.busy("Rendering the new template ..."):
            render(plan.new, plan.answers, new_render)
        ref = plan.new.ref or _recorded_commit(new_render / project.answers_file)
        if not plan.bundled:
            _check_agency_keys(plan, request, new_render)
            if ref == project.commit and not plan.data:
                output.line(f"{project.name} is up to date (template {ref}); nothing to do")
                return 0
        old_source = plan.old
        if plan.bundled and plan.old.ref is not None:  # faster than copier's clone
            old_source = checkout(plan.old.ref, scratch / "old-template")
        with output.busy("Rendering the template your project was made from ..."):
            render(old_source, project.answers, old_render)
        comparison = compare(
            old_render,
            new_render,
            project.root,
            tracked=gitwork.tracked(project.root),
            skip={project.answers_file},
        )
        if request.dry_run:
            _preview(plan, ref, comparison, output)
            if changed:
                output.line(
                    "The tree has uncommitted changes: update itself will refuse until you "
                    "commit or stash them."
                )
            return 0
        with output.busy("Merging the changes into your project ..."):
            _merge(plan, ref, comparison, scratch, new_render)
        old_example = _text(old_render / ".env.example")
    try:
        return _report(plan, ref, comparison, output, old_example)
    except KeyboardInterrupt:
        # Too late to undo quietly: the merge is done. Say so instead of "put back".
        output.line(f"Interrupted after the update was merged: see git status in {project.root}")
        return EXIT_INTERRUPTED
