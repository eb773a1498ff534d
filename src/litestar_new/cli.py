"""The command line: flags only. What they do is in :mod:`litestar_new.pipeline`.

The ``new`` command's flags are derived from the tables (:data:`~litestar_new.spec.FEATURES`,
:data:`~litestar_new.text.TEXT_FIELDS`): a feature added there gets its flag here. ``new`` is the
default command, so ``litestar-new myapp`` means ``litestar-new new myapp``; ``update`` and
``add`` sit beside it.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from litestar_new import __version__
from litestar_new.errors import EXIT_INTERRUPTED, UsageError
from litestar_new.spec import FEATURES, RUNGS, Value, did_you_mean
from litestar_new.templates import TemplateSource
from litestar_new.text import TEXT_FIELDS

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["IMPLIED_NEW", "app", "build_command"]

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


def _feature_parameters() -> list[inspect.Parameter]:
    parameters = []
    for item in FEATURES:
        rungs = ", ".join(item.rungs)
        if item.kind == "toggle":
            option = typer.Option(
                f"{item.flag}/--no-{item.flag[2:]}",
                help=f"{item.help} [{rungs}]",
                show_default=False,
                rich_help_panel="Features",
            )
            annotation: Any = Annotated[bool | None, option]
        else:
            option = typer.Option(
                item.flag,
                help=f"{item.help} [{rungs}]",
                rich_help_panel="Features",
                **_choice(o.value for o in item.options),
            )
            annotation = Annotated[str | None, option]
        parameters.append(
            inspect.Parameter(
                item.key, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation
            )
        )
    return parameters


def _text_parameters() -> list[inspect.Parameter]:
    return [
        inspect.Parameter(
            item.key,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                str | None, typer.Option(item.flag, help=item.help, rich_help_panel="Project")
            ],
        )
        for item in TEXT_FIELDS
    ]


_RUNG_HELP = "; ".join(f"{r.name}: {r.summary}" for r in RUNGS)

_FIXED: list[tuple[str, Any, Any]] = [
    (
        "name",
        Annotated[
            str | None,
            typer.Argument(help="Project name; the folder ./NAME is created.", show_default=False),
        ],
        None,
    ),
    (
        "preset",
        Annotated[
            str | None,
            typer.Option(
                "--preset",
                "-p",
                help=f"Rung of the ladder. {_RUNG_HELP}",
                **_choice(r.name for r in RUNGS),
            ),
        ],
        None,
    ),
    (
        "set_",
        Annotated[
            list[str] | None,
            typer.Option(
                "--set", "-s", metavar="KEY=VALUE", help="Set any template variable (repeatable)."
            ),
        ],
        None,
    ),
    (
        "yes",
        Annotated[
            bool,
            typer.Option("--yes", "-y", help="Take defaults for everything not given; never ask."),
        ],
        False,
    ),
    (
        "no_install",
        Annotated[
            bool,
            typer.Option(
                "--no-install",
                help="Do not run uv sync (with git, uv lock still writes uv.lock for the first commit).",
            ),
        ],
        False,
    ),
    (
        "no_git",
        Annotated[bool, typer.Option("--no-git", help="Do not make a git repository.")],
        False,
    ),
    (
        "force",
        Annotated[
            bool,
            typer.Option(
                "--force",
                help="Write into a non-empty folder, overwriting only the template's files.",
            ),
        ],
        False,
    ),
    (
        "dry_run",
        Annotated[
            bool,
            typer.Option("--dry-run", help="Print the files that would be written; write nothing."),
        ],
        False,
    ),
    (
        "template",
        Annotated[
            str | None,
            typer.Option(
                "--template",
                help="Your own copier template (path or git URL) instead of the bundled one.",
            ),
        ],
        None,
    ),
]


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


def _new(**kwargs: Any) -> None:  # noqa: ANN401 - the signature is built from the tables
    """Create a new Litestar project in ./NAME."""
    from litestar_new.pipeline import Options, create  # noqa: PLC0415 - keep --help fast
    from litestar_new.plan import Request, merge_sets  # noqa: PLC0415
    from litestar_new.prompts import QuestionaryAsker  # noqa: PLC0415
    from litestar_new.ui import Output  # noqa: PLC0415

    features: dict[str, Value] = {
        f.key: kwargs[f.key] for f in FEATURES if kwargs[f.key] is not None
    }
    texts = {t.key: kwargs[t.key] for t in TEXT_FIELDS if kwargs[t.key] is not None}
    try:
        cwd = Path.cwd()
    except FileNotFoundError:
        msg = "the current folder no longer exists; cd to one that does and run it again"
        raise UsageError(msg) from None
    request = Request(
        name=kwargs["name"], preset=kwargs["preset"], features=features, texts=texts, cwd=cwd
    )
    request = merge_sets(request, _parse_sets(kwargs["set_"]))
    template = None
    if kwargs["template"]:
        template = _template_source(kwargs["template"])
    options = Options(
        asker=QuestionaryAsker() if _interactive(kwargs["yes"]) else None,
        install=not kwargs["no_install"],
        git=not kwargs["no_git"],
        force=kwargs["force"],
        dry_run=kwargs["dry_run"],
        template=template,
    )
    try:
        code = create(request, options, Output())
    except KeyboardInterrupt:
        # Everything half done was removed by the pipeline before the interrupt got here.
        sys.stderr.write("litestar-new: interrupted; nothing was left behind\n")
        code = EXIT_INTERRUPTED
    raise typer.Exit(code)


_TEMPLATE_URLS = ("https://", "http://", "ssh://", "git://", "file://", "git@", "gh:", "gl:")


def _template_source(given: str) -> TemplateSource:
    """An agency template: a URL as given, a local path made absolute (copier records it)."""
    if given.startswith(_TEMPLATE_URLS):
        return TemplateSource(path=given)
    if "://" in given:
        schemes = ", ".join(s for s in _TEMPLATE_URLS if s.endswith("//"))
        msg = f"--template {given!r}: not a folder, nor a git URL ({schemes}, git@, gh:, gl:)"
        raise UsageError(msg)
    path = Path(given).expanduser().resolve()
    if not path.is_dir():
        msg = f"--template {given!r}: no such folder"
        raise UsageError(msg)
    return TemplateSource(path=str(path))


def _update(**kwargs: Any) -> None:  # noqa: ANN401 - the signature is built from the tables
    """Bring the project at PATH up to the current template, keeping your edits."""
    from litestar_new.ui import Output  # noqa: PLC0415 - keep --help fast
    from litestar_new.update import UpdateRequest, update  # noqa: PLC0415

    features: dict[str, Value] = {
        f.key: kwargs[f.key] for f in FEATURES if kwargs[f.key] is not None
    }
    request = UpdateRequest(
        path=Path(kwargs["path"]),
        preset=kwargs["preset"],
        features=features,
        sets=_parse_sets(kwargs["set_"]),
        dry_run=kwargs["dry_run"],
        template_ref=kwargs["template_ref"],
    )
    try:
        code = update(request, Output())
    except KeyboardInterrupt:
        # The update undid its half-done merge before the interrupt got here.
        sys.stderr.write("litestar-new: interrupted; the project was put back as it was\n")
        code = EXIT_INTERRUPTED
    raise typer.Exit(code)


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
def _add_resource(
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
    from litestar_new.resources.command import AddRequest, add_resource  # noqa: PLC0415
    from litestar_new.ui import Output  # noqa: PLC0415

    request = AddRequest(
        name=name, fields=tuple(fields or ()), path=path, plural=plural, dry_run=dry_run
    )
    try:
        code = add_resource(request, Output())
    except KeyboardInterrupt:
        sys.stderr.write("litestar-new: interrupted; nothing was written\n")
        code = EXIT_INTERRUPTED
    raise typer.Exit(code)


_UPDATE_FIXED: list[tuple[str, Any, Any]] = [
    (
        "path",
        Annotated[
            str,
            typer.Argument(
                help="The project folder (default: the current one).", show_default=False
            ),
        ],
        ".",
    ),
    (
        "preset",
        Annotated[
            str | None,
            typer.Option(
                "--preset",
                "-p",
                help="Climb to this rung (script -> api -> layered); default: the recorded one.",
                **_choice(r.name for r in RUNGS),
            ),
        ],
        None,
    ),
    (
        "set_",
        Annotated[
            list[str] | None,
            typer.Option(
                "--set", "-s", metavar="KEY=VALUE", help="Change a template variable (repeatable)."
            ),
        ],
        None,
    ),
    (
        "dry_run",
        Annotated[
            bool,
            typer.Option(
                "--dry-run",
                help="List the files the update adds, changes and removes; write nothing.",
            ),
        ],
        False,
    ),
    (
        "template_ref",
        Annotated[
            str | None,
            typer.Option(
                "--template-ref",
                metavar="REF",
                help="Template version (git tag) to move to; default: the current or latest.",
            ),
        ],
        None,
    ),
]


def _signature(fixed: list[tuple[str, Any, Any]], positional: str, features_at: int) -> Any:  # noqa: ANN401
    parameters = [
        inspect.Parameter(
            name,
            inspect.Parameter.POSITIONAL_OR_KEYWORD
            if name == positional
            else inspect.Parameter.KEYWORD_ONLY,
            default=default,
            annotation=annotation,
        )
        for name, annotation, default in fixed
    ]
    extra = _feature_parameters() + (_text_parameters() if positional == "name" else [])
    return inspect.Signature([*parameters[:features_at], *extra, *parameters[features_at:]])


def build_command() -> None:
    """Attach ``new`` and ``update`` with their signatures built from the tables."""
    _new.__signature__ = _signature(_FIXED, "name", 2)  # type: ignore[attr-defined]
    app.command("new", help="Create a new Litestar project in ./NAME (the default command).")(_new)
    _update.__signature__ = _signature(_UPDATE_FIXED, "path", 2)  # type: ignore[attr-defined]
    app.command(
        "update",
        help=(
            "Bring the project at PATH up to the current template, keeping your edits; "
            "--preset climbs the ladder. Needs a clean git tree; conflicts are listed by "
            "file and line, and the exit code is 1 while any remain."
        ),
    )(_update)


build_command()
