"""Post-render steps with a fake command runner."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest

from litestar_new.core import envfile
from litestar_new.core import git as gitwork
from litestar_new.core.envfile import SECRET_PLACEHOLDER
from litestar_new.core.run import CommandFailedError
from litestar_new.new import steps

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path


@dataclass
class FakeRunner:
    """Records commands; fails those whose first words are in ``failing``."""

    failing: dict[tuple[str, ...], str] = field(default_factory=dict)
    outputs: dict[tuple[str, ...], str] = field(default_factory=dict)
    calls: list[tuple[list[str], dict[str, str]]] = field(default_factory=list)

    def __call__(
        self, args: Sequence[str], *, cwd: Path, env: Mapping[str, str] | None = None
    ) -> str:
        self.calls.append((list(args), dict(env or {})))
        for prefix, detail in self.failing.items():
            if tuple(args[: len(prefix)]) == prefix:
                raise CommandFailedError(args, detail)
        for prefix, out in self.outputs.items():
            if tuple(args[: len(prefix)]) == prefix:
                return out
        return ""


def test_install_runs_uv_sync_with_the_chosen_python_and_no_downloads(tmp_path: Path) -> None:
    runner = FakeRunner()
    result = steps.install(tmp_path, runner, "/usr/bin/python3.11", uv="/bin/uv")
    assert result.ok
    assert runner.calls[0][0] == ["/bin/uv", "workspace", "dir"]
    args, env = runner.calls[1]
    assert args == ["/bin/uv", "sync", "--python", "/usr/bin/python3.11"]
    assert env["UV_PYTHON_DOWNLOADS"] == "never"


def test_a_failed_install_says_why_and_how_to_finish(tmp_path: Path) -> None:
    runner = FakeRunner(failing={("/bin/uv",): "error: network is unreachable"})
    result = steps.install(tmp_path, runner, "python3", uv="/bin/uv")
    assert not result.ok
    assert "network is unreachable" in result.message
    assert result.fix == ("uv sync",)


def _workspace_root(folder: Path, members: str = '["*"]') -> None:
    (folder / "pyproject.toml").write_text(
        f'[project]\nname = "root"\nversion = "0"\n\n[tool.uv.workspace]\nmembers = {members}\n'
    )


def test_inside_a_workspace_that_takes_the_project_in_nothing_is_installed(
    tmp_path: Path,
) -> None:
    project = tmp_path / "services" / "demo"
    project.mkdir(parents=True)
    runner = FakeRunner(outputs={("/bin/uv", "workspace", "dir"): f"{tmp_path}\n"})
    result = steps.install(project, runner, "python3", uv="/bin/uv")
    assert (result.ok, result.skipped) == (True, True)
    assert [args for args, _ in runner.calls] == [["/bin/uv", "workspace", "dir"]]  # no sync
    assert f"member of the uv workspace at {tmp_path}," in result.message
    assert "uv.lock and .venv" in result.message
    assert f"add 'services/demo' to exclude in [tool.uv.workspace] of {tmp_path}" in result.message
    assert "\n" not in result.message


def test_a_project_that_is_its_own_workspace_is_installed(tmp_path: Path) -> None:
    _workspace_root(tmp_path, members='["packages/*"]')  # above, but not taking it in
    project = tmp_path / "demo"
    project.mkdir()
    runner = FakeRunner(outputs={("/bin/uv", "workspace", "dir"): f"{project}\n"})
    result = steps.install(project, runner, "python3", uv="/bin/uv")
    assert (result.ok, result.skipped) == (True, False)
    assert runner.calls[-1][0][:2] == ["/bin/uv", "sync"]


@pytest.mark.parametrize("declared", [True, False])
def test_a_uv_that_cannot_say_leaves_it_to_the_pyproject_files_above(
    tmp_path: Path, declared: bool
) -> None:
    if declared:
        _workspace_root(tmp_path)
    else:
        (tmp_path / "pyproject.toml").write_text('[project]\nname = "root"\n[tool.uv]\n')
    project = tmp_path / "demo"
    project.mkdir()
    runner = FakeRunner(failing={("/bin/uv", "workspace"): "unrecognized subcommand"})
    result = steps.install(project, runner, "python3", uv="/bin/uv")
    assert result.skipped == declared
    synced = any(args[:2] == ["/bin/uv", "sync"] for args, _ in runner.calls)
    assert synced != declared


def test_git_init_makes_a_first_commit(tmp_path: Path) -> None:
    runner = FakeRunner(failing={("git", "rev-parse"): "not a git repository"})
    result = gitwork.git_init(tmp_path, runner)
    assert result.ok
    assert not result.skipped
    commands = [args[:2] for args, _ in runner.calls]
    assert commands == [
        ["git", "rev-parse"],
        ["git", "init"],
        ["git", "add"],
        ["git", "var"],
        ["git", "commit"],
    ]


def test_git_init_is_skipped_in_a_folder_that_is_a_repository_already(tmp_path: Path) -> None:
    runner = FakeRunner(outputs={("git", "rev-parse"): f"{tmp_path}\n"})
    result = gitwork.git_init(tmp_path, runner)
    assert result.ok
    assert result.skipped
    assert len(runner.calls) == 1


def test_lock_writes_uv_lock_without_installing(tmp_path: Path) -> None:
    runner = FakeRunner()
    result = steps.lock(tmp_path, runner, "/usr/bin/python3.11", uv="/bin/uv")
    assert (result.ok, result.skipped) == (True, False)
    args, env = runner.calls[-1]
    assert args == ["/bin/uv", "lock", "--python", "/usr/bin/python3.11"]
    assert env["UV_PYTHON_DOWNLOADS"] == "never"


def test_inside_a_workspace_that_takes_the_project_in_nothing_is_locked(tmp_path: Path) -> None:
    """uv lock in a member would rewrite the workspace's uv.lock: a file outside the target."""
    project = tmp_path / "services" / "demo"
    project.mkdir(parents=True)
    runner = FakeRunner(outputs={("/bin/uv", "workspace", "dir"): f"{tmp_path}\n"})
    result = steps.lock(project, runner, "python3", uv="/bin/uv")
    assert (result.ok, result.skipped) == (True, True)
    assert [args for args, _ in runner.calls] == [["/bin/uv", "workspace", "dir"]]  # no lock
    assert result.message.startswith("not locked: demo is a member of the uv workspace at ")


