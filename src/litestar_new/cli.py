"""The command line: one typed function per command, flags only.

What the commands do is in :mod:`litestar_new.new`, :mod:`litestar_new.update` and
:mod:`litestar_new.add`. ``new`` is the default command, so ``litestar-new myapp`` means
``litestar-new new myapp``; ``update`` and ``add`` sit beside it. A feature's flag takes its help
and its values from the declaration (:func:`litestar_new.spec.feature`); a test holds the flags
and :data:`~litestar_new.spec.FEATURES` in step. What an error or Ctrl-C becomes (a line and an
exit code) is decided in :mod:`litestar_new.__main__` alone.
"""

# No ``from __future__ import annotations`` here: typer reads every parameter's annotation when it
# builds the commands, and string annotations cost a compile and an eval each (3 ms of every run).
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from litestar_new import __version__
from litestar_new.errors import UsageError
from litestar_new.flags import (
    FEATURES_PANEL,
    choice,
    feature_option,
    features_given,
    finish,
    parse_sets,
    template_source,
    text_option,
)
from litestar_new.spec import PRESETS

__all__ = ["FEATURES_PANEL", "IMPLIED_NEW", "app"]

_GROUP_OPTIONS = {"--help", "-h", "--version", "-V", "--install-completion", "--show-completion"}


IMPLIED_NEW = "litestar_new.implied_new"
"""Key of the root context's ``meta``: True when ``new`` was not typed but implied."""


class _DefaultCommandGroup(TyperGroup):
    """A group whose first argument, when it is no command, goes to ``new``."""

    default_command = "new"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # noqa: ANN401 - click's Context
        """Insert ``new`` in front of a project name or of ``new``'s own options.

        Not while completing the first word (TAB after ``litestar-new``): then the commands are
        what is offered, as for any group.
        """
        completing_first_word = ctx.resilient_parsing and not args
        if not completing_first_word and (
            not args or (args[0] not in self.commands and args[0] not in _GROUP_OPTIONS)
        ):
            args = [self.default_command, *args]
            ctx.meta[IMPLIED_NEW] = True
        return super().parse_args(ctx, args)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:  # noqa: ANN401 - click's
        """The commands and the group's options, and ``new``'s options for a first word ``-``."""
        items: list[Any] = super().shell_complete(ctx, incomplete)
        if incomplete.startswith("-") and (new := self.commands.get(self.default_command)):
            seen = {item.value for item in items}
            items += [i for i in new.shell_complete(ctx, incomplete) if i.value not in seen]
        return items


_EXAMPLES = (
    "Examples:\n\n"
    "\b\n"
    "  litestar-new my-app                      ask the questions, then create ./my-app\n"
    "  litestar-new my-api --preset layered --db postgres --yes\n"
    "  litestar-new add resource Author name:str bio:text?\n\n"
    "Every option of a new project: litestar-new NAME --help (or litestar-new new --help)."
)

