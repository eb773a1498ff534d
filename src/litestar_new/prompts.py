"""The interactive questions, derived from the tables in :mod:`litestar_new.spec`.

Only what the command line left open is asked. :class:`Asker` is the seam: the real one uses
questionary (arrow keys, defaults, one help line each); tests pass a scripted one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from litestar_new.errors import UsageError
from litestar_new.names import parse_project_name
from litestar_new.spec import FEATURES, RUNGS, Value, rung

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

__all__ = ["DEFAULT_NAME", "Asker", "QuestionaryAsker", "ask_missing"]

DEFAULT_NAME = "litestar-app"
"""The project name taken when none is given and no question can be asked."""
DEFAULT_PRESET = "api"
"""The rung taken when none is given and no question can be asked."""


class Asker(Protocol):
    """Asks one question and returns the answer; Ctrl-C raises KeyboardInterrupt."""

    def text(self, message: str, *, default: str, validate: Callable[[str], str | None]) -> str:
        """Ask for a line of text; ``validate`` returns an error message or None."""
        ...

    def select(
        self, message: str, *, choices: Sequence[tuple[str, str]], default: str, instruction: str
    ) -> str:
        """Ask to pick one of ``choices`` (value, one-line description)."""
        ...

    def confirm(self, message: str, *, default: bool, instruction: str) -> bool:
        """Ask yes or no."""
        ...


def _name_problem(raw: str) -> str | None:
    try:
        parse_project_name(raw)
    except UsageError as error:
        return str(error)
    return None


def ask_missing(
    asker: Asker, *, name: str | None, preset: str | None, features: Mapping[str, Value]
) -> tuple[str, str, dict[str, Value]]:
    """Ask for the name, the rung and each of the rung's features that were not given.

    Returns:
        The name, the rung and every feature of the rung (given or answered).
    """
    if name is None:
        name = asker.text("Project name", default=DEFAULT_NAME, validate=_name_problem)
    if preset is None:
        preset = asker.select(
            "Which rung of the ladder?",
            choices=[(r.name, r.summary) for r in RUNGS],
            default=DEFAULT_PRESET,
            instruction="script -> api -> layered; climb later with litestar-new update --preset",
        )
    chosen = rung(preset)
    answered: dict[str, Value] = dict(features)
    for item in FEATURES:
        if chosen.name not in item.defaults or item.key in answered:
            continue
        default = item.defaults[chosen.name]
        if item.kind == "toggle":
            answered[item.key] = asker.confirm(
                item.question, default=bool(default), instruction=item.help
            )
        else:
            answered[item.key] = asker.select(
                item.question,
                choices=[(o.value, o.help) for o in item.options],
                default=str(default),
                instruction=item.help,
            )
    return name, chosen.name, answered


def _answer(value: object) -> object:
    """Questionary answers None when it could not ask: treat it as an interrupt, never an answer."""
    if value is None:
        raise KeyboardInterrupt
    return value


class QuestionaryAsker:
    """Questions in the terminal with questionary."""

    def text(self, message: str, *, default: str, validate: Callable[[str], str | None]) -> str:
        """Ask for a line of text."""
        import questionary  # noqa: PLC0415 - heavy: only when asking

        def check(value: str) -> bool | str:
            problem = validate(value)
            return True if problem is None else problem

        return str(_answer(questionary.text(message, default=default, validate=check).unsafe_ask()))

    def select(
        self, message: str, *, choices: Sequence[tuple[str, str]], default: str, instruction: str
    ) -> str:
        """Ask to pick one choice with the arrow keys."""
        import questionary  # noqa: PLC0415

        options = [
            questionary.Choice(title=f"{value:<9} {about}", value=value) for value, about in choices
        ]
        question = questionary.select(
            message,
            choices=options,
            default=default,
            instruction=f"({instruction})",
            use_shortcuts=False,
        )
        return str(_answer(question.unsafe_ask()))

    def confirm(self, message: str, *, default: bool, instruction: str) -> bool:
        """Ask yes or no."""
        import questionary  # noqa: PLC0415

        question = questionary.confirm(f"{message}? ({instruction})", default=default)
        return bool(_answer(question.unsafe_ask()))
