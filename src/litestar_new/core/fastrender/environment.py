"""The Jinja environment copier renders with, rebuilt without importing copier.

Like copier 9's ``Worker.jinja_env``: a sandbox whose loader is the template root, the
template's ``_envops``, the Ansible core filters (``to_json``, ``to_nice_yaml``,
``regex_search``...), ``to_json`` falling back to pydantic for what ``json`` cannot dump, and
the ``pathjoin`` global. copier's own ``yield`` tag is not there: a template that uses it fails
to compile here, and copier renders it.

:class:`Strings` compiles each distinct string once per run (path parts, defaults, conditions,
validators), where copier compiles it at every use.
"""

from __future__ import annotations

from functools import partial
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from jinja2 import FileSystemLoader, StrictUndefined, Undefined
from jinja2.sandbox import SandboxedEnvironment

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from jinja2 import Template

__all__ = ["Strings", "make_environment"]

_PATH_TYPES: dict[str, type[PurePath]] = {
    "posix": PurePosixPath,
    "windows": PureWindowsPath,
    "native": PurePath,
}


class _Sandbox(SandboxedEnvironment):
    """copier's sandbox: a path's ``parser`` (the ``os.path`` module) is out of reach."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:  # noqa: ANN401
        """Refuse ``PurePath.parser``, as copier does; the rest as Jinja's sandbox."""
        if isinstance(obj, PurePath) and attr == "parser":
            return False
        return bool(super().is_safe_attribute(obj, attr, value))


def _jsonable(value: Any) -> Any:  # noqa: ANN401 - whatever json.dumps could not dump
    """Copier's ``to_json`` fallback (pydantic), imported only for such values."""
    from pydantic_core import to_jsonable_python  # noqa: PLC0415

    def fallback(item: Any) -> Any:  # noqa: ANN401
        if isinstance(item, PurePath):
            return str(item)
        return dict(item) if hasattr(item, "keys") else item

    return to_jsonable_python(value, fallback=fallback)


def _pathjoin(*path: str, mode: str = "posix") -> str:
    return str(_PATH_TYPES[mode](*path))


_EXTENSIONS = ["jinja2_ansible_filters.AnsibleCoreFiltersExtension"]


def make_environment(
    root: Path, envops: Mapping[str, Any], cache_folder: Path | None = None
) -> SandboxedEnvironment:
    """A sandbox configured as copier configures its own for the template at ``root``.

    Args:
        root: The template's folder (the loader's root, as copier's).
        envops: The template's ``_envops``.
        cache_folder: Where compiled templates are kept between runs (None: nowhere).
    """
    options = dict(envops)
    options["undefined"] = (
        StrictUndefined if options.get("undefined") == "jinja2.StrictUndefined" else Undefined
    )
    env = _Sandbox(
        loader=FileSystemLoader([str(root.resolve())]),
        extensions=_EXTENSIONS,
        **options,
    )
    if cache_folder is not None:
        from litestar_new.core.fastrender.cache import OneFileCache, cache_file  # noqa: PLC0415

        env.bytecode_cache = OneFileCache(cache_file(cache_folder, envops, _EXTENSIONS))
    env.filters["to_json"] = partial(env.filters["to_json"], default=_jsonable)
    env.globals["pathjoin"] = _pathjoin
    return env


class Strings:
    """Render template strings with one environment, each compiled once."""

    def __init__(self, env: SandboxedEnvironment) -> None:
        self.env = env
        self._compiled: dict[str, Template] = {}
        markers: list[str | None] = [
            env.block_start_string,
            env.variable_start_string,
            env.comment_start_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
        ]
        self._markers = [m for m in markers if m]

    def _plain(self, text: str) -> bool:
        """Whether ``text`` renders to itself: one line, and nothing Jinja would read."""
        return "\n" not in text and "\r" not in text and not any(m in text for m in self._markers)

    def render(self, text: str, context: Mapping[str, Any]) -> str:
        """Render ``text`` with ``context`` (a plain name, most paths, is itself)."""
        if self._plain(text):
            return text
        template = self._compiled.get(text)
        if template is None:
            template = self._compiled[text] = self._compile(text)
        return template.render(context)

    def _compile(self, text: str) -> Template:
        """``env.from_string``, through the bytecode cache when the environment has one."""
        env, cache = self.env, self.env.bytecode_cache
        if cache is None:
            return env.from_string(text)
        bucket = cache.get_bucket(env, f"<string>{text}", None, text)
        if bucket.code is None:
            bucket.code = env.compile(text)
            cache.set_bucket(bucket)
        return env.template_class.from_code(env, bucket.code, env.make_globals(None))

    def flush(self) -> None:
        """Keep what this run compiled for the next (a no-op without a cache)."""
        if (cache := self.env.bytecode_cache) is not None and hasattr(cache, "flush"):
            cache.flush()

    def value(self, value: Any, context: Mapping[str, Any]) -> Any:  # noqa: ANN401 - YAML
        """Copier's ``render_value``: strings rendered, lists item by item, the rest as is."""
        if isinstance(value, str):
            return self.render(value, context)
        if isinstance(value, list):
            return [self.value(item, context) for item in value]
        return value
