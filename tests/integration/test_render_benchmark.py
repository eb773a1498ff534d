"""The render benchmark runs (one round, no other scaffolder): its figures are never tested."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_render_benchmark_runs_and_prints_its_table() -> None:
    command = [sys.executable, str(ROOT / "benchmarks" / "render.py"), "--rounds", "1"]
    command += ["--presets", "script", "--lst-build", "", "--create-vite", "", "--no-compile"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "| `litestar-new x --preset script` |" in result.stdout
    assert "no compiled templates |" in result.stdout
