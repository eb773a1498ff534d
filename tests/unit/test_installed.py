"""``core.installed.version`` answers what ``importlib.metadata.version`` answers."""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as metadata_version
from typing import TYPE_CHECKING

import pytest

from litestar_new.core import installed

if TYPE_CHECKING:
    from pathlib import Path


def _expected(name: str) -> str | None:
    try:
        return metadata_version(name)
    except PackageNotFoundError:
        return None


@pytest.mark.parametrize(
    "name", ["copier", "jinja2", "Jinja2", "PyYAML", "pyyaml", "typer", "ruff", "no-such-thing"]
)
def test_the_installed_packages(name: str) -> None:
    assert installed.version(name) == _expected(name)


def test_the_first_folder_on_the_path_wins_and_names_are_normalised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "Copier-1.2.3.dist-info").mkdir(parents=True)
    (first / "Copier-1.2.3.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: Copier\nVersion: 1.2.3\n\nVersion: 9.9.9\n"
    )
    (second / "copier-9.17.2.dist-info").mkdir(parents=True)
    (second / "copier-9.17.2.dist-info" / "METADATA").write_text("Version: 9.17.2\n")
    (first / "Jinja_2-3.0.0.egg-info").mkdir()
    (first / "Jinja_2-3.0.0.egg-info" / "PKG-INFO").write_text("Name: Jinja-2\nVersion: 3.0.0\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing"), str(first), str(second)])
    for name in ("copier", "jinja.2"):
        assert installed.version(name) == _expected(name)
    assert installed.version("copier") == "1.2.3"
    assert installed.version("jinja.2") == "3.0.0"


def test_what_it_cannot_read_is_asked_of_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "copier-1.0.dist-info").mkdir()  # no METADATA: importlib.metadata says
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert installed.version("copier") == _expected("copier")
