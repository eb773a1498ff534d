"""Existing folders: missing, empty, ``.git`` only, non-empty; with and without a terminal; with
and without ``--force``. Every entry of the user's (files, modes, links, ``.git``) is hashed
before and after: nothing is changed or removed without consent, and with ``--force`` only the
template's own files change.
"""

from __future__ import annotations

import os
import subprocess
from typing import TYPE_CHECKING

import pytest

from tests.safety.helpers import (
    DOWN,
    ENTER,
    QUIET,
    assert_one_line_error,
    cli,
    finish,
    leftovers,
    snapshot,
    spawn,
    template_files,
)

if TYPE_CHECKING:
    from pathlib import Path

# script with every feature given: the only question left is "Create the project".
ARGS = ["demo", "--preset", "script", "--server", "uvicorn", "--ci", "none", "--no-install"]
STATES = ["missing", "empty", "git-only", "not-a-repo-git", "non-empty"]


def make_state(workdir: Path, state: str) -> Path:
    """The target folder ``demo`` in the given state, with what the user keeps in it."""
    target = workdir / "demo"
    (workdir / "outside.txt").write_text("outside the folder\n")
    if state == "missing":
        return target
    target.mkdir()
    if state == "git-only":
        subprocess.run(["git", "init", "-q", str(target)], check=True)
        (target / ".git" / "description").write_text("my repository\n")
    elif state == "not-a-repo-git":
        (target / ".git").mkdir()
        (target / ".git" / "notes").write_text("not a repository\n")
    elif state == "non-empty":
        (target / "README.md").write_text("my notes\n")  # a template path
        (target / "pyproject.toml").write_text("[tool.mine]\n")  # a template path
        (target / "data.csv").write_text("1,2\n")
        (target / ".env").write_text("SECRET=mine\n")
        (target / ".hidden").write_text("hidden\n")
        (target / "notes").mkdir()
        (target / "notes" / "todo.txt").write_text("todo\n")
        (target / "tests").mkdir()  # a folder the template writes into
        (target / "tests" / "test_mine.py").write_text("def test_mine() -> None: ...\n")
        key = target / "private.key"
        key.write_text("key\n")
        key.chmod(0o600)
        (target / "link").symlink_to(workdir / "outside.txt")
    return target


def check_outcome(
    workdir: Path, state: str, force: bool, before: dict[str, str], code: int, out: str
) -> None:
    target = workdir / "demo"
    after = snapshot(target)
    assert leftovers(workdir) == []
    assert (workdir / "outside.txt").read_text() == "outside the folder\n"
    if state == "non-empty" and not force:
        assert code == 2
        assert after == before
        return
    assert code == 0, out
    assert (target / "app.py").is_file()
    written = template_files("script", workdir.parent / f"reference-{state}-{force}")
    folders = {parent for path in written for parent in _parents(path)}
    removed = set(before) - set(after)
    changed = {k for k in before if k in after and before[k] != after[k]}
    added = set(after) - set(before)
    if state in {"missing", "empty"}:  # a new repository, with the project's first commit
        added -= {k for k in added if k == ".git" or k.startswith(".git/")}
        added -= {"uv.lock"}  # --no-install still locks for that first commit
    else:
        assert "uv.lock" not in added  # no first commit, so no lock into the user's folder
    assert removed == set()
    assert changed <= written, changed - written
    assert added <= written | folders, added - written - folders
    for path in changed:
        assert path in out  # listed under "Overwritten (--force):"
    if state in {"git-only", "not-a-repo-git"}:
        assert {k: v for k, v in after.items() if k.startswith(".git/")} == {
            k: v for k, v in before.items() if k.startswith(".git/")
        }
    if state == "non-empty":
        assert not (target / ".git").exists()  # the user's files were not committed
        assert "no git repository made" in out


