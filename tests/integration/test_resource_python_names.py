"""Names from Python's own vocabulary in ``add resource``: fields named after builtins, keywords
and soft keywords (accepted with code that cannot collide, or refused with the reason), resources
whose helpers pytest would collect (``Testimonial``), and moments UTC cannot hold."""

from __future__ import annotations

import ast
import builtins
import importlib.util
import keyword
import re
import subprocess
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import pytest

from litestar_new.__main__ import main
from litestar_new.add.command import AddRequest, prepare
from litestar_new.add.fields import RESERVED_FIELDS, check_field_name
from litestar_new.errors import UsageError
from tests.support.resources import PYTHON_NAMES, python_names_resource

if TYPE_CHECKING:
    from types import ModuleType

RUFF = str(Path(sys.executable).with_name("ruff"))
STRUCT_BASES = {"Input", "PartialUpdate"}
KEYWORDS = {*keyword.kwlist, *keyword.softkwlist, "type"}


def _decision(name: str) -> str | None:
    """None when ``name`` is accepted as a field name, else the one-line reason."""
    try:
        check_field_name(name, f"{name}:str")
    except UsageError as error:
        return str(error)
    return None


def test_every_python_name_is_accepted_or_refused_with_its_reason() -> None:
    refused = {name: reason for name in PYTHON_NAMES if (reason := _decision(name)) is not None}

    for name, reason in refused.items():
        assert "\n" not in reason
        if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name):  # False, __name__
            assert "is not a valid field name" in reason, name
        elif name in KEYWORDS:
            assert "is a Python keyword" in reason, name
        else:
            assert f"is reserved: {RESERVED_FIELDS[name]}" in reason, name
    accepted = set(PYTHON_NAMES) - set(refused)
    # every lower-case builtin but the reserved id and the soft keyword type
    lower = {n for n in dir(builtins) if n.islower() and n.isidentifier() and n[0] != "_"}
    assert lower - accepted == {"id", "type"}
    assert {"none", "true", "false", "value_error", "exception", "not_implemented"} <= accepted
    assert len(accepted) > 100


@pytest.mark.parametrize("word", ["class:str", "match:int", "type:str", "_:str", "builtins:str"])
def test_a_refused_python_name_exits_2(
    layered: Path, capsys: pytest.CaptureFixture[str], word: str
) -> None:
    code = main(["add", "resource", "Gadget", word, "--path", str(layered)])
    _, err = capsys.readouterr()

    assert code == 2
    assert err.startswith(f"litestar-new: error: field {word!r}: ")
    assert "please report it" not in err


def _struct_bases(lib: Path) -> ModuleType:
    """The project's ``lib`` with only its struct bases: the rest imports the project's
    dependencies (advanced-alchemy), which litestar-new's environment does not have."""
    tree = ast.parse(lib.read_text(encoding="utf-8"))
    bases = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name in STRUCT_BASES]
    assert {n.name for n in bases} == STRUCT_BASES
    module = types.ModuleType("shop.lib")
    source = ast.Module(body=[*ast.parse("import msgspec").body, *bases], type_ignores=[])
    exec(compile(source, str(lib), "exec"), module.__dict__)  # noqa: S102 - the template's code
    return module


def _load(path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """A generated module of the ``shop`` project, with the struct bases it imports."""
    lib = _struct_bases(path.parents[2] / "lib.py")
    monkeypatch.setitem(sys.modules, "shop", types.ModuleType("shop"))
    monkeypatch.setitem(sys.modules, "shop.lib", lib)
    spec = importlib.util.spec_from_file_location(f"generated_{path.parent.name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_accepted_python_name_at_once(
    layered: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One resource with a field for every accepted name: written, ruff-clean, and its structs
    decode, update and answer (the model's annotations are mypy's, in the generation tier)."""
    words = python_names_resource()

    code = main(["add", "resource", *words, "--path", str(layered)])
    out, err = capsys.readouterr()

    assert (code, err) == (0, ""), out + err
    checked = subprocess.run(
        [RUFF, "check", "--no-cache", "."], cwd=layered, capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    model = (layered / "src/shop/db/models/oddity.py").read_text()
    assert "str: Mapped[builtins.str] = mapped_column(String(200))" in model
    schemas = _load(layered / "src/shop/domain/oddities/schemas.py", monkeypatch)
    body: dict[str, Any] = {"str": "a", "int": 1, "float": 1.5, "bool": True, "dict": "b"}
    body |= {"none": "c", "true": True, "false": 2, "object": "d", "value_error": "e"}
    update = msgspec.json.decode(msgspec.json.encode(body), type=schemas.OddityUpdate)
    assert update.changes() == body
    assert schemas.NoneValue.__origin__ is str  # the alias of none is no keyword
    assert schemas.ValueErrorValue.__origin__ is str  # nor the builtin ValueError


@pytest.mark.parametrize("name", ["Test", "Tests", "Testimonial", "Testing"])
@pytest.mark.parametrize("preset", ["layered", "api"])
def test_pytest_collects_only_the_tests_of_a_resource_named_test(
    preset: str, name: str, request: pytest.FixtureRequest
) -> None:
    """pytest collects every function whose name starts with ``test``: the generated helpers
    must not (``testimonial_body`` was collected, and failed for want of a fixture)."""
    project: Path = request.getfixturevalue(preset)
    fields = ("title:str", "book:ref:Book?")

    def collected(resource: str) -> tuple[str, set[str]]:
        prepared = prepare(AddRequest(resource, fields, path=project))
        [test] = [text for path, text in prepared.created.items() if path.startswith("tests/")]
        names = {
            node.name
            for node in ast.parse(test).body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name.startswith("test")
        }
        return prepared.plan.name.snake, names

    snake, names = collected(name)
    _, usual = collected("Gadget")
    assert names == {n.replace("gadget", snake) for n in usual}


@pytest.mark.parametrize(
    "moment", ["9999-12-31T23:59:59.999999-12:00", "0001-01-01T00:00:00+14:00"]
)
def test_a_moment_utc_cannot_hold_is_a_validation_error(
    api: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    assert (
        main(["add", "resource", "Event", "at:datetime", "end:datetime?", "--path", str(api)]) == 0
    )
    capsys.readouterr()
    schemas = _load(api / "src/shop/domain/events/schemas.py", monkeypatch)
    fine = b'{"at": "2026-01-02T03:04:05+14:00", "end": "0001-01-01T00:00:00-12:00"}'
    assert msgspec.json.decode(fine, type=schemas.EventCreate).at.year == 2026

    for kind, body in (
        (schemas.EventCreate, {"at": moment}),
        (schemas.EventCreate, {"at": "2026-01-02T03:04:05Z", "end": moment}),
        (schemas.EventUpdate, {"end": moment}),
    ):
        with pytest.raises(msgspec.ValidationError, match="within the years 1 to 9999 in UTC"):
            msgspec.json.decode(msgspec.json.encode(body), type=kind)
    tests = (api / "tests/test_events.py").read_text()
    assert tests.count(f'("at", "{moment}")') == 2  # POST and PATCH
