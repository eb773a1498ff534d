"""Names taken in a generated project's environment, derived from its resolved dependencies.

``taken.json`` beside this module lists every distribution that a generated project can install,
on any preset, with any feature, on any platform and Python version the project supports: the
runtime dependencies, the ``dev`` group and the build backend, resolved by
``uv pip compile --universal``. For each one it records the top-level modules it installs (its
import names: ``pyjwt`` installs ``jwt``) and its commands (``advanced-alchemy`` installs
``alchemy``), read from the installed distributions' ``RECORD`` and entry points, and the presets
that install it. A project or package named like any of them would shadow it, be shadowed by it
or stop ``uv sync`` (``colorama``: pytest's dependency on Windows).

:func:`load` reads the file (every run); :func:`derive` makes it again from the template and the
package index (network, ``uv``): ``python -m litestar_new.taken`` rewrites the file, and a
smoke test fails when the two differ.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

__all__ = ["DATA_FILE", "Taken", "canonical", "derive", "load", "main"]

DATA_FILE = "taken.json"
"""The data file's name, inside the ``litestar_new`` package."""
_PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
_MODULE_SUFFIXES = (".py", ".pyi", ".so", ".pyd")
_TIMEOUT = 180
"""Seconds one uv command may take (a cold cache downloads about 70 wheels)."""


