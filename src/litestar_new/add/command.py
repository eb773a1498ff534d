"""``litestar-new add resource``, top to bottom.

Parse the words -> plan (names, clashes, references) -> render -> register in the user's files ->
format with ruff -> check the result -> write all or nothing -> say what changed and what to run.
"""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

from litestar_new.add.code import render_files
from litestar_new.add.fields import parse_fields
from litestar_new.add.plan import ResourcePlan, make_plan
from litestar_new.add.project import find_project
from litestar_new.add.register import (
    MISSING,
    Registration,
    add_model_export,
    add_route_handler,
    has_model_export,
    has_route_handler,
    model_export_lines,
    route_handler_lines,
    syntax_problem,
)
from litestar_new.add.writer import Change, write_all
from litestar_new.core.ruff import format_edit, format_sources
from litestar_new.errors import EXIT_STEP_FAILED, InterruptError, LitestarNewError, UsageError
from litestar_new.ui import uv_for_commands

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from litestar_new.ui import Output

__all__ = ["AddRequest", "Prepared", "add_resource", "prepare"]


@dataclass(frozen=True)
class AddRequest:
    """What ``litestar-new add resource`` was given."""

    name: str
    fields: tuple[str, ...]
    path: Path = field(default_factory=Path.cwd)
    plural: str | None = None
    dry_run: bool = False
    today: dt.date | None = None
    """The migration's date (today, in UTC, when None)."""


@dataclass(frozen=True)
class Prepared:
    """Everything the command would write, checked, before anything is written."""

    plan: ResourcePlan
    created: dict[str, str]
    """New files: relative path -> text."""
    registrations: list[Registration]

    def changes(self) -> list[Change]:
        """The files to write: the new ones, and the registrations that could be made."""
        new = [Change(path, text) for path, text in self.created.items()]
        changed = [
            Change(r.path, r.text, r.original)
            for r in self.registrations
            if r.text is not None and r.original is not None
        ]
        return new + changed

    @property
    def manual(self) -> list[Registration]:
        """Registrations to make by hand."""
        return [r for r in self.registrations if r.text is None]


def _duplicate_bindings(path: str, text: str) -> None:
    """Refuse generated code that binds a name twice (a resource called ``Decimal``, say)."""
    names: Counter[str] = Counter()
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as error:  # a bug of litestar-new's, not the user's
        msg = f"the generated {path} does not parse ({error.msg}, line {error.lineno}); please report it"
        raise LitestarNewError(msg) from error
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names[node.name] += 1
    clashes = [name for name, count in names.items() if count > 1]
    if clashes:
        msg = (
            f"the resource's name clashes with {clashes[0]!r} in the generated {path} "
            "(an imported name); choose another resource name; nothing was written"
        )
        raise UsageError(msg)


def _registrations(plan: ResourcePlan) -> list[Registration]:
    project = plan.project
    package, name = project.package, plan.name
    found = []
    controller = f"{name.class_name}Controller"
    module = f"{package}.domain.{name.plural}.controllers"
    app = f"{project.source_prefix}/app.py"
    found.append(
        _registration(
            project.root,
            app,
            f"{controller} registered",
            lambda source: add_route_handler(source, module, controller),
            (
                f"from {module} import {controller}",
                f"and {controller} in the app's route handlers (ROUTE_HANDLERS)",
            ),
        )
    )
    if plan.layered:
        models = f"{project.source_prefix}/db/models/__init__.py"
        model_module = f"{package}.db.models.{name.snake}"
        found.append(
            _registration(
                project.root,
                models,
                f"{name.class_name} exported",
                lambda source: add_model_export(source, model_module, name.class_name),
                (
                    f"from {model_module} import {name.class_name}",
                    f'and "{name.class_name}" in __all__',
                ),
            )
        )
    return found


def _registration(
    root: Path,
    path: str,
    what: str,
    edit: Callable[[str], str | None],
    manual: tuple[str, ...],
) -> Registration:
    """The change of one user file, or the reason it cannot be made and what to add by hand."""
    source, problem = _read(root / path)
    if source is None:
        return Registration(path, what, None, manual, None, problem or MISSING)
    body = source.removeprefix(BOM)  # kept, but not shown to ast and ruff
    problem = syntax_problem(body)
    changed = None if problem else edit(body)
    return Registration(path, what, changed, manual, source, problem or MISSING)


BOM = "\ufeff"


