"""``add resource`` changes the user's ``app.py`` and ``db/models/__init__.py`` in place: only
the lines it adds, with the file's line endings, through its symbolic link; and a file it cannot
change is named with what is wrong and the line."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

from litestar_new.__main__ import main
from litestar_new.add.register import has_model_export, has_route_handler

RUFF = str(Path(sys.executable).with_name("ruff"))
APP = "src/shop/app.py"
MODELS = "src/shop/db/models/__init__.py"
IMPORT = "from shop.domain.authors.controllers import AuthorController"
MINE = "\n\ndef mine( a,b ):\n    return a\n"


def add(capsys: pytest.CaptureFixture[str], project: Path) -> tuple[int, str, str]:
    code = main(["add", "resource", "Author", "name:str", "--path", str(project)])
    out, err = capsys.readouterr()
    return code, out, err


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_only_the_added_lines_change(layered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = layered / APP
    # the user's own code, unformatted, and imports in an order isort would change
    text = app.read_text().replace(
        "from shop.domain.books.controllers import BookController\n"
        "from shop.domain.system.controllers import SystemController\n",
        "from shop.domain.system.controllers import SystemController\n"
        "from shop.domain.books.controllers import BookController\n",
    )
    app.write_text(text + MINE)

    assert add(capsys, layered)[0] == 0

    after = app.read_text()
    assert changed_lines(text + MINE, after) == ([], [IMPORT, "    AuthorController,"])
    assert after.endswith(MINE)


def test_a_long_line_made_by_the_edit_is_formatted(
    layered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = layered / APP
    one_line = "ROUTE_HANDLERS: list[ControllerRouterHandler] = [SystemController, BookController]"
    text = app.read_text().replace(
        "ROUTE_HANDLERS: list[ControllerRouterHandler] = [\n"
        "    SystemController,\n    AccessController,\n    BookController,\n]",
        one_line.replace("BookController", "AccessController, BookController"),
    )
    app.write_text(text)

    assert add(capsys, layered)[0] == 0

    after = app.read_text()
    assert "    AuthorController,\n]\n" in after  # 107 characters on one line: wrapped
    for args in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [RUFF, *args, "--no-cache", APP, MODELS],
            cwd=layered,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_crlf_files_keep_their_line_endings(
    layered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    originals = {}
    for relative in (APP, MODELS):
        path = layered / relative
        originals[relative] = path.read_bytes().replace(b"\n", b"\r\n")
        path.write_bytes(originals[relative])

    assert add(capsys, layered)[0] == 0

    for relative, before in originals.items():
        after = (layered / relative).read_bytes()
        assert after.count(b"\n") == after.count(b"\r\n"), relative
        removed, added = changed_lines(before.decode(), after.decode())
        assert len(added) - len(removed) in {1, 2}, (relative, removed, added)
    assert has_route_handler(
        (layered / APP).read_bytes().decode(), "shop.domain.authors.controllers", "AuthorController"
    )


def test_a_symlinked_app_stays_a_link(layered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = layered / APP
    real = app.with_name("real_app.py")
    app.rename(real)
    app.symlink_to(real.name)

    assert add(capsys, layered)[0] == 0

    assert app.is_symlink()
    assert app.readlink() == Path("real_app.py")
    assert has_route_handler(
        real.read_text(), "shop.domain.authors.controllers", "AuthorController"
    )


def test_a_byte_order_mark_is_kept(layered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    models = layered / MODELS
    models.write_bytes(b"\xef\xbb\xbf" + models.read_bytes())

    assert add(capsys, layered)[0] == 0

    after = models.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert has_model_export(after.decode("utf-8-sig"), "shop.db.models.author", "Author")


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (b"x = (\n", "it does not parse: line {n}: '(' was never closed"),
        (b"def f(:\n    pass\n", "it does not parse: line {n}: invalid syntax"),
        (b"# caf\xe9\n", "line {n} has a byte that is not UTF-8, 0xe9; save the file as UTF-8"),
    ],
    ids=["unclosed", "invalid", "latin-1"],
)
def test_a_file_that_cannot_be_changed_is_named_with_its_line(
    layered: Path, capsys: pytest.CaptureFixture[str], damage: bytes, reason: str
) -> None:
    app = layered / APP
    before = app.read_bytes() + damage
    app.write_bytes(before)
    line = before.count(b"\n") - damage.count(b"\n") + 1

    code, out, _ = add(capsys, layered)

    assert code == 1
    assert f"Could not change {APP} ({reason.format(n=line)}).\n" in out
    assert IMPORT in out
    assert "registration point is missing" not in out
    assert app.read_bytes() == before
    assert (layered / "src/shop/domain/authors/controllers.py").is_file()
