"""Benchmarks of litestar-new itself: start-up, generation per rung, the whole run with install,
``add resource`` on a generated project.

Run by hand (never in the test suite): ``.venv/bin/python benchmarks/run.py [--runs N]``.
Figures are medians of N runs of the installed ``litestar-new`` command, wall-clock, in a fresh
temporary folder each time; the uv cache is warmed first. Results go to stdout as Markdown,
ready for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
LITESTAR_NEW = str(BIN / "litestar-new")


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def median_of(runs: int, make: list[str], env: dict[str, str]) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            samples.append(timed(make, Path(folder), env))
    return statistics.median(samples), min(samples)


ADD = ["add", "resource", "Article", "title:str", "published:date?", "author:ref:Author"]


def median_of_add(runs: int, rung: str, env: dict[str, str], *extra: str) -> tuple[float, float]:
    """``add resource Article ...`` on a new project with an Author already added (not timed)."""
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            cwd = Path(folder)
            made = [LITESTAR_NEW, "x", "--preset", rung, "--yes", "--no-install", "--no-git"]
            subprocess.run(made, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
            author = [LITESTAR_NEW, "add", "resource", "Author", "name:str", "bio:text?"]
            subprocess.run(author, cwd=cwd / "x", env=env, check=True, stdout=subprocess.DEVNULL)
            samples.append(timed([LITESTAR_NEW, *ADD, *extra], cwd / "x", env))
    return statistics.median(samples), min(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    # Users' installs have bytecode (pip compiles; Python writes it on first import); this
    # machine sets PYTHONDONTWRITEBYTECODE, so compile once to measure what users see.
    compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=1, workers=2)
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "src"), quiet=1)
    home = tempfile.mkdtemp(prefix="bench-home-")
    env = {**os.environ, "LITESTAR_NEW_HOME": home, "UV_PYTHON_DOWNLOADS": "never"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    quick = ["--yes", "--no-install", "--no-git"]
    # Warm up: the template store, and uv's cache for every rung.
    for rung in ("script", "api", "layered"):
        with tempfile.TemporaryDirectory() as folder:
            timed([LITESTAR_NEW, "warm", "--preset", rung, "--yes", "--no-git"], Path(folder), env)

    rows = [("`litestar-new --help`", *median_of(args.runs, [LITESTAR_NEW, "--help"], env))]
    rows.append(
        ("`litestar-new --version`", *median_of(args.runs, [LITESTAR_NEW, "--version"], env))
    )
    for rung in ("script", "api", "layered"):
        rows.append(
            (
                f"generate `{rung}` (`--no-install --no-git`)",
                *median_of(args.runs, [LITESTAR_NEW, "x", "--preset", rung, *quick], env),
            )
        )
    for rung in ("script", "api", "layered"):
        rows.append(
            (
                f"whole `{rung}` run: render, `.env`, `uv sync` (warm cache), git",
                *median_of(args.runs, [LITESTAR_NEW, "x", "--preset", rung, "--yes"], env),
            )
        )
    for rung in ("api", "layered"):
        rows.append(
            (
                f"`add resource` on `{rung}` (a resource with a reference)",
                *median_of_add(args.runs, rung, env),
            )
        )
    rows.append(
        (
            "`add resource --dry-run` on `layered`",
            *median_of_add(args.runs, "layered", env, "--dry-run"),
        )
    )
    shutil.rmtree(home, ignore_errors=True)

    cpu = platform.processor() or platform.machine()
    machine = f"{os.cpu_count()} cores ({cpu})"
    print(f"Python {platform.python_version()}, {machine}, {args.runs} runs each\n")
    print("| what | median | best |")
    print("| --- | --- | --- |")
    for label, median, best in rows:
        print(f"| {label} | {median:.3f} s | {best:.3f} s |")


if __name__ == "__main__":
    main()
