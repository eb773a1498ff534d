"""``litestar-new update``, in-process: merges, conflicts, kept files, climbing, refusals.

Projects are rendered from an older template fixture (tests/support/updates.py) or the current
template, committed with git, edited like a user would, then updated. Nothing is installed here:
tests/smoke/test_update.py runs the updated projects' own tests.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest
import yaml

from litestar_new.__main__ import main
from litestar_new.spec import feature
from litestar_new.store import TemplateSource, register
from tests.support.updates import (
    NEW_DOCSTRING,
    NEW_README,
    NOTES,
    OLD_VERSION,
    USER_ROUTE,
    USER_SETTING,
    append,
    clean,
    commit_all,
    edit,
    fingerprint,
    git,
    make_project,
    register_older,
)

if TYPE_CHECKING:
    from pathlib import Path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def answers(project: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((project / ".copier-answers.yml").read_text())
    return data


@pytest.fixture(scope="module")
def older(tmp_path_factory: pytest.TempPathFactory) -> TemplateSource:
    return register_older(tmp_path_factory.mktemp("older") / "template")


@pytest.fixture
def current() -> TemplateSource:
    return register()


def add_script_route(project: Path) -> None:
    edit(
        project / "app.py",
        "\n\napp = Litestar([index]",
        USER_ROUTE + "\n\napp = Litestar([index, extra]",
    )


def add_api_setting(project: Path) -> None:
    settings = project / "src" / "demo" / "settings.py"
    edit(settings, 'Empty: CORS off."""\n', 'Empty: CORS off."""\n' + USER_SETTING)


# -- from an older template version ----------------------------------------------------------


def test_script_update_brings_the_change_and_keeps_the_route(
    workdir: Path, capsys: pytest.CaptureFixture[str], older: TemplateSource
) -> None:
    project = make_project(older, workdir, "script")
    add_script_route(project)
    commit_all(project, "my route")
    code, out, err = run(capsys, "update", str(project))
    assert code == 0, out + err
    app = (project / "app.py").read_text()
    assert NEW_DOCSTRING in app  # the template's change arrived
    assert "async def extra()" in app  # the user's route survived
    assert "[index, extra]" in app
    assert NEW_README in (project / "README.md").read_text()
    assert not (project / "NOTES.md").exists()  # dropped by the template, never edited
    assert answers(project)["_commit"] == register().ref
    assert "removed  NOTES.md" in out
    assert f"template {older.ref} -> {register().ref}" in out
    assert "kept" not in out
    assert not (project / "app.py.rej").exists()


def test_api_update_keeps_the_setting_and_adds_the_new_tests(
    workdir: Path, capsys: pytest.CaptureFixture[str], older: TemplateSource
) -> None:
    project = make_project(older, workdir, "api")
    add_api_setting(project)
    commit_all(project, "page size")
    code, out, err = run(capsys, "update", str(project))
    assert code == 0, out + err
    settings = (project / "src" / "demo" / "settings.py").read_text()
    assert "debug: bool = False" in settings
    assert "page_size: int = 20" in settings
    assert (project / "tests" / "test_settings.py").is_file()
    assert "added    tests/test_settings.py" in out
    assert "<<<<<<<" not in settings


def test_an_overlapping_edit_is_a_conflict_with_file_and_line(
    workdir: Path, capsys: pytest.CaptureFixture[str], older: TemplateSource
) -> None:
    project = make_project(older, workdir, "api")
    settings = project / "src" / "demo" / "settings.py"
    edit(settings, "debug: bool = True\n", "debug: bool = True  # tracebacks, please\n")
    commit_all(project, "debug on")
    code, out, _ = run(capsys, "update", str(project))
    assert code == 1
    lines = settings.read_text().splitlines()
    start = next(i for i, line in enumerate(lines, start=1) if line.startswith("<<<<<<<"))
    assert f"src/demo/settings.py:{start}" in out
    assert "tracebacks, please" in settings.read_text()
    assert "debug: bool = False" in settings.read_text()
    assert "1 thing to finish by hand" in out
    assert "conflict" in out
    # git knows the conflict too: `git status` shows the file as unmerged
    assert "src/demo/settings.py" in git(project, "diff", "--name-only", "--diff-filter=U")


def test_a_dropped_file_the_user_edited_is_kept_and_reported(
    workdir: Path, capsys: pytest.CaptureFixture[str], older: TemplateSource
) -> None:
    project = make_project(older, workdir, "script")
    append(project / "NOTES.md", "Deploy on Fridays: never.\n")
    commit_all(project, "notes")
    code, out, _ = run(capsys, "update", str(project))
    assert code == 1
    assert (project / "NOTES.md").read_text() == NOTES + "Deploy on Fridays: never.\n"
    assert "kept your edited NOTES.md; the new template no longer has it" in out
    assert NEW_README in (project / "README.md").read_text()  # the rest arrived
    assert "NOTES.md" not in git(project, "status", "--porcelain")  # as committed


def test_dry_run_lists_the_changes_and_writes_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str], older: TemplateSource
) -> None:
    project = make_project(older, workdir, "api")
    settings = project / "src" / "demo" / "settings.py"
    edit(settings, "debug: bool = True\n", "debug: bool = True  # mine\n")
    append(project / "NOTES.md", "mine\n")
    commit_all(project, "edits")
    before = fingerprint(project)
    code, out, err = run(capsys, "update", str(project), "--dry-run")
    assert code == 0, out + err
    assert fingerprint(project) == before
    assert "added    tests/test_settings.py" in out
    assert "you edited it: likely 1 conflict to resolve" in out
    assert "you edited it: kept, the new template no longer has it" in out
    assert "README.md" in out
    assert "nothing was written (--dry-run)" in out


def test_dry_run_works_on_a_dirty_tree_and_says_update_would_refuse(
    workdir: Path, capsys: pytest.CaptureFixture[str], older: TemplateSource
) -> None:
    project = make_project(older, workdir, "script")
    append(project / "app.py", "# wip\n")
    before = fingerprint(project)
    code, out, _ = run(capsys, "update", str(project), "--dry-run")
    assert code == 0
    assert "update itself will refuse" in out
    assert fingerprint(project) == before


# -- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("change", ["modified", "untracked", "staged"])
def test_a_dirty_tree_is_refused(
    workdir: Path, capsys: pytest.CaptureFixture[str], older: TemplateSource, change: str
) -> None:
    project = make_project(older, workdir, "script")
    if change == "modified":
        append(project / "app.py", "# wip\n")
    elif change == "untracked":
        (project / "scratch.py").write_text("x = 1\n")
    else:
        append(project / "app.py", "# wip\n")
        git(project, "add", "app.py")
    before = fingerprint(project)
    code, _, err = run(capsys, "update", str(project))
    assert code == 2
    assert "uncommitted changes" in err
    assert "git stash" in err
    assert err.count("\n") == 1
    assert fingerprint(project) == before


def test_the_advice_for_a_dirty_project_commits_nothing_outside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], older: TemplateSource
) -> None:
    """The refusal's commit command, run as printed in the project folder, leaves the rest of
    an outer repository (another file's work in progress) uncommitted."""
    import re

    from litestar_new.core import git as gitwork

    root = tmp_path / "mono"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "other.txt").write_text("other\n")
    project = make_project(older, root, "script")
    subprocess.run(["rm", "-rf", str(project / ".git")], check=True)
    commit_all(root, "monorepo")
    (root / "other.txt").write_text("work in progress elsewhere\n")
    append(project / "app.py", "# wip\n")
    (project / "scratch.py").write_text("x = 1\n")
    code, _, err = run(capsys, "update", str(project))
    assert code == 2
    advice = re.search(r"commit them \((.*?)\) or stash", err)
    assert advice is not None, err
    subprocess.run(["bash", "-c", advice[1]], cwd=project, check=True, capture_output=True)
    assert gitwork.dirty(project) == []
    assert git(root, "status", "--porcelain") == " M other.txt\n"
    assert "scratch.py" in git(root, "show", "--name-only", "HEAD")