def _parents(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


@pytest.mark.parametrize("force", [False, True], ids=["no-force", "force"])
@pytest.mark.parametrize("state", STATES)
def test_without_a_terminal(
    workdir: Path, capsys: pytest.CaptureFixture[str], state: str, force: bool
) -> None:
    make_state(workdir, state)
    before = snapshot(workdir / "demo")
    result = cli(capsys, *ARGS, "--yes", *(["--force"] if force else []))
    if state == "non-empty" and not force:
        message = assert_one_line_error(result)
        assert "--force" in message
        assert "README.md" in result.out  # the files at risk are listed
    check_outcome(workdir, state, force, before, result.code, result.out)


# In a terminal only the asking differs: each state once, and the non-empty folder with --force.
TERMINAL = [(state, False) for state in STATES] + [("non-empty", True)]


@pytest.mark.parametrize(
    ("state", "force"), TERMINAL, ids=[f"{s}-{'force' if f else 'no-force'}" for s, f in TERMINAL]
)
def test_in_a_terminal(workdir: Path, state: str, force: bool) -> None:
    make_state(workdir, state)
    before = snapshot(workdir / "demo")
    child = spawn(workdir, *ARGS, *(["--force"] if force else []))
    if state == "non-empty" and not force:
        child.expect("is not empty")
    else:
        child.expect("Create the project")
        child.send(ENTER)
        child.expect("Next steps")
    out = child.before + child.after
    code = finish(child)
    out += child.before or ""
    check_outcome(workdir, state, force, before, code, out)


@pytest.mark.parametrize("state", ["git-only", "non-empty"])
def test_saying_no_in_a_terminal_writes_nothing(workdir: Path, state: str) -> None:
    make_state(workdir, state)
    before = snapshot(workdir / "demo")
    child = spawn(workdir, *ARGS, "--force")
    child.expect("Create the project")
    child.send(DOWN + DOWN + ENTER)  # create, change an answer, cancel
    child.expect("Nothing was written")
    assert finish(child) == 1
    assert snapshot(workdir / "demo") == before
    assert leftovers(workdir) == []


def test_a_single_file_of_the_users_is_enough_to_refuse(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = workdir / "demo"
    target.mkdir()
    (target / "unrelated.txt").write_text("mine\n")
    before = snapshot(target)
    message = assert_one_line_error(cli(capsys, *ARGS, *QUIET))
    assert "0 of its files would be overwritten" in message
    assert snapshot(target) == before


@pytest.mark.parametrize(
    ("make", "blocked"),
    [
        (lambda t: (t / "app.py").mkdir(), "app.py (a folder where a file goes)"),
        (lambda t: (t / "tests").write_text("x"), "tests/ (a file or link where a folder goes)"),
        (
            lambda t: (t / "tests").symlink_to(t.parent / "elsewhere"),
            "tests/ (a file or link where a folder goes)",
        ),
    ],
    ids=["folder-for-file", "file-for-folder", "link-for-folder"],
)
def test_force_never_writes_through_or_over_a_folder_or_a_link(
    workdir: Path, capsys: pytest.CaptureFixture[str], make: object, blocked: str
) -> None:
    target = workdir / "demo"
    target.mkdir()
    (workdir / "elsewhere").mkdir()
    make(target)  # type: ignore[operator]
    before = snapshot(workdir)
    result = cli(capsys, *ARGS, *QUIET, "--force")
    assert_one_line_error(result)
    assert blocked in result.out
    assert snapshot(workdir) == before


def test_force_replaces_a_link_not_what_it_points_to(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = workdir / "demo"
    target.mkdir()
    (workdir / "outside.md").write_text("outside\n")
    (target / "README.md").symlink_to(workdir / "outside.md")
    result = cli(capsys, *ARGS, *QUIET, "--force")
    assert result.code == 0, result
    assert (workdir / "outside.md").read_text() == "outside\n"
    assert not (target / "README.md").is_symlink()


def test_a_read_only_file_of_the_users_is_overwritten_only_with_force(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = workdir / "demo"
    target.mkdir()
    readme = target / "README.md"
    readme.write_text("mine\n")
    readme.chmod(0o444)
    before = snapshot(target)
    assert cli(capsys, *ARGS, *QUIET).code == 2
    assert snapshot(target) == before
    assert cli(capsys, *ARGS, *QUIET, "--force").code == 0
    assert readme.read_text().startswith("# demo")
    assert os.access(readme, os.W_OK)


@pytest.mark.parametrize("kept", ["uv.lock", ".venv"])
def test_force_does_not_let_uv_rewrite_the_users_environment(
    workdir: Path, capsys: pytest.CaptureFixture[str], kept: str
) -> None:
    target = workdir / "demo"
    target.mkdir()
    if kept == "uv.lock":
        (target / "uv.lock").write_text("version = 1\n")
    else:
        (target / ".venv" / "bin").mkdir(parents=True)
        (target / ".venv" / "bin" / "python").write_text("mine\n")
    before = {k: v for k, v in snapshot(target).items() if k.startswith(kept)}
    result = cli(capsys, *ARGS[:-1], "--yes", "--no-git", "--force")  # install not turned off
    assert result.code == 0, result
    assert f"{kept} of yours kept: not installed" in result.out
    assert "uv sync" in result.out  # in the next steps
    assert {k: v for k, v in snapshot(target).items() if k.startswith(kept)} == before
