"""Render speed against other scaffolders, as ratios taken in alternating pairs.

Run by hand (never timed in the test suite):

    .venv/bin/python benchmarks/render.py [--rounds 10] [--lst-build PATH] [--create-vite PATH]
        [--create-t3-app PATH]

Each round runs every pair (lst-build, then a litestar-new render; the other way round in odd
rounds) back to back, so that both see the same load, and takes the ratio of the two. The
figures are wall-clock times of the installed commands, each in a new temporary folder,
bytecode compiled first (this machine sets ``PYTHONDONTWRITEBYTECODE``; a pip install compiles).
``lst-build`` is ``lst-builder`` from PyPI, ``create-vite`` and ``create-t3-app`` the npm packages
(without install or git, for orientation); a contender that is
not installed is left out. The last row is a floor: the settled libraries a render loads (typer,
Jinja2 with the Ansible filters and PyYAML, rich), imported by litestar-new's Python and nothing else. Output: Markdown, ready for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

QUICK = ["--yes", "--no-install", "--no-git"]
FLOOR = "import typer, jinja2, jinja2_ansible_filters, yaml, rich.console, rich.panel"
"""What any render of ours imports of the settled libraries (the CLI, the templates and their
answers file, the next-steps panel): the floor under which no render of ours can go."""
ORIENTATION = [  # other ecosystems' scaffolders, for orientation: (command, install, arguments)
    ("create-vite", "npm install -g create-vite", ["--template", "vanilla-ts", "--no-interactive"]),
    (
        "create-t3-app",
        "npm install -g create-t3-app",
        ["--CI", "--noGit", "--noInstall", "--trpc", "--tailwind", "--prisma"],
    ),
]


@dataclass
class Contender:
    label: str
    command: list[str]
    cold: bool = False
    """Remove litestar-new's compiled-template cache before each run (not timed)."""
    samples: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)


def timed(command: list[str], env: dict[str, str], *, cold: bool = False) -> float:
    with tempfile.TemporaryDirectory() as folder:
        if cold:
            shutil.rmtree(Path(env["LITESTAR_NEW_HOME"]) / "cache", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(
            command,
            cwd=folder,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        return time.perf_counter() - start


def spread(values: list[float], unit: str = "") -> str:
    if not values:
        return "-"
    digits = 3 if unit else 2
    median = statistics.median(values)
    return f"{median:.{digits}f}{unit} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def contenders(args: argparse.Namespace) -> tuple[Contender | None, list[Contender]]:
    litestar_new = args.litestar_new
    lst = shutil.which(args.lst_build) if args.lst_build else None
    if args.lst_build and lst is None:
        print(
            f"{args.lst_build} skipped: not on the PATH (pip install lst-builder)", file=sys.stderr
        )
    reference = (
        Contender("`lst-build project x ./x`", [lst, "project", "x", "./x"]) if lst else None
    )
    ours = [
        Contender(
            f"`litestar-new x --preset {preset}`", [litestar_new, "x", "--preset", preset, *QUICK]
        )
        for preset in args.presets
    ]
    if args.cold:
        layered = [litestar_new, "x", "--preset", args.presets[-1], *QUICK]
        ours.append(Contender(f"{ours[-1].label}, no compiled templates", layered, cold=True))
    for name, install, arguments in ORIENTATION:
        given = getattr(args, name.replace("-", "_"))
        found = shutil.which(given) if given else None
        if given and found is None:
            print(f"{given} skipped: not on the PATH ({install})", file=sys.stderr)
        if found:
            ours.append(Contender(f"`{name} x {' '.join(arguments)}`", [found, "x", *arguments]))
    ours.append(Contender("`litestar-new --help`", [litestar_new, "--help"]))
    python = str(Path(litestar_new).parent / "python")
    ours.append(Contender(f"floor: `python -c '{FLOOR}'`", [python, "-c", FLOOR]))
    return reference, ours


def measure(
    rounds: int, reference: Contender | None, ours: list[Contender], env: dict[str, str]
) -> list[float]:
    """Every round, every pair; returns the 1-minute load average before each round."""
    loads = []
    for index in range(rounds):
        loads.append(os.getloadavg()[0])
        for contender in ours:
            if reference is None:
                contender.samples.append(timed(contender.command, env, cold=contender.cold))
                continue
            pair = [reference, contender] if index % 2 == 0 else [contender, reference]
            got = {id(c): timed(c.command, env, cold=c.cold) for c in pair}
            reference.samples.append(got[id(reference)])
            contender.samples.append(got[id(contender)])
            contender.ratios.append(got[id(contender)] / got[id(reference)])
    return loads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument(
        "--litestar-new",
        default=str(Path(sys.executable).parent / "litestar-new"),
        help="the command to measure (another install: a release, main)",
    )
    parser.add_argument("--presets", nargs="+", default=["script", "layered"])
    parser.add_argument("--lst-build", default="lst-build", help="path or name; '' leaves it out")
    for name, _, _ in ORIENTATION:
        parser.add_argument(f"--{name}", default=name, help="path or name; '' leaves it out")
    parser.add_argument("--no-cold", dest="cold", action="store_false", help="no cold-cache row")
    parser.add_argument("--no-compile", dest="compile", action="store_false")
    args = parser.parse_args()
    if args.compile:  # this Python's packages; another install's are compiled by pip
        compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=1, workers=2)
        compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "src"), quiet=1)
    home = tempfile.mkdtemp(prefix="bench-home-")
    env = {**os.environ, "LITESTAR_NEW_HOME": home, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    reference, ours = contenders(args)
    for contender in ([reference] if reference else []) + ours:  # warm up: store, cache, disk
        timed(contender.command, env)
    loads = measure(args.rounds, reference, ours, env)
    shutil.rmtree(home, ignore_errors=True)

    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.rounds} rounds, "
        f"1-minute load {min(loads):.1f}-{max(loads):.1f}\n"
    )
    print("| what | seconds, median (min-max) | ratio to lst-build, median (min-max) |")
    print("| --- | --- | --- |")
    if reference is not None:
        print(f"| {reference.label} | {spread(reference.samples, ' s')} | 1 |")
    for contender in ours:
        print(
            f"| {contender.label} | {spread(contender.samples, ' s')} | {spread(contender.ratios)} |"
        )


if __name__ == "__main__":
    main()
