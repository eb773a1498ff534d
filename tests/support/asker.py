"""An asker that answers the prompts from a script, for the interactive flow without a terminal."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


@dataclass
class ScriptedAsker:
    """Answers from a dict keyed by question; records what was asked."""

    answers: dict[str, object] = field(default_factory=dict)
    """An answer per question; a list gives its items in turn (a question asked again)."""
    asked: list[str] = field(default_factory=list)
    interrupt_at: str | None = None
    offered: dict[str, list[str]] = field(default_factory=dict)
    """The choices of each select, as last asked."""

    def _reply(self, message: str, default: object) -> object:
        self.asked.append(message)
        if message == self.interrupt_at:
            raise KeyboardInterrupt
        answer = self.answers.get(message, default)
        if isinstance(answer, list):
            return answer.pop(0) if answer else default
        return answer

    def text(self, message: str, *, default: str, validate: Callable[[str], str | None]) -> str:
        value = str(self._reply(message, default))
        assert validate(value) is None
        return value

    def select(
        self, message: str, *, choices: Sequence[tuple[str, str]], default: str, instruction: str
    ) -> str:
        assert default in [c[0] for c in choices]
        assert instruction
        self.offered[message] = [c[0] for c in choices]
        return str(self._reply(message, default))

    def confirm(self, message: str, *, default: bool, instruction: str) -> bool:
        return bool(self._reply(message, default))
