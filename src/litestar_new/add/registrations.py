"""The user's files a new resource is registered in: read as they are, edited, formatted, checked.

``app.py`` gets the controller, the layered preset's ``db/models/__init__.py`` the model. Each file
is read exactly as it is (line endings and a BOM kept), edited by :mod:`~.register`, the lines the
edit touched are formatted with ruff, and the result is checked again; a file that cannot be
changed becomes a :class:`~.register.Registration` with the lines to add by hand.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from litestar_new.add.register import (
    MISSING,
    Registration,
    add_model_export,
    add_route_handler,
    has_model_export,
    has_route_handler,
    model_export_lines,
    route_handler_lines,
    syntax_problem,
)
from litestar_new.core.ruff import format_edit

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from litestar_new.add.plan import ResourcePlan

__all__ = ["BOM", "registrations"]


def registrations(plan: ResourcePlan) -> list[Registration]:
    """The registrations of ``plan``: each edit made and formatted, or left to do by hand.

    The files are formatted side by side: each is a few ruff runs, one after the other.
    """
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    found = _registrations(plan)
    with ThreadPoolExecutor(max_workers=max(len(found), 1)) as pool:
        return list(pool.map(lambda r: _formatted(plan, r) if r.text is not None else r, found))


def _registrations(plan: ResourcePlan) -> list[Registration]:
    project = plan.project
    package, name = project.package, plan.name
    found = []
    controller = f"{name.class_name}Controller"
    module = f"{package}.domain.{name.plural}.controllers"
    app = f"{project.source_prefix}/app.py"
    found.append(
        _registration(
            project.root,
            app,
            f"{controller} registered",
            lambda source: add_route_handler(source, module, controller),
            (
                f"from {module} import {controller}",
                f"and {controller} in the app's route handlers (ROUTE_HANDLERS)",
            ),
        )
    )
    if plan.layered:
        models = f"{project.source_prefix}/db/models/__init__.py"
        model_module = f"{package}.db.models.{name.snake}"
        found.append(
            _registration(
                project.root,
                models,
                f"{name.class_name} exported",
                lambda source: add_model_export(source, model_module, name.class_name),
                (
                    f"from {model_module} import {name.class_name}",
                    f'and "{name.class_name}" in __all__',
                ),
            )
        )
    return found


def _registration(
    root: Path,
    path: str,
    what: str,
    edit: Callable[[str], str | None],
    manual: tuple[str, ...],
) -> Registration:
    """The change of one user file, or the reason it cannot be made and what to add by hand."""
    source, problem = _read(root / path)
    if source is None:
        return Registration(path, what, None, manual, None, problem or MISSING)
    body = source.removeprefix(BOM)  # kept, but not shown to ast and ruff
    problem = syntax_problem(body)
    changed = None if problem else edit(body)
    return Registration(path, what, changed, manual, source, problem or MISSING)


BOM = "\ufeff"


def _read(path: Path) -> tuple[str | None, str | None]:
    """The file's text exactly as it is (line endings too), or None and what is wrong."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, "it does not exist"
    except OSError as error:
        return None, f"it cannot be read: {error.strerror or error}"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex()
        return None, f"line {line} has a byte that is not UTF-8, 0x{byte}; save the file as UTF-8"


def _touched(
    plan: ResourcePlan, registration: Registration
) -> Callable[[str], list[tuple[int, int]]]:
    name = plan.name
    package = plan.project.package
    if registration.path.endswith("app.py"):
        module = f"{package}.domain.{name.plural}.controllers"
        return lambda text: route_handler_lines(text, module, f"{name.class_name}Controller")
    module = f"{package}.db.models.{name.snake}"
    return lambda text: model_export_lines(text, module, name.class_name)


def _formatted(plan: ResourcePlan, registration: Registration) -> Registration:
    """The registration with what it added formatted, checked again (manual if the check fails)."""
    assert registration.text is not None  # noqa: S101 - only made changes are formatted
    assert registration.original is not None  # noqa: S101
    bom = BOM if registration.original.startswith(BOM) else ""
    text = format_edit(
        plan.project.root,
        registration.path,
        registration.original.removeprefix(BOM),
        registration.text,
        _touched(plan, registration),
    )
    checked = _verified(plan, registration, text)
    if checked.text is None:
        return checked
    return replace(checked, text=bom + checked.text)


def _verified(plan: ResourcePlan, registration: Registration, text: str) -> Registration:
    """The registration after formatting, or its manual form when the check fails."""
    name = plan.name
    package = plan.project.package
    if registration.path.endswith("app.py"):
        ok = has_route_handler(
            text, f"{package}.domain.{name.plural}.controllers", f"{name.class_name}Controller"
        )
    else:
        ok = has_model_export(text, f"{package}.db.models.{name.snake}", name.class_name)
    return Registration(
        registration.path,
        registration.what,
        text if ok else None,
        registration.manual,
        registration.original,
    )
