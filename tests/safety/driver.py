"""Run litestar-new with a pause at one stage, so that a test can press Ctrl-C right there.

No hook in the product: this script patches the stage's function, then runs the real command
line (``litestar_new.__main__.main``). ``SAFETY_PAUSE_AT`` names the stage; when the run gets
there, it writes the pausing process's id to ``SAFETY_MARKER`` and waits.

- ``render``: in the render's loop (the fast path's, which renders the bundled template), after
  the third file is written into the workspace;
- ``place``: while the project is moved into the target (after the rename of a missing target,
  or after the first file moved into an existing folder), for two seconds: Ctrl-C is held there
  and must take effect as soon as the move is done;
- ``install``: ``uv`` is ``SAFETY_FAKE_UV``, which writes part of ``.venv`` and ``uv.lock``,
  then sleeps (a real child process, which gets the terminal's SIGINT too);
- ``git``: the ``git`` first on ``PATH`` is a fake that sleeps in ``git add``, after the real
  ``git init`` made ``.git``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any


def _pause(seconds: float = 60) -> None:
    Path(os.environ["SAFETY_MARKER"]).write_text(str(os.getpid()))
    time.sleep(seconds)


def _pause_in_render() -> None:
    from litestar_new.core.fastrender.tree import TreeWriter

    original = TreeWriter._write_file
    rendered = [0]

    def write_file(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        rendered[0] += 1
        if rendered[0] == 3:
            _pause()
        return result

    TreeWriter._write_file = write_file  # type: ignore[method-assign]


def _pause_in_place() -> None:
    from litestar_new.new import target

    moving = [False]
    original_move = target.Placement.move
    original_rename = Path.rename
    original_replace = Path.replace

    def move(self: Any, workspace: Any) -> None:
        moving[0] = True
        original_move(self, workspace)

    def rename(self: Path, destination: Any) -> Any:
        result = original_rename(self, destination)
        if moving[0]:
            moving[0] = False
            _pause(2)
        return result

    def replace(self: Path, destination: Any) -> Any:
        result = original_replace(self, destination)
        if moving[0] and not str(destination).startswith(str(Path.cwd() / ".demo.")):
            moving[0] = False
            _pause(2)
        return result

    target.Placement.move = move  # type: ignore[method-assign]
    Path.rename = rename  # type: ignore[assignment,method-assign]
    Path.replace = replace  # type: ignore[assignment,method-assign]


def _fake_uv() -> None:
    from litestar_new.new import steps

    steps.find_uv = lambda: os.environ["SAFETY_FAKE_UV"]


def main() -> int:
    """Patch the stage named by ``SAFETY_PAUSE_AT``, then run the command line."""
    stage = os.environ.get("SAFETY_PAUSE_AT", "")
    {"render": _pause_in_render, "place": _pause_in_place, "install": _fake_uv}.get(
        stage, lambda: None
    )()
    from litestar_new.__main__ import main as litestar_new

    return litestar_new(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
