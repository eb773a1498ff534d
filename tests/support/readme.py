"""The shell commands of a generated README, in order."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

FENCE = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)


def readme_commands(project: Path) -> list[str]:
    text = (project / "README.md").read_text(encoding="utf-8")
    commands: list[str] = []
    for block in FENCE.findall(text):
        commands.extend(
            line.strip() for line in block.splitlines() if line.strip() and not line.startswith("#")
        )
    return commands