def test_a_failed_lock_says_how_to_lock_and_commit_by_hand(tmp_path: Path) -> None:
    runner = FakeRunner(failing={("/bin/uv",): "error: network is unreachable"})
    result = steps.lock(tmp_path, runner, "python3", uv="/bin/uv")
    assert not result.ok
    assert "network is unreachable" in result.message
    assert result.fix[0] == "uv lock"
    assert "git add uv.lock" in result.fix


def test_a_failed_commit_keeps_the_repository_and_says_how_to_commit(tmp_path: Path) -> None:
    runner = FakeRunner(
        failing={
            ("git", "rev-parse"): "no",
            ("git", "commit"): "fatal: unable to auto-detect email address",
        }
    )
    result = gitwork.git_init(tmp_path, runner)
    assert not result.ok
    assert "auto-detect email" in result.message
    assert result.fix == ('git commit -m "Initial commit from litestar-new"',)


def test_without_a_git_identity_the_files_are_staged_and_the_commit_left_to_the_user(
    tmp_path: Path,
) -> None:
    """A new machine (the README's first command): git knows no user.name or user.email. The
    repository is made and the files staged; no commit under a made-up name, no failure."""
    runner = FakeRunner(
        failing={
            ("git", "rev-parse"): "no",
            ("git", "var"): "fatal: unable to auto-detect email address (got 'root@vm.(none)')",
        }
    )
    result = gitwork.git_init(tmp_path, runner)
    assert (result.ok, result.skipped) == (True, True)
    assert [args for args, _ in runner.calls][1:] == [
        ["git", "init", "-q"],
        ["git", "add", "-A"],
        ["git", "var", "GIT_COMMITTER_IDENT"],
    ]
    assert "git config --global user.email" in result.message
    assert 'git commit -m "Initial commit from litestar-new"' in result.message


def test_missing_git(tmp_path: Path) -> None:
    result = gitwork.git_init(tmp_path, FakeRunner(), git="/nonexistent/git")
    assert not result.ok
    assert result.message == "git was not found"
    assert result.fix[0] == "git init"


def test_env_file_gets_a_fresh_secret_private_to_the_user(tmp_path: Path) -> None:
    (tmp_path / ".env.example").write_text(f"SECRET_KEY={SECRET_PLACEHOLDER}\nDEBUG=false\n")
    result = envfile.write_env(tmp_path)
    assert result is not None
    assert result.ok
    text = (tmp_path / ".env").read_text()
    secret = text.splitlines()[0].split("=", 1)[1]
    assert len(secret) >= 43  # 32 bytes in URL-safe base64
    assert SECRET_PLACEHOLDER not in text
    assert "DEBUG=false" in text
    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o600


