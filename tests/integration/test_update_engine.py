"""``update``'s copier worker (fast renders, shared clones) against copier's own, tree for tree.

Each case makes one committed project, edits it like a user, copies it (``.git`` included) and
updates both copies: one with :class:`~litestar_new.update.copier_worker.FastWorker`, one with
copier's own ``Worker`` (what ``copier update`` runs). The two must agree byte for byte: every
file (the answers file included) and its mode, git's index (conflict stages included), git's
status, the exit code and the output.
"""

from __future__ import annotations

import re
import shutil
import stat
from typing import TYPE_CHECKING

import pytest

from litestar_new.__main__ import main
from litestar_new.store import TemplateSource, register
from tests.support.updates import USER_ROUTE, commit_all, edit, git, make_project, register_older

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

COPIERS_OWN = "Merging with copier's own renders"


@pytest.fixture(scope="module")
def older(tmp_path_factory: pytest.TempPathFactory) -> TemplateSource:
    return register_older(tmp_path_factory.mktemp("older") / "template")


def _tree(project: Path) -> dict[str, tuple[bytes, int]]:
    """Every file but git's, with its mode; ``.env``'s fresh secret (random each time) masked."""
    tree = {
        path.relative_to(project).as_posix(): (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
        for path in sorted(project.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(project).parts
    }
    if ".env" in tree:
        content, mode = tree[".env"]
        tree[".env"] = (re.sub(rb"(?m)^SECRET_KEY=.*$", b"SECRET_KEY=...", content), mode)
    return tree


def _state(project: Path, code: int, output: str) -> dict[str, object]:
    return {
        "tree": _tree(project),
        "folders": sorted(
            p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_dir()
        ),
        "index": git(project, "ls-files", "--stage"),
        "status": git(project, "status", "--porcelain", "--untracked-files=all", "--ignored"),
        "code": code,
        "output": output.replace(str(project), "PROJECT"),
    }


def _update_both(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
) -> tuple[dict[str, object], dict[str, object]]:
    """Update ``project`` with the fast worker and a copy of it with copier's own."""
    from litestar_new.update import copier_worker

    twin = project.parent.parent / "twin" / project.name
    shutil.copytree(project, twin, symlinks=True)
    capsys.readouterr()
    code = main(["update", str(project), "--verbose", *args])
    fast = _state(project, code, capsys.readouterr().out)
    with monkeypatch.context() as patch:
        patch.setattr(copier_worker, "_tested", lambda: False)
        code = main(["update", str(twin), "--verbose", *args])
    out = capsys.readouterr().out
    told = f"{COPIERS_OWN}: a copier release this was not tested with\n"
    assert told in out
    plain = _state(twin, code, out.replace(told, "", 1))
    return fast, plain


def _same(fast: dict[str, object], plain: dict[str, object]) -> None:
    for key in ("code", "output", "tree", "folders", "index", "status"):
        assert fast[key] == plain[key], key


def _route(project: Path) -> None:
    edit(
        project / "app.py",
        "\n\napp = Litestar([index]",
        USER_ROUTE + "\n\napp = Litestar([index, extra]",
    )


def _page_size(project: Path) -> None:
    edit(
        project / "src" / "demo" / "settings.py",
        'Empty: CORS off."""\n',
        'Empty: CORS off."""\n    page_size: int = 20\n',
    )


def _debug_comment(project: Path) -> None:
    edit(
        project / "src" / "demo" / "settings.py",
        "debug: bool = True\n",
        "debug: bool = True  # tracebacks, please\n",
    )


CASES: dict[str, tuple[str, str, Callable[[Path], None], tuple[str, ...]]] = {
    "a clean merge": ("older", "api", _page_size, ()),
    "a conflict": ("older", "api", _debug_comment, ()),
    "a script edit and a dropped file": ("older", "script", _route, ()),
    "climbing script to api": ("current", "script", _route, ("--preset", "api")),
    "climbing api to layered": ("current", "api", _page_size, ("--preset", "layered")),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_fast_worker_leaves_what_copiers_own_leaves(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    older: TemplateSource,
    case: str,
) -> None:
    version, preset, user_edit, args = CASES[case]
    source = older if version == "older" else register()
    (workdir / "fast").mkdir()
    project = make_project(source, workdir / "fast", preset)
    user_edit(project)
    commit_all(project, "my edit")
    fast, plain = _update_both(project, capsys, monkeypatch, *args)
    assert COPIERS_OWN not in str(fast["output"])  # the fast path did render
    _same(fast, plain)
    if case == "a conflict":
        assert fast["code"] == 1
        assert "UU src/demo/settings.py" in str(fast["status"])
        assert b"<<<<<<< before updating" in fast["tree"]["src/demo/settings.py"][0]  # type: ignore[index]


def _files(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


@pytest.mark.parametrize("version", ["older", "current"])
def test_a_store_version_reads_as_copiers_clone_of_it(older: TemplateSource, version: str) -> None:
    from copier._template import Template

    from litestar_new.update.copier_worker import StoreTemplate

    source = older if version == "older" else register()
    ours = StoreTemplate(url=source.path, ref=source.ref)
    theirs = Template(url=source.path, ref=source.ref)
    try:
        assert ours.commit == theirs.commit == source.ref
        assert ours.commit_hash == theirs.commit_hash
        assert ours.version == theirs.version
        assert ours.version is not None
        assert dict(ours.git_index_modes) == dict(theirs.git_index_modes)
        assert _files(ours.local_abspath) == _files(theirs.local_abspath)
        assert ours.config_data == theirs.config_data
    finally:
        ours.remove()
        theirs._cleanup()


def test_an_agency_template_is_rendered_by_copier_and_verbose_says_so(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    template = tmp_path / "agency"
    template.mkdir()
    git(template, "init", "-q", "-b", "main")
    (template / "copier.yml").write_text("project_name:\n  type: str\n")
    (template / "README.md.jinja").write_text("# {{ project_name }}\n\nversion one\n")
    (template / "{{_copier_conf.answers_file}}.jinja").write_text(
        "# Changes here will be overwritten by Copier\n{{ _copier_answers|to_nice_yaml -}}\n"
    )
    commit_all(template, "v1")
    git(template, "tag", "v1.0.0")
    (workdir / "fast").mkdir()
    monkeypatch.chdir(workdir / "fast")
    assert main(["shop", "--template", str(template), "--yes", "--no-install"]) == 0
    project = workdir / "fast" / "shop"
    (template / "README.md.jinja").write_text("# {{ project_name }}\n\nversion two\n")
    commit_all(template, "v2")
    git(template, "tag", "v2.0.0")
    edit(project / "README.md", "# shop\n", "# shop, mine\n")
    commit_all(project, "mine")
    fast, plain = _update_both(project, capsys, monkeypatch)
    told = f"{COPIERS_OWN}: a template of your own\n"
    assert str(fast["output"]).count(told) == 1
    fast["output"] = str(fast["output"]).replace(told, "")
    _same(fast, plain)
    assert fast["tree"]["README.md"][0] == b"# shop, mine\n\nversion two\n"  # type: ignore[index]
