"""The template and the tools around it: copier >= 9.17.2 and Jinja2 >= 3.1.6, no ``unsafe`` or
``--trust`` needed, a template's escape attempts refused, and user values never in an argv
position where git or uv could read them as options.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from litestar_new.core.installed import release as _release
from litestar_new.core.render import ANSWERS_FILE, MINIMUM_VERSIONS, render
from litestar_new.new.plan import Request, plan_project
from litestar_new.store import bundled_template, register
from tests.safety.helpers import QUIET, ROOT, assert_one_line_error, cli, leftovers, snapshot

if TYPE_CHECKING:
    from pathlib import Path

UNSAFE_KEYS = {"_tasks", "_migrations", "_jinja_extensions", "_external_data"}


def test_pyproject_and_the_template_ask_for_the_same_floors() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    floors = {}
    for requirement in pyproject["project"]["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)(?:,<[0-9.]+)?", requirement)
        assert match, requirement
        floors[match[1].lower()] = _release(match[2])
    for package, minimum in MINIMUM_VERSIONS.items():
        assert floors[package] == minimum
    copier_yml = yaml.safe_load((bundled_template() / "copier.yml").read_text())
    assert _release(copier_yml["_min_copier_version"]) == MINIMUM_VERSIONS["copier"]


def test_the_installed_copier_and_jinja2_are_recent_enough() -> None:
    for package, minimum in MINIMUM_VERSIONS.items():
        assert _release(version(package)) >= minimum


@pytest.mark.parametrize(
    ("package", "installed"),
    [("copier", "9.17.1"), ("copier", "8.3.0"), ("jinja2", "3.1.5"), ("jinja2", None)],
)
def test_an_old_copier_or_jinja2_is_refused_before_anything_is_written(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    package: str,
    installed: str | None,
) -> None:
    from litestar_new.core import installed as distributions

    real = distributions.version

    def fake(name: str) -> str | None:
        return installed if name == package else real(name)

    monkeypatch.setattr(distributions, "version", fake)
    message = assert_one_line_error(cli(capsys, "demo", *QUIET), code=1)
    wanted = ".".join(map(str, MINIMUM_VERSIONS[package]))
    assert f"needs {package} >= {wanted} (found {installed or 'none'})" in message
    assert list(workdir.iterdir()) == []


def test_the_template_uses_nothing_that_needs_trust() -> None:
    copier_yml = yaml.safe_load((bundled_template() / "copier.yml").read_text())
    assert UNSAFE_KEYS.isdisjoint(copier_yml)
    assert not copier_yml.get("_preserve_symlinks", False)
    links = [p for p in bundled_template().rglob("*") if p.is_symlink()]
    assert links == []


@pytest.mark.parametrize("preset", ["script", "api", "layered"])
def test_copier_with_its_defaults_renders_what_litestar_new_renders(
    tmp_path: Path, preset: str
) -> None:
    """No unsafe=True, no trust, tasks not skipped: copier raises on anything unsafe."""
    from copier import run_copy

    plan = plan_project(Request(name="demo", preset=preset, cwd=tmp_path), default_preset=preset)
    render(register(), plan.answers, tmp_path / "ours")
    run_copy(str(bundled_template()), tmp_path / "plain", data=dict(plan.answers), defaults=True)
    ours, plain = snapshot(tmp_path / "ours"), snapshot(tmp_path / "plain")
    assert set(ours) == set(plain)
    assert {k: v for k, v in ours.items() if k != ANSWERS_FILE} == {
        k: v for k, v in plain.items() if k != ANSWERS_FILE
    }


def test_litestar_new_never_asks_copier_for_unsafe_features(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import copier

    seen: list[dict[str, Any]] = []
    real = copier.run_copy

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(copier, "run_copy", recording)
    plan = plan_project(Request(name="demo", preset="api", cwd=tmp_path), default_preset="api")
    # The bundled template renders through the fast path; copier renders what it refuses.
    render(register(), plan.answers, tmp_path / "out", engine="copier")
    (kwargs,) = seen
    assert kwargs["unsafe"] is False
    assert kwargs["skip_tasks"] is True
    assert "trust" not in kwargs


def _agency_template(tmp_path: Path, config: str, files: dict[str, str]) -> Path:
    template = tmp_path / "agency"
    template.mkdir()
    (template / "copier.yml").write_text(config)
    for name, text in files.items():
        path = template / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return template


# An agency's template (--template) that tries something: each is refused in one line.
ESCAPES = {
    "jinja extension": (
        "_jinja_extensions: [jinja2.ext.do]\nproject_name: {type: str}\n",
        {"README.md": "x"},
    ),
    "subdirectory above": ("_subdirectory: ..\nproject_name: {type: str}\n", {}),
    "path out of the project": (
        "project_name: {type: str}\n",
        {"{{ '../../escaped' }}.txt.jinja": "escaped"},
    ),
    "include from outside": (
        "project_name: {type: str}\n",
        {"README.md.jinja": "{% include '../../outside.txt' %}"},
    ),
}


@pytest.mark.parametrize("case", list(ESCAPES))
def test_an_agency_template_cannot_escape_or_run_code(
    workdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    config, files = ESCAPES[case]
    (tmp_path / "outside.txt").write_text("secret outside\n")
    template = _agency_template(tmp_path, config, files)
    before = snapshot(tmp_path)
    result = cli(capsys, "demo", *QUIET, "--template", str(template))
    message = assert_one_line_error(result, code=1)
    assert "template" in message
    after = snapshot(tmp_path)
    assert {k for k in after if not k.startswith("work/")} == {
        k for k in before if not k.startswith("work/")
    }
    assert list(workdir.iterdir()) == []
    assert "secret outside" not in result.out + result.err


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("https://example.invalid/nothing.git", "git ls-remote failed"),
    ],
)
def test_a_template_that_cannot_be_had_is_one_line_exit_1(
    workdir: Path, capsys: pytest.CaptureFixture[str], given: str, words: str
) -> None:
    message = assert_one_line_error(cli(capsys, "demo", *QUIET, "--template", given), code=1)
    assert words in message
    assert list(workdir.iterdir()) == []


def test_a_template_url_of_no_known_kind_is_refused(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = assert_one_line_error(cli(capsys, "demo", *QUIET, "--template", "x://y"), code=2)
    assert "not a folder, nor a git URL" in message
    assert list(workdir.iterdir()) == []


def test_an_agency_template_with_tasks_does_not_run_them(
    workdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "task-ran"
    template = _agency_template(
        tmp_path,
        f"_tasks: ['touch {marker}']\nproject_name: {{type: str}}\n",
        {"README.md": "agency\n"},
    )
    result = cli(capsys, "demo", *QUIET, "--template", str(template))
    assert result.code == 0, result
    assert not marker.exists()
    assert (workdir / "demo" / "README.md").read_text() == "agency\n"
    assert leftovers(workdir) == []


# --- argv ---------------------------------------------------------------------------------------

HOSTILE = {
    "description": "--upload-pack=touch /tmp/pwned -rf $(id)",
    "author_name": "--exec=touch pwned",
    "author_email": "-oProxyCommand=x@example.com",
}


def _record_every_process(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record the argv of every process started (ours, and copier's git through plumbum)."""
    started: list[list[str]] = []
    real = subprocess.Popen.__init__

    def recording(self: subprocess.Popen[Any], args: Any, *rest: Any, **kwargs: Any) -> None:
        started.append([str(a) for a in args] if not isinstance(args, str) else [args])
        real(self, args, *rest, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "__init__", recording)
    return started


