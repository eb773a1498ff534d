"""Entry point: run the command line and turn every failure into one line and an exit code.

The one place where exit codes are decided and Ctrl-C is reported (see :mod:`litestar_new.errors`).
"""

from __future__ import annotations

import gc
import signal
import sys
from typing import NoReturn

from litestar_new.errors import EXIT_INTERRUPTED  # a few constants: nothing heavy

__all__ = ["main", "run"]


def _one_line(message: str) -> str:
    """The message on one line, with anything unprintable (a newline, an escape) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def _error(message: str) -> None:
    sys.stderr.write(f"litestar-new: error: {_one_line(message)}\n")


def _catch_interrupts() -> None:
    """Make Ctrl-C a ``KeyboardInterrupt`` from here on, unless whoever started us ignores it.

    The first thing :func:`main` does, so that a Ctrl-C while the heavy modules (typer, rich,
    copier) are imported is one line and exit 130 too, not an import traceback. Only the
    interpreter's own start-up and the import of this small module come before it.
    """
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def main(argv: list[str] | None = None) -> int:
    """Run ``litestar-new``; return (and, as a script, exit with) its exit code."""
    _catch_interrupts()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        # Only before a command started (importing, parsing): a command's own Ctrl-C is an
        # InterruptError that says what it left (litestar_new.errors.interrupts_mean).
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the message is the last thing done
        sys.stderr.write("litestar-new: interrupted; nothing was written\n")
        return EXIT_INTERRUPTED


def run() -> NoReturn:
    """The ``litestar-new`` program (``python -m litestar_new`` too): :func:`main`, then exit.

    The process ends right after the command, so everything it made is frozen first
    (``gc.freeze``): at exit the interpreter frees those objects anyway, and the collector's
    passes over them would only add to the wait (13 ms of a 150 ms ``new`` on the benchmark
    machine). Files are closed and the output flushed by then; tests call :func:`main` instead.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


def _main(argv: list[str] | None) -> int:
    import typer  # noqa: PLC0415 - heavy: after the interrupt handler

    from litestar_new.cli import app  # noqa: PLC0415
    from litestar_new.errors import (  # noqa: PLC0415
        EXIT_STEP_FAILED,
        EXIT_USAGE,
        InterruptError,
        LitestarNewError,
    )

    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="litestar-new", standalone_mode=False)
    except InterruptError as interrupted:
        sys.stderr.write(f"litestar-new: {_one_line(str(interrupted))}\n")
        return interrupted.exit_code
    except LitestarNewError as error:
        _error(str(error))
        return error.exit_code
    except typer.Exit as exit_:
        return exit_.exit_code
    except OSError as error:  # a disk or permission error nothing above foresaw: one line
        where = f" ({error.filename})" if error.filename else ""
        _error(f"{error.strerror or error}{where}")
        return EXIT_STEP_FAILED
    except typer.Abort as abort:  # click's form of a Ctrl-C while it parsed: as before a command
        raise KeyboardInterrupt from abort
    except typer.TyperException as error:
        return _typer_error(error, EXIT_USAGE)
    return result if isinstance(result, int) else 0


def _typer_error(error: Exception, usage: int) -> int:
    """Typer's usage errors (an unknown option, a value that is no choice, ...): one line."""
    message = error.format_message()  # type: ignore[attr-defined]
    if type(error).__name__ == "NoArgsIsHelpError":  # `litestar-new add`: its help, no error
        sys.stdout.write(message + "\n")
        return usage
    context = getattr(error, "ctx", None)
    _error(f"{message} (see {_help_command(context)} --help)")
    code = int(getattr(error, "exit_code", 1))
    return code if code != 1 else usage


def _help_command(context: object) -> str:
    """The command as the user typed it: ``litestar-new`` when ``new`` was only implied."""
    from litestar_new.cli import IMPLIED_NEW  # noqa: PLC0415

    path = str(getattr(context, "command_path", "") or "litestar-new")
    root = getattr(context, "find_root", None)
    if root is not None and root().meta.get(IMPLIED_NEW):
        path = path.replace("litestar-new new", "litestar-new", 1)
    return path


if __name__ == "__main__":
    run()
