"""The template's example resource, the books, written by the resource generator.

``python -m litestar_new.add.example`` writes the books of both presets into the copier
template; ``--check`` only compares (exit 1, naming the stale files). A test runs the check, so the
template's books and what ``add resource`` writes cannot drift apart.

The books are what ``litestar-new add resource Book title:str author:str 'isbn:str?:unique'``
writes, with the details a shell word cannot carry (:data:`DETAILS`: the ISBN's pattern, examples,
description and length). They are rendered in a project of each preset whose package name is the
longest allowed, formatted with that project's ruff settings, and the name is then replaced by
``{{ package_name }}``: an import that the longest name pushes past the line length is wrapped in
parentheses with a trailing comma, which ruff keeps for every shorter name, so the raw template is
what ruff wants at every length (``tests/world/test_copier_and_climb.py`` checks it).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from litestar_new.add.field_types import FieldDetails
from litestar_new.add.fields import parse_fields
from litestar_new.names import MAX_LENGTH

if TYPE_CHECKING:
    from collections.abc import Sequence

    from litestar_new.add.fields import FieldSpec

__all__ = ["DETAILS", "NAME", "TEMPLATE_PATHS", "WORDS", "build", "main", "stale"]

NAME = "Book"
WORDS = ("title:str", "author:str", "isbn:str?:unique")
"""The fields, as a user would type them."""
DETAILS = {
    "title": FieldDetails(examples=("Dune", "Children of Dune")),
    "author": FieldDetails(examples=("Frank Herbert", "Brian Herbert")),
    "isbn": FieldDetails(
        label="ISBN",
        description="ISBN-10 or ISBN-13, digits only",
        pattern=r"^(?:\d{9}[\dX]|97[89]\d{10})$",
        examples=("9780441172719", "0306406152"),
        length=13,
        numbered='f"978{n:010d}"',
    ),
}
"""What each field carries beyond its word."""

PRESETS = ("api", "layered")
PACKAGE = "{package}"
"""Stands for the package folder in :data:`TEMPLATE_PATHS`' keys."""
_PACKAGED = "project/{{ overlay.packaged }}/src/{{package_name}}/"
_API = "project/{{ overlay.api }}/src/{{package_name}}/"
_LAYERED = "project/{{ overlay.layered }}/src/{{package_name}}/"
TEMPLATE_PATHS: dict[tuple[str, str], str] = {
    ("api", "src/{package}/domain/books/__init__.py"): _PACKAGED + "domain/books/__init__.py",
    ("api", "src/{package}/domain/books/schemas.py"): _API + "domain/books/schemas.py.jinja",
    ("api", "src/{package}/domain/books/controllers.py"): (
        _API + "domain/books/controllers.py.jinja"
    ),
    ("api", "src/{package}/domain/books/store.py"): _API + "domain/books/store.py.jinja",
    ("api", "tests/test_books.py"): "project/{{ overlay.api }}/tests/test_books.py.jinja",
    ("layered", "src/{package}/domain/books/__init__.py"): (_PACKAGED + "domain/books/__init__.py"),
    ("layered", "src/{package}/domain/books/schemas.py"): (
        _LAYERED + "domain/books/schemas.py.jinja"
    ),
    ("layered", "src/{package}/domain/books/controllers.py"): (
        _LAYERED + "domain/books/controllers.py.jinja"
    ),
    ("layered", "src/{package}/domain/books/services.py"): (
        _LAYERED + "domain/books/services.py.jinja"
    ),
    ("layered", "src/{package}/db/models/book.py"): _LAYERED + "db/models/book.py",
    ("layered", "tests/test_books.py"): "project/{{ overlay.layered }}/tests/test_books.py.jinja",
}
"""Where each generated file goes in the copier template (relative to ``templates/``), per
preset; the layered preset's migration is not written (the template's initial migration creates
the book table, and a test compares it with the generator's)."""

PROJECT_NAME = "zoo-" + "x" * (MAX_LENGTH - 4)
"""The longest name allowed, sorting after ``tests`` (the harder case for import sorting)."""
PLACEHOLDER = PROJECT_NAME.replace("-", "_")
JINJA_VARIABLE = "{{ package_name }}"
_JINJA_SYNTAX = ("{{", "{%", "{#")
TODAY = dt.date(2026, 12, 1)


def fields() -> list[FieldSpec]:
    """The book's fields: :data:`WORDS` with :data:`DETAILS`."""
    return [
        dataclasses.replace(spec, details=DETAILS.get(spec.name, FieldDetails()))
        for spec in parse_fields(list(WORDS))
    ]