def test_not_a_git_repository(
    workdir: Path, capsys: pytest.CaptureFixture[str], older: TemplateSource
) -> None:
    project = make_project(older, workdir, "script")
    subprocess.run(["rm", "-rf", str(project / ".git")], check=True)
    code, _, err = run(capsys, "update", str(project))
    assert code == 2
    assert "not in a git repository" in err


def test_no_answers_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "plain").mkdir()
    code, _, err = run(capsys, "update", str(workdir / "plain"))
    assert code == 2
    assert "has no .copier-answers.yml" in err
    code, _, err = run(capsys, "update", str(workdir / "missing"))
    assert code == 2
    assert "no such folder" in err


def test_a_repository_without_a_commit(
    workdir: Path, capsys: pytest.CaptureFixture[str], current: TemplateSource
) -> None:
    project = make_project(current, workdir, "script")
    subprocess.run(["rm", "-rf", str(project / ".git")], check=True)
    git(project, "init", "-q")
    code, _, err = run(capsys, "update", str(project))
    assert code == 2
    assert "no commit yet" in err


@pytest.mark.parametrize(
    ("commit", "expected"),
    [
        ("0.0.0+g000000000000", "made by litestar-new 0.0.0 (template 0.0.0+g000000000000)"),
        ("9.9.9+g000000000000", "newer than this one"),
    ],
)
def test_a_template_version_the_store_does_not_hold(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    older: TemplateSource,
    commit: str,
    expected: str,
) -> None:
    project = make_project(older, workdir, "script")
    edit(project / ".copier-answers.yml", f"_commit: {older.ref}", f"_commit: {commit}")
    commit_all(project, "another version")
    before = fingerprint(project)
    code, _, err = run(capsys, "update", str(project))
    assert code == 2
    assert expected in err
    assert fingerprint(project) == before


