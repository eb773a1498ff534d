"""A reference (``author:ref:Author``) resolved to what it points to in the project.

A :class:`Target` says how the generated code and tests reach the referenced resource: its model
or its store, its test helper and its URL. A reference to a resource that does not exist, to the
resource itself, or (api preset) to ``User`` is refused here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from litestar_new.add.naming import indefinite, parse_resource_name, snake_case
from litestar_new.errors import UsageError

if TYPE_CHECKING:
    from litestar_new.add.fields import FieldSpec
    from litestar_new.add.inventory import CreateHelper, Inventory, Store
    from litestar_new.add.naming import ResourceName

__all__ = ["USER_TABLE", "Target", "api_target", "layered_target"]

USER_TABLE = "user_account"
"""The layered preset's table of users (its model is ``User``)."""


@dataclass(frozen=True)
class Target:
    """What a reference points to, and how the generated code and tests reach it."""

    class_name: str
    snake: str
    table: str | None = None
    """The referenced table (layered)."""
    owned: bool = False
    """Rows belong to users: a reference must name one of the same user's."""
    model_import: str | None = None
    """``from shop.db.models import Author`` (layered)."""
    store: Store | None = None
    """The in-memory store and its provider (api)."""
    helper: CreateHelper | None = None
    """The test function that makes one; None for ``User`` (the test's own user is used)."""
    url: str | None = None
    """The collection's path, when the tests can delete one through the API."""

    @property
    def words(self) -> str:
        """``blog post``."""
        return self.snake.replace("_", " ")

    @property
    def a(self) -> str:
        """``an author``."""
        return indefinite(self.words)

    @property
    def is_user(self) -> bool:
        """The layered preset's account model."""
        return self.table == USER_TABLE


def _resolve_name(given: str) -> str:
    return parse_resource_name(given).class_name


def _no_such_resource(spec: FieldSpec, known: set[str], hint: str) -> UsageError:
    listed = ", ".join(sorted(known)) or "none"
    return UsageError(
        f"{spec.name}:ref:{spec.target}: this project has no resource {spec.target!r} "
        f"(resources: {listed}); {hint}"
    )


def layered_target(
    plan_name: ResourceName, spec: FieldSpec, inventory: Inventory, package: str
) -> Target:
    """The model a reference of the layered preset points to (``User`` included).

    Raises:
        UsageError: The resource refers to itself, or the project has no such model.
    """
    assert spec.target is not None  # noqa: S101 - a reference's target
    class_name = _resolve_name(spec.target)
    if class_name == plan_name.class_name:
        msg = (
            f"{spec.name}:ref:{spec.target}: a resource cannot refer to itself (not supported yet)"
        )
        raise UsageError(msg)
    model = inventory.models.get(class_name)
    if model is None:
        hint = f"add it first: litestar-new add resource {class_name} FIELD:TYPE ..."
        raise _no_such_resource(spec, set(inventory.models), hint)
    module = "" if model.exported else f".{model.module}"
    target = Target(
        class_name=class_name,
        snake=snake_case(class_name),
        table=model.table,
        owned=model.owned,
        model_import=f"from {package}.db.models{module} import {class_name}",
    )
    return _with_tests(target, spec, inventory)


def api_target(
    plan_name: ResourceName, spec: FieldSpec, inventory: Inventory, package: str
) -> Target:
    """The store a reference of the api preset points to.

    Raises:
        UsageError: The resource refers to itself or to ``User``, or the project has no such
            store.
    """
    assert spec.target is not None  # noqa: S101 - a reference's target
    class_name = _resolve_name(spec.target)
    if class_name == plan_name.class_name:
        msg = (
            f"{spec.name}:ref:{spec.target}: a resource cannot refer to itself (not supported yet)"
        )
        raise UsageError(msg)
    if class_name == "User":
        msg = f"{spec.name}:ref:User: users exist in the layered preset only (JWT accounts)"
        raise UsageError(msg)
    store = inventory.stores.get(class_name)
    if store is None:
        hint = (
            "a resource of the api preset needs its store and its provide_<plural>_store function "
            f"(add it first: litestar-new add resource {class_name} FIELD:TYPE ...)"
        )
        raise _no_such_resource(spec, set(inventory.stores), hint)
    del package  # the same signature as layered_target's
    target = Target(class_name=class_name, snake=snake_case(class_name), store=store)
    return _with_tests(target, spec, inventory)


def _with_tests(target: Target, spec: FieldSpec, inventory: Inventory) -> Target:
    url = inventory.controllers.get(f"{target.class_name}Controller")
    if target.is_user:
        return target
    helper = inventory.helpers.get(target.snake)
    if helper is None:
        msg = (
            f"{spec.name}:ref:{spec.target}: the tests have no create_{target.snake}() helper to "
            f"make {target.a} (resources added by litestar-new have one in their test module)"
        )
        raise UsageError(msg)
    return Target(
        class_name=target.class_name,
        snake=target.snake,
        table=target.table,
        owned=target.owned,
        model_import=target.model_import,
        store=target.store,
        helper=helper,
        url=url,
    )
