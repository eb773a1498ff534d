"""Disk and permission errors: a size limit (``ulimit -f``), a full disk, a read-only or
immutable parent, a folder that cannot be written, a file or a broken link where the target
goes, a current folder that was deleted, a template store that cannot be written.

Each gives one clear line and a non-zero exit, no traceback, no truncated file and nothing left
behind. The tests run litestar-new as a real process. Root ignores permissions, so the
mechanisms are real ones: an unprivileged user (``setpriv``), a read-only bind mount and a
small tmpfs in a private mount namespace (``unshare -m``), the immutable attribute
(``chattr +i``), and RLIMIT_FSIZE (Python ignores SIGXFSZ, so writes fail with EFBIG).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import litestar_new
from litestar_new.store import bundled_template, register
from litestar_new.text import MAX_TEXT
from tests.safety.helpers import (
    QUIET,
    Result,
    assert_one_line_error,
    cli_process,
    leftovers,
    snapshot,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

NOBODY = 65534
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to set up the mechanism")
ARGS = ["demo", "--preset", "api", *QUIET]


def _have(*tools: str) -> bool:
    return all(shutil.which(tool) for tool in tools)


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A folder every user can reach (pytest's own are private to root)."""
    base = Path(tempfile.mkdtemp(prefix="litestar-new-safety-"))
    base.chmod(0o755)
    yield base
    subprocess.run(["chattr", "-R", "-i", str(base)], capture_output=True, check=False)
    shutil.rmtree(base, ignore_errors=True)


def _limit_file_size(limit: int) -> Callable[[], None]:
    def set_limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return set_limit


