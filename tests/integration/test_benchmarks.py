"""The benchmark scripts run (their smallest settings, nothing installed): figures are never tested.

Each script degrades without the tools a machine may lack (``lst-build``, ``create-vite``, ``create-t3-app``,
``wrk``): the part that needs one is left out, and says so.
"""

from __future__ import annotations

import os
import py_compile
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"


def run(script: str, *args: str) -> str:
    """The script's stdout; it must exit 0."""
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    command = [sys.executable, str(BENCHMARKS / script), *args]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_render_benchmark_runs_and_prints_its_table() -> None:
    out = run("render.py", "--rounds", "1", "--presets", "script", "--no-compile")
    assert "| what | seconds, median (min-max) | ratio to lst-build" in out
    assert "| `litestar-new x --preset script` |" in out
    assert "no compiled templates |" in out


def test_the_command_benchmark_runs_and_prints_its_table() -> None:
    out = run("run.py", "--smoke")
    assert "| what | median | best |" in out
    assert "| `add resource` on `layered` (a resource with a reference) |" in out
    assert "| `update`, nothing to do (project at the current template) |" in out


def test_the_throughput_benchmark_runs_and_prints_its_table() -> None:
    out = run("throughput.py", "--smoke")
    assert "| what | median | min-max | runs |" in out
    assert "| generate layered |" in out


def test_the_instruction_count_benchmark_runs() -> None:
    out = run("instructions.py", "--smoke")
    assert "smoke: the layered project was created; nothing counted" in out


@pytest.mark.parametrize(
    "app",
    [
        "raw_app.py",
        "sqlalchemy_core_app.py",
        "litestar_app.py",
        "fastapi_app.py",
        "litestar_same_work.py",
        "asgi_driver.py",
    ],
)
def test_the_control_apps_compile(app: str, tmp_path: Path) -> None:
    """Their dependencies are the generated projects' (not this venv's): compiled, not imported."""
    py_compile.compile(str(BENCHMARKS / app), cfile=str(tmp_path / "app.pyc"), doraise=True)
