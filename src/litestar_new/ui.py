"""What the user reads: the summary, the dry-run tree, progress, the "next steps" panel (rich)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.tree import Tree

from litestar_new.spec import rung

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from litestar_new.plan import Plan
    from litestar_new.steps import StepResult

__all__ = ["Output"]


class Output:
    """Human output on stdout (errors go to stderr); plain text when not a terminal."""

    def __init__(self, console: Console | None = None) -> None:
        """Use ``console``, or one on stdout that wraps at 100 columns when not a terminal."""
        if console is None:
            console = Console(highlight=False, soft_wrap=False)
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
        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_row("project", f"{plan.name.dist} (package {plan.name.package})")
        table.add_row("folder", str(plan.target))
        table.add_row("rung", plan.spec.rung)
        for key, value in plan.spec.features.items():
            shown = ("yes" if value else "no") if isinstance(value, bool) else value
            table.add_row(key, str(shown))
        self.console.print(table)

    def tree(self, root_label: str, files: Sequence[str]) -> None:
        """Print the files that would be written, as a tree."""
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
        """The panel with the exact commands for this project."""
        chosen = rung(plan.spec.rung)
        lines = [f"cd {plan.relative_target}"]
        if not installed:
            lines.append("uv sync")
        for result in results:
            if not result.ok:
                lines.extend(c for c in result.fix if c not in lines)  # uv sync once
        lines.extend(c.format(project=plan.name.dist) for c in chosen.setup)
        lines.append(chosen.run.format(project=plan.name.dist))
        body = "\n".join(f"  [bold]{escape(line)}[/]" for line in lines)
        pages = "/ and /schema" if plan.spec.rung == "script" else "/schema (API docs) and /health"
        body += (
            f"\n\nthen open {pages} on http://127.0.0.1:8000"
            "\n\ntests: [bold]uv run pytest[/]   lint: [bold]uv run ruff check .[/]"
            "   types: [bold]uv run mypy[/]"
        )
        failed = [r for r in results if not r.ok]
        title = "Next steps" if not failed else "Project written, but a step failed: finish by hand"
        self.console.print(
            Panel(body, title=title, border_style="red" if failed else "green", expand=False)
        )
