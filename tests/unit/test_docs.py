"""The docs that are derived from code, and the README's two commands."""

import re
from pathlib import Path

from litestar_new.reference import render_reference

ROOT = Path(__file__).resolve().parents[2]


def test_the_options_reference_is_up_to_date() -> None:
    written = (ROOT / "docs" / "options.md").read_text(encoding="utf-8")
    assert written == render_reference(), "run: python -m litestar_new.reference > docs/options.md"


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_the_readme_starts_with_the_two_commands() -> None:
    create, test = _readme_commands()[:2]
    assert "litestar-new" in create
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, test = _readme_commands()[:2]
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_no_doc_installs_litestar_new_by_name_from_an_index() -> None:
    """No package index serves litestar-new: the docs install it from the clone or its wheel."""
    by_name = re.compile(r"\b(pip|pipx|uv tool|uv pip) install\b[^\n&;|]*\blitestar-new\b")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        found = by_name.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.name}: {found and found[0]}"