def test_no_user_value_reaches_an_argv_where_it_could_be_an_option(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every process litestar-new starts, git and uv included, with hostile values given."""
    from litestar_new.new import steps

    fake_uv = workdir.parent / "uv"
    fake_uv.write_text("#!/bin/sh\nexit 0\n")
    fake_uv.chmod(0o755)
    monkeypatch.setattr(steps, "find_uv", lambda: str(fake_uv))
    started = _record_every_process(monkeypatch)
    args = ["--preset", "api", "--yes"]
    for key, value in HOSTILE.items():
        args += ["--set", f"{key}={value}"]
    result = cli(capsys, *args, "--", "Web.API_v2")
    assert result.code == 0, result
    programs = {Path_name(argv[0]) for argv in started}
    assert {"git", "uv"} <= programs, programs
    for argv in started:
        after_dashes = argv[argv.index("--") + 1 :] if "--" in argv else []
        for element in argv[1:]:
            for value in HOSTILE.values():
                assert value not in element, argv
            if "web" in element.lower() and element not in after_dashes:
                assert element.startswith("/"), argv  # an absolute path, never an option
    assert not (workdir / "pwned").exists()


def Path_name(program: str) -> str:  # noqa: N802 - reads like the attribute it stands for
    return program.rsplit("/", 1)[-1]


def test_a_template_url_that_looks_like_an_option_never_reaches_git(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value starting with ``-`` is no git URL of a known kind: refused before any process."""
    started = _record_every_process(monkeypatch)
    url = f"--upload-pack=touch {workdir}/pwned;://example.invalid/x.git"
    result = cli(capsys, "demo", *QUIET, "--template", url)
    assert_one_line_error(result, code=2)
    assert not [argv for argv in started if url in argv]
    assert not (workdir / "pwned").exists()
    assert [p.name for p in workdir.iterdir()] == []


def test_git_and_uv_commands_of_the_post_steps(tmp_path: Path) -> None:
    """The post-steps' own argv, spelt out: nothing in them comes from the user."""
    from litestar_new.core import git as gitwork
    from litestar_new.core import run
    from litestar_new.new import steps

    recorded: list[list[str]] = []

    def runner(args: Any, *, cwd: Path, env: Any = None) -> str:
        recorded.append(list(args))
        if args[1] == "rev-parse":
            raise run.CommandFailedError(args, "not a repository")
        return ""

    steps.install(tmp_path, runner, "/usr/bin/python3.11", uv="/bin/uv")
    steps.lock(tmp_path, runner, "/usr/bin/python3.11", uv="/bin/uv")
    git = shutil.which("git") or "git"
    gitwork.git_init(tmp_path, runner, git=git)
    assert recorded == [
        ["/bin/uv", "workspace", "dir"],
        ["/bin/uv", "sync", "--python", "/usr/bin/python3.11"],
        ["/bin/uv", "workspace", "dir"],
        ["/bin/uv", "lock", "--python", "/usr/bin/python3.11"],
        [git, "rev-parse", "--show-toplevel"],
        [git, "init", "-q"],
        [git, "add", "-A"],
        [git, "var", "GIT_COMMITTER_IDENT"],
        [git, "commit", "-q", "-m", "Initial commit from litestar-new"],
    ]
