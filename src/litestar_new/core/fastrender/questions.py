"""copier's questionnaire with every answer given: each question in order, as ``Worker._ask``.

A question whose ``when`` is false is hidden (never recorded in the answers file); its value is
the given answer or its default, rendered with the answers before it (the computed variables
of ``copier.yml``: ``overlay``, ``capable``, the dependency lists). A given answer is cast to
the question's type, checked against its choices and validated; a default is validated only
when the question is shown, as copier does.
"""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from litestar_new.core.fastrender.config import MISSING, Question, Unsupported

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from litestar_new.core.fastrender.environment import Strings

__all__ = ["Answers", "ask", "cast_to_bool"]

_YAML_TRUE = {"y", "yes", "t", "true", "on"}
_YAML_FALSE = {"n", "no", "f", "false", "off", "~", "null", "none"}


def cast_to_bool(value: Any) -> bool:  # noqa: ANN401 - copier's ``cast_to_bool``
    """A number's truth, then YAML's words for true and false, then Python's ``bool``."""
    with suppress(TypeError, ValueError):
        return bool(float(value))
    if isinstance(value, str):
        lower = value.strip().lower()
        if not lower:
            return False
        if lower in _YAML_TRUE:
            return True
        if lower in _YAML_FALSE:
            return False
    return bool(value)


def _to_str(value: Any) -> str:  # noqa: ANN401
    if isinstance(value, str):
        return value
    if isinstance(value, float | int | Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray):
        return value.decode()
    msg = f"Could not convert {value} to string"
    raise ValueError(msg)


def _yaml(value: str) -> Any:  # noqa: ANN401
    import yaml  # noqa: PLC0415

    return yaml.load(value, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


_CASTS: dict[str, Callable[[Any], Any]] = {
    "bool": cast_to_bool,
    "float": float,
    "int": int,
    "json": json.loads,
    "str": _to_str,
    "yaml": _yaml,
    "path": str,
}


@dataclass
class Answers:
    """What the questionnaire settled."""

    values: dict[str, Any] = field(default_factory=dict)
    """Every answer and computed value, given ones included."""
    hidden: set[str] = field(default_factory=set)
    """Questions whose ``when`` was false: not recorded."""


def _cast(question: Question, answer: Any) -> Any:  # noqa: ANN401
    if question.type not in _CASTS:
        msg = f"question {question.name!r} has the type {question.type!r}"
        raise Unsupported(msg)
    if answer is None and question.type not in {"json", "yaml"}:
        msg = f"question {question.name!r} got None"
        raise Unsupported(msg)
    try:
        return _CASTS[question.type](answer)
    except (TypeError, AttributeError):
        if question.type in {"json", "yaml"}:
            return answer
        raise


class _Asker:
    """The questionnaire's state: the strings renderer and the context builder."""

    def __init__(
        self,
        strings: Strings,
        given: Mapping[str, Any],
        context: Callable[[Answers], dict[str, Any]],
    ) -> None:
        self.strings = strings
        self.given = given
        self.context = context
        self.answers = Answers()

    def choices(self, question: Question, context: Mapping[str, Any]) -> list[Any]:
        choices = question.choices
        if isinstance(choices, str):
            choices = _yaml(self.strings.render(choices, context))
        items = list(choices.items()) if isinstance(choices, dict) else list(choices)
        values = []
        for item in items:
            value = item[1] if isinstance(item, tuple | list) else item
            if isinstance(item, tuple | list) and isinstance(value, dict):
                msg = f"question {question.name!r} has choices with validators"
                raise Unsupported(msg)
            values.append(_cast(question, self.strings.value(value, context)))
        return values

    def parse(self, question: Question, answer: Any, context: Mapping[str, Any]) -> Any:  # noqa: ANN401
        cast = _cast(question, answer)
        if question.choices and cast not in self.choices(question, context):
            msg = f"{cast!r} is not a choice of {question.name!r}"
            raise Unsupported(msg)  # copier words the refusal
        return cast

    def validate(self, question: Question, answer: Any, context: Mapping[str, Any]) -> None:  # noqa: ANN401
        if not question.validator:
            return
        try:
            error = self.strings.value(question.validator, {**context, question.name: answer})
        except Exception as exc:
            error = str(exc)
        if str(error).strip():
            msg = f"the validator of {question.name!r} refused {answer!r}"
            raise Unsupported(msg)  # copier words the refusal

    def default(self, question: Question, context: Mapping[str, Any], *, shown: bool) -> Any:  # noqa: ANN401
        if question.name in self.given:
            result = self.given[question.name]
        elif question.default is MISSING:
            return MISSING
        else:
            result = self.strings.value(question.default, context)
        result = self.parse(question, result, context)
        if shown:
            self.validate(question, result, context)
        return result

    def ask(self, question: Question) -> None:
        context = self.context(self.answers)
        shown = cast_to_bool(self.strings.value(question.when, context))
        if not shown:
            self.answers.hidden.add(question.name)
            if self.default(question, context, shown=False) is MISSING:
                return
        if question.name in self.given:
            answer = self.parse(question, self.given[question.name], context)
            self.validate(question, answer, context)
        else:
            answer = self.default(question, context, shown=shown)
            if answer is MISSING:
                msg = f"question {question.name!r} has no answer"
                raise Unsupported(msg)
        self.answers.values[question.name] = answer


def ask(
    questions: tuple[Question, ...],
    given: Mapping[str, Any],
    strings: Strings,
    context: Callable[[Answers], dict[str, Any]],
) -> Answers:
    """Settle every question of ``questions`` from ``given`` and the defaults, in order.

    Args:
        questions: The template's questions, in ``copier.yml`` order.
        given: The answers passed (copier's ``data``).
        strings: The renderer of defaults, conditions, choices and validators.
        context: The render context for the answers settled so far.

    Raises:
        Unsupported: An answer was refused or is missing: copier says how.
    """
    asker = _Asker(strings, given, context)
    for question in questions:
        asker.ask(question)
    return asker.answers
