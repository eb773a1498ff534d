"""A template's ``copier.yml``, read as copier reads it, and refused where the fast path stops.

Only what a copy with every answer given (``defaults=True``, ``quiet=True``, tasks skipped,
into a new folder) can observe is supported. Anything else raises :class:`Unsupported` with
the reason, and copier renders the template instead.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["DEFAULT_EXCLUDE", "MISSING", "Question", "TemplateConfig", "Unsupported", "read_config"]


class Unsupported(Exception):  # noqa: N818 - a reason to fall back, not an error
    """The fast path cannot promise copier's output for this template; copier renders it."""


DEFAULT_EXCLUDE = (
    "copier.yaml",
    "copier.yml",
    "~*",
    "*.py[co]",
    "__pycache__",
    ".git",
    ".DS_Store",
    ".svn",
)
"""copier's own exclusions when a template at its root names none."""

_NEEDS_COPIER = {
    "tasks": "tasks",
    "migrations": "migrations",
    "jinja_extensions": "Jinja extensions",
    "external_data": "external data",
    "secret_questions": "secret questions",
}
_IGNORED = {
    # Copier's version floor (litestar-new checks copier's version itself), messages that a
    # quiet copy never prints, and settings that only act on files already in the destination
    # (the render goes to a new folder) or on symlinks (the fast path refuses those).
    "min_copier_version",
    "message_before_copy",
    "message_after_copy",
    "message_before_update",
    "message_after_update",
    "skip_if_exists",
    "preserve_symlinks",
}
_KNOWN = {"subdirectory", "templates_suffix", "answers_file", "envops", "exclude", *_IGNORED}
_QUESTION_KEYS = {"type", "help", "default", "when", "choices", "validator", "placeholder", "qmark"}
_QUESTION_KEYS |= {"multiline"}
_UNDEFINED = {"jinja2.Undefined", "jinja2.StrictUndefined"}


class Question(NamedTuple):
    """One question of ``copier.yml``, in its long form."""

    name: str
    default: Any
    """:data:`MISSING` when the question has none."""
    type: str
    when: str | bool = True
    choices: Any = ()
    validator: str = ""


MISSING: Any = type("Missing", (), {"__repr__": lambda _: "MISSING"})()
"""A question without a default (copier's ``MISSING``)."""


class TemplateConfig(NamedTuple):
    """The settings and questions of one template."""

    root: Path
    subdirectory: str
    templates_suffix: str
    answers_file: str
    envops: dict[str, Any]
    exclude: tuple[str, ...]
    questions: tuple[Question, ...]


def _load(root: Path) -> dict[str, Any]:
    import yaml  # noqa: PLC0415

    paths = [p for p in (root / "copier.yml", root / "copier.yaml") if p.is_file()]
    if len(paths) != 1:
        msg = "no copier.yml" if not paths else "both copier.yml and copier.yaml"
        raise Unsupported(msg)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(paths[0].read_bytes(), Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:  # !include, several documents: copier's own loader
        msg = f"copier.yml needs copier's YAML loader ({type(error).__name__})"
        raise Unsupported(msg) from error
    if not isinstance(data, dict):
        msg = "copier.yml is not a mapping"
        raise Unsupported(msg)
    return data


def _question(name: str, details: Any) -> Question:  # noqa: ANN401 - YAML
    if not isinstance(details, dict):
        details = {"default": details}
    if unknown := sorted(set(details) - _QUESTION_KEYS):
        msg = f"question {name!r} uses {', '.join(unknown)}"
        raise Unsupported(msg)
    default = details.get("default", MISSING)
    type_name = details.get("type", "")
    if not isinstance(type_name, str) or "{" in type_name:
        msg = f"question {name!r} has a templated type"
        raise Unsupported(msg)
    if type_name == "":  # copier's rule: the default's type, else yaml
        found = type(default).__name__
        type_name = found if found in {"bool", "float", "int", "json", "str", "path"} else "yaml"
    return Question(
        name=name,
        default=default,
        type=type_name,
        when=details.get("when", True),
        choices=details.get("choices") or (),
        validator=details.get("validator", ""),
    )


def read_config(root: Path) -> TemplateConfig:
    """Read ``root/copier.yml``.

    Raises:
        Unsupported: The template uses what only copier does (tasks, migrations, extensions,
            external data, secret or multiple-choice questions, unknown settings...).
    """
    data = _load(root)
    settings = {k[1:]: v for k, v in data.items() if isinstance(k, str) and k.startswith("_")}
    for key, what in _NEEDS_COPIER.items():
        if settings.get(key):
            msg = f"the template uses {what} (_{key})"
            raise Unsupported(msg)
    if unknown := sorted(set(settings) - _KNOWN - set(_NEEDS_COPIER)):
        msg = f"copier.yml sets {', '.join('_' + k for k in unknown)}"
        raise Unsupported(msg)
    envops = dict(settings.get("envops") or {})
    envops.setdefault("keep_trailing_newline", True)
    if envops.get("undefined", "jinja2.Undefined") not in _UNDEFINED:
        msg = f"_envops.undefined is {envops['undefined']!r}"
        raise Unsupported(msg)
    suffix = settings.get("templates_suffix")
    suffix = ".jinja" if suffix is None else str(suffix)
    if not suffix.startswith(".") or suffix.count(".") != 1:
        msg = f"_templates_suffix is {suffix!r}"
        raise Unsupported(msg)
    subdirectory = str(settings.get("subdirectory", ""))
    exclude = settings.get(
        "exclude", DEFAULT_EXCLUDE if PurePath(subdirectory) == PurePath() else ()
    )
    return TemplateConfig(
        root=root,
        subdirectory=subdirectory,
        templates_suffix=suffix,
        answers_file=str(settings.get("answers_file", ".copier-answers.yml")),
        envops=envops,
        exclude=tuple(str(e) for e in exclude),
        questions=tuple(
            _question(str(k), v) for k, v in data.items() if not str(k).startswith("_")
        ),
    )
