"""The command line, end to end in-process: flags, errors, folders (no install, no git)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from litestar_new import __version__
from litestar_new.__main__ import main
from litestar_new.cli import FEATURES_PANEL, app
from litestar_new.spec import FEATURES, PRESETS
from litestar_new.text import TEXT_FIELDS
from tests.support.files import snapshot

QUIET = ["--yes", "--no-install", "--no-git"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if "litestar-new-" in p.name]


def test_help_lists_every_feature_and_text_flag() -> None:
    result = CliRunner().invoke(app, ["new", "--help"])
    assert result.exit_code == 0
    for item in FEATURES:
        assert item.flag in result.output
        for value in item.values:
            if isinstance(value, str):
                assert value in result.output
    for text in TEXT_FIELDS:
        assert text.flag in result.output
    for chosen in PRESETS:
        assert chosen.name in result.output


@pytest.mark.parametrize("command", ["new", "update"])
def test_the_feature_flags_are_the_declared_features_exactly(command: str) -> None:
    """Every feature of the declaration has its flag, with its values; no flag is extra."""
    import typer.main

    group: Any = typer.main.get_command(app)
    params = {
        p.name: p
        for p in group.commands[command].params
        if getattr(p, "rich_help_panel", None) == FEATURES_PANEL
    }
    assert sorted(params) == sorted(f.key for f in FEATURES)
    for item in FEATURES:
        option = params[item.key]
        if item.kind == "toggle":
            assert option.opts == [item.flag]
            assert option.secondary_opts == [f"--no-{item.flag[2:]}"]
            continue
        assert option.opts == [item.flag]
        values = [str(v) for v in item.values]
        assert option.metavar == "[" + "|".join(values) + "]"
        for value in values:  # each declared value is taken, whatever its case
            assert option.type.convert(value.upper(), option, None) == value
        with pytest.raises(typer.BadParameter):
            option.type.convert("no-such-value", option, None)


def test_the_text_flags_are_the_declared_text_fields_exactly() -> None:
    import typer.main

    group: Any = typer.main.get_command(app)
    params = group.commands["new"].params
    texts = [p for p in params if getattr(p, "rich_help_panel", None) == "Project"]
    assert [(p.name, p.opts) for p in texts] == [(t.key, [t.flag]) for t in TEXT_FIELDS]


def test_top_level_help_names_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "new" in out
    assert "litestar-new NAME" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out.strip()) == (0, f"litestar-new {__version__}")


def test_script_project_is_created(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", "--preset", "script", *QUIET)
    assert code == 0, out
    project = workdir / "demo"
    assert (project / "app.py").is_file()
    assert (project / "tests" / "test_app.py").is_file()
    assert not (project / "src").exists()
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert Path(answers["_src_path"]).is_absolute()
    assert answers["_commit"].startswith(__version__)
    assert answers["preset"] == "script"
    assert "Next steps" in out
    assert "uv sync" in out
    assert leftovers(workdir) == []


def test_api_is_the_default_preset(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "demo", *QUIET)
    assert code == 0
    assert (workdir / "demo" / "src" / "demo" / "app.py").is_file()


def test_a_name_is_normalised_visibly(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "My App", *QUIET)
    assert code == 0
    assert "'my-app' (package 'my_app')" in out
    assert (workdir / "my-app" / "src" / "my_app").is_dir()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["class"], "Python keyword"),
        (["../x"], "it is a path"),
        (["demo", "--preset", "monolith"], "monolith"),
        (["demo", "--db", "mysql", "--preset", "layered"], "mysql"),
        (["demo", "--preset", "script", "--db", "postgres"], "not available on the script preset"),
        (["demo", "--set", "nope=1"], "no such template variable"),
        (["demo", "--set", "broken"], "KEY=VALUE"),
        (["demo", "--preset", "api", "--set", "preset=script"], "contradicts"),
        (["demo", "--set", "db=postgres"], "not available on the api preset"),
        (["demo", "--set", "docker=maybe"], "yes or no"),
        (["demo", "--set", "python_version=3.9"], "not supported"),
        (["demo", "--set", "package_name=class"], "keyword"),
        (["demo", "--description", "two\nlines"], "control"),
        (["demo", "--author-email", "nobody"], "e-mail"),
        (["demo", "--no-such-flag"], "no-such-flag"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, _, err = run(capsys, *args, *QUIET)
    assert code == 2
    assert expected in err
    assert err.startswith("litestar-new: error: ")
    assert err.count("\n") == 1
    assert list(workdir.iterdir()) == []


def test_a_file_where_the_folder_goes(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "demo").write_text("mine")
    code, _, err = run(capsys, "demo", *QUIET)
    assert code == 2
    assert "not a folder" in err
    assert (workdir / "demo").read_text() == "mine"


def test_an_empty_folder_is_used(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "demo").mkdir()
    assert run(capsys, "demo", *QUIET)[0] == 0
    assert (workdir / "demo" / "pyproject.toml").is_file()


def test_a_git_only_folder_is_used_and_its_git_kept(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git = workdir / "demo" / ".git"
    git.mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    assert run(capsys, "demo", *QUIET)[0] == 0
    assert (git / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert (workdir / "demo" / "pyproject.toml").is_file()


def test_a_non_empty_folder_is_refused_with_the_files_at_risk(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = workdir / "demo"
    project.mkdir()
    (project / "README.md").write_text("my notes")
    (project / "data.csv").write_text("1,2")
    before = snapshot(project)
    code, out, err = run(capsys, "demo", *QUIET)
    assert code == 2
    assert "README.md" in out
    assert "--force" in err
    assert snapshot(project) == before
    assert leftovers(workdir) == []


def test_force_overwrites_only_the_template_files(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = workdir / "demo"
    project.mkdir()
    (project / "README.md").write_text("my notes")
    (project / "data.csv").write_text("1,2")
    code, out, _ = run(capsys, "demo", "--force", *QUIET)
    assert code == 0
    assert "Overwritten (--force):" in out
    assert "README.md" in out
    assert (project / "data.csv").read_text() == "1,2"
    assert (project / "README.md").read_text().startswith("# demo")
    assert leftovers(workdir) == []


def test_force_never_writes_through_a_link(
    workdir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    project = workdir / "demo"
    project.mkdir()
    (project / "src").symlink_to(outside, target_is_directory=True)
    code, out, _ = run(capsys, "demo", "--force", *QUIET)
    assert code == 2
    assert "src/" in out
    assert list(outside.iterdir()) == []


def test_dry_run_prints_the_tree_and_writes_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "demo", "--preset", "script", "--dry-run", *QUIET)
    assert code == 0
    assert "app.py" in out
    assert "test_app.py" in out
    assert "nothing was written" in out
    assert list(workdir.iterdir()) == []


def test_set_reaches_the_template(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(
        capsys,
        "demo",
        "--set",
        "package_name=core",
        "--set",
        "python_version=3.12",
        "--set",
        "ci=none",
        *QUIET,
    )
    assert code == 0
    assert (workdir / "demo" / "src" / "core" / "app.py").is_file()
    assert 'requires-python = ">=3.12"' in (workdir / "demo" / "pyproject.toml").read_text()
    assert not (workdir / "demo" / ".github").exists()


def test_options_before_the_name(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "--preset", "script", "demo", *QUIET)
    assert code == 0
    assert (workdir / "demo" / "app.py").is_file()


def test_no_name_without_a_terminal_takes_the_default(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, *QUIET)
    assert code == 0
    assert (workdir / "litestar-app").is_dir()


def test_without_a_terminal_it_never_waits(workdir: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "litestar_new", "demo", "--no-install", "--no-git"],
        cwd=workdir,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (workdir / "demo" / "pyproject.toml").is_file()


def test_an_offline_install_keeps_the_project_and_says_how_to_finish(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("UV_OFFLINE", "1")
    monkeypatch.setenv("UV_CACHE_DIR", str(tmp_path / "empty-cache"))
    code, out, _ = run(capsys, "demo", "--preset", "script", "--yes", "--no-git")
    assert code == 1
    assert "uv sync failed" in out
    assert "finish by hand" in out
    # the panel lists the command once (it was there twice: not installed, and the fix)
    assert len(re.findall(r"^\W*(?:'?/\S*/)?uv'? sync\W*$", out, re.MULTILINE)) == 1, out
    assert (workdir / "demo" / "app.py").is_file()
    assert leftovers(workdir) == []


def test_missing_git_keeps_the_project_and_lists_the_git_commands(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, out, _ = run(capsys, "demo", "--preset", "script", "--yes", "--no-install")
    assert code == 1
    assert "git was not found" in out
    assert "git init" in out
    assert (workdir / "demo" / "app.py").is_file()
    assert not (workdir / "demo" / ".git").exists()


def test_a_real_git_init_makes_one_commit_with_every_file_but_the_secrets(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess

    code, _, _ = run(capsys, "demo", "--preset", "layered", "--yes", "--no-install")
    assert code == 0
    project = workdir / "demo"
    log = subprocess.run(
        ["git", "log", "--oneline"], cwd=project, capture_output=True, text=True, check=True
    )
    assert len(log.stdout.splitlines()) == 1
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=project, capture_output=True, text=True, check=True
    ).stdout.split()
    assert ".env" not in tracked
    assert ".env.example" in tracked
    # --no-install still locks: `uv sync --locked` (CI, Dockerfile) needs uv.lock in a clone
    assert "uv.lock" in tracked
    assert not (project / ".venv").exists()
    assert "src/demo/app.py" in tracked
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True, check=True
    )
    assert status.stdout == ""


def _panel_lines(out: str) -> list[str]:
    """The panel's text lines, borders stripped."""
    return [line.strip("│ \n") for line in out.splitlines() if line.startswith("│")]


