"""The interactive questions, derived from the tables in :mod:`litestar_new.spec`.

Only what the command line left open is asked. :class:`Asker` is the seam: the real one uses
questionary (arrow keys, defaults, one help line each); tests pass a scripted one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from litestar_new.core.words import shown
from litestar_new.errors import UsageError
from litestar_new.names import parse_project_name
from litestar_new.spec import FEATURES, PRESETS, Value, feature, find_preset, resolve

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from litestar_new.spec import Feature, Preset

__all__ = [
    "DEFAULT_NAME",
    "Asker",
    "QuestionaryAsker",
    "allowed_presets",
    "ask_missing",
    "ask_preset",
    "change_answer",
]

DEFAULT_NAME = "litestar-app"
"""The project name taken when none is given and no question can be asked."""
DEFAULT_PRESET = "api"
"""The preset taken when none is given and no question can be asked."""


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


def allowed_presets(given: Iterable[str]) -> list[Preset]:
    """The presets that offer every feature in ``given`` (the keys of the feature flags).

    Raises:
        UsageError: No preset offers them all: said before any question is asked.
    """
    keys = [k for k in given if k in {f.key for f in FEATURES}]
    allowed = [r for r in PRESETS if all(r.name in feature(k).defaults for k in keys)]
    if not allowed:
        offers = "; ".join(f"{feature(k).flag} by {', '.join(feature(k).presets)}" for k in keys)
        msg = f"no preset offers all of these flags ({offers}); drop one of them"
        raise UsageError(msg)
    return allowed


def ask_preset(asker: Asker, allowed: Sequence[Preset], default: str) -> str:
    """Ask for the preset among ``allowed``; with only one allowed, take it without asking."""
    if len(allowed) == 1:
        return allowed[0].name
    names = [r.name for r in allowed]
    return asker.select(
        "Which preset of the ladder?",
        choices=[(r.name, r.summary) for r in allowed],
        default=default if default in names else names[0],
        instruction="script -> api -> layered; climb later with litestar-new update --preset",
    )


def _ask_feature(asker: Asker, item: Feature, default: Value) -> Value:
    if item.kind == "toggle":
        return asker.confirm(item.question, default=bool(default), instruction=item.help)
    return asker.select(
        item.question,
        choices=[(o.value, o.help) for o in item.options],
        default=str(default),
        instruction=item.help,
    )


def ask_missing(
    asker: Asker,
    *,
    name: str | None,
    preset: str | None,
    features: Mapping[str, Value],
    name_problem: Callable[[str], str | None] = _name_problem,
) -> tuple[str, str, dict[str, Value]]:
    """Ask for the name, the preset and each of the preset's features that were not given.

    What was given is checked first, so that nothing is asked that a flag already rules out:
    a preset that does not offer a given feature is not offered (or refused when it was given),
    and a name whose folder cannot be used is refused (asked again, when typed at the prompt).

    Args:
        asker: Asks the questions.
        name: The project name, or None to ask.
        preset: The preset, or None to ask (among the presets that offer every given feature).
        features: The features given by flags.
        name_problem: Why a name cannot be used (its folder included), or None.

    Returns:
        The name, the preset and every feature of the preset (given or answered).

    Raises:
        UsageError: A given name, preset or feature is refused.
    """
    allowed = allowed_presets(features)
    if name is not None and (problem := name_problem(name)) is not None:
        raise UsageError(problem)
    if preset is not None:
        preset = resolve(preset, features).preset  # a feature the preset does not offer: now
    if name is None:
        name = asker.text("Project name", default=DEFAULT_NAME, validate=name_problem)
    if preset is None:
        preset = ask_preset(asker, allowed, DEFAULT_PRESET)
    chosen = find_preset(preset)
    answered: dict[str, Value] = dict(features)
    for item in FEATURES:
        if chosen.name in item.defaults and item.key not in answered:
            answered[item.key] = _ask_feature(asker, item, item.defaults[chosen.name])
    return name, chosen.name, answered


def change_answer(
    asker: Asker,
    *,
    name: str,
    preset: str,
    features: Mapping[str, Value],
    given: Iterable[str],
    name_problem: Callable[[str], str | None] = _name_problem,
) -> tuple[str, str, dict[str, Value]]:
    """Ask which answer to change, ask that question again, and return the answers.

    A new preset keeps the answers it also offers and asks for the rest; only presets that offer
    the features given as flags (``given``) are offered.
    """
    chosen = find_preset(preset)
    offered = [f for f in FEATURES if chosen.name in f.defaults]
    allowed = allowed_presets(given)
    choices = [("name", f"project name: {name}")]
    if len(allowed) > 1:
        choices.append(("preset", f"preset of the ladder: {preset}"))
    choices += [(f.key, f"{f.question}: {shown(features[f.key])}") for f in offered]
    which = asker.select(
        "Which answer do you want to change?",
        choices=choices,
        default="name",
        instruction="then you come back to the summary",
    )
    answered = dict(features)
    if which == "name":
        name = asker.text("Project name", default=name, validate=name_problem)
    elif which == "preset":
        new = find_preset(ask_preset(asker, allowed, preset))
        kept = {k: v for k, v in answered.items() if new.name in feature(k).defaults}
        return ask_missing(
            asker, name=name, preset=new.name, features=kept, name_problem=name_problem
        )
    else:
        item = feature(which)
        answered[which] = _ask_feature(asker, item, answered[which])
    return name, preset, answered


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