def _read(path: Path) -> tuple[str | None, str | None]:
    """The file's text exactly as it is (line endings too), or None and what is wrong."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, "it does not exist"
    except OSError as error:
        return None, f"it cannot be read: {error.strerror or error}"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex()
        return None, f"line {line} has a byte that is not UTF-8, 0x{byte}; save the file as UTF-8"


def _touched(
    plan: ResourcePlan, registration: Registration
) -> Callable[[str], list[tuple[int, int]]]:
    name = plan.name
    package = plan.project.package
    if registration.path.endswith("app.py"):
        module = f"{package}.domain.{name.plural}.controllers"
        return lambda text: route_handler_lines(text, module, f"{name.class_name}Controller")
    module = f"{package}.db.models.{name.snake}"
    return lambda text: model_export_lines(text, module, name.class_name)


def _formatted(plan: ResourcePlan, registration: Registration) -> Registration:
    """The registration with what it added formatted, checked again (manual if the check fails)."""
    assert registration.text is not None  # noqa: S101 - only made changes are formatted
    assert registration.original is not None  # noqa: S101
    bom = BOM if registration.original.startswith(BOM) else ""
    text = format_edit(
        plan.project.root,
        registration.path,
        registration.original.removeprefix(BOM),
        registration.text,
        _touched(plan, registration),
    )
    checked = _verified(plan, registration, text)
    if checked.text is None:
        return checked
    return replace(checked, text=bom + checked.text)


def _verified(plan: ResourcePlan, registration: Registration, text: str) -> Registration:
    """The registration after formatting, or its manual form when the check fails."""
    name = plan.name
    package = plan.project.package
    if registration.path.endswith("app.py"):
        ok = has_route_handler(
            text, f"{package}.domain.{name.plural}.controllers", f"{name.class_name}Controller"
        )
    else:
        ok = has_model_export(text, f"{package}.db.models.{name.snake}", name.class_name)
    return Registration(
        registration.path,
        registration.what,
        text if ok else None,
        registration.manual,
        registration.original,
    )


def prepare(request: AddRequest) -> Prepared:
    """Everything up to the write: checked names, rendered and formatted files, edits.

    Raises:
        UsageError: Bad input or a clash; nothing was written.
        LitestarNewError: Generated code that ruff cannot format (a bug).
    """
    specs = parse_fields(list(request.fields))
    project = find_project(request.path)
    plan = make_plan(project, request.name, specs, plural=request.plural, today=request.today)
    rendered = render_files(plan)
    for path, text in rendered.items():
        _duplicate_bindings(path, text)
    registrations = [_formatted(plan, r) if r.text is not None else r for r in _registrations(plan)]
    created = format_sources(project.root, rendered)
    return Prepared(plan=plan, created=created, registrations=registrations)


def _report(prepared: Prepared, output: Output, *, dry_run: bool) -> None:
    plan = prepared.plan
    name, project = plan.name, plan.project

    def say(line: str) -> None:
        output.console.print(escape(line), soft_wrap=True)

    verb = "Would add" if dry_run else "Added"
    say(f"{verb} the {name.class_name} resource to {project.root.name} ({project.preset} preset):")
    for path in sorted(prepared.created):
        say(f"  {'create' if dry_run else 'created'}  {path}")
    for registration in prepared.registrations:
        if registration.text is not None:
            word = "change" if dry_run else "changed"
            say(f"  {word}  {registration.path}  ({registration.what})")
    for registration in prepared.manual:
        say(f"Could not change {registration.path} ({registration.reason}).")
        say("Add by hand:")
        for line in registration.manual:
            say(f"    {line}")
    say(f"Routes: {name.url} (GET, POST), {name.url}/{{{name.snake}_id}} (GET, PATCH, DELETE)")
    if dry_run:
        say("Nothing was written (--dry-run).")
        return
    say("Next:")
    uv, hints = uv_for_commands()  # uv by its path when it is not on PATH, as in the panel
    if plan.layered:
        say(f"  {uv} run {project.project_name} database upgrade --no-prompt")
    say(f"  {uv} run pytest")
    for hint in hints:
        say(hint)


def add_resource(request: AddRequest, output: Output) -> int:
    """Add the resource; return the exit code (1 when a registration is left to do by hand).

    Raises:
        UsageError: Bad input or a clash (exit 2); nothing was written.
        LitestarNewError: Writing failed (exit 1); nothing was written.
        KeyboardInterrupt: Ctrl-C before the write ended; nothing was written.
        InterruptError: Ctrl-C after the write (during the report); the resource is in place.
    """
    prepared = prepare(request)
    try:
        if not request.dry_run:
            write_all(prepared.plan.project.root, prepared.changes())
        _report(prepared, output, dry_run=request.dry_run)
    except KeyboardInterrupt as interrupt:
        # The write is all or nothing: the disk says which, whenever the Ctrl-C came.
        if request.dry_run or not _written(prepared):
            raise
        created, changed = len(prepared.created), len(prepared.changes()) - len(prepared.created)
        msg = (
            f"interrupted after the {prepared.plan.name.class_name} resource was written "
            f"({created} files created, {changed} changed); see git status in "
            f"{prepared.plan.project.root}"
        )
        raise InterruptError(msg) from interrupt
    return EXIT_STEP_FAILED if prepared.manual else 0


def _written(prepared: Prepared) -> bool:
    """Whether the resource's new files are on disk (they did not exist before the write)."""
    root = prepared.plan.project.root
    return any((root / path).exists() for path in prepared.created)
