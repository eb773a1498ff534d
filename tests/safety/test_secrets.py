"""The secret ``write_env`` puts in ``.env`` (from ``.env.example``).

A hundred layered projects made by the whole command line, with git; a hundred ``.env`` files
made by ``write_env`` directly; and a template of the tests' own with a ``.env.example``.
"""

from __future__ import annotations

import base64
import stat
import subprocess
from typing import TYPE_CHECKING

import pytest

from litestar_new.core import run
from litestar_new.core.envfile import SECRET_PLACEHOLDER, write_env
from litestar_new.new import steps
from tests.safety.helpers import QUIET, cli, fast_render, leftovers

if TYPE_CHECKING:
    from pathlib import Path

EXAMPLE = f"# settings\nSECRET_KEY={SECRET_PLACEHOLDER}\nDEBUG=false\n"


def _secret(env_file: Path) -> str:
    (line,) = [x for x in env_file.read_text().splitlines() if x.startswith("SECRET_KEY=")]
    return line.split("=", 1)[1]


def test_a_hundred_env_files_get_a_hundred_secrets_of_at_least_32_bytes(tmp_path: Path) -> None:
    secrets = set()
    for index in range(100):
        project = tmp_path / str(index)
        project.mkdir()
        (project / ".env.example").write_text(EXAMPLE)
        result = write_env(project)
        assert result is not None
        assert result.ok
        assert result.message == ".env written from .env.example with a new secret key"
        secret = _secret(project / ".env")
        assert len(base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4))) >= 32
        assert stat.S_IMODE((project / ".env").stat().st_mode) == 0o600
        assert (project / ".env.example").read_text() == EXAMPLE  # the placeholder stays there
        assert sorted(p.name for p in project.iterdir()) == [".env", ".env.example"]
        secrets.add(secret)
    assert len(secrets) == 100


def test_a_hundred_layered_projects_get_a_hundred_secrets_kept_out_of_git(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole command line a hundred times; copier's rendering through ``fast_render``
    (the same bytes, proved in ``test_text.py``), since the secret is written after it. The
    ``uv lock`` that ``--no-install`` runs before the first commit is left out (a second or
    so each, asking the package index; ``tests/world/test_fresh_clone.py`` proves it)."""
    monkeypatch.setattr(
        steps, "lock", lambda *_a, **_k: run.StepResult("lock", ok=True, message="not locked")
    )
    secrets = set()
    for index in range(100):
        name = f"shop-{index}"
        with fast_render():
            result = cli(capsys, name, "--preset", "layered", "--yes", "--no-install")
        assert result.code == 0, result
        project = workdir / name
        secret = _secret(project / ".env")
        assert secret != SECRET_PLACEHOLDER
        assert len(base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4))) >= 32
        assert stat.S_IMODE((project / ".env").stat().st_mode) == 0o600
        assert secret not in result.out + result.err
        assert _git(project, "check-ignore", ".env").strip() == ".env"
        tracked = _git(project, "ls-files", "-z").split("\0")
        assert ".env" not in tracked
        assert {".env.example", ".copier-answers.yml"} <= set(tracked)
        for tracked_name in filter(None, tracked):
            assert secret.encode() not in (project / tracked_name).read_bytes(), tracked_name
        assert secret not in _git(project, "log", "-p", "--all")
        answers = (project / ".copier-answers.yml").read_text()
        assert secret not in answers
        assert "secret" not in answers.lower()
        assert SECRET_PLACEHOLDER in (project / ".env.example").read_text()
        secrets.add(secret)
    assert len(secrets) == 100
    assert leftovers(workdir) == []


def _template_with_env_example(tmp_path: Path) -> Path:
    template = tmp_path / "template"
    template.mkdir()
    (template / "copier.yml").write_text("project_name: {type: str}\n")
    (template / ".env.example").write_text(EXAMPLE)
    (template / ".gitignore").write_text(".env\n.env.*\n!.env.example\n")
    (template / "README.md.jinja").write_text("# {{ project_name }}\n")
    answers = template / "{{_copier_conf.answers_file}}.jinja"
    answers.write_text("{{ _copier_answers|to_nice_yaml -}}\n")
    return template


def _git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("run", range(2))
def test_the_secret_is_only_in_env_never_tracked_nor_in_the_answers(
    workdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], run: int
) -> None:
    template = _template_with_env_example(tmp_path)
    args = ["demo", "--yes", "--no-install", "--template", str(template)]
    result = cli(capsys, *args)
    assert result.code == 0, result
    project = workdir / "demo"
    secret = _secret(project / ".env")
    assert secret != SECRET_PLACEHOLDER
    assert _git(project, "check-ignore", ".env").strip() == ".env"
    tracked = _git(project, "ls-files").split()
    assert ".env" not in tracked
    assert ".env.example" in tracked
    for name in tracked:
        assert secret not in (project / name).read_text()
    assert secret not in _git(project, "log", "-p", "--all")
    assert secret not in (project / ".copier-answers.yml").read_text()
    assert secret not in result.out + result.err
    assert leftovers(workdir) == []
    assert not list(project.glob(".env.*.partial"))
    if run:  # a second project beside the first: a different secret
        other = cli(capsys, "other", *QUIET[:1], "--no-install", "--template", str(template))
        assert other.code == 0, other
        assert _secret(workdir / "other" / ".env") != secret


def test_an_existing_env_is_kept_and_its_secret_with_it(
    workdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _template_with_env_example(tmp_path)
    (workdir / "demo").mkdir()
    (workdir / "demo" / ".env").write_text("SECRET_KEY=mine\n")
    result = cli(capsys, "demo", *QUIET, "--force", "--template", str(template))
    assert result.code == 0, result
    assert (workdir / "demo" / ".env").read_text() == "SECRET_KEY=mine\n"
    assert ".env exists already: kept as it is" in result.out