def _run_limited(args: list[str], cwd: Path, limit: int, env: dict[str, str]) -> Result:
    completed = subprocess.run(
        [sys.executable, "-m", "litestar_new", *args],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_limit_file_size(limit),  # the limit holds in the child only
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


# --- a size limit ------------------------------------------------------------------------------


# (limit in bytes, what fails first): both stop the render at pyproject.toml (the description
# alone is 16 KiB); the bundled template renders without copier, so no git runs before it.
_TOO_LARGE = (
    "writing the project failed: File too large (the file size limit, ulimit -f); "
    "nothing was written to the target"
)
LIMITS = [(16_384, _TOO_LARGE), (4096, _TOO_LARGE)]


@pytest.mark.parametrize(("limit", "expected"), LIMITS, ids=["16KiB", "4KiB"])
@pytest.mark.parametrize("state", ["missing", "force"])
def test_a_size_limit_while_rendering_leaves_nothing(
    workdir: Path, state: str, limit: int, expected: str
) -> None:
    extra = []
    if state == "force":
        (workdir / "demo").mkdir()
        (workdir / "demo" / "README.md").write_text("mine\n")
        extra = ["--force"]
    register()  # the template store exists already: the limit hits the render
    before = snapshot(workdir)
    result = _run_limited([*ARGS, *extra, "--description", "x" * MAX_TEXT], workdir, limit, {})
    assert assert_one_line_error(result, code=1) == expected
    assert snapshot(workdir) == before
    assert leftovers(workdir) == []


def test_a_size_limit_while_recording_the_template(workdir: Path, tmp_path: Path) -> None:
    home = tmp_path / "fresh-home"
    result = _run_limited(ARGS, workdir, 1024, {"LITESTAR_NEW_HOME": str(home)})
    message = assert_one_line_error(result, code=1)
    assert message.startswith(f"cannot record the template in {home / 'templates'}: ")
    assert "File too large" in message or "killed by SIGXFSZ (the file size limit" in message
    assert list(workdir.iterdir()) == []


def test_env_is_written_whole_or_not_at_all_under_a_size_limit(tmp_path: Path) -> None:
    from litestar_new.core.envfile import SECRET_PLACEHOLDER

    (tmp_path / ".env.example").write_text(f"SECRET_KEY={SECRET_PLACEHOLDER}\n" + "#" * 4000)
    code = (
        "import json, resource, sys; from pathlib import Path; "
        "from litestar_new.core.envfile import write_env; "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024)); "
        "r = write_env(Path(sys.argv[1])); "
        "print(json.dumps({'ok': r.ok, 'message': r.message, 'fix': r.fix}))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    result = json.loads(completed.stdout)
    assert result == {
        "ok": False,
        "message": ".env could not be written: File too large",
        "fix": ["cp .env.example .env  # then set SECRET_KEY to a long random value"],
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env.example"]


# --- a full disk -------------------------------------------------------------------------------


def _in_namespace(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a shell script in a private mount namespace (its mounts vanish with it)."""
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


@ROOT_ONLY
@pytest.mark.skipif(not _have("unshare", "mount"), reason="needs unshare and mount")
def test_a_full_disk_leaves_nothing(open_tmp: Path) -> None:
    disk = open_tmp / "disk"
    disk.mkdir()
    script = (
        'mount -t tmpfs -o size=16k tmpfs "$1" || exit 99\n'
        'cd "$1" && "$2" -m litestar_new demo --yes --no-install --no-git 2>err\n'
        'echo "rc=$?"; cat err; echo "left:"; ls -A "$1"\n'
    )
    completed = _in_namespace(script, str(disk), sys.executable)
    if completed.returncode == 99:
        pytest.skip(f"cannot mount a tmpfs here: {completed.stderr.strip()}")
    out = completed.stdout.splitlines()
    assert out[0] == "rc=1", completed.stdout + completed.stderr
    assert out[1].startswith("litestar-new: error: writing the project failed: No space left")
    assert out[2] == "left:"
    assert out[3:] == ["err"]  # the shell's own file: nothing of litestar-new's


# --- read-only, immutable, not ours ------------------------------------------------------------

AS_NOBODY = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
_IMPORTS = "import copier, litestar_new.__main__, ruff"


def _nobody_fails_to_run(python: str, cwd: Path) -> str:
    """Why ``nobody`` cannot run litestar-new with ``python`` (empty when it can)."""
    completed = subprocess.run(
        [*AS_NOBODY, python, "-c", _IMPORTS],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if completed.returncode == 0:
        return ""
    lines = (completed.stderr or completed.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit {completed.returncode}"


def _link_or_copy(source: str, target: str) -> object:
    try:
        os.link(source, target)  # instant, no space: same inode, same permissions
    except OSError:  # another file system
        shutil.copy2(source, target)
    return target


def _open_copy_of_the_environment(base: Path) -> str:
    """The environment and litestar-new's source, linked into ``base`` (a folder every user
    can reach): a clone in a private folder (``/root``, ``mktemp -d``) is out of reach of
    ``nobody``. Returns the copy's interpreter."""
    package = Path(litestar_new.__file__).resolve().parent
    source_root = package.parent  # the folder on sys.path (src/ of an editable install)
    copies = {Path(sys.prefix): base / "venv", source_root: base / "src"}
    template = bundled_template()
    if not template.is_relative_to(source_root):  # the source tree's templates/, beside src/
        copies[template] = base / template.relative_to(package.parents[1])
    for origin, copy in copies.items():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(
            origin, copy, symlinks=True, copy_function=_link_or_copy, dirs_exist_ok=True
        )
    # an editable install points at the private source through .pth files: point them here
    for pth in (base / "venv").glob("lib/python*/site-packages/*.pth"):
        text = pth.read_text()
        if str(source_root) in text:
            pth.unlink()  # a link shares the original's content: write a new file
            pth.write_text(text.replace(str(source_root), str(base / "src")))
    for folder in (base, *(p for p in base.rglob("*") if p.is_dir() and not p.is_symlink())):
        folder.chmod(folder.stat().st_mode | 0o555)
    return str(base / "venv" / "bin" / Path(sys.executable).name)


@pytest.fixture(scope="module")
def nobody_python() -> Iterator[str]:
    """An interpreter ``nobody`` can run litestar-new with: this one, or an open copy of it."""
    if os.geteuid() != 0 or not _have("setpriv"):
        pytest.skip("needs root and setpriv")
    base = Path(tempfile.mkdtemp(prefix="litestar-new-nobody-"))
    base.chmod(0o755)
    try:
        if not _nobody_fails_to_run(sys.executable, base):
            yield sys.executable
            return
        python = _open_copy_of_the_environment(base / "env")
        if reason := _nobody_fails_to_run(python, base):
            pytest.skip(
                f"user nobody cannot run the interpreter {sys.executable} even from a copy "
                f"in an open folder ({reason}); move the clone or its Python where others can read"
            )
        yield python
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _as_nobody(args: list[str], cwd: Path, home: Path, python: str) -> Result:
    env = {"HOME": str(home), "LITESTAR_NEW_HOME": str(home / "litestar-new")}
    return cli_process(args, cwd, env=env, prefix=AS_NOBODY, python=python)


@pytest.fixture
def nobody_home(open_tmp: Path) -> Path:
    home = open_tmp / "home"
    home.mkdir()
    os.chown(home, NOBODY, NOBODY)
    return home


@pytest.mark.parametrize("mechanism", ["another user's folder", "read-only mount", "immutable"])
@ROOT_ONLY
def test_a_parent_folder_that_cannot_be_written(
    open_tmp: Path, nobody_home: Path, mechanism: str, request: pytest.FixtureRequest
) -> None:
    parent = open_tmp / "parent"
    parent.mkdir()
    before = snapshot(parent)
    if mechanism == "another user's folder":
        python = request.getfixturevalue("nobody_python")
        result = _as_nobody(ARGS, parent, nobody_home, python)
        reason = "permission denied"
    elif mechanism == "read-only mount":
        if not _have("unshare", "mount"):
            pytest.skip("needs unshare and mount")
        script = (
            'mount --bind -o ro "$1" "$1" || exit 99\n'
            'cd "$1" && exec "$2" -m litestar_new ' + " ".join(ARGS) + "\n"
        )
        completed = _in_namespace(script, str(parent), sys.executable)
        if completed.returncode == 99:
            pytest.skip(f"cannot bind-mount here: {completed.stderr.strip()}")
        result = Result(completed.returncode, completed.stdout, completed.stderr)
        reason = "read-only file system"
    else:
        if subprocess.run(["chattr", "+i", str(parent)], check=False).returncode:
            pytest.skip("this file system has no immutable attribute")
        result = cli_process(ARGS, parent)
        subprocess.run(["chattr", "-i", str(parent)], check=True)
        reason = "operation not permitted"
    message = assert_one_line_error(result)
    assert message == f"cannot write in {parent}: {reason}"
    assert snapshot(parent) == before


@pytest.mark.parametrize("force", [False, True])
@ROOT_ONLY
def test_a_target_folder_that_cannot_be_written(
    open_tmp: Path, nobody_home: Path, nobody_python: str, force: bool
) -> None:
    parent = open_tmp / "parent"
    parent.mkdir()
    os.chown(parent, NOBODY, NOBODY)
    target = parent / "demo"
    target.mkdir()  # root's: nobody cannot write in it
    if force:
        (target / "README.md").write_text("root's notes\n")
    before = snapshot(parent)
    result = _as_nobody(
        [*ARGS, *(["--force"] if force else [])], parent, nobody_home, nobody_python
    )
    message = assert_one_line_error(result)
    assert message == f"cannot write in {target}: permission denied"
    assert snapshot(parent) == before


@ROOT_ONLY
def test_a_folder_inside_the_target_that_cannot_be_written_is_rolled_back(
    open_tmp: Path, nobody_home: Path, nobody_python: str
) -> None:
    parent = open_tmp / "parent"
    target = parent / "demo"
    (target / "tests").mkdir(parents=True)
    for folder in (parent, target):
        os.chown(folder, NOBODY, NOBODY)
    (target / "README.md").write_text("my notes\n")
    os.chown(target / "README.md", NOBODY, NOBODY)
    (target / "tests" / "test_mine.py").write_text("root's\n")  # tests/ stays root's
    before = snapshot(parent)
    result = _as_nobody([*ARGS, "--force"], parent, nobody_home, nobody_python)
    message = assert_one_line_error(result, code=1)
    assert message == "writing into demo failed: Permission denied; it was put back as it was"
    assert snapshot(parent) == before


@ROOT_ONLY
def test_a_template_store_that_cannot_be_written(
    open_tmp: Path, nobody_home: Path, nobody_python: str
) -> None:
    parent = open_tmp / "parent"
    parent.mkdir()
    os.chown(parent, NOBODY, NOBODY)
    store_home = open_tmp / "root-home"  # root's: nobody cannot make the store there
    store_home.mkdir()
    env = {"HOME": str(nobody_home), "LITESTAR_NEW_HOME": str(store_home / "litestar-new")}
    result = cli_process(ARGS, parent, env=env, prefix=AS_NOBODY, python=nobody_python)
    message = assert_one_line_error(result, code=1)
    assert message == (
        f"cannot record the template in {store_home / 'litestar-new' / 'templates'}: "
        "Permission denied (LITESTAR_NEW_HOME chooses another place)"
    )
    assert list(parent.iterdir()) == []


# --- something else where the folder goes, no folder at all -------------------------------------


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_text("mine\n"), "exists and is not a folder"),
        (lambda p: p.symlink_to(p.parent / "outside.txt"), "exists and is not a folder"),
        (lambda p: p.symlink_to(p.parent / "nowhere"), "is a link to nothing"),
        (_make_fifo, "exists and is not a folder"),
    ],
    ids=["file", "link-to-file", "broken-link", "fifo"],
)
def test_something_else_where_the_folder_goes(
    workdir: Path, make: Callable[[Path], None], words: str
) -> None:
    (workdir / "outside.txt").write_text("outside\n")
    make(workdir / "demo")
    before = snapshot(workdir)
    message = assert_one_line_error(cli_process(ARGS, workdir))
    assert words in message
    assert snapshot(workdir) == before


