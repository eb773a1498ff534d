"""Ctrl-C at a prompt, during rendering, while the project is moved in, during ``uv sync`` and
during git: exit 130, no partial project, no temporary folder left beside the target, and the
user's folder (missing, ``.git`` only, or non-empty with ``--force``) exactly as it was.

Each run is in a pseudo-terminal, and Ctrl-C is the terminal's: SIGINT to the whole foreground
process group, litestar-new and its child process alike. ``driver.py`` pauses the run at the
stage (no hook in the product), so the interrupt lands there every time.
"""

from __future__ import annotations

import os
import shutil
import time
from typing import TYPE_CHECKING

import pexpect
import pytest

from tests.safety.helpers import CTRL_C, ROOT, finish, leftovers, snapshot, uv_workspace

if TYPE_CHECKING:
    from pathlib import Path

DRIVER = ROOT / "tests" / "safety" / "driver.py"
ARGS = ["demo", "--preset", "script", "--server", "uvicorn", "--ci", "none"]


def make_state(workdir: Path, state: str) -> list[str]:
    """The target ``demo`` in a state; return the extra arguments that state needs."""
    target = workdir / "demo"
    if state == "missing":
        return []
    target.mkdir()
    if state == "empty":
        return []
    if state == "git-only":
        os.system(f"git init -q {target}")  # noqa: S605 - a fixed command
        return []
    (target / "README.md").write_text("my notes\n")  # overwritten with --force
    (target / "data.csv").write_text("1,2\n")
    (target / "tests").mkdir()
    (target / "tests" / "test_mine.py").write_text("def test_mine() -> None: ...\n")
    return ["--force"]


def fakes(tmp_path: Path) -> dict[str, str]:
    """A slow uv and a git that is slow to add, as real child processes."""
    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir()
    uv = bin_dir / "uv"
    uv.write_text(
        "#!/bin/sh\n"
        # which workspace: the project's own (so the pause is in uv sync, as with the real uv)
        'if [ "$1" = workspace ]; then pwd; exit 0; fi\n'
        "mkdir -p .venv/lib && echo partial > .venv/lib/partial && echo lock > uv.lock\n"
        'echo $$ > "$SAFETY_MARKER"\n'
        "exec sleep 60\n"
    )
    git = bin_dir / "git"
    git.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = add ]; then echo $$ > "$SAFETY_MARKER"; exec sleep 60; fi\n'
        'exec "$SAFETY_REAL_GIT" "$@"\n'
    )
    for script in (uv, git):
        script.chmod(0o755)
    return {
        "SAFETY_FAKE_UV": str(uv),
        "SAFETY_REAL_GIT": shutil.which("git") or "git",
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    }


def spawn_driver(workdir: Path, args: list[str], env: dict[str, str]) -> pexpect.spawn:
    return pexpect.spawn(
        __import__("sys").executable,
        [str(DRIVER), *args],
        cwd=str(workdir),
        env={**os.environ, "TERM": "xterm", "NO_COLOR": "1", **env},
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 160),
    )


def wait_for(marker: Path, child: pexpect.spawn, timeout: float = 120) -> int:
    """Wait until the run pauses; return the id of the process that paused.

    Generous: before the ``git`` stage the real ``uv lock`` resolves against the index, which
    took over 30 s once on a loaded 2-core machine (the whole suite beside it).
    """
    deadline = time.monotonic() + timeout
    while not marker.exists() or not marker.read_text().strip():
        if not child.isalive():
            pytest.fail(f"the run ended before pausing: {child.before}")
        assert time.monotonic() < deadline, "the run never paused"
        time.sleep(0.05)
    return int(marker.read_text())


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie child of the (now finished) run is reaped by init: give it a moment.
    time.sleep(0.5)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def check_as_before(workdir: Path, state: str, before: dict[str, str], out: str) -> None:
    assert "interrupted" in out
    assert "Traceback" not in out
    assert leftovers(workdir) == []
    if state == "missing":
        assert not (workdir / "demo").exists()
    else:
        assert snapshot(workdir / "demo") == before


