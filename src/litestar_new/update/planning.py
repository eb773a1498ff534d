"""Planning an update: the template and version to move to, and the new answers.

For litestar-new's own template the new answers are checked by the same code as ``new``
(:func:`litestar_new.new.plan.plan_project`); for an agency's template they are the recorded
ones with what was given on top, and the template itself checks them when it renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from litestar_new import __version__
from litestar_new.core.words import is_url, shown
from litestar_new.errors import UsageError
from litestar_new.new.plan import Request, merge_sets, plan_project
from litestar_new.spec import (
    FEATURES,
    Value,
    carried_features,
    climb_check,
    find_preset,
    recorded_preset,
)
from litestar_new.store import TemplateSource, has_tag, register, store_dir, version_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from litestar_new.core.answers import AnsweredProject, Answers

__all__ = ["UpdatePlan", "UpdateRequest", "plan_update"]

_STORE_TAG = re.compile(r"^\d+(\.\d+)*\S*\+g[0-9a-f]{12}$")
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
    verbose: bool = False
    """Say when copier renders instead of the fast path, and why."""


@dataclass(frozen=True)
class UpdatePlan:
    """A checked update: from which template version to which, with which answers."""

    project: AnsweredProject
    bundled: bool
    """The template is litestar-new's own (its versioned store); otherwise an agency's."""
    old: TemplateSource
    new: TemplateSource
    answers: dict[str, Any]
    """Every answer for the new render."""
    data: dict[str, Any]
    """The answers that change: what copier receives."""
    notes: list[str] = field(default_factory=list)
    """Lines for the user: the preset climbed and where each choice comes from."""


def _is_store(source: str, store: Path) -> bool:
    return not is_url(source) and Path(source).expanduser().resolve() == store.resolve()


def _release(version: str) -> tuple[int, ...] | None:
    parts = version.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def _check_store_version(project: AnsweredProject, store: Path) -> None:
    commit = project.answers.commit
    made_by = version_of(commit)
    mine, theirs = _release(__version__), _release(made_by)
    if mine is not None and theirs is not None and theirs > mine:
        msg = (
            f"{project.name} was made by litestar-new {made_by}, newer than this one "
            f"({__version__}); upgrade litestar-new to update it"
        )
        raise UsageError(msg)
    if not has_tag(commit):
        msg = (
            f"{project.name} was made by litestar-new {made_by} (template {commit}), "
            f"which this machine's template store ({store}) does not hold; install "
            f"litestar-new {made_by}, run `litestar-new scratch --dry-run --yes` once to record "
            f"its template, then come back to {__version__} and update"
        )
        raise UsageError(msg)


def _check_names(answers: Answers, given: Request) -> None:
    for key, value in (("project_name", given.name), ("package_name", given.package_name)):
        if value is not None and value != (recorded := answers.values.get(key)):
            msg = (
                f"--set {key}={value}: update keeps the project's names "
                f"({key} is {recorded!r}); renaming is not an update"
            )
            raise UsageError(msg)


def _bundled_answers(answers: Answers, request: UpdateRequest) -> tuple[dict[str, Any], list[str]]:
    """The new answers for litestar-new's own template, checked as ``new`` checks them.

    The preset is the one asked for, else the recorded one; features keep their recorded values
    where the preset offers them, take the given ones, and the preset's defaults for the rest.
    """
    given = merge_sets(
        Request(preset=request.preset, features=dict(request.features)), request.sets
    )
    _check_names(answers, given)
    old_preset = recorded_preset({"preset": answers.preset})
    new_preset = find_preset(given.preset).name if given.preset else old_preset
    climb_check(old_preset, new_preset)
    features, origin = carried_features(answers.features, given.features, old_preset, new_preset)
    texts = dict(answers.texts)
    texts.update(given.texts)
    plan = plan_project(
        Request(
            name=answers.project_name,
            preset=new_preset,
            features=features,
            texts=texts,
            package_name=answers.package_name or None,
            python_version=given.python_version or answers.python_version or None,
        ),
        default_preset=new_preset,
    )
    notes = []
    if new_preset != old_preset:
        notes.append(f"Climbing from {old_preset} to {new_preset}:")
        for key, value in plan.spec.features.items():
            where = origin.get(key, f"{new_preset}'s default")
            notes.append(f"  {key}: {shown(value)} ({where})")
        flags = ", ".join(f.flag for f in FEATURES if f.key in plan.spec.features)
        notes.append(f"  (change any with its flag: {flags})")
    return dict(plan.answers), notes


def _agency_answers(answers: Answers, request: UpdateRequest) -> dict[str, Any]:
    given: dict[str, Any] = {}
    if request.preset is not None:
        given["preset"] = request.preset
    given.update(request.features)
    for key, raw in request.sets.items():
        if key in given and str(given[key]) != raw:
            msg = f"--set {key}={raw} contradicts {given[key]!r} given for {key}; give one"
            raise UsageError(msg)
        given[key] = raw
    return {**answers.values, **given}


def _missing_template(project: AnsweredProject, source: Path, store: Path) -> UsageError:
    hint = ""
    if source.parts[-2:] == ("litestar-new", "templates") and _STORE_TAG.match(
        project.answers.commit
    ):
        hint = (
            f"; it is litestar-new's template store on another machine: set "
            f"_src_path in {project.answers_file} to {store} and commit, then update"
        )
    msg = f"the template recorded in {project.answers_file} ({source}) is not there{hint}"
    return UsageError(msg)


def plan_update(project: AnsweredProject, request: UpdateRequest) -> UpdatePlan:
    """Decide the template versions and the answers of the update.

    Raises:
        UsageError: A flag is refused, or the project's template version cannot be found.
    """
    store = store_dir()
    src_path = project.answers.src_path
    old = TemplateSource(path=src_path, ref=project.answers.commit)
    if _is_store(src_path, store):
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
        source = Path(src_path).expanduser()
        if not is_url(src_path) and not source.exists():
            raise _missing_template(project, source, store)
        new = TemplateSource(path=src_path, ref=request.template_ref)
        answers, notes = _agency_answers(project.answers, request), []
        bundled = False
    recorded = project.answers.values
    data = {k: v for k, v in answers.items() if recorded.get(k, _MISSING) != v}
    return UpdatePlan(
        project=project, bundled=bundled, old=old, new=new, answers=answers, data=data, notes=notes
    )
