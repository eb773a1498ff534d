"""Creating a project, top to bottom: ask -> plan -> render -> check the folder -> place -> steps.

Every stage is a function with a typed input and output (see the modules named below), so tests
can enter anywhere; this module only puts them in order and owns the clean-up rules:

- the render happens in a temporary folder beside the target, removed whatever happens;
- Ctrl-C (or any unforeseen error) before the end puts the target back as it was; Ctrl-C
  exits 130;
- a failed post-step keeps the project, says how to finish by hand and exits 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from litestar_new.core import envfile, git
from litestar_new.core.render import check_versions, render
from litestar_new.core.run import Runner, StepResult, SubprocessRunner
from litestar_new.errors import EXIT_STEP_FAILED, LitestarNewError, UsageError
from litestar_new.names import parse_project_name
from litestar_new.new import steps
from litestar_new.new.plan import Plan, Request, check_given, plan_project
from litestar_new.new.prompts import (
    DEFAULT_PRESET,
    Asker,
    allowed_presets,
    ask_missing,
    change_answer,
)
from litestar_new.new.target import (
    Conflicts,
    Placement,
    Workspace,
    find_conflicts,
    precheck,
    user_entries,
)
from litestar_new.spec import feature
from litestar_new.store import TemplateSource, register

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from litestar_new.ui import Output

__all__ = ["Options", "create"]


class Options(NamedTuple):
    """How to run, as opposed to what to make."""

    asker: Asker | None = None
    """None: never ask (``--yes``, or no terminal)."""
    install: bool = True
    git: bool = True
    force: bool = False
    dry_run: bool = False
    template: TemplateSource | None = None
    """An agency's own template; the bundled one when None."""
    runner: Runner | None = None
    """Runs uv and git; the real subprocess runner when None."""
    verbose: bool = False
    """Say when copier renders instead of the fast path, and why."""


def _name_problem(cwd: Path, *, force: bool) -> Callable[[str], str | None]:
    """Why a name cannot be used, its folder included (checked when it is typed), or None."""

    def problem(raw: str) -> str | None:
        try:
            name = parse_project_name(raw)
            target = (cwd / name.dist).absolute()
            precheck(target)
        except UsageError as error:
            return str(error)
        if not force and (entries := user_entries(target)):
            shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
            return (
                f"{name.dist} is not empty ({shown}); choose another name, or pass --force to "
                "write into it (only the template's files are overwritten)"
            )
        return None

    return problem


_SUMMARY_CHOICES = (
    ("create", "write the project now"),
    ("change", "change an answer, then see this summary again"),
    ("cancel", "write nothing and quit"),
)


def _settle(request: Request, asker: Asker, options: Options, output: Output) -> Plan | None:
    """Ask what was not given, show the summary, and let the user change answers there.

    Returns:
        The plan to make, or None when the user cancelled at the summary.
    """
    problem = _name_problem(request.cwd, force=options.force)
    check_given(request)  # what was typed is refused before any question
    given = list(request.features)
    if request.preset is None and given and len(allowed := allowed_presets(given)) == 1:
        output.note(f"{allowed[0].name} preset: the only one that offers {_flags(given)}")
    request.name, request.preset, request.features = ask_missing(
        asker,
        name=request.name,
        preset=request.preset,
        features=request.features,
        name_problem=problem,
    )
    noted = ""
    while True:
        plan = plan_project(request, default_preset=DEFAULT_PRESET)
        if plan.name.normalised and plan.name.dist != noted:
            output.note(f"Using project name {plan.name.dist!r} (package {plan.name.package!r})")
            noted = plan.name.dist
        if options.dry_run:
            return plan
        output.summary(plan)
        choice = asker.select(
            "Create the project?",
            choices=_SUMMARY_CHOICES,
            default="create",
            instruction="Enter creates it",
        )
        if choice == "create":
            return plan
        if choice == "cancel":
            return None
        request.name, request.preset, request.features = change_answer(
            asker,
            name=request.name or plan.name.dist,
            preset=plan.spec.preset,
            features=plan.spec.features,
            given=given,
            name_problem=problem,
        )


def _flags(keys: Sequence[str]) -> str:
    return " and ".join(feature(k).flag for k in keys)


