"""The built wheel carries the template and works without the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.projects import UV, clean_env, run

pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parents[2]


def test_the_installed_wheel_creates_every_preset(tmp_path: Path) -> None:
    run(
        [UV, "build", "--wheel", "--quiet", "--out-dir", str(tmp_path / "dist"), str(ROOT)],
        cwd=tmp_path,
    )
    (wheel,) = (tmp_path / "dist").glob("litestar_new-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "litestar_new/templates/copier.yml" in names
    assert "litestar_new/py.typed" in names
    assert "litestar_new/taken.json" in names  # the names refused, read at every run
    assert any(n.startswith("litestar_new/templates/project/{{ overlay.layered }}/") for n in names)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    venv = tmp_path / "venv"
    run([UV, "venv", "--quiet", "--python", sys.executable, str(venv)], cwd=tmp_path)
    run(
        [UV, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), str(wheel)],
        cwd=tmp_path,
    )
    cli = str(venv / "bin" / "litestar-new")
    assert "litestar-new" in run([cli, "--version"], cwd=tmp_path).stdout
    for preset in ("script", "api", "layered"):
        result = subprocess.run(
            [cli, f"from-wheel-{preset}", "--preset", preset, "--yes", "--no-install", "--no-git"],
            cwd=tmp_path,
            env=clean_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert (tmp_path / f"from-wheel-{preset}" / "pyproject.toml").is_file()
