"""The project a resource is added to: where it is, its preset and package, its migration head.

Everything here reads files (the answers file, and Python through :mod:`~.pysource`): the
project's environment may not be installed, and importing user code just to look at it would run
it. What the project's code holds (models, stores, controllers) is read by :mod:`~.inventory`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from litestar_new.add.pysource import parse_python, string_assignments
from litestar_new.core.answers import ANSWERS_FILE, read_answers
from litestar_new.errors import UsageError
from litestar_new.spec import PRESETS, capable

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

__all__ = ["Project", "find_project", "migration_head"]

PRESETS_WITH_RESOURCES = tuple(r.name for r in PRESETS if capable(r.name, "packaged"))
OPENAPI_MODULE = "openapi.py"
"""The generated module new resources import ``error_responses`` from."""


@dataclass(frozen=True)
class Project:
    """A project made by litestar-new, as its answers file describes it."""

    root: Path
    preset: str
    project_name: str
    package: str
    answers: Mapping[str, Any] = field(default_factory=dict)

    @property
    def package_dir(self) -> Path:
        """``src/<package>``."""
        return self.root / "src" / self.package

    def relative(self, path: Path) -> str:
        """``path`` relative to the project, with ``/``."""
        return path.relative_to(self.root).as_posix()

    @property
    def source_prefix(self) -> str:
        """``src/<package>``, for relative paths."""
        return f"src/{self.package}"


def find_project(path: Path) -> Project:
    """The project at ``path`` or in one of its parents (where ``.copier-answers.yml`` is).

    Raises:
        UsageError: No project, a script project, or an answers file without a package.
    """
    start = path.expanduser().resolve()
    if start.exists() and not start.is_dir():
        msg = f"--path {path} is a file, not a folder; give the project's folder"
        raise UsageError(msg)
    if not start.is_dir():
        msg = f"--path {path}: no such folder"
        raise UsageError(msg)
    root = next((c for c in (start, *start.parents) if (c / ANSWERS_FILE).is_file()), None)
    if root is None:
        msg = (
            f"{start} is not inside a litestar-new project (no {ANSWERS_FILE} there or in a "
            "parent folder); run this in the project, or pass --path PROJECT"
        )
        raise UsageError(msg)
    answers = read_answers(root).answers
    preset = answers.preset
    if preset in {r.name for r in PRESETS} and not capable(preset, "packaged"):
        msg = (
            f"{root.name} is a script project (one app.py): resources need the package layout of "
            "the api or layered preset; climb first with: litestar-new update --preset api"
        )
        raise UsageError(msg)
    if preset not in PRESETS_WITH_RESOURCES:
        msg = f"{root / ANSWERS_FILE} names no preset litestar-new knows (preset: {preset!r})"
        raise UsageError(msg)
    package = answers.package_name
    project = Project(
        root=root,
        preset=preset,
        project_name=answers.project_name or root.name,
        package=package,
        answers=answers.values,
    )
    if not package or not project.package_dir.is_dir():
        msg = f"the package folder src/{package or '?'} of {root.name} is missing"
        raise UsageError(msg)
    if not (project.package_dir / OPENAPI_MODULE).is_file():
        msg = (
            f"src/{package}/{OPENAPI_MODULE} is missing (new resources declare their error "
            "answers with it): bring it in first with: litestar-new update"
        )
        raise UsageError(msg)
    return project


def _revision_values(tree: ast.Module) -> tuple[str, tuple[str, ...]] | None:
    values = dict(string_assignments(tree.body))
    revision, down = values.get("revision"), values.get("down_revision")
    if not (isinstance(revision, ast.Constant) and isinstance(revision.value, str)):
        return None
    if down is None or (isinstance(down, ast.Constant) and down.value is None):
        return revision.value, ()
    if isinstance(down, ast.Constant) and isinstance(down.value, str):
        return revision.value, (down.value,)
    if isinstance(down, ast.Tuple | ast.List):
        items = [e.value for e in down.elts if isinstance(e, ast.Constant)]
        if all(isinstance(i, str) for i in items) and len(items) == len(down.elts):
            return revision.value, tuple(str(i) for i in items)
    return None


def migration_head(versions: Path, project_name: str) -> str | None:
    """The one head revision of the migrations in ``versions`` (None when there are none).

    Raises:
        UsageError: The folder is missing, a revision file cannot be read, or there are
            several heads.
    """
    if not versions.is_dir():
        msg = f"the migrations folder {versions} is missing; cannot add a migration"
        raise UsageError(msg)
    revisions: dict[str, tuple[str, ...]] = {}
    for path in sorted(versions.glob("*.py")):
        tree = parse_python(path)
        values = _revision_values(tree) if tree is not None else None
        if values is None:
            msg = f"cannot read the revision and down_revision of {path.name} (in {versions})"
            raise UsageError(msg)
        revision, down = values
        if revision in revisions:
            msg = f"two migrations in {versions} have the revision id {revision!r}"
            raise UsageError(msg)
        revisions[revision] = down
    pointed_at = {d for downs in revisions.values() for d in downs}
    heads = sorted(set(revisions) - pointed_at)
    if len(heads) > 1:
        msg = (
            f"the migrations have {len(heads)} heads ({', '.join(heads)}): merge them first "
            f"(uv run {project_name} database merge --help), then add the resource"
        )
        raise UsageError(msg)
    if revisions and not heads:
        msg = f"the migrations in {versions} form a cycle; no head revision"
        raise UsageError(msg)
    return heads[0] if heads else None
