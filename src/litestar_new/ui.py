"""What the user reads: the summary, the dry-run tree, progress, the "next steps" panel (rich)."""

from __future__ import annotations

import os
import shlex
import shutil
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from litestar_new.core.words import shown
from litestar_new.new.steps import find_uv
from litestar_new.spec import capable, find_preset

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from litestar_new.core.run import StepResult
    from litestar_new.new.plan import Plan

__all__ = ["CHECKS", "Output", "uv_for_commands", "with_uv"]

CHECKS = (("tests", "uv run pytest"), ("lint", "uv run ruff check ."), ("types", "uv run mypy"))
"""The panel's last line: how to check the project."""


def with_uv(command: str, uv: str) -> str:
    """``command`` with its leading ``uv`` replaced by ``uv`` (a path, shell-quoted)."""
    return uv + command[2:] if command == "uv" or command.startswith("uv ") else command


def uv_for_commands() -> tuple[str, list[str]]:
    """How printed commands name uv, and hints for the user's shell.

    ``uv`` when it is on PATH; else the uv installed with litestar-new, by its absolute path.
    A ``VIRTUAL_ENV`` that is set (litestar-new's own environment, activated to get ``uv`` and
    ``litestar-new`` on PATH) makes every ``uv run`` in the project warn that it does not match
    the project's ``.venv``: a hint says to deactivate it.
    """
    hints: list[str] = []
    uv = "uv"
    if shutil.which("uv") is None and (bundled := find_uv()) is not None:
        uv = shlex.quote(bundled)
        folder = str(Path(bundled).parent)
        quoted = shlex.quote(folder)
        export = f'"$PATH:{folder}"' if quoted == folder else f'"$PATH":{quoted}'
        hints.append("uv is not on PATH: these commands use the uv installed with litestar-new.")
        hints.append("To type uv and litestar-new as the project's README does, in each shell:")
        hints.append(f"  export PATH={export}")
    if os.environ.get("VIRTUAL_ENV"):
        hints.append(f"VIRTUAL_ENV is set ({os.environ['VIRTUAL_ENV']}): run deactivate first,")
        hints.append("or each uv run in the project warns that it does not match its .venv.")
    return uv, hints


