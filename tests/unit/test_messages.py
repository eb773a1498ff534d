"""What the command line says before it renders anything: typos, help, completion, refusals.

The messages that take a render, git or a fresh interpreter (choices that reach the template,
interrupts, a template's ``_tasks``) are in tests/integration/test_messages.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import shellingham  # type: ignore[import-untyped]  # what typer asks for the user's shell

from litestar_new.__main__ import main
from tests.support.inprocess import run

if TYPE_CHECKING:
    from pathlib import Path


# -- choices -----------------------------------------------------------------------------------


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


# What each shell's script holds: the protocol it speaks, and how it is hooked in.
SCRIPTS = {
    "bash": (
        "_LITESTAR_NEW_COMPLETE=complete_bash",
        "complete -o default -F _litestar_new_completion litestar-new",
    ),
    "zsh": ("_LITESTAR_NEW_COMPLETE=complete_zsh", "compdef _litestar_new_completion litestar-new"),
    "fish": ("_LITESTAR_NEW_COMPLETE=complete_fish", "complete --command litestar-new"),
}


def as_user_of(monkeypatch: pytest.MonkeyPatch, shell: str) -> None:
    """Run as from ``shell``, whichever shell runs the tests: typer asks shellingham, which
    looks at the parent processes (under sh, or ``env -i``, it found sh: "not supported")."""
    monkeypatch.setattr(shellingham, "detect_shell", lambda: (shell, f"/bin/{shell}"))


@pytest.mark.parametrize("shell", SCRIPTS)
def test_show_completion_prints_the_script_that_speaks_that_protocol(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], shell: str
) -> None:
    as_user_of(monkeypatch, shell)
    with pytest.raises(SystemExit) as done:
        main(["--show-completion"])
    assert done.value.code in (0, None)
    script = capsys.readouterr().out
    for line in SCRIPTS[shell]:
        assert line in script


@pytest.mark.parametrize(
    ("shell", "installed", "startup"),
    [
        ("bash", ".bash_completions/litestar-new.sh", ".bashrc"),
        ("zsh", ".zfunc/_litestar-new", ".zshrc"),
        ("fish", ".config/fish/completions/litestar-new.fish", None),
    ],
)
def test_install_completion_writes_the_script_where_the_shell_loads_it(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    shell: str,
    installed: str,
    startup: str | None,
) -> None:
    as_user_of(monkeypatch, shell)
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(SystemExit) as done:
        main(["--install-completion"])
    assert done.value.code in (0, None)
    assert f"{shell} completion installed in {tmp_path / installed}" in capsys.readouterr().out
    assert SCRIPTS[shell][0] in (tmp_path / installed).read_text()
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {installed} | ({startup} if startup else set())


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
