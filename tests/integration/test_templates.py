"""The versioned template store and the answers file it leads to."""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
import yaml

from litestar_new import __version__
from litestar_new.core.render import ANSWERS_FILE, render
from litestar_new.store import TemplateSource, bundled_template, content_hash, register

if TYPE_CHECKING:
    from pathlib import Path

ANSWERS = {"project_name": "demo", "preset": "script"}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LITESTAR_NEW_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def tags(store: Path) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(store), "tag"], capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def test_register_records_each_version_once(home: Path, tmp_path: Path) -> None:
    template = tmp_path / "template"
    shutil.copytree(bundled_template(), template)
    first = register(template)
    assert first.path == str(home / "templates")
    assert first.ref == f"{__version__}+g{content_hash(template)[:12]}"
    assert register(template) == first
    assert tags(home / "templates") == [first.ref]
    (template / "project" / "NEW.md").write_text("new")
    second = register(template)
    assert second.ref != first.ref
    assert sorted(tags(home / "templates")) == sorted([str(first.ref), str(second.ref)])


def test_without_git_the_plain_folder_is_used(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    source = register()
    assert source == TemplateSource(path=str(bundled_template()), bundled=True)


def test_stamped_answers_equal_a_render_from_the_repository(home: Path, tmp_path: Path) -> None:
    source = register()
    render(source, ANSWERS, tmp_path / "fast")
    render(TemplateSource(path=source.path, ref=source.ref), ANSWERS, tmp_path / "git")
    fast = (tmp_path / "fast" / ANSWERS_FILE).read_text()
    assert fast == (tmp_path / "git" / ANSWERS_FILE).read_text()
    data = yaml.safe_load(fast)
    assert data["_src_path"] == source.path
    assert data["_commit"] == source.ref
    files = sorted(
        p.relative_to(tmp_path / "fast").as_posix() for p in (tmp_path / "fast").rglob("*")
    )
    assert files == sorted(
        p.relative_to(tmp_path / "git").as_posix() for p in (tmp_path / "git").rglob("*")
    )


def test_register_under_an_explicit_version(home: Path, tmp_path: Path) -> None:
    from litestar_new.store import has_tag, version_of

    template = tmp_path / "template"
    shutil.copytree(bundled_template(), template)
    old = register(template, version="0.0.1")
    assert old.ref == f"0.0.1+g{content_hash(template)[:12]}"
    assert version_of(str(old.ref)) == "0.0.1"
    assert has_tag(str(old.ref))
    assert not has_tag("0.0.1+g000000000000")
    assert register(template, version="0.0.1") == old


def test_a_checked_out_version_renders_like_a_clone(home: Path, tmp_path: Path) -> None:
    from litestar_new.errors import LitestarNewError
    from litestar_new.store import checkout

    source = register()
    assert source.ref is not None
    folder = checkout(source.ref, tmp_path / "checkout")
    assert folder.local_copy is not None
    assert content_hash(folder.local_copy) == content_hash(bundled_template())
    render(folder, ANSWERS, tmp_path / "fast")
    render(TemplateSource(path=source.path, ref=source.ref), ANSWERS, tmp_path / "git")
    fast = {
        p.relative_to(tmp_path / "fast"): p.read_bytes()
        for p in (tmp_path / "fast").rglob("*")
        if p.is_file()
    }
    git = {
        p.relative_to(tmp_path / "git"): p.read_bytes()
        for p in (tmp_path / "git").rglob("*")
        if p.is_file()
    }
    assert fast == git
    with pytest.raises(LitestarNewError, match="has no version"):
        checkout("0.0.0+g000000000000", tmp_path / "none")
