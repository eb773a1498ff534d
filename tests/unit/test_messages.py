"""What the command line says: choices, typos, help, completion, interrupts, refusals.

In-process where the message is the point; one subprocess for the start-up interrupt, which
needs a real signal in a fresh interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest
import shellingham  # type: ignore[import-untyped]  # what typer asks for the user's shell

from litestar_new.__main__ import main
from litestar_new.resources import command
from litestar_new.spec import feature, resolve
from tests.support.updates import commit_all, git

if TYPE_CHECKING:
    from pathlib import Path

QUIET = ["--yes", "--no-install", "--no-git"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- choices -----------------------------------------------------------------------------------


def test_choices_ignore_case(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--set", "preset=Script", "--server", "Granian", "--set", "ci=GitHub"]
    code, out, err = run(capsys, "demo", *args, *QUIET)
    assert code == 0, out + err
    assert "GranianPlugin" in (workdir / "demo" / "app.py").read_text()
    assert (workdir / "demo" / ".github").is_dir()
    assert resolve("Layered", {}).rung == "layered"
    assert feature("db").parse(" Postgres ") == "postgres"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["demo", "--server", "uvicon"], "did you mean 'uvicorn'? (see litestar-new --help)"),
        (["--preset", "layerd"], "did you mean 'layered'? (see litestar-new --help)"),
        (["new", "demo", "--ci", "githb"], "did you mean 'github'? (see litestar-new new --help)"),
        (["update", ".", "--preset", "scrpt"], "'script'? (see litestar-new update --help)"),
        (["demo", "--set", "preset=layerd"], "valid choices: script, api, layered; did you mean"),
        (["demo", "--set", "server=unicorn"], "did you mean 'uvicorn'?"),
    ],
)
def test_a_typo_gets_the_closest_choice_and_the_help_as_typed(
    workdir: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, _, err = run(capsys, *args, "--yes" if args[0] != "update" else "--dry-run")
    assert code == 2
    assert err.startswith("litestar-new: error: ")
    assert err.rstrip("\n").endswith(expected) or expected in err
    assert err.count("\n") == 1
    assert list(workdir.iterdir()) == []


def test_a_value_far_from_every_choice_gets_no_guess(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo", "--server", "hypercorn", "--yes")
    assert code == 2
    assert "'hypercorn' is not one of 'uvicorn', 'granian'" in err
    assert "did you mean" not in err


# -- help and completion -------------------------------------------------------------------------


def test_top_level_help_shows_three_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    examples = out.split("Examples:", 1)[1]
    commands = [line.split()[0:2] for line in examples.splitlines() if line.strip()]
    assert sum(1 for words in commands if words[0] == "litestar-new") >= 3
    assert "litestar-new add resource" in examples
    assert "litestar-new NAME --help" in examples


def complete(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], line: str
) -> list[str]:
    """What TAB offers after ``line``, through the bash protocol the installed script uses."""
    words = line.split(" ")
    monkeypatch.setenv("_LITESTAR_NEW_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", line)
    monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
    with pytest.raises(SystemExit) as done:  # click exits by itself after answering
        main([])
    assert done.value.code in (0, None)
    return capsys.readouterr().out.split()


def test_completion_offers_the_commands_first(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert complete(monkeypatch, capsys, "litestar-new ") == ["new", "update", "add"]
    assert complete(monkeypatch, capsys, "litestar-new up") == ["update"]
    assert complete(monkeypatch, capsys, "litestar-new add ") == ["resource"]
    # options first, as in `litestar-new --preset api my-app`: new's, and the group's own
    assert complete(monkeypatch, capsys, "litestar-new --pre") == ["--preset"]
    assert "--version" in complete(monkeypatch, capsys, "litestar-new --")


def test_completion_after_a_name_offers_new_s_options_and_values(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert complete(monkeypatch, capsys, "litestar-new demo --pre") == ["--preset"]
    assert complete(monkeypatch, capsys, "litestar-new demo --preset ") == [
        "script",
        "api",
        "layered",
    ]
    assert complete(monkeypatch, capsys, "litestar-new demo --server g") == ["granian"]


def test_show_completion_prints_the_script_that_speaks_that_protocol(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--show-completion`` as a bash user runs it, whatever shell runs the tests."""
    monkeypatch.setattr(shellingham, "detect_shell", lambda: ("bash", "/bin/bash"))
    with pytest.raises(SystemExit) as done:
        main(["--show-completion"])
    assert done.value.code in (0, None)
    script = capsys.readouterr().out
    assert "_LITESTAR_NEW_COMPLETE=complete_bash" in script
    assert "complete -o default -F _litestar_new_completion litestar-new" in script


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


def test_update_or_add_in_a_file_says_it_is_a_file(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "notes.txt").write_text("mine\n")
    code, _, err = run(capsys, "update", "notes.txt")
    assert code == 2
    assert "notes.txt is a file, not a project folder" in err
    assert "no such folder" not in err
    code, _, err = run(capsys, "add", "resource", "Author", "name:str", "--path", "notes.txt")
    assert code == 2
    assert "--path notes.txt is a file, not a folder" in err


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