def test_an_up_to_date_project_needs_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str], current: TemplateSource
) -> None:
    project = make_project(current, workdir, "api")
    before = fingerprint(project)
    code, out, _ = run(capsys, "update", str(project))
    assert code == 0
    assert "is up to date" in out
    assert fingerprint(project) == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--preset", "api", "--set", "preset=layered"], "contradicts"),
        (["--db", "postgres"], "not available on the api preset"),
        (["--preset", "script"], "goes down the ladder"),
        (["--set", "project_name=other"], "renaming is not an update"),
        (["--set", "package_name=other"], "renaming is not an update"),
        (["--set", "nope=1"], "no such template variable"),
        (["--set", "docker=maybe"], "yes or no"),
        (["--set", "python_version=3.9"], "not supported"),
        (["--description", "x"], "No such option: --description"),
        (["--template-ref", "0.0.0+gffffffffffff"], "no such tag"),
    ],
)
def test_bad_flags_are_one_line_exit_2_and_touch_nothing(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    current: TemplateSource,
    args: list[str],
    expected: str,
) -> None:
    project = make_project(current, workdir, "api")
    before = fingerprint(project)
    code, _, err = run(capsys, "update", str(project), *args)
    assert code == 2
    assert expected in err
    assert err.startswith("litestar-new: error: ")
    assert err.count("\n") == 1
    assert fingerprint(project) == before


