"""Entry point: run the command line and turn every failure into one line and an exit code."""

from __future__ import annotations

import sys

__all__ = ["main"]


def _error(message: str) -> None:
    sys.stderr.write(f"litestar-new: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Run ``litestar-new``; return (and, as a script, exit with) its exit code."""
    import typer  # noqa: PLC0415

    from litestar_new.cli import app  # noqa: PLC0415
    from litestar_new.errors import EXIT_INTERRUPTED, EXIT_USAGE, LitestarNewError  # noqa: PLC0415

    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="litestar-new", standalone_mode=False)
    except LitestarNewError as error:
        _error(str(error))
        return error.exit_code
    except typer.Exit as exit_:
        return exit_.exit_code
    except (typer.Abort, KeyboardInterrupt):
        _error("interrupted; nothing was left behind")
        return EXIT_INTERRUPTED
    except typer.TyperException as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # `litestar-new add`: its help, no error
            sys.stdout.write(error.format_message() + "\n")
            return EXIT_USAGE
        # Typer's usage errors (an unknown option, a value that is no choice, ...).
        context = getattr(error, "ctx", None)
        command_name = getattr(context, "command_path", "litestar-new")
        _error(f"{error.format_message()} (see {command_name} --help)")
        return error.exit_code if error.exit_code != 1 else EXIT_USAGE
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
