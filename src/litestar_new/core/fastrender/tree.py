"""Walking a template's folder and writing what it renders to, as copier's ``_render_template``.

The same order (``os.scandir``, each folder before its content), the same path rules (each
name rendered; a name rendering to ``""`` drops the path, and here its whole folder without
walking it; ``.jinja`` stripped from templates; a plain file beside ``NAME.jinja`` skipped; the
answers file's name stands alone), the same exclusions, contents and file modes. Each
distinct name is rendered once per run, each file template compiled once.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath, PurePosixPath
from typing import TYPE_CHECKING, Any

from litestar_new.core.fastrender.config import Unsupported

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from litestar_new.core.fastrender.config import TemplateConfig
    from litestar_new.core.fastrender.environment import Strings

__all__ = ["TreeWriter"]


def _check_inside(target: Path, rendered: str, name: str) -> None:
    """Refuse a path that a rendered name takes out of the project (copier refuses it too)."""
    if rendered == name or not (os.sep in rendered or "/" in rendered or rendered == ".."):
        return  # a name as the folder lists it, or one without a separator, stays inside
    normal = Path(os.path.normpath(target))
    if normal.is_absolute() or normal.parts[:1] == ("..",):
        msg = f"the path {target} leaves the project"
        raise Unsupported(msg)


class TreeWriter:
    """Render one template folder into ``destination`` with one context."""

    def __init__(
        self,
        config: TemplateConfig,
        strings: Strings,
        context: Mapping[str, Any],
        destination: Path,
        excluded: Callable[[PurePath], bool],
    ) -> None:
        self.config = config
        self.strings = strings
        self.context = context
        self.destination = destination
        self.excluded = excluded
        self.answers_file = str(Path(strings.render(config.answers_file, context)))
        self._names: dict[str, str] = {}
        self._made: set[Path] = set()

    def write(self) -> None:
        """Render the template's subdirectory into the destination."""
        root = self.config.root.resolve()
        subdirectory = self.strings.render(self.config.subdirectory, self.context) or ""
        copy_root = (root / subdirectory).resolve()
        if not copy_root.is_relative_to(root):
            msg = "_subdirectory leaves the template"
            raise Unsupported(msg)
        self._walk(copy_root, root, ())

    def _name(self, part: str) -> str:
        rendered = self._names.get(part)
        if rendered is None:
            rendered = self._names[part] = self.strings.render(part, self.context)
        return rendered

    def _target(self, parents: tuple[str, ...], name: str, *, template: bool) -> Path | None:
        """Where an entry goes (None: nowhere), from its folder's rendered names and its own."""
        suffix = self.config.templates_suffix
        if template:
            name = PurePosixPath(name).with_suffix("").name
        rendered = self._name(name)
        if not rendered:
            return None
        if rendered == self.answers_file:
            return Path(self.answers_file)
        target = Path(*parents, rendered)
        if not template and (self.config.root / f"{target}{suffix}").exists():
            return None
        _check_inside(target, rendered, name)
        return target

    def _walk(self, folder: Path, root: Path, parents: tuple[str, ...]) -> None:
        with os.scandir(folder) as scan:
            entries = list(scan)
        names = {entry.name for entry in entries}
        suffix = self.config.templates_suffix
        for entry in entries:
            if entry.is_symlink():
                msg = f"the template has a symlink ({entry.name})"
                raise Unsupported(msg)
            template = entry.name.endswith(suffix)
            shadowed = f"{entry.name}{suffix}" in names
            target = None if shadowed else self._target(parents, entry.name, template=template)
            if entry.is_dir():
                if target is not None and not self.excluded(target):
                    (self.destination / target).mkdir(parents=True, exist_ok=True)
                own = self._name(entry.name)
                if not own:
                    continue  # every path below renders to nothing as well
                if own == self.answers_file:
                    msg = f"the folder {entry.name} renders to the answers file's name"
                    raise Unsupported(msg)
                _check_inside(Path(*parents, own), own, entry.name)
                self._walk(Path(entry.path), root, (*parents, own))
            elif target is not None and not self.excluded(target):
                source = Path(entry.path)
                self._write_file(source, source.relative_to(root).as_posix(), target, template)

    def _write_file(self, source: Path, name: str, target: Path, template: bool) -> None:
        if template:
            try:
                text = self.strings.env.get_template(name).render(self.context)
            except UnicodeDecodeError as error:
                msg = f"{name} is not UTF-8"
                raise Unsupported(msg) from error
            content = text.encode()
        else:
            content = source.read_bytes()
        path = self.destination / target
        if path.parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(path.parent)
        path.write_bytes(content)
        mode = source.stat().st_mode
        if path.stat().st_mode != mode:
            path.chmod(mode)
