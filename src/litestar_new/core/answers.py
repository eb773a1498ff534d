"""A project's ``.copier-answers.yml``, read in one place and typed.

``update`` reads it to know what to merge from; ``add`` to know the preset and the package. Both
get an :class:`AnsweredProject`: the folder, which answers file, and the :class:`Answers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from litestar_new.errors import UsageError
from litestar_new.spec import FEATURES
from litestar_new.text import TEXT_FIELDS

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from litestar_new.spec import Value

__all__ = ["ANSWERS_FILE", "AnsweredProject", "Answers", "answers_file_in", "read_answers"]

ANSWERS_FILE = ".copier-answers.yml"
"""Where the bundled template records its answers (its ``_answers_file``)."""


@dataclass(frozen=True)
class Answers:
    """The recorded answers, by meaning; :attr:`values` holds all of them as recorded."""

    project_name: str
    package_name: str
    preset: str
    python_version: str
    features: dict[str, Value]
    """The features the answers record (keys of :data:`~litestar_new.spec.FEATURES`)."""
    texts: dict[str, str]
    """The free-text answers recorded (keys of :data:`~litestar_new.text.TEXT_FIELDS`)."""
    src_path: str
    """The template the project was rendered from (``_src_path``); empty when not recorded."""
    commit: str
    """The template's version (``_commit``); empty when not recorded."""
    values: dict[str, Any] = field(default_factory=dict)
    """Every answer to the template's questions (no ``_`` keys): what copier gets back."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Answers:
        """The answers of a loaded answers file (a mapping of its keys)."""
        values = {str(k): v for k, v in data.items() if not str(k).startswith("_")}
        return cls(
            project_name=str(values.get("project_name") or ""),
            package_name=str(values.get("package_name") or ""),
            preset=str(values.get("preset") or ""),
            python_version=str(values.get("python_version") or ""),
            features={f.key: values[f.key] for f in FEATURES if f.key in values},
            texts={t.key: str(values[t.key]) for t in TEXT_FIELDS if t.key in values},
            src_path=str(data.get("_src_path") or ""),
            commit=str(data.get("_commit") or ""),
            values=values,
        )


class AnsweredProject(NamedTuple):
    """A generated project: its folder and what its answers file records."""

    root: Path
    answers_file: str
    """The answers file, relative to ``root``."""
    answers: Answers

    @property
    def name(self) -> str:
        """The project's name, for messages."""
        return self.answers.project_name or self.root.name


def answers_file_in(root: Path) -> str | None:
    """The answers file of the project at ``root`` (relative), None when there is none.

    Raises:
        UsageError: Several answers files and no ``.copier-answers.yml``: which one is unclear.
    """
    if (root / ANSWERS_FILE).is_file():
        return ANSWERS_FILE
    others = sorted(p.name for p in root.glob(".copier-answers*.y*ml") if p.is_file())
    if len(others) > 1:
        msg = f"{root} has several answers files ({', '.join(others)}); cannot tell which to use"
        raise UsageError(msg)
    return others[0] if others else None


def read_answers(root: Path, relative: str = ANSWERS_FILE) -> AnsweredProject:
    """Read ``root/relative``.

    Raises:
        UsageError: It cannot be read, or holds no mapping.
    """
    import yaml  # noqa: PLC0415 - not needed for --help

    try:
        data = yaml.safe_load((root / relative).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        msg = f"{relative} cannot be read: {error}"
        raise UsageError(msg) from error
    if not isinstance(data, dict):
        msg = f"{root / relative} is not a copier answers file"
        raise UsageError(msg)
    return AnsweredProject(root=root, answers_file=relative, answers=Answers.from_data(data))