def canonical(name: str) -> str:
    """Normalise a name per PEP 503: lower case, runs of ``-``, ``_`` and ``.`` as one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


class Taken(NamedTuple):
    """Why a name is taken: what it is, and which distribution it belongs to."""

    kind: str
    """``distribution``, ``module`` or ``command``."""
    name: str
    """The name as the distribution spells it (``jwt``, ``argon2-cffi``, ``alchemy``)."""
    owner: str
    """The distribution (``pyjwt``)."""

    def describe(self) -> str:
        """A few words for a refusal: ``module jwt of pyjwt``."""
        if self.kind == "distribution":
            return f"distribution {self.name}"
        return f"{self.kind} {self.name} of {self.owner}"


@cache
def load() -> dict[str, Taken]:
    """Every taken name in canonical form (:func:`canonical`), from the data file."""
    # beside this module, as the bundled template is (importlib.resources costs milliseconds)
    text = Path(__file__).with_name(DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    taken: dict[str, Taken] = {}
    for owner, entry in data["distributions"].items():
        found = [Taken("distribution", owner, owner)]
        found += [Taken("module", module, owner) for module in entry["modules"]]
        found += [Taken("command", command, owner) for command in entry["commands"]]
        for item in found:
            taken.setdefault(canonical(item.name), item)
    return taken


# --- derivation (network): python -m litestar_new.taken ---------------------------------------


def _requirement_sets(work: Path) -> dict[frozenset[str], list[str]]:
    """Render every valid preset and feature combination; its requirements -> the presets."""
    import tomllib  # noqa: PLC0415 - only when refreshing the data file

    from litestar_new.core.render import render  # noqa: PLC0415
    from litestar_new.new.plan import PYTHON_VERSIONS, Request, plan_project  # noqa: PLC0415
    from litestar_new.spec import PRESETS, valid_combinations  # noqa: PLC0415
    from litestar_new.store import TemplateSource, bundled_template  # noqa: PLC0415

    # The questions and pyproject.toml alone, in a plain folder: a whole project takes copier
    # seconds to render, and a folder inside a git repository is cloned each time.
    bundled = bundled_template()
    template = work / ".template"
    template.mkdir(parents=True)
    shutil.copy2(bundled / "copier.yml", template)
    for pyproject in bundled.glob("project/*/pyproject.toml.jinja"):  # its overlay folder
        (template / pyproject.parent.relative_to(bundled)).mkdir(parents=True)
        shutil.copy2(pyproject, template / pyproject.relative_to(bundled))
    source = TemplateSource(path=str(template))
    sets: dict[frozenset[str], list[str]] = {}
    for index, spec in enumerate(s for r in PRESETS for s in valid_combinations(r.name)):
        request = Request(
            name="probe",
            preset=spec.preset,
            features=dict(spec.features),
            python_version=PYTHON_VERSIONS[0],
            cwd=work / str(index),
        )
        request.cwd.mkdir()
        plan = plan_project(request, default_preset=spec.preset)
        render(source, plan.answers, plan.target)
        data: dict[str, Any] = tomllib.loads((plan.target / "pyproject.toml").read_text())
        requirements = set(data["project"].get("dependencies", []))
        for group in data.get("dependency-groups", {}).values():
            requirements.update(r for r in group if isinstance(r, str))
        requirements.update(data.get("build-system", {}).get("requires", []))
        presets = sets.setdefault(frozenset(requirements), [])
        if spec.preset not in presets:
            presets.append(spec.preset)
    return sets


def _uv(uv: str, *args: str, cwd: Path) -> str:
    result = subprocess.run(
        [uv, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        msg = f"uv {' '.join(args)} failed:\n{result.stderr}"
        raise RuntimeError(msg)
    return result.stdout


def _top_level_modules(files: list[str]) -> set[str]:
    modules = set()
    for path in files:
        first = path.split("/", 1)[0]
        if first.endswith(".dist-info") or first in {"__pycache__", "..", "bin"}:
            continue
        if not path.endswith(_MODULE_SUFFIXES):
            continue
        name = first.split(".", 1)[0]
        if name.isidentifier() and not name.startswith("_"):
            modules.add(name)
    return modules


def _installed(target: Path) -> dict[str, dict[str, list[str]]]:
    """Each distribution installed in ``target``: its top-level modules and its commands."""
    from importlib.metadata import distributions  # noqa: PLC0415

    found: dict[str, dict[str, list[str]]] = {}
    for dist in distributions(path=[str(target)]):
        files = [f.as_posix() for f in dist.files or []]
        commands = {
            e.name for e in dist.entry_points if e.group in {"console_scripts", "gui_scripts"}
        }
        found[canonical(dist.metadata["Name"])] = {
            "modules": sorted(_top_level_modules(files)),
            "commands": sorted(commands),
        }
    return found


def derive(uv: str | None = None, *, as_of: str | None = None) -> dict[str, Any]:
    """Resolve, install and read every distribution a generated project can have.

    ``as_of`` (an RFC 3339 time, UTC) resolves as the index stood then (uv's
    ``--exclude-newer``), so that a check of the recorded file does not fail because of a
    release made since; None means now, and the result records the time it used.

    Raises:
        RuntimeError: uv failed (no network, a broken release).
    """
    import tempfile  # noqa: PLC0415 - only when refreshing the data file
    from datetime import UTC, datetime  # noqa: PLC0415

    from litestar_new.new.plan import PYTHON_VERSIONS  # noqa: PLC0415
    from litestar_new.new.steps import find_uv  # noqa: PLC0415

    uv = uv or find_uv() or "uv"
    python = PYTHON_VERSIONS[0]
    as_of = as_of or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with tempfile.TemporaryDirectory(prefix="litestar-new-taken-") as folder:
        work = Path(folder)
        (work / "projects").mkdir()
        presets_of: dict[str, set[str]] = {}
        pins: set[str] = set()
        for index, (requirements, presets) in enumerate(
            _requirement_sets(work / "projects").items()
        ):
            given = work / f"requirements-{index}.in"
            given.write_text("\n".join(sorted(requirements)) + "\n", encoding="utf-8")
            compiled = _uv(
                uv, "pip", "compile", "--universal", "--python-version", python,
                "--no-header", "--no-annotate", "--quiet", "--exclude-newer", as_of, given.name,
                cwd=work,
            )  # fmt: skip
            for line in compiled.splitlines():
                if match := _PINNED.match(line.strip()):
                    presets_of.setdefault(canonical(match[1]), set()).update(presets)
                    pins.add(f"{match[1]}=={match[2]}")
        # Markers aside: every distribution, whatever platform needs it, installed to be read.
        (work / "all.txt").write_text("\n".join(sorted(pins)) + "\n", encoding="utf-8")
        _uv(
            uv, "pip", "install", "--no-deps", "--quiet", "--python-version", python,
            "--exclude-newer", as_of, "--target", "installed", "-r", "all.txt", cwd=work,
        )  # fmt: skip
        installed = _installed(work / "installed")
    missing = sorted(set(presets_of) - set(installed))
    if missing:
        msg = f"resolved but not installed: {', '.join(missing)}"
        raise RuntimeError(msg)
    order = {"script": 0, "api": 1, "layered": 2}
    return {
        "about": (
            "Names taken in a generated project's environment: made by "
            "`python -m litestar_new.taken`; do not edit (see that module)."
        ),
        "python": f">={python}",
        "as_of": as_of,
        "distributions": {
            name: {**installed[name], "presets": sorted(presets_of[name], key=order.__getitem__)}
            for name in sorted(presets_of)
        },
    }


def dumps(data: dict[str, Any]) -> str:
    """The data file's text: stable, one distribution a line, a final newline."""
    lines = [
        f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in data.items() if k != "distributions"
    ]
    lines.append('  "distributions": {')
    entries = [f"    {json.dumps(k)}: {json.dumps(v)}" for k, v in data["distributions"].items()]
    lines.append(",\n".join(entries))
    return "{\n" + "\n".join(lines) + "\n  }\n}\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the data file (``--check``: only say whether it is up to date)."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(__file__).with_name(DATA_FILE)
    derived = derive()
    text = dumps(derived)
    recorded = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    if recorded.get("distributions") == derived["distributions"]:
        sys.stdout.write(f"{path}: up to date\n")
        return 0
    if "--check" in args:
        sys.stdout.write(f"{path}: out of date; run python -m litestar_new.taken\n")
        return 1
    path.write_text(text, encoding="utf-8")
    sys.stdout.write(f"{path}: written\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
