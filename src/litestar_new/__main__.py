"""Entry point: run the command line and turn every failure into one line and an exit code."""

from __future__ import annotations

import sys

__all__ = ["main"]


def _one_line(message: str) -> str:
    """The message on one line, with anything unprintable (a newline, an escape) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def _error(message: str) -> None:
    sys.stderr.write(f"litestar-new: error: {_one_line(message)}\n")


def main(argv: list[str] | None = None) -> int:
    """Run ``litestar-new``; return (and, as a script, exit with) its exit code."""
    import typer  # noqa: PLC0415

    from litestar_new.cli import app  # noqa: PLC0415
    from litestar_new.errors import (  # noqa: PLC0415
        EXIT_INTERRUPTED,
        EXIT_STEP_FAILED,
        EXIT_USAGE,
        LitestarNewError,
    )

    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="litestar-new", standalone_mode=False)
    except LitestarNewError as error:
        _error(str(error))
        return error.exit_code
    except typer.Exit as exit_:
        return exit_.exit_code
    except OSError as error:  # a disk or permission error nothing above foresaw: one line
        where = f" ({error.filename})" if error.filename else ""
        _error(f"{error.strerror or error}{where}")
        return EXIT_STEP_FAILED
    except (typer.Abort, KeyboardInterrupt):
        _error("interrupted; nothing was left behind")
        return EXIT_INTERRUPTED
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
    command_name = getattr(context, "command_path", "litestar-new")
    _error(f"{message} (see {command_name} --help)")
    code = int(getattr(error, "exit_code", 1))
    return code if code != 1 else usage


if __name__ == "__main__":
    sys.exit(main())
