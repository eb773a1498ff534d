"""What the command line says where saying it takes a render, git or a fresh interpreter.

Choices that reach the template, interrupts at start-up and inside ``add``, a refused
template's ``_tasks``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

from litestar_new.add import command
from litestar_new.spec import feature, resolve
from tests.support.inprocess import QUIET, run
from tests.support.updates import commit_all, git

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_choices_ignore_case(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--set", "preset=Script", "--server", "Granian", "--set", "ci=GitHub"]
    code, out, err = run(capsys, "demo", *args, *QUIET)
    assert code == 0, out + err
    assert "GranianPlugin" in (workdir / "demo" / "app.py").read_text()
    assert (workdir / "demo" / ".github").is_dir()
    assert resolve("Layered", {}).preset == "layered"
    assert feature("db").parse(" Postgres ") == "postgres"


# -- interrupts ----------------------------------------------------------------------------------

_INTERRUPT_WHILE_IMPORTING = textwrap.dedent(
    """
    import os, signal, sys

    class Interrupt:
        def find_spec(self, name, path=None, target=None):
            if name == "typer":  # the first heavy import of a run
                sys.meta_path.remove(self)
                os.kill(os.getpid(), signal.SIGINT)
            return None

    sys.meta_path.insert(0, Interrupt())
    from litestar_new.__main__ import main
    sys.exit(main(["--version"]))
    """
)


def test_ctrl_c_while_importing_is_one_line_and_exit_130(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_WHILE_IMPORTING],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 130, result.stderr
    assert result.stderr == "litestar-new: interrupted; nothing was written\n"
    assert result.stdout == ""


def test_ctrl_c_during_add_s_report_says_the_files_are_there(
    api: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "_report", interrupted)
    code, _, err = run(capsys, "add", "resource", "Author", "name:str", "--path", str(api))
    assert code == 130
    assert "nothing was written" not in err
    assert err.startswith("litestar-new: interrupted after the Author resource was written (")
    assert err.count("\n") == 1
    assert (api / "src" / "shop" / "domain" / "authors" / "controllers.py").is_file()


def test_ctrl_c_during_add_s_write_says_nothing_was_written(
    api: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "write_all", interrupted)
    code, _, err = run(capsys, "add", "resource", "Author", "name:str", "--path", str(api))
    assert (code, err) == (130, "litestar-new: interrupted; nothing was written\n")
    assert not (api / "src" / "shop" / "domain" / "authors").exists()


# -- refusals ------------------------------------------------------------------------------------


def test_a_template_with_tasks_is_refused_without_copier_s_advice(
    workdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "agency"
    template.mkdir()
    git(template, "init", "-q", "-b", "main")
    (template / "copier.yml").write_text("_tasks: ['touch ran']\nproject_name:\n  type: str\n")
    (template / "README.md.jinja").write_text("# {{ project_name }}\n")
    (template / "{{_copier_conf.answers_file}}.jinja").write_text(
        "{{ _copier_answers|to_nice_yaml -}}\n"
    )
    commit_all(template, "v1")
    git(template, "tag", "v1.0.0")
    code, out, err = run(capsys, "shop", "--template", str(template), *QUIET[:2])
    assert code == 0, out + err
    (template / "README.md.jinja").write_text("# {{ project_name }}\n\nv2\n")
    commit_all(template, "v2")
    git(template, "tag", "v2.0.0")
    code, _, err = run(capsys, "update", "shop")
    assert code == 1
    assert "--trust" in err  # named only to say that litestar-new has none
    assert "does not allow (it has no --trust)" in err
    assert "copier copy/update" not in err
    assert "remove _tasks from the template's copier.yml" in err
    assert err.count("\n") == 1
    assert not (workdir / "shop" / "ran").exists()