def test_the_current_folder_is_the_default(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    current: TemplateSource,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = make_project(current, workdir, "api")
    monkeypatch.chdir(project)
    code, out, _ = run(capsys, "update")
    assert (code, "is up to date" in out) == (0, True)


# -- features and climbing --------------------------------------------------------------------


def test_a_feature_flag_changes_the_project(
    workdir: Path, capsys: pytest.CaptureFixture[str], current: TemplateSource
) -> None:
    project = make_project(current, workdir, "api")
    assert (project / ".github").is_dir()
    code, out, err = run(capsys, "update", str(project), "--ci", "none", "--docker")
    assert code == 0, out + err
    assert not (project / ".github").exists()
    assert (project / "Dockerfile").is_file()
    assert answers(project)["ci"] == "none"
    assert answers(project)["docker"] is True
    assert "same version, new answers" in out


def test_climbing_script_to_api(
    workdir: Path, capsys: pytest.CaptureFixture[str], current: TemplateSource
) -> None:
    project = make_project(current, workdir, "script")
    code, out, err = run(capsys, "update", str(project), "--preset", "api")
    assert code == 0, out + err
    assert not (project / "app.py").exists()
    assert not (project / "tests" / "test_app.py").exists()
    assert (project / "src" / "demo" / "app.py").is_file()
    recorded = answers(project)
    api_server = feature("server").defaults["api"]
    assert (recorded["preset"], recorded["server"], recorded["ci"]) == ("api", api_server, "github")
    assert "Climbing from script to api:" in out
    assert f"server: {api_server} (api's default)" in out


def test_climbing_keeps_a_choice_that_was_not_the_default(
    workdir: Path, capsys: pytest.CaptureFixture[str], current: TemplateSource
) -> None:
    project = make_project(current, workdir, "script", server="granian")
    code, out, _ = run(capsys, "update", str(project), "--preset", "api", "--ci", "none")
    assert code == 0
    recorded = answers(project)
    assert (recorded["server"], recorded["ci"]) == ("granian", "none")
    assert "server: granian (kept: your choice)" in out
    assert "ci: none (given)" in out


def test_climbing_keeps_the_edited_script_and_says_where_it_goes(
    workdir: Path, capsys: pytest.CaptureFixture[str], current: TemplateSource
) -> None:
    project = make_project(current, workdir, "script")
    add_script_route(project)
    commit_all(project, "my route")
    code, out, _ = run(capsys, "update", str(project), "--preset", "api")
    assert code == 1
    assert "async def extra()" in (project / "app.py").read_text()
    assert "kept your edited app.py" in out
    assert "src/demo/domain/" in out
    assert not (project / "tests" / "test_app.py").exists()  # unedited: removed
    assert (project / "src" / "demo" / "app.py").is_file()


def test_climbing_api_to_layered(
    workdir: Path, capsys: pytest.CaptureFixture[str], current: TemplateSource
) -> None:
    project = make_project(current, workdir, "api")
    code, out, err = run(capsys, "update", str(project), "--preset", "layered")
    assert code == 0, out + err
    recorded = answers(project)
    assert (recorded["preset"], recorded["db"], recorded["docker"]) == ("layered", "sqlite", True)
    assert (project / "Dockerfile").is_file()  # api's default (no) gave way to layered's (yes)


def test_climbing_twice_script_api_layered(
    workdir: Path, capsys: pytest.CaptureFixture[str], current: TemplateSource
) -> None:
    project = make_project(current, workdir, "script")
    assert run(capsys, "update", str(project), "--preset", "api")[0] == 0
    commit_all(project, "api")
    assert run(capsys, "update", str(project), "--preset", "layered")[0] == 0
    assert answers(project)["preset"] == "layered"


# -- interrupts and failures ------------------------------------------------------------------


def _interrupt(*_args: object, **_kwargs: object) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize("where", ["render", "merge", "put back"])
def test_ctrl_c_puts_the_project_back(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    current: TemplateSource,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    import copier._main

    from litestar_new.update import command, merging

    project = make_project(current, workdir, "script")
    add_script_route(project)
    commit_all(project, "my route")
    (project / ".env").write_text("SECRET=mine\n")  # ignored by git: must survive too
    head = git(project, "rev-parse", "HEAD")
    before = {k: v for k, v in fingerprint(project).items() if not k.startswith(".git/")}
    if where == "render":
        monkeypatch.setattr(command, "render", _interrupt)
    elif where == "merge":  # after copier has written the new files and applied the patch
        monkeypatch.setattr(copier._main, "_remove_old_files", _interrupt)
    else:
        monkeypatch.setattr(merging, "_put_back", _interrupt)
    code, _, err = run(capsys, "update", str(project), "--preset", "api")
    assert code == 130
    assert "interrupted; the project was put back as it was" in err
    after = {k: v for k, v in fingerprint(project).items() if not k.startswith(".git/")}
    assert after == before
    assert clean(project)
    assert git(project, "rev-parse", "HEAD") == head
    assert not (project / "src").exists()


def test_a_real_sigint_during_the_merge(
    workdir: Path, current: TemplateSource, tmp_path: Path
) -> None:
    project = make_project(current, workdir, "script")
    hook = tmp_path / "hook"
    hook.mkdir()
    # Deliver SIGINT to the process while copier is in the middle of its update.
    (hook / "sitecustomize.py").write_text(
        textwrap.dedent(
            """
            import os, signal, time
            import copier._main

            def _remove_old_files(*args, **kwargs):
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(5)

            copier._main._remove_old_files = _remove_old_files
            """
        )
    )
    env = {**os.environ, "PYTHONPATH": str(hook)}
    result = subprocess.run(
        [sys.executable, "-m", "litestar_new", "update", str(project), "--preset", "api"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 130, result.stdout + result.stderr
    assert "put back as it was" in result.stderr
    assert clean(project)
    assert not (project / "src").exists()
    assert signal.SIGINT  # the hook used it


def test_a_copier_failure_is_undone_and_one_line(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    older: TemplateSource,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import copier._main

    def boom(*_args: object, **_kwargs: object) -> None:
        msg = "disk on fire"
        raise RuntimeError(msg)

    project = make_project(older, workdir, "api")
    before = {k: v for k, v in fingerprint(project).items() if not k.startswith(".git/")}
    monkeypatch.setattr(copier._main, "_remove_old_files", boom)
    code, _, err = run(capsys, "update", str(project))
    assert code == 1
    assert err == (
        "litestar-new: error: the update failed (disk on fire); the project was put back as it "
        "was\n"
    )
    assert {k: v for k, v in fingerprint(project).items() if not k.startswith(".git/")} == before
    assert clean(project)


# -- an agency's own template -----------------------------------------------------------------


def _agency_template(folder: Path) -> Path:
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    (folder / "copier.yml").write_text(
        "project_name:\n  type: str\ngreeting:\n  type: str\n  default: hello\n"
    )
    (folder / "README.md.jinja").write_text("# {{ project_name }}\n\nversion one\n")
    (folder / "main.py.jinja").write_text(
        'print("{{ greeting }}")\n\n\ndef main() -> None:\n    pass\n'
    )
    (folder / "{{_copier_conf.answers_file}}.jinja").write_text(
        "# Changes here will be overwritten by Copier\n{{ _copier_answers|to_nice_yaml -}}\n"
    )
    commit_all(folder, "v1")
    git(folder, "tag", "v1.0.0")
    return folder


def _release_v2(folder: Path) -> None:
    (folder / "README.md.jinja").write_text("# {{ project_name }}\n\nversion two\n")
    (folder / "CHANGELOG.md").write_text("v2: a changelog\n")
    commit_all(folder, "v2")
    git(folder, "tag", "v2.0.0")


def test_an_agency_template_updates_to_its_latest_tag(
    workdir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    template = _agency_template(tmp_path / "agency")
    code, out, err = run(capsys, "shop", "--template", str(template), "--yes", "--no-install")
    assert code == 0, out + err
    project = workdir / "shop"
    assert answers(project)["_commit"] == "v1.0.0"
    _release_v2(template)
    append(project / "main.py", "\n# mine\n")
    commit_all(project, "mine")
    code, out, err = run(capsys, "update", str(project), "--set", "greeting=hi")
    assert code == 0, out + err
    assert "version two" in (project / "README.md").read_text()
    assert (project / "CHANGELOG.md").is_file()
    main_py = (project / "main.py").read_text()
    assert main_py.startswith('print("hi")')
    assert main_py.endswith("# mine\n")
    assert (answers(project)["_commit"], answers(project)["greeting"]) == ("v2.0.0", "hi")
    assert "template v1.0.0 -> v2.0.0" in out


def test_an_agency_template_to_a_given_ref_and_unknown_keys(
    workdir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    template = _agency_template(tmp_path / "agency")
    run(capsys, "shop", "--template", str(template), "--yes", "--no-install")
    project = workdir / "shop"
    _release_v2(template)
    code, _, err = run(capsys, "update", str(project), "--set", "nope=1")
    assert code == 2
    assert "--set nope: the template records no such answer" in err
    code, out, _ = run(capsys, "update", str(project), "--template-ref", "v1.0.0")
    assert code == 0
    assert "is up to date" in out
    code, out, _ = run(capsys, "update", str(project), "--dry-run")
    assert code == 0
    assert "added    CHANGELOG.md" in out


def test_an_old_template_recorded_under_an_older_version(older: TemplateSource) -> None:
    assert older.ref is not None
    assert older.ref.startswith(f"{OLD_VERSION}+g")


def test_a_project_in_a_subfolder_of_a_repository(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    older: TemplateSource,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import copier._main

    from litestar_new.core.render import render
    from litestar_new.new.plan import Request, plan_project

    root = tmp_path / "mono"
    (root / "services").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "other.txt").write_text("other\n")
    plan = plan_project(
        Request(name="demo", preset="api", cwd=root / "services"), default_preset="api"
    )
    render(older, plan.answers, plan.target)
    project = plan.target
    add_api_setting(project)
    commit_all(root, "monorepo")
    (root / "other.txt").write_text("work in progress elsewhere\n")  # dirty, outside the project
    monkeypatch.setattr(copier._main, "_remove_old_files", _interrupt)
    assert run(capsys, "update", str(project))[0] == 130
    assert (root / "other.txt").read_text() == "work in progress elsewhere\n"
    assert clean(project)
    monkeypatch.undo()
    code, out, err = run(capsys, "update", str(project))
    assert code == 0, out + err
    assert "page_size: int = 20" in (project / "src" / "demo" / "settings.py").read_text()
    assert (project / "tests" / "test_settings.py").is_file()
    assert (root / "other.txt").read_text() == "work in progress elsewhere\n"


def test_ctrl_c_after_the_merge_says_the_update_is_there(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    older: TemplateSource,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from litestar_new.core import git as gitwork

    project = make_project(older, workdir, "script")
    monkeypatch.setattr(gitwork, "rejects", _interrupt)
    code, out, _ = run(capsys, "update", str(project))
    assert code == 130
    assert "Interrupted after the update was merged: see git status" in out
    assert NEW_README in (project / "README.md").read_text()


def test_another_machines_store_is_named_with_the_fix(
    workdir: Path, capsys: pytest.CaptureFixture[str], older: TemplateSource
) -> None:
    project = make_project(older, workdir, "script")
    elsewhere = "/home/alice/.local/share/litestar-new/templates"
    edit(project / ".copier-answers.yml", f"_src_path: {older.path}", f"_src_path: {elsewhere}")
    commit_all(project, "made on alice's machine")
    code, _, err = run(capsys, "update", str(project))
    assert code == 2
    assert "litestar-new's template store on another machine" in err
    assert older.path in err  # this machine's store, to put in _src_path


def test_a_plain_folder_template_records_no_version(
    workdir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    template = _agency_template(tmp_path / "agency")
    subprocess.run(["rm", "-rf", str(template / ".git")], check=True)
    assert run(capsys, "shop", "--template", str(template), "--yes", "--no-install")[0] == 0
    code, _, err = run(capsys, "update", str(workdir / "shop"))
    assert code == 2
    assert "records no template version (_commit)" in err


def test_help_names_update_and_its_flags(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert (code, "update" in out) == (0, True)
    code, out, _ = run(capsys, "update", "--help")
    assert code == 0
    for flag in ("--preset", "--dry-run", "--set", "--template-ref", "--db", "--no-docker", "PATH"):
        assert flag in out