def _render_project(preset: str, parent: Path) -> Path:
    """A project of ``preset`` named :data:`PROJECT_NAME`, with its ``pyproject.toml`` only.

    That holds the settings ruff formats with; the rest of the template is not rendered (it
    holds the books, which may be missing while they are first built).
    """
    from copier import run_copy  # noqa: PLC0415 - heavy

    from litestar_new.new.plan import Request, plan_project  # noqa: PLC0415
    from litestar_new.store import bundled_template  # noqa: PLC0415

    parent.mkdir(parents=True, exist_ok=True)
    plan = plan_project(
        Request(name=PROJECT_NAME, preset=preset, cwd=parent), default_preset=preset
    )
    run_copy(
        src_path=str(bundled_template()),
        dst_path=plan.target,
        data=dict(plan.answers),
        exclude=["*", "!pyproject.toml"],
        defaults=True,
        quiet=True,
        skip_tasks=True,
    )
    return plan.target


def generate(preset: str, parent: Path) -> dict[str, str]:
    """The books of ``preset`` as the generator writes them: generated path -> text."""
    from litestar_new.add.code import render_files  # noqa: PLC0415 - jinja2
    from litestar_new.add.inventory import Inventory  # noqa: PLC0415
    from litestar_new.add.naming import parse_resource_name  # noqa: PLC0415
    from litestar_new.add.plan import PlannedField, ResourcePlan  # noqa: PLC0415
    from litestar_new.add.project import Project  # noqa: PLC0415
    from litestar_new.core.ruff import format_sources  # noqa: PLC0415

    root = _render_project(preset, parent)
    project = Project(root=root, preset=preset, project_name=PROJECT_NAME, package=PLACEHOLDER)
    plan = ResourcePlan(
        project=project,
        name=parse_resource_name(NAME),
        fields=tuple(PlannedField(spec) for spec in fields()),
        inventory=Inventory(),
        today=TODAY,
    )
    return format_sources(root, render_files(plan))


def _templated(generated: str, destination: str, text: str) -> str:
    """``text`` with the placeholder package name turned into the template's variable.

    Raises:
        ValueError: The text holds Jinja syntax of its own, or names the package in a file that
            copier would not render.
    """
    found = [mark for mark in _JINJA_SYNTAX if mark in text]
    if found:
        msg = f"the generated {generated} holds {found[0]!r}, which Jinja would read"
        raise ValueError(msg)
    if PLACEHOLDER in text and not destination.endswith(".jinja"):
        msg = f"the generated {generated} names the package, but {destination} is no .jinja file"
        raise ValueError(msg)
    return text.replace(PLACEHOLDER, JINJA_VARIABLE)


def build(presets: Sequence[str] = PRESETS) -> dict[str, str]:
    """Every template file of the books: path relative to ``templates/`` -> text.

    Raises:
        ValueError: A generated file has no place in :data:`TEMPLATE_PATHS`, or two presets
            write different texts to one place.
    """
    files: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="litestar-new-example-") as folder:
        for preset in presets:
            for generated, text in generate(preset, Path(folder) / preset).items():
                key = (preset, generated.replace(PLACEHOLDER, PACKAGE))
                if "/migrations/versions/" in generated:
                    continue
                if key not in TEMPLATE_PATHS:
                    msg = f"the generated {generated} ({preset}) has no place in TEMPLATE_PATHS"
                    raise ValueError(msg)
                destination = TEMPLATE_PATHS[key]
                templated = _templated(generated, destination, text)
                if files.setdefault(destination, templated) != templated:
                    msg = f"the presets write different texts to {destination}"
                    raise ValueError(msg)
    return files


def stale(template: Path, files: dict[str, str]) -> list[str]:
    """The files of ``files`` that ``template`` lacks or holds with another text."""
    return sorted(
        path
        for path, text in files.items()
        if not (template / path).is_file() or (template / path).read_text(encoding="utf-8") != text
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Write the books into the template (or, with ``--check``, say which are stale)."""
    from litestar_new.store import bundled_template  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 when stale")
    arguments = parser.parse_args(argv)
    template = bundled_template()
    files = build()
    outdated = stale(template, files)
    if arguments.check:
        for path in outdated:
            print(f"stale: templates/{path}")
        return 1 if outdated else 0
    for path in outdated:
        (template / path).parent.mkdir(parents=True, exist_ok=True)
        (template / path).write_text(files[path], encoding="utf-8")
        print(f"wrote templates/{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