class Output:
    """Human output on stdout (errors go to stderr); plain text when not a terminal."""

    def __init__(self, console: Console | None = None) -> None:
        """Use ``console``, or one on stdout that wraps at 100 columns when not a terminal."""
        if console is None:
            # No emoji codes: a path with ":fire:" in it stays as it is (and rich's table of
            # them is not imported on every run).
            console = Console(highlight=False, soft_wrap=False, emoji=False)
            if not console.is_terminal:
                console.width = 100
        self.console = console

    def note(self, message: str) -> None:
        """Print one line."""
        self.console.print(escape(message))

    def line(self, message: str) -> None:
        """Print one line that is never wrapped (paths and ``file:line`` stay whole)."""
        self.console.print(escape(message), soft_wrap=True)

    def summary(self, plan: Plan) -> None:
        """Show what will be made."""
        from rich.table import Table  # noqa: PLC0415 - only when asking

        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_row("project", f"{plan.name.dist} (package {plan.name.package})")
        table.add_row("folder", str(plan.target))
        table.add_row("preset", plan.spec.preset)
        for key, value in plan.spec.features.items():
            table.add_row(key, shown(value))
        self.console.print(table)

    def tree(self, root_label: str, files: Sequence[str]) -> None:
        """Print the files that would be written, as a tree."""
        from rich.tree import Tree  # noqa: PLC0415 - only for --dry-run

        tree = Tree(escape(root_label))
        nodes: dict[PurePosixPath, Tree] = {PurePosixPath("."): tree}
        for name in sorted(files):
            path = PurePosixPath(name)
            for parent in reversed(path.parents):
                if parent not in nodes:
                    nodes[parent] = nodes[parent.parent].add(escape(parent.name + "/"))
            nodes[path.parent].add(escape(path.name))
        self.console.print(tree)
        self.console.print(f"{len(files)} files; nothing was written (--dry-run)")

    def listing(self, title: str, paths: Sequence[str], limit: int = 20) -> None:
        """Print a short list of paths under a title."""
        self.console.print(escape(title))
        for path in paths[:limit]:
            self.console.print(f"  {escape(path)}")
        if len(paths) > limit:
            self.console.print(f"  ... and {len(paths) - limit} more")

    def rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Print rows as aligned, indented columns; never wrapped or cut (paths stay whole)."""
        widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(len(rows[0]))]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.console.print(
                escape("  " + "  ".join(cells).rstrip()), soft_wrap=True, highlight=False
            )

    @contextmanager
    def status(self, message: str) -> Iterator[None]:
        """Show a spinner while a step runs (a plain line when not a terminal)."""
        if self.console.is_terminal:
            with self.console.status(escape(message)):
                yield
        else:
            self.console.print(escape(message))
            yield

    @contextmanager
    def busy(self, message: str) -> Iterator[None]:
        """Show a spinner while something slow runs; nothing at all when not a terminal."""
        if self.console.is_terminal:
            with self.console.status(escape(message)):
                yield
        else:
            yield

    def results(self, results: Sequence[StepResult]) -> None:
        """One line per step: done, skipped or failed."""
        for result in results:
            mark = (
                "[red]✗[/]"
                if not result.ok
                else ("[yellow]-[/]" if result.skipped else "[green]✓[/]")
            )
            self.console.print(f"{mark} {escape(result.message)}")

    def next_steps(self, plan: Plan, results: Sequence[StepResult], *, installed: bool) -> None:
        """The panel with the exact commands for this project.

        They run as printed in a new shell: when ``uv`` is not on PATH (litestar-new installed
        into a virtual environment of its own, as the README's first command does), they name
        the uv installed with litestar-new by its path, and a hint says how to put it on PATH.
        """
        chosen = find_preset(plan.spec.preset)
        uv, hints = uv_for_commands()
        lines = [f"cd {shlex.quote(plan.relative_target)}"]
        if not installed:
            lines.append("uv sync")
        for result in results:
            if not result.ok:
                lines.extend(c for c in result.fix if c not in lines)  # uv sync once
        lines.extend(c.format(project=plan.name.dist) for c in chosen.setup)
        lines.append(chosen.run.format(project=plan.name.dist))
        lines = [with_uv(line, uv) for line in lines]
        body = "\n".join(f"  [bold]{escape(line)}[/]" for line in lines)
        packaged = capable(plan.spec.preset, "packaged")
        pages = "/schema (API docs) and /health" if packaged else "/ and /schema"
        checks = [with_uv(command, uv) for _, command in CHECKS]
        shown = [
            f"{label}: [bold]{escape(c)}[/]" for (label, _), c in zip(CHECKS, checks, strict=True)
        ]
        joiner = "   " if uv == "uv" else "\n"
        body += f"\n\nthen open {pages} on http://127.0.0.1:8000\n\n" + joiner.join(shown)
        if hints:
            body += "\n\n" + "\n".join(
                f"[bold]{escape(hint)}[/]" if hint.startswith("  ") else escape(hint)
                for hint in hints
            )
        failed = [r for r in results if not r.ok]
        title = "Next steps" if not failed else "Project written, but a step failed: finish by hand"
        # Never wrap a command: the panel grows to the longest one (a terminal may still fold
        # the line on screen, but what is copied is the whole command).
        commands = [*lines, *checks, *(h for h in hints if h.startswith("  "))]
        needed = max(len(line) for line in commands) + 14
        # A Text title: a str one is read as markup with emoji codes (and loads rich's emoji table).
        panel = Panel(
            body, title=Text(title), border_style="red" if failed else "green", expand=False
        )
        width = self.console.width
        if needed <= width:
            self.console.print(panel)
            return
        self.console.width = needed
        try:
            self.console.print(panel, crop=False)
        finally:
            self.console.width = width
