"""copier's ``run_copy``, for the bundled template, in a tenth of the time and byte for byte.

copier stays the engine of ``update`` and of templates that use what this path does not
support; it is also the oracle: a test renders every combination the declaration allows with
both and compares the trees, answers file and modes included. What is faster here:

- copier is not imported (its import alone takes longer than this whole render);
- a name rendering to ``""`` (an overlay folder the answers do not select) drops its folder
  without walking it;
- each distinct string (names, defaults, conditions) and each file is compiled once per run,
  with one environment configured as copier's.

The modules: :mod:`.config` (``copier.yml`` and what it may use), :mod:`.environment` (the
Jinja environment), :mod:`.questions` (the answers and computed variables), :mod:`.tree` (the
walk and the writes), :mod:`.exclude` (``_exclude``).
"""

from __future__ import annotations

import os
import re
import sys
from hashlib import sha512
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

from litestar_new.core.fastrender.config import Unsupported, read_config

if TYPE_CHECKING:
    from collections.abc import Mapping

    from litestar_new.core.fastrender.config import TemplateConfig
    from litestar_new.core.fastrender.questions import Answers

__all__ = ["Unsupported", "WorkerContext", "render_fast"]

_JSON_TYPES = (dict, list, str, int, float, bool, type(None))


class WorkerContext(NamedTuple):
    """What a copier ``Worker`` that is not ``run_copy`` into ``destination`` renders with.

    ``update``'s renders (:mod:`litestar_new.update.copier_worker`) go through this path into a
    scratch folder, for a worker whose destination, settings and operation are others.
    """

    src_path: str
    """``_src_path``: the template's URL as the worker records it."""
    conf: Mapping[str, Any]
    """``_copier_conf``: the settings the template may read (others are unsupported)."""
    folder_name: str
    """``_folder_name``: the name of the worker's destination."""
    operation: str
    """``_copier_operation`` while the exclusions are rendered (``copy``, ``update``)."""


class _Conf(dict[str, Any]):
    """``_copier_conf`` with the settings litestar-new's ``run_copy`` passes; others unsupported."""

    def __missing__(self, key: str) -> Any:  # noqa: ANN401
        msg = f"the template reads _copier_conf.{key}"
        raise Unsupported(msg)


def _as_run_copy(
    template: Path, config: TemplateConfig, given: Mapping[str, Any], destination: Path
) -> WorkerContext:
    """The worker of litestar-new's ``run_copy`` of ``template`` into ``destination``."""
    conf = {
        "src_path": PurePath(config.root.resolve()),
        "dst_path": PurePath(destination),
        "answers_file": PurePath(config.answers_file),
        "vcs_ref": None,
        "data": dict(given),
        "defaults": True,
        "overwrite": True,
        "pretend": False,
        "quiet": True,
        "unsafe": False,
        "skip_tasks": True,
        "sep": os.sep,
    }
    return WorkerContext(str(template), conf, destination.absolute().name, "copy")


def _now() -> Any:  # noqa: ANN401 - copier's deprecated ``now``
    from datetime import UTC, datetime  # noqa: PLC0415

    return datetime.now(tz=UTC)


def _make_secret() -> str:
    return sha512(os.urandom(48)).hexdigest()


class _Context:
    """copier's render context, for the answers settled so far."""

    def __init__(
        self, config: TemplateConfig, given: Mapping[str, Any], worker: WorkerContext
    ) -> None:
        self.config = config
        self.given = given
        self.names = {q.name for q in config.questions}
        self.src_path = worker.src_path
        self.conf = _Conf(worker.conf)
        self.folder = worker.folder_name
        self.operation = worker.operation

    def __call__(self, answers: Answers, phase: str = "prompt") -> dict[str, Any]:
        combined = {
            "now": _now,
            "make_secret": _make_secret,
            "_external_data": {},
            "_src_path": self.src_path,
            **self.given,
            **answers.values,
        }
        remembered: dict[str, Any] = {"_src_path": self.src_path}
        remembered.update(
            (key, value)
            for key, value in combined.items()
            if not key.startswith("_")
            and key not in answers.hidden
            and key in self.names
            and isinstance(value, _JSON_TYPES)
        )
        return {
            **combined,
            "_copier_answers": remembered,
            "_copier_conf": self.conf,
            "_folder_name": self.folder,
            "_copier_python": sys.executable,
            "_copier_phase": phase,
        }


def render_fast(
    template: Path,
    answers: Mapping[str, Any],
    destination: Path,
    cache_folder: Path | None = None,
    *,
    worker: WorkerContext | None = None,
) -> None:
    """Render ``template`` (a plain folder) with ``answers`` into ``destination``, as copier.

    The answers file records ``_src_path`` as ``template``, like copier's; the caller stamps
    the template's repository and version as it does after copier. ``cache_folder`` keeps
    the compiled templates for the next run (:mod:`.cache`). With ``worker``, the render is
    what that copier worker's own would be (then ``template`` may be a git checkout: the
    caller records its commit).

    Raises:
        Unsupported: The template (or an answer it refuses) needs copier; ``destination`` may
            hold part of the render.
        OSError: Reading the template or writing the project failed.
    """
    from jinja2 import TemplateError  # noqa: PLC0415

    from litestar_new.core.fastrender.environment import Strings, make_environment  # noqa: PLC0415
    from litestar_new.core.fastrender.exclude import matcher  # noqa: PLC0415
    from litestar_new.core.fastrender.questions import ask  # noqa: PLC0415
    from litestar_new.core.fastrender.tree import TreeWriter  # noqa: PLC0415

    if worker is None and (template / ".git").exists():
        msg = "the template folder is a git repository (copier records its commit)"
        raise Unsupported(msg)
    config = read_config(template)
    strings = Strings(make_environment(template, config.envops, cache_folder))
    context = _Context(
        config, answers, worker or _as_run_copy(template, config, answers, destination)
    )
    try:
        settled = ask(config.questions, answers, strings, context)
        final = context(settled, "render")
        operation = {**final, "_copier_operation": context.operation}
        excluded = matcher(
            line
            for pattern in config.exclude
            for line in re.split(r"\r\n|\r|\n", strings.render(pattern, operation))
        )
        destination.mkdir(parents=True, exist_ok=True)
        TreeWriter(config, strings, final, destination, excluded).write()
        strings.flush()
    except Unsupported:
        raise
    except TemplateError as error:
        msg = f"Jinja: {type(error).__name__}: {error}"
        raise Unsupported(msg) from error
    except OSError:
        raise
    except Exception as error:  # copier words every other failure (answers, types)
        msg = f"{type(error).__name__}: {error}"
        raise Unsupported(msg) from error