def test_an_existing_env_file_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / ".env.example").write_text(f"SECRET_KEY={SECRET_PLACEHOLDER}\n")
    (tmp_path / ".env").write_text("SECRET_KEY=mine\n")
    result = envfile.write_env(tmp_path)
    assert result is not None
    assert result.skipped
    assert (tmp_path / ".env").read_text() == "SECRET_KEY=mine\n"


def test_no_env_example_no_env(tmp_path: Path) -> None:
    assert envfile.write_env(tmp_path) is None
    assert not (tmp_path / ".env").exists()


def test_find_python_prefers_the_running_interpreter() -> None:
    import sys

    assert steps.find_python("3.11") == sys.executable


def test_find_python_looks_in_pyenv_for_a_newer_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = tmp_path / "versions" / "3.99.0" / "bin" / "python3.99"
    binary.parent.mkdir(parents=True)
    binary.write_text("")
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path))
    assert steps.find_python("3.99") == str(binary)


def test_a_climb_adds_the_keys_env_lacks_and_keeps_the_users_values(tmp_path: Path) -> None:
    (tmp_path / ".env.example").write_text(
        "APP_ENV=development\n"
        f"SECRET_KEY={SECRET_PLACEHOLDER}\n"
        "DEBUG=false\n"
        "DATABASE_URL=sqlite+aiosqlite:///./data/demo.sqlite3\n"
        "# LOG_LEVEL=INFO\n"
    )
    mine = "APP_ENV=development\nexport DEBUG=true\nCORS_ALLOW_ORIGINS=http://localhost:5173"
    (tmp_path / ".env").write_text(mine)
    (tmp_path / ".env").chmod(0o640)
    result = envfile.complete_env(tmp_path)
    assert result is not None
    assert result.ok
    assert result.message == (
        ".env: added SECRET_KEY (a new secret), DATABASE_URL from .env.example; your values kept"
    )
    text = (tmp_path / ".env").read_text()
    assert text.startswith(mine + "\n")  # every line of the user's, as it was
    added = dict(line.split("=", 1) for line in text.splitlines()[4:])
    assert set(added) == {"SECRET_KEY", "DATABASE_URL"}  # not DEBUG, nor the commented one
    assert len(added["SECRET_KEY"]) == 64
    assert added["DATABASE_URL"] == "sqlite+aiosqlite:///./data/demo.sqlite3"
    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env", ".env.example"]
    again = envfile.complete_env(tmp_path)
    assert again is not None
    assert again.skipped
    assert (tmp_path / ".env").read_text() == text


def test_a_missing_env_is_written_whole_by_complete_env(tmp_path: Path) -> None:
    (tmp_path / ".env.example").write_text(f"SECRET_KEY={SECRET_PLACEHOLDER}\nDEBUG=false\n")
    result = envfile.complete_env(tmp_path)
    assert result is not None
    assert result.message == ".env written from .env.example with a new secret key"
    assert SECRET_PLACEHOLDER not in (tmp_path / ".env").read_text()


CONFLICTED = (
    "<<<<<<< before updating\nMY_TOKEN=xyz\n=======\n"
    f"SECRET_KEY={SECRET_PLACEHOLDER}\n>>>>>>> after updating\n"
)


@pytest.mark.parametrize("env", [None, "DEBUG=true\n"])
def test_nothing_is_derived_from_a_conflicted_env_example(tmp_path: Path, env: str | None) -> None:
    (tmp_path / ".env.example").write_text(CONFLICTED)
    if env is not None:
        (tmp_path / ".env").write_text(env)
    for step in (envfile.write_env, envfile.complete_env):
        result = step(tmp_path)
        assert result is not None
        if env is not None and step is envfile.write_env:
            assert result.skipped  # write_env never touches an existing .env
            continue
        assert not result.ok
        assert ".env.example has conflict markers; resolve them" in result.message
    if env is None:
        assert not (tmp_path / ".env").exists()
    else:
        assert (tmp_path / ".env").read_text() == env


def test_a_key_the_user_removed_is_not_added_back(tmp_path: Path) -> None:
    """Only keys new to ``.env.example`` are added: one the old example set already and
    ``.env`` lacks was taken out by the user."""
    previous = "APP_ENV=development\nDEBUG=false\n"
    (tmp_path / ".env.example").write_text(previous + f"SECRET_KEY={SECRET_PLACEHOLDER}\n")
    (tmp_path / ".env").write_text("APP_ENV=development\n")
    result = envfile.complete_env(tmp_path, previous)
    assert result is not None
    assert result.message.startswith(".env: added SECRET_KEY (a new secret) from .env.example")
    assert "DEBUG" not in (tmp_path / ".env").read_text()