# (stage, state, what must be there at the pause: proof the interrupt lands mid-stage)
CASES = [
    ("render", "missing", "workspace"),
    ("render", "git-only", "workspace"),
    ("render", "force", "workspace"),
    ("place", "missing", "demo/app.py"),
    ("place", "git-only", "some"),
    ("place", "force", "some"),
    ("install", "missing", "demo/.venv/lib/partial"),
    ("install", "git-only", "demo/.venv/lib/partial"),
    ("install", "force", "demo/.venv/lib/partial"),
    ("git", "missing", "demo/.git/HEAD"),
    ("git", "empty", "demo/.git/HEAD"),
]


@pytest.mark.parametrize(
    ("stage", "state", "evidence"), CASES, ids=[f"{s}-{t}" for s, t, _ in CASES]
)
def test_ctrl_c_during_a_stage_leaves_everything_as_it_was(
    workdir: Path, tmp_path: Path, stage: str, state: str, evidence: str
) -> None:
    extra = make_state(workdir, state)
    before = snapshot(workdir / "demo")
    marker = tmp_path / "paused"
    env = {**fakes(tmp_path), "SAFETY_PAUSE_AT": stage, "SAFETY_MARKER": str(marker)}
    steps = [] if stage in {"install", "git"} else ["--no-install", "--no-git"]
    if stage == "git":
        steps = ["--no-install"]
    child = spawn_driver(workdir, [*ARGS, "--yes", *extra, *steps], env)
    paused = wait_for(marker, child)
    if evidence == "workspace":
        (workspace,) = leftovers(workdir)
        assert any((workdir / workspace / "project").rglob("*"))  # mid-render
    elif evidence == "some":
        assert snapshot(workdir / "demo") != before  # mid-move
    else:
        assert (workdir / evidence).exists()
    child.send(CTRL_C)
    code = finish(child)
    assert code == 130, child.before
    check_as_before(workdir, state, before, child.before)
    assert gone(paused)


def test_ctrl_c_in_a_uv_workspace_leaves_the_workspace_as_it_was(
    workdir: Path, tmp_path: Path
) -> None:
    """Inside a workspace whose members take the new project in, with the real uv: nothing is
    installed there (it would rewrite the workspace's uv.lock and make its .venv, which no
    rollback of the target undoes), and Ctrl-C at the last step leaves the workspace as it was."""
    uv_workspace(workdir)
    before = snapshot(workdir)
    marker = tmp_path / "paused"
    env = {**fakes(tmp_path), "SAFETY_PAUSE_AT": "git", "SAFETY_MARKER": str(marker)}
    child = spawn_driver(workdir, [*ARGS, "--yes"], env)  # installing: uv is the real one
    paused = wait_for(marker, child)
    assert (workdir / "demo" / ".git" / "HEAD").exists()
    child.send(CTRL_C)
    code = finish(child)
    assert code == 130, child.before
    assert "interrupted" in child.before
    assert snapshot(workdir) == before  # no demo, the same uv.lock, no .venv
    assert gone(paused)


@pytest.mark.parametrize(
    ("state", "question"),
    [
        ("missing", "Which preset of the ladder"),
        ("missing", "Create the project"),
        ("git-only", "Create the project"),
        ("force", "Create the project"),
    ],
)
def test_ctrl_c_at_a_prompt_leaves_everything_as_it_was(
    workdir: Path, state: str, question: str
) -> None:
    extra = make_state(workdir, state)
    before = snapshot(workdir / "demo")
    args = ["demo", *extra, "--no-install", "--no-git"]
    if question == "Create the project":
        args += ["--preset", "script", "--server", "uvicorn", "--ci", "none"]
    child = spawn_driver(workdir, args, {})
    child.expect(question)
    child.send(CTRL_C)
    code = finish(child)
    assert code == 130
    check_as_before(workdir, state, before, child.before)


def test_ctrl_c_is_held_while_files_move_even_when_another_thread_receives_it() -> None:
    """A progress spinner's thread may be the one the kernel hands SIGINT to."""
    import signal
    import threading

    from litestar_new.core.interrupts import hold_interrupts

    go = threading.Event()

    def press_ctrl_c() -> None:
        go.wait()
        os.kill(os.getpid(), signal.SIGINT)

    thread = threading.Thread(target=press_ctrl_c)
    thread.start()  # before the block: its signal mask is the ordinary one
    events = []

    def move_files() -> None:
        with hold_interrupts():
            go.set()
            thread.join()
            time.sleep(0.2)  # time enough for the interrupt to land here, were it not held
            events.append("the block finished")

    with pytest.raises(KeyboardInterrupt):
        move_files()
    assert events == ["the block finished"]
