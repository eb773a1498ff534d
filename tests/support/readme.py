"""The shell blocks of a generated README, as logical commands, in order."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

FENCE = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)


def readme_blocks(project: Path) -> list[list[str]]:
    """Each ``sh`` block's commands; backslash continuations joined, comment lines dropped."""
    text = (project / "README.md").read_text(encoding="utf-8")
    blocks = []
    for block in FENCE.findall(text):
        joined = re.sub(r"\\\n\s*", " ", block)
        commands = [line.strip() for line in joined.splitlines()]
        blocks.append([c for c in commands if c and not c.startswith("#")])
    return blocks


def readme_commands(project: Path) -> list[str]:
    return [command for block in readme_blocks(project) for command in block]


PAGE = re.compile(r"http://127\.0\.0\.1:8000(/[\w/.\-]*)")
ANY_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def readme_pages(project: Path) -> list[str]:
    """The local pages the README's prose links to (code blocks and the bare address left out)."""
    text = ANY_FENCE.sub("", (project / "README.md").read_text(encoding="utf-8"))
    return sorted({match.rstrip(".") or "/" for match in PAGE.findall(text)})