def test_a_current_folder_that_was_deleted(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = 'cd "$1" && rmdir "$1" && exec "$2" -m litestar_new ' + " ".join(ARGS)
    completed = subprocess.run(
        ["sh", "-c", script, "sh", str(gone), sys.executable],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    result = Result(completed.returncode, completed.stdout, completed.stderr)
    message = assert_one_line_error(result)
    assert message == "the current folder no longer exists; cd to one that does and run it again"
    assert list(tmp_path.iterdir()) == []


@ROOT_ONLY
@pytest.mark.skipif(not _have("setpriv"), reason="needs setpriv")
def test_the_open_copy_of_the_environment_serves_nobody(open_tmp: Path) -> None:
    """The copy ``nobody_python`` falls back to from a private clone (made here even when the
    clone is open, so that the fallback is tested on every run)."""
    python = _open_copy_of_the_environment(open_tmp / "env")
    code = (
        "import json, sys, litestar_new; from litestar_new.store import bundled_template; "
        "print(json.dumps([sys.prefix, litestar_new.__file__, str(bundled_template())]))"
    )
    completed = subprocess.run(
        [*AS_NOBODY, python, "-c", code],
        cwd=open_tmp,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    prefix, package, template = json.loads(completed.stdout)
    for path in (prefix, package, template):
        assert Path(path).is_relative_to(open_tmp / "env"), (path, open_tmp)
    assert Path(sys.prefix).stat().st_ino != Path(prefix).stat().st_ino  # a copy, not the same
