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
from contextlib import contextmanager
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
    python: str = sys.executable,
) -> Result:
    """Run litestar-new as a real process (``prefix`` runs it as another user, and the like)."""
    command = [*(prefix or []), python, "-m", "litestar_new", *args]
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
        elif not path.is_file():  # a FIFO, a socket: never opened (a FIFO would block)
            entries[key] = f"special {stat.S_IFMT(path.lstat().st_mode):o}"
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


# --- core metadata, as hatchling writes it -----------------------------------------------------


def core_metadata(description: str, author_name: str, author_email: str) -> str:
    """The lines of METADATA that carry free text, built the way hatchling builds them.

    hatchling writes ``Summary: {description}``, ``Author: {name}`` when there is no e-mail,
    and ``Author-email: {Address(display_name=name, addr_spec=email)}``; the smoke tier
    compares this with the METADATA of a real wheel.
    """
    from email.headerregistry import Address

    lines = ["Metadata-Version: 2.4", "Name: demo", "Version: 0.1.0", f"Summary: {description}"]
    if author_email:
        address = Address(display_name=author_name, addr_spec=author_email)
        lines.append(f"Author-email: {address}")
    elif author_name:
        lines.append(f"Author: {author_name}")
    return "\n".join(lines) + "\n"


def read_core_metadata(text: str) -> tuple[str, str, str]:
    """Read the description, author name and e-mail back, as packaging and the email parser do."""
    from email.headerregistry import HeaderRegistry

    from packaging.metadata import parse_email

    raw, unparsed = parse_email(text)
    assert not unparsed, unparsed
    name, email = raw.get("author", ""), ""
    if raw.get("author_email"):
        header = HeaderRegistry()("To", raw["author_email"])
        assert not header.defects, header.defects
        (address,) = header.addresses  # type: ignore[attr-defined] # an AddressHeader
        name, email = address.display_name, address.addr_spec
    return raw.get("summary", ""), name, email


# --- Markdown, as CommonMark (with GitHub's tables and strikethrough) reads it ------------------


def markdown_blocks(text: str) -> list[tuple[str, str]]:
    """The blocks of a Markdown text: (kind, text as shown); markup inside text shows as <kind>."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    blocks: list[tuple[str, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "inline":
            shown = []
            for child in token.children or []:
                if child.type == "text":
                    shown.append(child.content)
                elif child.type == "softbreak":
                    shown.append("\n")
                else:
                    shown.append(f"<{child.type}>{child.content}")
            blocks.append((tokens[index - 1].type, "".join(shown)))
        elif token.type in {"fence", "code_block", "html_block", "hr"}:
            blocks.append((token.type, token.content))
    return blocks


# --- a faithful shortcut for the property tests ------------------------------------------------


def _environment_key(environment: Any) -> tuple[Any, ...]:
    """Everything of a Jinja environment that compiling a template depends on."""
    return (
        type(environment),
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        tuple(sorted(environment.extensions)),
        environment.optimized,
        environment.finalize,
        environment.autoescape,
        environment.undefined,
        environment.is_async,
    )


@contextmanager
def fast_render() -> Iterator[None]:
    """Render with copier at less than half the cost, to the same bytes (for property tests).

    - Each Jinja source is compiled once, however many renders use it: copier makes a new
      environment per render and compiles every template again. Compiling is a pure function of
      the source and the environment's options, which make the key; an answer that reached a
      template's *source* (evaluated as a template) is a new source, compiled as such. The
      context, where answers live, is untouched.
    - copier's per-file ``git update-index`` sync of the executable bit is skipped: it asks git,
      once per file, whether the destination is in a repository, and a fresh temporary folder
      never is.

    ``test_text.py`` checks that renders with and without this are byte for byte the same.
    """
    import importlib

    import jinja2

    copier_main: Any = importlib.import_module("copier._main")

    original: Any = jinja2.Environment.compile
    cache: dict[tuple[Any, ...], Any] = {}

    def compile_once(
        self: jinja2.Environment,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        if not isinstance(source, str):
            return original(self, source, name, filename, raw, defer_init)
        key = (source, name, filename, raw, defer_init, _environment_key(self))
        if key not in cache:
            cache[key] = original(self, source, name, filename, raw, defer_init)
        return cache[key]

    git_available = copier_main.is_git_available
    jinja2.Environment.compile = compile_once  # type: ignore[method-assign]
    copier_main.is_git_available = lambda: False
    try:
        yield
    finally:
        jinja2.Environment.compile = original  # type: ignore[method-assign]
        copier_main.is_git_available = git_available


# --- a real terminal ---------------------------------------------------------------------------

ENTER, CTRL_C, DOWN = "\r", "\x03", "\x1b[B"


def spawn(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    """litestar-new in a pseudo-terminal (pexpect): questions are asked, Ctrl-C is SIGINT."""
    import pexpect

    return pexpect.spawn(
        sys.executable,
        ["-m", "litestar_new", *args],
        cwd=str(cwd),
        env={**os.environ, "TERM": "xterm", "NO_COLOR": "1", **(env or {})},
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 160),
    )


def finish(child: Any) -> int:
    """Wait for the end of a spawned run; return its exit code."""
    import pexpect

    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus)


def template_files(preset: str, parent: Path) -> set[str]:
    """The files the template writes for ``preset`` (rendered beside, into ``parent``)."""
    from litestar_new.core.render import render
    from litestar_new.new.plan import Request, plan_project
    from litestar_new.store import register

    plan = plan_project(Request(name="demo", preset=preset, cwd=parent), default_preset=preset)
    render(register(), plan.answers, plan.target)
    return {p.relative_to(plan.target).as_posix() for p in plan.target.rglob("*") if p.is_file()}


def uv_workspace(root: Path, members: str = '["*"]', exclude: str | None = None) -> None:
    """Make ``root`` a uv workspace root with its own ``uv.lock`` (no dependencies: offline)."""
    from tests.support.projects import UV, run

    text = (
        '[project]\nname = "root"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n'
        f"dependencies = []\n\n[tool.uv.workspace]\nmembers = {members}\n"
    )
    if exclude is not None:
        text += f"exclude = {exclude}\n"
    (root / "pyproject.toml").write_text(text)
    run([UV, "lock", "--quiet"], cwd=root, timeout=60)
