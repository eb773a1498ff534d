"""What the flags take: a choice from a declaration, ``--set`` pairs, a ``--template`` source.

The pieces :mod:`litestar_new.cli` builds its typed commands from; nothing here imports more than
typer and the declarations (``--help`` stays fast).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from litestar_new.core.words import TEMPLATE_URLS, is_url
from litestar_new.errors import UsageError, interrupts_mean
from litestar_new.spec import Value, did_you_mean, feature
from litestar_new.store import TemplateSource
from litestar_new.text import text_field

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "FEATURES_PANEL",
    "choice",
    "feature_option",
    "features_given",
    "finish",
    "parse_sets",
    "template_source",
    "text_option",
]


def choice(values: Iterable[str]) -> dict[str, Any]:
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


FEATURES_PANEL = "Features"
"""The help section of the feature flags (a test finds them by it)."""


def feature_option(key: str) -> Any:  # noqa: ANN401 - typer's OptionInfo
    """The flag of the feature ``key``: its help, its offering presets and values declared."""
    item = feature(key)
    text = f"{item.help} [{', '.join(item.presets)}]"
    if item.kind == "toggle":
        declared = f"{item.flag}/--no-{item.flag[2:]}"
        return typer.Option(declared, help=text, show_default=False, rich_help_panel=FEATURES_PANEL)
    values = (o.value for o in item.options)
    return typer.Option(item.flag, help=text, rich_help_panel=FEATURES_PANEL, **choice(values))


def text_option(key: str) -> Any:  # noqa: ANN401 - typer's OptionInfo
    """The flag of the free-text answer ``key`` (its help declared in :mod:`litestar_new.text`)."""
    item = text_field(key)
    return typer.Option(item.flag, help=item.help, rich_help_panel="Project")


def features_given(**given: Value | None) -> dict[str, Value]:
    """The feature flags that were given, by their key."""
    return {key: value for key, value in given.items() if value is not None}


def parse_sets(pairs: list[str] | None) -> dict[str, str]:
    """The ``--set KEY=VALUE`` pairs by key; a malformed or contradicting pair is refused.

    Raises:
        UsageError: A pair without ``=`` or key, or a key given twice with different values.
    """
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


def finish(command: Callable[[], int], interrupted: str) -> NoReturn:
    """Run a command and exit with its code; Ctrl-C becomes ``interrupted; <interrupted>``."""
    with interrupts_mean(interrupted):
        code = command()
    raise typer.Exit(code)


def template_source(given: str) -> TemplateSource:
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