app = typer.Typer(
    cls=_DefaultCommandGroup,
    name="litestar-new",
    help=(
        "Create Litestar applications, from a five-line script to a layered service.\n\n"
        "litestar-new NAME [OPTIONS] is short for litestar-new new NAME [OPTIONS]."
    ),
    epilog=_EXAMPLES,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"litestar-new {__version__}")
        raise typer.Exit


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Create Litestar applications."""


_Db = Annotated[str | None, feature_option("db")]
_Server = Annotated[str | None, feature_option("server")]
_Docker = Annotated[bool | None, feature_option("docker")]
_Ci = Annotated[str | None, feature_option("ci")]
_PRESET_HELP = "Preset of the ladder. " + "; ".join(f"{r.name}: {r.summary}" for r in PRESETS)
_PRESETS = choice(r.name for r in PRESETS)


def _interactive(yes: bool) -> bool:
    return not yes and sys.stdin.isatty() and sys.stdout.isatty()


@app.command("new", help="Create a new Litestar project in ./NAME (the default command).")
def new(  # noqa: PLR0917 - typer passes every flag by name
    name: Annotated[
        str | None,
        typer.Argument(help="Project name; the folder ./NAME is created.", show_default=False),
    ] = None,
    preset: Annotated[
        str | None, typer.Option("--preset", "-p", help=_PRESET_HELP, **_PRESETS)
    ] = None,
    db: _Db = None,
    server: _Server = None,
    docker: _Docker = None,
    ci: _Ci = None,
    description: Annotated[str | None, text_option("description")] = None,
    author_name: Annotated[str | None, text_option("author_name")] = None,
    author_email: Annotated[str | None, text_option("author_email")] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            "-s",
            metavar="KEY=VALUE",
            help="Set any template variable (repeatable); same checks as the flags.",
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Take defaults for everything not given; never ask."),
    ] = False,
    no_install: Annotated[
        bool,
        typer.Option(
            "--no-install",
            help="Do not run uv sync (with git, uv lock still writes uv.lock for the first commit).",
        ),
    ] = False,
    no_git: Annotated[
        bool, typer.Option("--no-git", help="Do not make a git repository and first commit.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write into a non-empty folder; only the template's files are overwritten, each listed.",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Print the files that would be written; write nothing."),
    ] = False,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            metavar="PATH|URL",
            help="Your own copier template (path or git URL) instead of the bundled one.",
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Say when copier renders, and why."),
    ] = False,
) -> None:
    """Create a new Litestar project in ./NAME."""
    from litestar_new.new.pipeline import Options, create  # noqa: PLC0415 - keep --help fast
    from litestar_new.new.plan import Request, merge_sets  # noqa: PLC0415
    from litestar_new.new.prompts import QuestionaryAsker  # noqa: PLC0415
    from litestar_new.ui import Output  # noqa: PLC0415

    texts = {"description": description, "author_name": author_name, "author_email": author_email}
    try:
        cwd = Path.cwd()
    except FileNotFoundError:
        msg = "the current folder no longer exists; cd to one that does and run it again"
        raise UsageError(msg) from None
    request = Request(
        name=name,
        preset=preset,
        features=features_given(db=db, server=server, docker=docker, ci=ci),
        texts={key: value for key, value in texts.items() if value is not None},
        cwd=cwd,
    )
    request = merge_sets(request, parse_sets(set_))
    options = Options(
        asker=QuestionaryAsker() if _interactive(yes) else None,
        install=not no_install,
        git=not no_git,
        force=force,
        dry_run=dry_run,
        template=template_source(template) if template else None,
        verbose=verbose,
    )
    # Everything half done was removed by the pipeline before an interrupt gets out of it.
    finish(lambda: create(request, options, Output()), "nothing was left behind")


@app.command(
    "update",
    help=(
        "Bring the project at PATH up to the current template, keeping your edits; "
        "--preset climbs the ladder. Needs a clean git tree; conflicts are listed by "
        "file and line, and the exit code is 1 while any remain."
    ),
)
def update(  # noqa: PLR0917 - typer passes every flag by name
    path: Annotated[
        str,
        typer.Argument(help="The project folder (default: the current one).", show_default=False),
    ] = ".",
    preset: Annotated[
        str | None,
        typer.Option(
            "--preset",
            "-p",
            help="Climb to this preset (script -> api -> layered); default: the recorded one.",
            **_PRESETS,
        ),
    ] = None,
    db: _Db = None,
    server: _Server = None,
    docker: _Docker = None,
    ci: _Ci = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            "-s",
            metavar="KEY=VALUE",
            help="Change a template variable (repeatable); the names (project, package) stay.",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="List the files the update adds, changes and removes; write nothing."
        ),
    ] = False,
    template_ref: Annotated[
        str | None,
        typer.Option(
            "--template-ref",
            metavar="REF",
            help="Template version (git tag) to move to; default: the current or latest.",
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Say when copier renders, and why."),
    ] = False,
) -> None:
    """Bring the project at PATH up to the current template, keeping your edits."""
    from litestar_new.ui import Output  # noqa: PLC0415 - keep --help fast
    from litestar_new.update import UpdateRequest  # noqa: PLC0415
    from litestar_new.update import update as run_update  # noqa: PLC0415

    request = UpdateRequest(
        path=Path(path),
        preset=preset,
        features=features_given(db=db, server=server, docker=docker, ci=ci),
        sets=parse_sets(set_),
        dry_run=dry_run,
        template_ref=template_ref,
        verbose=verbose,
    )
    # The update undid its half-done merge before an interrupt gets out of it.
    finish(lambda: run_update(request, Output()), "the project was put back as it was")


add_app = typer.Typer(
    name="add",
    help="Add to an existing project: litestar-new add resource NAME FIELD:TYPE ...",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
app.add_typer(add_app)

_FIELDS_HELP = (
    "Fields as NAME:TYPE, one per word. Types: str, text, int, float, bool, date, datetime, uuid, "
    "decimal; NAME:ref:RESOURCE refers to another resource (author:ref:Author; User in the "
    "layered preset). A ? after the type makes the field optional (note:text?, quote it in zsh); "
    ":unique after the type makes it unique (code:str:unique)."
)


@add_app.command("resource")
def add_resource(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME", help="The resource, singular: Author, BlogPost.", show_default=False
        ),
    ],
    fields: Annotated[
        list[str] | None, typer.Argument(metavar="FIELD", help=_FIELDS_HELP, show_default=False)
    ] = None,
    path: Annotated[
        Path,
        typer.Option(
            "--path", help="The project (or a folder inside it).", show_default="the current folder"
        ),
    ] = Path(),
    plural: Annotated[
        str | None,
        typer.Option("--plural", help="The plural, when English rules get it wrong (people)."),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="List the files it would write or change; write nothing."),
    ] = False,
) -> None:
    """Add a resource: model, service, schemas, controller, tests (and migration when layered)."""
    from litestar_new.add.command import AddRequest  # noqa: PLC0415 - keep --help fast
    from litestar_new.add.command import add_resource as run_add  # noqa: PLC0415
    from litestar_new.ui import Output  # noqa: PLC0415

    request = AddRequest(
        name=name, fields=tuple(fields or ()), path=path, plural=plural, dry_run=dry_run
    )
    finish(lambda: run_add(request, Output()), "nothing was written")
