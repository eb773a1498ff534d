"""Rendering a template with every answer given, so nothing prompts.

The bundled template renders through :mod:`litestar_new.core.fastrender` (copier's output,
byte for byte, without importing copier); copier renders the rest, and whatever the fast path
does not support.
"""

from __future__ import annotations

import errno
import re
import shutil
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from litestar_new.core.answers import ANSWERS_FILE
from litestar_new.core.interrupts import finaliser_interrupts
from litestar_new.errors import LitestarNewError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from litestar_new.store import TemplateSource

__all__ = [
    "ANSWERS_FILE",
    "MINIMUM_VERSIONS",
    "Engine",
    "check_versions",
    "render",
    "stamp_answers",
    "template_questions",
    "unsafe_message",
]

Engine = Literal["auto", "copier"]
"""``auto``: the fast path for the bundled template, copier for the rest; ``copier``: copier."""

MINIMUM_VERSIONS = {"copier": (9, 17, 2), "jinja2": (3, 1, 6)}
"""Older releases let a template escape its folder (symlinks, ``_subdirectory``, includes):
the floors of ``pyproject.toml``, checked again at run time in case the environment differs."""


def check_versions() -> None:
    """Refuse to render with a copier or Jinja2 older than :data:`MINIMUM_VERSIONS`.

    Raises:
        LitestarNewError: One of them is missing or too old.
    """
    from litestar_new.core import installed  # noqa: PLC0415 - importlib.metadata's answer, cheaper

    for package, minimum in MINIMUM_VERSIONS.items():
        found = installed.version(package)
        if found is None or installed.release(found) < minimum:
            wanted = ".".join(str(part) for part in minimum)
            msg = (
                f"litestar-new needs {package} >= {wanted} (found {found or 'none'}), older "
                f"releases let templates write outside their folder; upgrade it: "
                f"pip install --upgrade '{package}>={wanted}'"
            )
            raise LitestarNewError(msg)


def render(
    source: TemplateSource,
    answers: Mapping[str, Any],
    destination: Path,
    *,
    engine: Engine = "auto",
    notice: Callable[[str], None] | None = None,
) -> None:
    """Render ``source`` with ``answers`` into ``destination`` (a folder that does not exist).

    The bundled template goes through the fast path (:mod:`litestar_new.core.fastrender`),
    byte for byte what copier writes; anything it does not support, and every other template,
    goes to copier. Nothing formats the result: the bundled template renders as ruff wants it
    for every name we allow (``tests/world/test_copier_and_climb.py`` checks every length and
    every combination), so plain copier users and ``update`` see the same files.

    Args:
        source: The template and its version.
        answers: Every answer, as copier's ``data``.
        destination: Where to render.
        engine: ``"copier"`` renders with copier whatever the template (the tests' oracle).
        notice: Told why copier renders instead of the fast path (``new --verbose``).

    Raises:
        LitestarNewError: copier refused the template, or the disk failed.
        UsageError: the template's validators or choices refused an answer.
    """
    try:
        reason = (
            "copier was asked for"
            if engine == "copier"
            else _render_fast(source, answers, destination)
        )
        if reason is not None:
            import logging  # noqa: PLC0415 - only when copier renders

            logging.getLogger(__name__).debug("rendering with copier: %s", reason)
            if notice is not None:
                notice(f"Rendering with copier: {reason}")
            _render_copier(source, answers, destination)
        if source.local_copy is not None:
            stamp_answers(destination / ANSWERS_FILE, source)
    except OSError as error:
        raise _disk_error(error) from error


def _render_fast(
    source: TemplateSource, answers: Mapping[str, Any], destination: Path
) -> str | None:
    """Render through the fast path; return why it could not (then nothing is left behind)."""
    if not source.bundled:
        return "a template of your own (--template)"
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        return f"{destination} is not empty"
    from litestar_new.core.fastrender import Unsupported, render_fast  # noqa: PLC0415
    from litestar_new.store import data_dir  # noqa: PLC0415

    existed = destination.exists()
    template = source.local_copy or Path(source.path)
    try:
        render_fast(template, answers, destination, data_dir() / "cache")
    except Unsupported as error:
        if existed:
            for child in destination.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        else:
            shutil.rmtree(destination, ignore_errors=True)
        return f"the fast path does not support it ({error})"
    return None


def _render_copier(source: TemplateSource, answers: Mapping[str, Any], destination: Path) -> None:
    """Render with copier's ``run_copy``; its errors become litestar-new's."""
    from copier import run_copy  # noqa: PLC0415 - heavy: kept off the start-up path
    from copier.errors import CopierError, UnsafeTemplateError  # noqa: PLC0415
    from jinja2 import TemplateError  # noqa: PLC0415
    from plumbum import ProcessExecutionError  # noqa: PLC0415 - what copier's git raises

    try:
        with warnings.catch_warnings(), finaliser_interrupts():
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
    # Jinja's TemplateNotFound and plumbum's errors are OSErrors too: sorted out first.
    except UnsafeTemplateError as error:
        raise LitestarNewError(unsafe_message(error)) from error
    except (CopierError, TemplateError) as error:
        msg = f"the template could not be rendered: {_first_line(error)}"
        raise LitestarNewError(msg) from error
    except ProcessExecutionError as error:  # copier's git: fetching, or checking a folder
        from litestar_new.core.run import describe_exit  # noqa: PLC0415

        lines = [line for line in str(error.stderr).splitlines() if line.strip()]
        code = error.retcode if isinstance(error.retcode, int) else 1
        detail = lines[-1].strip() if lines else describe_exit(code)
        command = " ".join(str(part) for part in error.argv[1:2])
        msg = f"the template could not be rendered: git {command} failed: {detail}"
        raise LitestarNewError(msg) from error
    except ValueError as error:  # copier's validators and choices: an answer was refused
        msg = f"the template refused an answer: {error}"
        raise UsageError(msg) from error


def _disk_error(error: OSError) -> LitestarNewError:
    reason = error.strerror or str(error)
    if error.errno == errno.EFBIG:
        reason += " (the file size limit, ulimit -f)"
    where = f" ({Path(error.filename).name})" if error.filename else ""
    msg = f"writing the project failed: {reason}{where}; nothing was written to the target"
    return LitestarNewError(msg)


_UNSAFE_KEYS = {"tasks": "_tasks", "migrations": "_migrations"}


def unsafe_message(error: BaseException) -> str:
    """Copier's refusal of an unsafe template, without its advice to pass ``--trust``.

    litestar-new has no ``--trust``: it never runs a template's tasks or migrations and never
    loads its Jinja extensions, so the way out is a template without them.
    """
    found = re.search(r"unsafe features?: ([\w, ]+)", str(error))
    features = [f.strip() for f in found.group(1).split(",")] if found else []
    keys = ", ".join(_UNSAFE_KEYS.get(f, f"_{f}") for f in features) or "its unsafe features"
    return (
        f"the template uses {keys}, which litestar-new does not allow (it has no --trust); "
        f"remove {keys} from the template's copier.yml to use it"
    )


def _first_line(error: BaseException) -> str:
    """The first line of an error, named when its text alone says little (a template's name)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    name = type(error).__name__
    if not lines:
        return name
    return f"{name}: {lines[0]}" if name.startswith("Template") else lines[0]


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
