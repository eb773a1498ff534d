"""From what the user gave (flags, ``--set``, answers) to a checked plan: the render's input."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from litestar_new.core import git
from litestar_new.errors import UsageError
from litestar_new.names import ProjectName, parse_package_name, parse_project_name
from litestar_new.spec import FEATURES, ProjectSpec, Value, feature, resolve
from litestar_new.text import TEXT_FIELDS, check_text

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["PYTHON_VERSIONS", "Plan", "Request", "check_given", "merge_sets", "plan_project"]

PYTHON_VERSIONS = ("3.11", "3.12", "3.13")
"""Oldest Python a generated project may declare (``--set python_version=...``)."""
_OTHER_KEYS = ("project_name", "package_name", "preset", "python_version")


@dataclass
class Request:
    """Everything the command line gathered, not checked yet."""

    name: str | None = None
    preset: str | None = None
    features: dict[str, Value] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    package_name: str | None = None
    python_version: str | None = None
    cwd: Path = field(default_factory=Path.cwd)


class Plan(NamedTuple):
    """A checked, complete description of the project to make."""

    name: ProjectName
    spec: ProjectSpec
    answers: Mapping[str, Any]
    """Every template variable, as copier receives it."""
    target: Path
    cwd: Path

    @property
    def relative_target(self) -> str:
        """The target as the user would type it from where they ran the command."""
        try:
            return str(self.target.relative_to(self.cwd))
        except ValueError:
            return str(self.target)


def _conflict(key: str, first: object, second: object) -> UsageError:
    return UsageError(f"--set {key}={second!r} contradicts {first!r} given for {key}; give one")


def merge_sets(request: Request, sets: Mapping[str, str]) -> Request:
    """Fold ``--set KEY=VALUE`` pairs into the request; a contradiction is an error."""
    text_keys = {t.key for t in TEXT_FIELDS}
    feature_keys = {f.key for f in FEATURES}
    for key, raw in sets.items():
        if key in feature_keys:
            value = feature(key).parse(raw)
            if key in request.features and request.features[key] != value:
                raise _conflict(key, request.features[key], raw)
            request.features[key] = value
        elif key in text_keys:
            if key in request.texts and request.texts[key] != raw:
                raise _conflict(key, request.texts[key], raw)
            request.texts[key] = raw
        elif key in _OTHER_KEYS:
            attribute = "name" if key == "project_name" else key
            current = getattr(request, attribute)
            if current is not None and current != raw:
                raise _conflict(key, current, raw)
            setattr(request, attribute, raw)
        else:
            valid = ", ".join(sorted(feature_keys | text_keys | set(_OTHER_KEYS)))
            msg = f"--set {key!r}: no such template variable; valid keys: {valid}"
            raise UsageError(msg)
    return request


_FROM_GIT = {"author_name": "user.name", "author_email": "user.email"}
"""Texts whose default is the user's git setting."""


def _text_answers(given: Mapping[str, str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    from_git = {key: setting for key, setting in _FROM_GIT.items() if key not in given}
    settings = git.config_values(*from_git.values()) if from_git else {}
    for item in TEXT_FIELDS:
        if item.key in given:
            answers[item.key] = check_text(item.key, given[item.key])
            continue
        value = settings[from_git[item.key]] if item.key in from_git else item.default
        try:
            answers[item.key] = check_text(item.key, value)
        except UsageError:  # an odd git config is not worth stopping for: leave it out
            answers[item.key] = ""
    return answers


def _python_version(given: str | None) -> str:
    python_version = given or PYTHON_VERSIONS[0]
    if python_version not in PYTHON_VERSIONS:
        choices = ", ".join(PYTHON_VERSIONS)
        msg = f"python_version {python_version!r} is not supported; valid choices: {choices}"
        raise UsageError(msg)
    return python_version


def check_given(request: Request) -> None:
    """Check what was typed that no question can change: texts, package, Python version.

    Raises:
        UsageError: One of them is refused (before any question is asked).
    """
    for key, value in request.texts.items():
        check_text(key, value)
    if request.package_name:
        parse_package_name(request.package_name)
    _python_version(request.python_version)


def plan_project(request: Request, *, default_preset: str) -> Plan:
    """Check every part of the request and fill in defaults.

    Raises:
        UsageError: A name, a value or a combination is refused.
    """
    from litestar_new.new.prompts import DEFAULT_NAME  # noqa: PLC0415 - avoid an import cycle

    name = parse_project_name(request.name if request.name is not None else DEFAULT_NAME)
    package = parse_package_name(request.package_name) if request.package_name else name.package
    spec = resolve(request.preset or default_preset, request.features)
    python_version = _python_version(request.python_version)
    answers: dict[str, Any] = {
        "project_name": name.dist,
        "package_name": package,
        **_text_answers(request.texts),
        **spec.answers(),
        "python_version": python_version,
    }
    target = (request.cwd / name.dist).absolute()
    return Plan(name=name, spec=spec, answers=answers, target=target, cwd=request.cwd)
