"""The command line: one typed function per command, flags only.

What the commands do is in :mod:`litestar_new.new`, :mod:`litestar_new.update` and
:mod:`litestar_new.resources`. ``new`` is the default command, so ``litestar-new myapp`` means
``litestar-new new myapp``; ``update`` and ``add`` sit beside it. A feature's flag takes its help
and its values from the declaration (:func:`litestar_new.spec.feature`); a test holds the flags
and :data:`~litestar_new.spec.FEATURES` in step. What an error or Ctrl-C becomes (a line and an
exit code) is decided in :mod:`litestar_new.__main__` alone.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from litestar_new import __version__
from litestar_new.core.words import TEMPLATE_URLS, is_url
from litestar_new.errors import UsageError, interrupts_mean
from litestar_new.spec import RUNGS, Value, did_you_mean, feature
from litestar_new.templates import TemplateSource
from litestar_new.text import text_field

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["IMPLIED_NEW", "app"]

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


def _choice(values: Iterable[str]) -> dict[str, Any]:
    """Keyword arguments of a ``typer.Option`` that takes one of ``values``.

    Case does not matter (``--preset API``); a typo gets the closest value suggested; the values
    show in the help and are offered on TAB. Typer's public API (a parser, not a click type).
    """
    choices = tuple(values)

    def parse(value: str) -> str:
        if (folded := value.strip().casefold()) in choices:
            return folded
        listed = ", ".join(repr(c) for c in choices)
        msg = f"{value!r} is not one of {listed}{did_you_mean(value, choices)}"
        raise typer.BadParameter(msg)

    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete.casefold())]

    return {"parser": parse, "metavar": "[" + "|".join(choices) + "]", "autocompletion": complete}


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


FEATURES_PANEL = "Features"
"""The help section of the feature flags (a test finds them by it)."""


def _feature_option(key: str) -> Any:  # noqa: ANN401 - typer's OptionInfo
    """The flag of the feature ``key``: its help, its offering presets and values declared."""
    item = feature(key)
    text = f"{item.help} [{', '.join(item.rungs)}]"
    if item.kind == "toggle":
        declared = f"{item.flag}/--no-{item.flag[2:]}"
        return typer.Option(declared, help=text, show_default=False, rich_help_panel=FEATURES_PANEL)
    values = (o.value for o in item.options)
    return typer.Option(item.flag, help=text, rich_help_panel=FEATURES_PANEL, **_choice(values))


def _text_option(key: str) -> Any:  # noqa: ANN401 - typer's OptionInfo
    item = text_field(key)
    return typer.Option(item.flag, help=item.help, rich_help_panel="Project")


_Db = Annotated[str | None, _feature_option("db")]
_Server = Annotated[str | None, _feature_option("server")]
_Docker = Annotated[bool | None, _feature_option("docker")]
_Ci = Annotated[str | None, _feature_option("ci")]
_PRESET_HELP = "Rung of the ladder. " + "; ".join(f"{r.name}: {r.summary}" for r in RUNGS)
_PRESETS = _choice(r.name for r in RUNGS)


def _features(**given: Value | None) -> dict[str, Value]:
    """The feature flags that were given, by their key."""
    return {key: value for key, value in given.items() if value is not None}


def _parse_sets(pairs: list[str] | None) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            msg = f"--set takes KEY=VALUE, not {pair!r}"
            raise UsageError(msg)
        key = key.strip()
        if key in parsed and parsed[key] != value:
            msg = f"--set {key} is given twice with different values"
            raise UsageError(msg)
        parsed[key] = value
    return parsed


def _interactive(yes: bool) -> bool:
    return not yes and sys.stdin.isatty() and sys.stdout.isatty()


def _finish(command: Callable[[], int], interrupted: str) -> NoReturn:
    """Run a command and exit with its code; Ctrl-C becomes ``interrupted; <interrupted>``."""
    with interrupts_mean(interrupted):
        code = command()
    raise typer.Exit(code)


def _template_source(given: str) -> TemplateSource:
    """An agency template: a URL as given, a local path made absolute (copier records it)."""
    if is_url(given):
        if not given.startswith(TEMPLATE_URLS):
            schemes = ", ".join(s for s in TEMPLATE_URLS if s.endswith("//"))
            msg = f"--template {given!r}: not a folder, nor a git URL ({schemes}, git@, gh:, gl:)"
            raise UsageError(msg)
        return TemplateSource(path=given)
    path = Path(given).expanduser().resolve()
    if not path.is_dir():
        msg = f"--template {given!r}: no such folder"
        raise UsageError(msg)
    return TemplateSource(path=str(path))


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
    description: Annotated[str | None, _text_option("description")] = None,
    author_name: Annotated[str | None, _text_option("author_name")] = None,
    author_email: Annotated[str | None, _text_option("author_email")] = None,
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
        features=_features(db=db, server=server, docker=docker, ci=ci),
        texts={key: value for key, value in texts.items() if value is not None},
        cwd=cwd,
    )
    request = merge_sets(request, _parse_sets(set_))
    options = Options(
        asker=QuestionaryAsker() if _interactive(yes) else None,
        install=not no_install,
        git=not no_git,
        force=force,
        dry_run=dry_run,
        template=_template_source(template) if template else None,
    )
    # Everything half done was removed by the pipeline before an interrupt gets out of it.
    _finish(lambda: create(request, options, Output()), "nothing was left behind")


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
            help="Climb to this rung (script -> api -> layered); default: the recorded one.",
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
) -> None:
    """Bring the project at PATH up to the current template, keeping your edits."""
    from litestar_new.ui import Output  # noqa: PLC0415 - keep --help fast
    from litestar_new.update import UpdateRequest  # noqa: PLC0415
    from litestar_new.update import update as run_update  # noqa: PLC0415

    request = UpdateRequest(
        path=Path(path),
        preset=preset,
        features=_features(db=db, server=server, docker=docker, ci=ci),
        sets=_parse_sets(set_),
        dry_run=dry_run,
        template_ref=template_ref,
    )
    # The update undid its half-done merge before an interrupt gets out of it.
    _finish(lambda: run_update(request, Output()), "the project was put back as it was")


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
    "layered rung). A ? after the type makes the field optional (note:text?, quote it in zsh); "
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
    from litestar_new.resources.command import AddRequest  # noqa: PLC0415 - keep --help fast
    from litestar_new.resources.command import add_resource as run_add  # noqa: PLC0415
    from litestar_new.ui import Output  # noqa: PLC0415

    request = AddRequest(
        name=name, fields=tuple(fields or ()), path=path, plural=plural, dry_run=dry_run
    )
    _finish(lambda: run_add(request, Output()), "nothing was written")
