"""The stencils only loop and print: every decision is made in Python, and tested here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from litestar_new.add.code import STENCILS, render_files
from litestar_new.add.fields import parse_fields
from litestar_new.add.inventory import Inventory
from litestar_new.add.naming import parse_resource_name
from litestar_new.add.plan import PlannedField, ResourcePlan
from litestar_new.add.project import Project
from litestar_new.add.suite import once, python_tuple

STENCIL_FILES = sorted(STENCILS.rglob("*.jinja"))


def plan(preset: str, *words: str) -> ResourcePlan:
    project = Project(root=Path("shop"), preset=preset, project_name="shop", package="shop")
    return ResourcePlan(
        project=project,
        name=parse_resource_name("Gadget"),
        fields=tuple(PlannedField(spec) for spec in parse_fields(list(words))),
        inventory=Inventory(),
    )


def files(preset: str, *words: str) -> dict[str, str]:
    """The rendered files, by name (``schemas.py``, ``test_gadgets.py``)."""
    return {
        path.rsplit("/", 1)[-1]: text for path, text in render_files(plan(preset, *words)).items()
    }


def test_there_are_stencils() -> None:
    assert len(STENCIL_FILES) >= 10


@pytest.mark.parametrize("path", STENCIL_FILES, ids=lambda p: p.relative_to(STENCILS).as_posix())
def test_a_stencil_only_loops_and_prints(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tags = re.findall(r"{%-?\s*(\w+)", text)
    printed = re.findall(r"{{(.*?)}}", text, flags=re.DOTALL)

    assert set(tags) <= {"for", "endfor"}
    assert not [p for p in printed if re.search(r"\b(if|else|or|and|not)\b", p)]


def test_once_and_python_tuple() -> None:
    assert (once(True), once(False)) == ([True], [])
    assert (python_tuple(["a"]), python_tuple(["a", "b"])) == ('("a",)', '("a", "b")')


def test_optional_fields_are_nullable_in_every_struct() -> None:
    schemas = files("api", "name:str", "note:text?")["schemas.py"]

    assert "    name: Name\n" in schemas
    assert "    note: Note | None = None\n" in schemas
    assert "    note: Note | msgspec.UnsetType | None = msgspec.UNSET\n" in schemas
    assert "    name: Name | msgspec.UnsetType = msgspec.UNSET\n" in schemas
    assert "    note: str | None\n" in schemas


@pytest.mark.parametrize("preset", ["api", "layered"])
def test_struct_checks_come_only_with_decimals_and_datetimes(preset: str) -> None:
    plain = files(preset, "name:str")["schemas.py"]
    both = files(preset, "price:decimal", "seen:datetime?")["schemas.py"]

    assert "__post_init__" not in plain
    assert "_check_" not in plain
    assert both.count("def __post_init__") == 2
    assert both.count('        _check_decimals(self, "price")\n') == 2
    assert both.count('        _check_datetimes(self, "seen")\n') == 2


def test_the_owner_is_a_server_field_only_in_the_layered_preset() -> None:
    api = files("api", "name:str")["schemas.py"]
    layered = files("layered", "name:str")["schemas.py"]

    assert "so ``id``\nand the timestamps" in api
    assert "owner_id" not in api
    assert "so ``id``, ``owner_id``\nand the timestamps" in layered
    assert "    owner_id: UUID\n" in layered


def test_unique_fields_make_a_conflict_and_a_constraint() -> None:
    api = files("api", "code:str:unique", "name:str")
    layered = files("layered", "code:str:unique", "name:str")
    plain = files("layered", "name:str")

    assert 'unique_fields = ("code",)' in api["store.py"]
    assert "error_responses(404, 409)" in api["controllers.py"]
    assert "unique_fields" not in files("api", "name:str")["store.py"]
    assert 'UniqueConstraint("owner_id", "code"' in layered["gadget.py"]
    assert "no index of its own" in layered["gadget.py"]
    assert (
        'conflict = "A gadget with this code is already in your collection"'
        in (layered["services.py"])
    )
    assert "__table_args__" not in plain["gadget.py"]
    assert "conflict" not in plain["services.py"]
    assert '"user_account.id", ondelete="CASCADE"), index=True' in plain["gadget.py"]


def test_the_tests_count_only_for_unique_values() -> None:
    numbered = files("api", "code:str:unique")["test_gadgets.py"]
    plain = files("api", "name:str?")["test_gadgets.py"]

    assert "import itertools" in numbered
    assert "n = next(_numbers)" in numbered
    assert "itertools" not in plain
    assert 'OPTIONAL = ("name",)' in plain
    assert "test_update_can_clear_optional_fields" in plain
    assert "OPTIONAL" not in numbered


def test_a_first_migration_revises_nothing() -> None:
    [migration] = [text for name, text in files("layered", "name:str").items() if "create_" in name]

    assert "Revises: \n" in migration
    assert "down_revision: str | None = None\n" in migration
