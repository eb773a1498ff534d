"""``litestar-new add resource``, top to bottom.

Parse the words -> plan (names, clashes, references) -> render -> register in the user's files
(:mod:`~.registrations`) -> format with ruff -> check the result -> write all or nothing -> say
what changed and what to run.

The new files are written before they are formatted, inside the write's transaction (a failure
or Ctrl-C removes them again): ruff then formats them all in two runs, where they are, as the
project's configuration says. The registrations, meanwhile, are made and formatted in a thread
(ruff on stdin: the user's files are replaced only at the end). ``--dry-run`` formats the new
files on stdin instead (:func:`prepare`): it writes nothing.
"""

from __future__ import annotations

import ast
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

from litestar_new.add.code import render_files
from litestar_new.add.fields import parse_fields
from litestar_new.add.plan import ResourcePlan, make_plan
from litestar_new.add.project import find_project
from litestar_new.add.pysource import parse_source
from litestar_new.add.registrations import registrations
from litestar_new.add.writer import Change, write_all
from litestar_new.core.ruff import find_ruff, format_files, format_sources
from litestar_new.errors import EXIT_STEP_FAILED, InterruptError, LitestarNewError, UsageError
from litestar_new.ui import uv_for_commands

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator
    from concurrent.futures import Future

    from litestar_new.add.register import Registration
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
        return [Change(path, text) for path, text in self.created.items()] + _changed(
            self.registrations
        )

    @property
    def manual(self) -> list[Registration]:
        """Registrations to make by hand."""
        return [r for r in self.registrations if r.text is None]


def _duplicate_bindings(path: str, text: str) -> None:
    """Refuse generated code that binds a name twice (a resource called ``Decimal``, say)."""
    names: Counter[str] = Counter()
    try:
        tree = parse_source(text, path)
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


def _changed(made: list[Registration]) -> list[Change]:
    """The user's files to change: the registrations that could be made."""
    return [
        Change(r.path, r.text, r.original)
        for r in made
        if r.text is not None and r.original is not None
    ]


@contextmanager
def _started(
    request: AddRequest,
) -> Iterator[tuple[ResourcePlan, dict[str, str], Future[list[Registration]]]]:
    """The plan, its new files rendered and checked, and its registrations under way.

    The registrations (a few ruff runs, one after the other) start first and run in a thread
    while the block renders, formats and writes: they are the longest chain of the command.
    """
    specs = parse_fields(list(request.fields))
    project = find_project(request.path)
    plan = make_plan(project, request.name, specs, plural=request.plural, today=request.today)
    find_ruff()  # once, before the threads
    with ThreadPoolExecutor(max_workers=1) as pool:  # both mostly wait for ruff
        pending = pool.submit(registrations, plan)
        rendered = render_files(plan)  # its errors first: a registration's were found after
        for path, text in rendered.items():
            _duplicate_bindings(path, text)
        yield plan, rendered, pending


def prepare(request: AddRequest) -> Prepared:
    """Everything up to the write, without writing: checked names, formatted files, edits.

    The new files are formatted on stdin, as if they were in place (``--dry-run``).

    Raises:
        UsageError: Bad input or a clash; nothing was written.
        LitestarNewError: Generated code that ruff cannot format (a bug).
    """
    with _started(request) as (plan, rendered, pending):
        try:
            created = format_sources(plan.project.root, rendered)
        except LitestarNewError:
            pending.result()  # a registration's error first, as in the order of the steps
            raise
        return Prepared(plan=plan, created=created, registrations=pending.result())


def _write(
    plan: ResourcePlan, rendered: dict[str, str], pending: Future[list[Registration]]
) -> Prepared:
    """Write the new files, format them in place, then the registrations: all or nothing.

    Raises:
        LitestarNewError: Generated code that ruff cannot format (a bug), a file that could not
            be written or that changed meanwhile; nothing was written.
        KeyboardInterrupt: Ctrl-C; nothing was written.
    """
    root = plan.project.root
    python = [path for path in rendered if path.endswith(".py")]
    created: dict[str, str] = {}
    made: list[Registration] = []

    def formatted_then_registered() -> list[Change]:
        try:
            format_files(root, python)
        except LitestarNewError:
            pending.result()  # a registration's error first, as in the order of the steps
            raise
        created.update((path, (root / path).read_bytes().decode("utf-8")) for path in rendered)
        made.extend(pending.result())
        return _changed(made)

    write_all(
        root, [Change(path, text) for path, text in rendered.items()], formatted_then_registered
    )
    return Prepared(plan=plan, created=created, registrations=made)


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
    if request.dry_run:
        prepared = prepare(request)
        _report(prepared, output, dry_run=True)
        return EXIT_STEP_FAILED if prepared.manual else 0
    with _started(request) as (plan, rendered, pending):
        try:
            prepared = _write(plan, rendered, pending)
            _report(prepared, output, dry_run=False)
        except KeyboardInterrupt as interrupt:
            # The write is all or nothing: the disk says which, whenever the Ctrl-C came.
            root = plan.project.root
            if not any((root / path).exists() for path in rendered):
                raise
            changed = len(_changed(pending.result()))
            msg = (
                f"interrupted after the {plan.name.class_name} resource was written "
                f"({len(rendered)} files created, {changed} changed); see git status in {root}"
            )
            raise InterruptError(msg) from interrupt
    return EXIT_STEP_FAILED if prepared.manual else 0
