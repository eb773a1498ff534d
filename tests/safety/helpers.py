"""What the safety tests share: running the CLI, snapshots of folders, parsing generated files."""

from __future__ import annotations

import ast
import hashlib
import os
import re
import stat
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from litestar_new.__main__ import main
from litestar_new.names import parse_project_name

if TYPE_CHECKING:
    from collections.abc import Iterator

    import pytest

QUIET = ["--yes", "--no-install", "--no-git"]
ROOT = Path(__file__).resolve().parents[2]
ERROR_PREFIX = "litestar-new: error: "


@dataclass(frozen=True)
class Result:
    """What one run of the command line did."""

    code: int
    out: str
    err: str


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """Run litestar-new in-process, as the console script would."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return Result(code, out, err)


def cli_process(
    args: list[str],
    cwd: Path,
    *,
    env: dict[str, str] | None = None,
    prefix: list[str] | None = None,
    timeout: float = 60,
) -> Result:
    """Run litestar-new as a real process (``prefix`` runs it as another user, and the like)."""
    command = [*(prefix or []), sys.executable, "-m", "litestar_new", *args]
    completed = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


def assert_one_line_error(result: Result, code: int = 2) -> str:
    """The error contract: the exit code, one line on stderr, no traceback; return the message."""
    assert result.code == code, result
    assert result.err.startswith(ERROR_PREFIX), result.err
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err + result.out
    return result.err[len(ERROR_PREFIX) :].strip()


def suggestion_of(message: str) -> str | None:
    """The name a refusal suggests (``... try 'my-app'``), if any."""
    match = re.search(r"try '([^']*)'$", message)
    return match[1] if match else None


def assert_suggestion_accepted(message: str) -> None:
    """A refusal either suggests a name that is itself accepted, or asks for one."""
    suggestion = suggestion_of(message)
    if suggestion is None:
        assert "give one" in message, message
        return
    assert parse_project_name(suggestion).dist == suggestion


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: a file's hash and mode, a link's target, or "dir"."""
    entries: dict[str, str] = {}
    if not folder.exists():
        return entries
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            entries[key] = f"link -> {path.readlink()}"
        elif path.is_dir():
            entries[key] = "dir"
        else:
            mode = stat.S_IMODE(path.stat().st_mode)
            entries[key] = f"{hashlib.sha256(path.read_bytes()).hexdigest()} {mode:o}"
    return entries


def leftovers(parent: Path) -> list[str]:
    """Temporary folders of litestar-new left beside a target."""
    return sorted(p.name for p in parent.iterdir() if ".litestar-new-" in p.name)


def files(project: Path) -> Iterator[Path]:
    """Every file of a rendered project (no environment, no git)."""
    for path in sorted(project.rglob("*")):
        parts = path.relative_to(project).parts
        if path.is_file() and not {".venv", ".git"}.intersection(parts):
            yield path


def parse_file(path: Path) -> Any:
    """Parse a generated file by its format; raise if it does not parse.

    Returns the parsed data (TOML, YAML), the AST (Python), the front matter (Markdown, None
    when there is none) or the lines (``.env`` files, checked for ``KEY=VALUE`` form).
    """
    text = path.read_text(encoding="utf-8")
    name = path.name
    if name.endswith(".toml"):
        return tomllib.loads(text)
    if name.endswith((".yml", ".yaml")):
        return yaml.safe_load(text)
    if name.endswith(".py"):
        return ast.parse(text, filename=str(path))
    if name.endswith(".md"):
        if text.startswith("---\n"):
            front, sep, _ = text[4:].partition("\n---\n")
            assert sep, f"{path}: front matter is not closed"
            return yaml.safe_load(front)
        return None
    if name.startswith(".env"):
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        for line in lines:
            assert re.match(r"^[A-Z][A-Z0-9_]*=", line), f"{path}: not KEY=VALUE: {line!r}"
        return lines
    return None


def strings_in(data: Any) -> Iterator[str]:
    """Every string inside parsed data (a Python AST's string constants included)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings_in(key)
            yield from strings_in(value)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from strings_in(item)
    elif isinstance(data, ast.AST):
        for node in ast.walk(data):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.value
