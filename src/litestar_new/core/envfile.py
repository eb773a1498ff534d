""".env: written from ``.env.example`` with fresh secrets (``new``), or completed (``update``).

Every file appears whole or not at all: it is written under a temporary name and put in place
in one step, so a full disk or a size limit leaves no truncated ``.env``.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from typing import TYPE_CHECKING

from litestar_new.core.run import StepResult

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["SECRET_PLACEHOLDER", "complete_env", "write_env"]

SECRET_PLACEHOLDER = "change-me-to-the-output-of-python-secrets-token-urlsafe-48"  # noqa: S105
"""The bundled template's ``SECRET_KEY`` in ``.env.example``; the generated app refuses it outside
development. ``.env`` gets a fresh secret in its place."""
_SECRET_LINE = re.compile(r"^(SECRET_KEY=).*$", re.MULTILINE)
_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=")
_CONFLICT_LINE = re.compile(r"^(<<<<<<<|=======|>>>>>>>)( |$)", re.MULTILINE)


def write_env(project: Path) -> StepResult | None:
    """Write ``.env`` from ``.env.example`` with a fresh secret; never replace an existing one.

    Every ``SECRET_KEY=`` line gets ``secrets.token_urlsafe(48)`` (48 random bytes, 64
    characters), whatever placeholder it held. The file appears whole or not at all: it is
    written under a temporary name (private to the user from the start) and linked into place,
    so a full disk or a size limit leaves no truncated ``.env``.
    """
    example = project / ".env.example"
    env_file = project / ".env"
    if not example.is_file():
        return None
    if env_file.exists():
        return StepResult(
            ".env", ok=True, message=".env exists already: kept as it is", skipped=True
        )
    template = example.read_text(encoding="utf-8")
    if _CONFLICT_LINE.search(template):
        return _unresolved(
            ".env not written", "copy it to .env and set SECRET_KEY to a long random value"
        )
    text, secrets_made = _fresh_secrets(template)
    partial = project / f".env.{secrets.token_hex(4)}.partial"
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        _put_in_place(partial, env_file)
    except OSError as error:
        reason = error.strerror or str(error)
        fix = ("cp .env.example .env  # then set SECRET_KEY to a long random value",)
        return StepResult(".env", ok=False, message=f".env could not be written: {reason}", fix=fix)
    finally:
        partial.unlink(missing_ok=True)
    made = " with a new secret key" if secrets_made else ""
    return StepResult(".env", ok=True, message=f".env written from .env.example{made}")


def _fresh_secrets(text: str) -> tuple[str, int]:
    return _SECRET_LINE.subn(lambda m: m.group(1) + secrets.token_urlsafe(48), text)


def _unresolved(what: str, then: str) -> StepResult:
    """``.env.example`` still holds conflict markers: nothing is derived from it."""
    return StepResult(
        ".env",
        ok=False,
        message=f"{what}: .env.example has conflict markers; resolve them, then {then}",
        fix=('python -c "import secrets; print(secrets.token_urlsafe(48))"  # a SECRET_KEY',),
    )


def _keys(text: str) -> set[str]:
    return {m[1] for line in text.splitlines() if (m := _ASSIGNMENT.match(line))}


def _replace_whole(target: Path, text: str) -> str | None:
    """Replace ``target`` with ``text`` in one rename, keeping its permissions; why it failed."""
    partial = target.parent / f".env.{secrets.token_hex(4)}.partial"
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        partial.chmod(mode)
        partial.replace(target)
    except OSError as error:
        return error.strerror or str(error)
    finally:
        partial.unlink(missing_ok=True)
    return None


def complete_env(project: Path, previous: str | None = None) -> StepResult | None:
    """Make ``.env`` hold every key ``.env.example`` sets, keeping the values it has.

    ``update`` calls this after a merge: a missing ``.env`` is written as :func:`write_env`
    writes it; an existing one keeps every line, and the assignments of ``.env.example`` whose
    key it lacks (``SECRET_KEY`` and ``DATABASE_URL`` when a project climbs to ``layered``) are
    appended, every ``SECRET_KEY`` with a fresh secret. Keys that ``previous`` (the
    ``.env.example`` the project had before the update) set already are not added again: their
    absence from ``.env`` is the user's choice. Commented-out settings are not copied.
    Nothing is derived from an ``.env.example`` with conflict markers. The new file replaces the
    old one whole (same permissions), never half written.
    """
    example = project / ".env.example"
    env_file = project / ".env"
    if not example.is_file():
        return None
    if not env_file.exists() and not env_file.is_symlink():
        return write_env(project)
    fix = ("cp .env .env.bak && diff .env.example .env  # then add the missing keys by hand",)
    try:
        template = example.read_text(encoding="utf-8")
        if _CONFLICT_LINE.search(template):
            return _unresolved(
                ".env not completed",
                "add to .env the keys it lacks (SECRET_KEY a long random value)",
            )
        target = env_file.resolve()
        current = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return StepResult(".env", ok=False, message=f".env could not be read: {reason}", fix=fix)
    have = _keys(current) | _keys(previous or "")
    lines = []
    for line in template.splitlines():
        match = _ASSIGNMENT.match(line)
        if match and match[1] not in have:
            lines.append(line)
            have.add(match[1])
    if not lines:
        return StepResult(
            ".env", ok=True, message=".env has every key of .env.example: kept", skipped=True
        )
    added, _ = _fresh_secrets("\n".join(lines) + "\n")
    separator = "\n" if current and not current.endswith("\n") else ""
    text = f"{current}{separator}# Added by litestar-new update, from .env.example:\n{added}"
    failure = _replace_whole(target, text)
    names = [m[1] for line in lines if (m := _ASSIGNMENT.match(line))]
    shown = ", ".join(f"{n} (a new secret)" if n == "SECRET_KEY" else n for n in names)
    return StepResult(
        ".env",
        ok=failure is None,
        message=f".env: added {shown} from .env.example; your values kept"
        if failure is None
        else f".env could not be written: {failure}",
        fix=() if failure is None else fix,
    )


def _put_in_place(partial: Path, final: Path) -> None:
    """Give a finished file its name, never replacing a file made meanwhile."""
    try:
        os.link(partial, final)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: checked just before, so rename
        partial.rename(final)
