"""Format generated Python as the project would: ruff, with the project's own configuration.

The one place litestar-new runs ruff. :func:`format_python` formats files on disk (the files an
update merged); :func:`format_files` formats ``add``'s new files the same way, after
they were put in place inside the command's transaction (a failure or Ctrl-C removes them again,
so the project is left as it was unless the whole resource was written). Ruff finds the project's
``pyproject.toml`` (line length, first-party packages, per-file rules) by each file's place, as it
does when the user runs it. :func:`format_sources` formats texts on stdin with
``--stdin-filename`` set to where each would be written (the same configuration, nothing written):
``add --dry-run`` and the generator of the template's example resource use it.

New files are formatted whole. A user's file that ``add resource`` changes (``app.py``) is not:
it goes through ruff on stdin and is only written when the whole resource is; only the statements
it touched are formatted (``ruff format --range``), and its imports and ``__all__`` are sorted only
when they were sorted before, so the rest of the file stays as the user wrote it, line endings
included.
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from typing import TYPE_CHECKING

from litestar_new.errors import LitestarNewError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

__all__ = ["find_ruff", "format_edit", "format_files", "format_python", "format_sources"]

_SORTING = ("I", "RUF022")
"""The rules that sort imports and ``__all__``."""
_FORMAT = ["format", "--quiet"]


def _sort(rules: Sequence[str]) -> list[str]:
    """Ruff's arguments that apply ``rules`` (sorting ones) and nothing else."""
    return ["check", "--fix-only", "--select", ",".join(rules), "--quiet"]


_SORT = _sort(_SORTING)
_STEPS = (_SORT, _FORMAT)


@cache
def _ruff() -> str:
    """The ruff binary; found once (``sysconfig``'s lazy set-up is not safe across threads)."""
    from ruff.__main__ import find_ruff_bin  # noqa: PLC0415

    return str(find_ruff_bin())


def find_ruff() -> str:
    """The ruff binary; call it before threads that run ruff start."""
    return _ruff()


def _ruff_run(ruff: str, root: Path, relative: str, args: list[str], text: str) -> str:
    """What ruff makes of ``text`` as if it were ``root/relative`` (bytes: line endings kept).

    Raises:
        LitestarNewError: ruff refused the text.
    """
    result = subprocess.run(
        [ruff, *args, "--no-cache", "--stdin-filename", str(root / relative), "-"],
        input=text.encode(),
        capture_output=True,
        check=False,
        cwd=root,
    )
    if result.returncode != 0:
        output = (result.stderr or result.stdout).decode(errors="replace")
        detail = output.strip().splitlines()
        msg = f"formatting {relative} failed: {detail[-1] if detail else result.returncode}"
        raise LitestarNewError(msg)
    return result.stdout.decode()


def _unsorted(ruff: str, root: Path, relative: str, text: str) -> set[str]:
    """The sorting rules that ``text`` breaks already (those are not applied to the user's file)."""
    result = subprocess.run(
        [
            *(ruff, "check", "--select", ",".join(_SORTING), "--output-format", "json"),
            *("--no-cache", "--stdin-filename", str(root / relative), "-"),
        ],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
        encoding="utf-8",
    )
    try:
        codes = {str(item["code"]) for item in json.loads(result.stdout or "[]")}
    except (ValueError, TypeError, KeyError):
        return set(_SORTING)  # ruff could not say: sort nothing
    return {rule for rule in _SORTING if any(code.startswith(rule) for code in codes)}


def format_edit(
    root: Path,
    relative: str,
    original: str,
    changed: str,
    touched: Callable[[str], list[tuple[int, int]]],
) -> str:
    """``changed`` (``original`` with a few lines added) with only what was added formatted.

    ``touched`` gives the lines (first, last) of the statements the change added to or
    changed, in a text; only those are formatted. Imports and ``__all__`` are sorted only if
    ``original`` had them sorted.

    Raises:
        LitestarNewError: ruff refused the text.
    """
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415 - only add runs it

    ruff = _ruff()
    with ThreadPoolExecutor(max_workers=1) as pool:
        # Usually the user's file was sorted: the change is sorted by every rule meanwhile.
        by_every_rule = pool.submit(_ruff_run, ruff, root, relative, _SORT, changed)
        unsorted = _unsorted(ruff, root, relative, original)
    sorting = [rule for rule in _SORTING if rule not in unsorted]
    if not unsorted:
        text = by_every_rule.result()
    elif sorting:  # the run by every rule is dropped, and its error if it failed
        text = _ruff_run(ruff, root, relative, _sort(sorting), changed)
    else:
        text = changed
    for first, last in sorted(touched(text), reverse=True):  # lower ones first: lines stay put
        text = _ruff_run(
            ruff, root, relative, ["format", "--quiet", f"--range={first}-{last + 1}"], text
        )
    return text


def format_source(ruff: str, root: Path, relative: str, text: str) -> str:
    """Sort the imports and format ``text`` as if it were ``root/relative``.

    Raises:
        LitestarNewError: ruff refused the text (a syntax error in generated code).
    """
    for args in _STEPS:
        text = _ruff_run(ruff, root, relative, args, text)
    return text


def format_sources(root: Path, sources: Mapping[str, str]) -> dict[str, str]:
    """Format every Python text of ``sources`` (relative path -> text); others stay as they are."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415 - only add runs it

    ruff = _ruff()
    python = [path for path in sources if path.endswith(".py")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        formatted = pool.map(lambda p: format_source(ruff, root, p, sources[p]), python)
        done = dict(zip(python, formatted, strict=True))
    return {path: done.get(path, text) for path, text in sources.items()}


def format_python(
    project: Path, files: Sequence[str] | None = None, config: Path | None = None
) -> None:
    """Format Python files on disk with ruff under the project's own configuration.

    ``update`` formats what its merge touched. A fresh render needs none of it: the template is
    written as ``ruff format`` and ``ruff check`` want it for every name we allow
    (``tests/world/test_copier_and_climb.py``).

    Args:
        project: The project folder (its ``pyproject.toml`` configures ruff).
        files: Only these paths, relative to ``project``; every Python file when None.
        config: A ruff configuration file to use instead of the project's own (``update``
            passes the new render's when the project's ``pyproject.toml`` holds conflict
            markers, which ruff cannot parse).
    """
    targets = [str(project)] if files is None else [str(project / f) for f in files]
    settings = ["--config", str(config)] if config is not None else []
    steps = (_sort(["I"]), _FORMAT)
    _run_on_files(project, targets, steps, settings, "the rendered project")


def format_files(root: Path, files: Sequence[str]) -> None:
    """Sort imports and ``__all__`` and format ``files`` (relative to ``root``) in place.

    The same as :func:`format_sources` gives for each file's text, in two ruff runs for all of
    them instead of two for each: ruff reads the configuration that applies at each file's place.

    Raises:
        LitestarNewError: ruff refused a file (a syntax error in generated code).
    """
    _run_on_files(root, [str(root / f) for f in files], _STEPS, [], "the new files")


def _run_on_files(
    cwd: Path, targets: list[str], steps: Sequence[list[str]], settings: list[str], what: str
) -> None:
    """Run each of ``steps`` once over every one of ``targets``."""
    if not targets:
        return
    ruff = _ruff()
    for args in steps:
        result = subprocess.run(
            [ruff, *args, *settings, "--no-cache", "--", *targets],
            capture_output=True,
            text=True,
            check=False,
            cwd=cwd,
        )
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            msg = f"formatting {what} failed: {detail[-1] if detail else result.args}"
            raise LitestarNewError(msg)