def test_without_uv_on_path_the_panel_names_the_bundled_uv_whole(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """A new shell after the README's install has no uv on PATH: every printed command names
    the uv installed with litestar-new (quoted, never wrapped), and a hint puts it on PATH."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    bundled = tmp_path / ("a folder with a long name, " * 3) / "bin" / "uv"
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.setattr("litestar_new.ui.find_uv", lambda: str(bundled))
    code, out, _ = run(capsys, "demo", "--preset", "layered", *QUIET)
    assert code == 0, out
    uv = f"'{bundled}'"
    lines = _panel_lines(out)
    for command in (
        f"{uv} sync",
        f"{uv} run demo database upgrade --no-prompt",
        f"{uv} run demo run --reload",
        f"tests: {uv} run pytest",
        f"lint: {uv} run ruff check .",
        f"types: {uv} run mypy",
        f"export PATH=\"$PATH\":'{bundled.parent}'",
    ):
        assert command in lines, (command, out)
    assert not [line for line in lines if line.startswith(("uv run", "uv sync"))]


def test_with_uv_on_path_the_panel_says_uv(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "uv").write_text("#!/bin/sh\n")
    (folder / "uv").chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    code, out, _ = run(capsys, "demo", "--preset", "script", *QUIET)
    assert code == 0, out
    lines = _panel_lines(out)
    assert "uv run litestar run --reload" in lines
    assert "export PATH" not in out
    assert "deactivate" not in out


def test_an_active_virtual_env_gets_a_hint_to_deactivate_it(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """uv run in the project warns while litestar-new's own environment is active."""
    monkeypatch.setenv("VIRTUAL_ENV", "/opt/litestar-new/.venv")
    code, out, _ = run(capsys, "demo", "--preset", "script", *QUIET)
    assert code == 0, out
    assert "VIRTUAL_ENV is set (/opt/litestar-new/.venv): run deactivate first," in _panel_lines(
        out
    )
