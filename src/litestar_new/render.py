"""Rendering: copier renders the template with every answer given, so it never prompts."""

from __future__ import annotations

import subprocess
import warnings
from typing import TYPE_CHECKING, Any

from litestar_new.errors import LitestarNewError, UsageError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from litestar_new.templates import TemplateSource

__all__ = ["ANSWERS_FILE", "render", "stamp_answers", "template_questions"]

ANSWERS_FILE = ".copier-answers.yml"
"""Where the bundled template records its answers (its ``_answers_file``)."""


def render(source: TemplateSource, answers: Mapping[str, Any], destination: Path) -> None:
    """Render ``source`` with ``answers`` into ``destination`` (a folder that does not exist).

    Raises:
        LitestarNewError: copier refused the template, or the disk failed.
        UsageError: the template's validators or choices refused an answer.
    """
    from copier import run_copy  # noqa: PLC0415 - heavy: kept off the start-up path
    from copier.errors import CopierError  # noqa: PLC0415

    try:
        with warnings.catch_warnings():
            # copier warns about dirty local templates and the like: not the user's business.
            warnings.simplefilter("ignore")
            run_copy(
                src_path=str(source.local_copy) if source.local_copy else source.path,
                dst_path=destination,
                data=dict(answers),
                vcs_ref=None if source.local_copy else source.ref,
                defaults=True,
                overwrite=True,
                quiet=True,
                unsafe=False,
                skip_tasks=True,
                cleanup_on_error=False,
            )
        if source.local_copy is not None:
            stamp_answers(destination / ANSWERS_FILE, source)
        if source.bundled:
            format_python(destination)
    except CopierError as error:
        msg = f"the template could not be rendered: {error}"
        raise LitestarNewError(msg) from error
    except ValueError as error:  # copier's validators and choices: an answer was refused
        msg = f"the template refused an answer: {error}"
        raise UsageError(msg) from error
    except OSError as error:
        reason = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename else ""
        msg = f"writing the project failed: {reason}{where}; nothing was written to the target"
        raise LitestarNewError(msg) from error


def format_python(project: Path, files: Sequence[str] | None = None) -> None:
    """Format the rendered Python with ruff under the project's own configuration.

    Names are part of many lines (``from my_app.domain... import ...``), so where a line wraps
    depends on their length; formatting after rendering makes the output what ``ruff format``
    and ``ruff check`` expect for every name, not only for short ones. For usual names the
    template is already formatted (a test holds it so), so this changes nothing for them.

    Args:
        project: The project folder (its ``pyproject.toml`` configures ruff).
        files: Only these paths, relative to ``project``; every Python file when None.
    """
    from ruff.__main__ import find_ruff_bin  # noqa: PLC0415

    targets = [str(project)] if files is None else [str(project / f) for f in files]
    if not targets:
        return
    ruff = find_ruff_bin()
    for args in (["check", "--fix-only", "--select", "I", "--quiet"], ["format", "--quiet"]):
        result = subprocess.run(
            [ruff, *args, "--no-cache", "--", *targets],
            capture_output=True,
            text=True,
            check=False,
            cwd=project,
        )
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            msg = f"formatting the rendered project failed: {detail[-1] if detail else result.args}"
            raise LitestarNewError(msg)


def stamp_answers(answers_file: Path, source: TemplateSource) -> None:
    """Record ``source``'s repository and tag in an answers file rendered from its local copy.

    The result is byte for byte what copier writes when it renders from the repository itself
    (the same YAML dump as its ``to_nice_yaml`` filter); a test holds the two in step.
    """
    import yaml  # noqa: PLC0415

    text = answers_file.read_text(encoding="utf-8")
    header, _, body = text.partition("\n")
    data = yaml.safe_load(body) or {}
    data["_src_path"] = source.path
    if source.ref is not None:
        data["_commit"] = source.ref
    dumped = yaml.dump(data, indent=4, allow_unicode=True, default_flow_style=False)
    answers_file.write_text(f"{header}\n{dumped}", encoding="utf-8")


def template_questions(template: Path) -> dict[str, dict[str, Any]]:
    """Return the questions of a template's ``copier.yml`` (keys not starting with ``_``)."""
    import yaml  # noqa: PLC0415

    path = template / "copier.yml"
    if not path.is_file():
        path = template / "copier.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        key: value if isinstance(value, dict) else {"default": value}
        for key, value in data.items()
        if not key.startswith("_")
    }
