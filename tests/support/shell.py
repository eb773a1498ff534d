"""A new shell with only what the README's install gives: ``PATH=/usr/bin:/bin``, a new HOME.

Two things of the machine's own (not of the user's install) are kept: its TLS set-up
(``SSL_CERT_FILE``, ``SSL_CERT_DIR``: uv reaches the package index through it) and uv's warm
cache, which the new HOME links to (a cold one would only measure the network). uv never
downloads a Python (``UV_PYTHON_DOWNLOADS=never``, as everywhere in the suite).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.projects import UV

LITESTAR_NEW = Path(sys.executable).parent / "litestar-new"
"""What the README's first command installs (``.venv/bin/litestar-new``)."""


def new_home(folder: Path) -> Path:
    """A HOME with nothing but uv's cache (linked) and the user's git identity."""
    folder.mkdir(parents=True)
    cache = subprocess.run([UV, "cache", "dir"], capture_output=True, text=True, check=True)
    (folder / ".cache").mkdir()
    (folder / ".cache" / "uv").symlink_to(cache.stdout.strip())
    (folder / ".gitconfig").write_text(
        "[user]\n\tname = New User\n\temail = new.user@example.com\n", encoding="utf-8"
    )
    return folder


def shell_env(home: Path, **extra: str) -> dict[str, str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "UV_PYTHON_DOWNLOADS": "never"}
    env.update({k: os.environ[k] for k in ("SSL_CERT_FILE", "SSL_CERT_DIR") if k in os.environ})
    env.update(extra)
    return env


def bash(script: str, cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    """Run ``script`` with ``bash -euo pipefail`` in exactly ``env``; its output, or fail."""
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (
        f"{script}\nfailed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    return result.stdout


def panel(out: str) -> tuple[list[str], dict[str, str]]:
    """The next-steps panel's commands (indented lines) and its checks (``tests: ...``)."""
    commands: list[str] = []
    checks: dict[str, str] = {}
    for line in out.splitlines():
        if not line.startswith("│"):
            continue
        inner = line[1:].rstrip().removesuffix("│")
        if inner.startswith("   "):
            commands.append(inner.strip())
        elif ": " in inner and inner.strip().split(": ")[0] in {"tests", "lint", "types"}:
            label, command = inner.strip().split(": ", 1)
            checks[label] = command
    return commands, checks