def _check_folder(plan: Plan, conflicts: Conflicts, options: Options, output: Output) -> None:
    if conflicts.blocked:
        output.listing("These paths stand in the way (nothing was written):", conflicts.blocked)
        msg = f"{plan.relative_target} has folders or links where the project puts files"
        raise UsageError(msg)
    if not user_entries(plan.target) or options.force:
        return
    if conflicts.overwritten:
        output.listing("These files of yours would be overwritten:", conflicts.overwritten)
    msg = (
        f"{plan.relative_target} is not empty ({len(conflicts.overwritten)} of its files would be "
        "overwritten); choose another name, or pass --force to write into it"
    )
    raise UsageError(msg)


def _post_steps(
    plan: Plan, options: Options, output: Output, placement: Placement
) -> list[StepResult]:
    runner = options.runner or SubprocessRunner()
    results: list[StepResult] = []
    if (env := envfile.write_env(plan.target)) is not None:
        results.append(env)
    if options.install:
        if kept := sorted({"uv.lock", ".venv"} & placement.entries_before):
            # uv sync would rewrite them: the user's own, not the template's.
            message = f"{' and '.join(kept)} of yours kept: not installed (uv sync yourself)"
            results.append(StepResult("install", ok=True, skipped=True, message=message))
        else:
            with output.status("Installing dependencies with uv ..."):
                python = steps.find_python(str(plan.answers["python_version"]))
                results.append(steps.install(plan.target, runner, python))
    elif options.git and not placement.entries_before and (plan.target / "pyproject.toml").exists():
        # No install, but a first commit (the folder was missing or empty): it must hold the
        # uv.lock that `uv sync --locked` (the generated CI workflow and Dockerfile) needs in a
        # fresh clone. A folder that held anything gets no first commit, so no lock either.
        with output.status("Locking dependencies with uv ..."):
            python = steps.find_python(str(plan.answers["python_version"]))
            results.append(steps.lock(plan.target, runner, python))
    if options.git:
        users_files = bool(placement.entries_before - {".git"})
        results.append(git.git_init(plan.target, runner, users_files=users_files))
    return results


def create(request: Request, options: Options, output: Output) -> int:
    """Make the project the request describes; return the exit code."""
    check_versions()  # before any question: an old copier makes every answer useless
    if options.asker is not None:
        settled = _settle(request, options.asker, options, output)
        if settled is None:
            output.note("Nothing was written.")
            return EXIT_STEP_FAILED
        plan = settled
    else:
        plan = plan_project(request, default_preset=DEFAULT_PRESET)
        if plan.name.normalised:
            output.note(f"Using project name {plan.name.dist!r} (package {plan.name.package!r})")
    precheck(plan.target)
    workspace = Workspace.beside(plan.target)
    placement: Placement | None = None
    try:
        with output.busy("Rendering the project ..."):
            source = options.template or register()
            workspace.create()
            notice = output.note if options.verbose else None
            render(source, plan.answers, workspace.rendered, notice=notice)
        conflicts = find_conflicts(workspace.rendered, plan.target)
        _check_folder(plan, conflicts, options, output)
        if options.dry_run:
            files = [
                p.relative_to(workspace.rendered).as_posix()
                for p in workspace.rendered.rglob("*")
                if p.is_file()
            ]
            output.tree(plan.relative_target + "/", files)
            return 0
        placement = Placement.begin(workspace, plan.target)
        try:
            placement.move(workspace)
        except OSError as error:  # move() has put the target back as it was
            msg = (
                f"writing into {plan.relative_target} failed: {error.strerror or error}; "
                "it was put back as it was"
            )
            raise LitestarNewError(msg) from error
        if placement.overwritten:
            output.listing("Overwritten (--force):", [p.as_posix() for p in placement.overwritten])
        output.note(f"Created {plan.relative_target}/ ({plan.spec.preset} preset)")
        results = _post_steps(plan, options, output, placement)
        output.results(results)
        installed = any(r.name == "install" and r.ok and not r.skipped for r in results)
        output.next_steps(plan, results, installed=installed)
        return 0 if all(r.ok for r in results) else EXIT_STEP_FAILED
    except BaseException:
        # Ctrl-C, or anything unforeseen: the target goes back to what it was.
        if placement is not None:
            placement.rollback()
        raise
    finally:
        workspace.remove()
