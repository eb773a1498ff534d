"""Start a generated project's server, wait for it, stop it and all its children."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tests.support.projects import clean_env

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str, timeout: float = 5) -> tuple[int, bytes]:
    return request("GET", url, timeout=timeout)


def request(
    method: str, url: str, body: object = None, token: str | None = None, timeout: float = 10
) -> tuple[int, bytes]:
    """One HTTP request on loopback; JSON body in, status and raw body out."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    reply = exchange(method, url, headers=headers, body=body, timeout=timeout)
    return reply.status, reply.body


@dataclass(frozen=True)
class Reply:
    """One HTTP answer: the status, the headers (names in lower case) and the body."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def exchange(
    method: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    body: object = None,
    timeout: float = 30,
) -> Reply:
    """One request on loopback with any headers (``Host`` too); nothing is followed or retried."""
    parts = urllib.parse.urlsplit(url)
    sent = dict(headers or {})
    data = None
    if body is not None:  # bytes are sent as they are
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        sent.setdefault("Content-Type", "application/json")
    connection = http.client.HTTPConnection(
        parts.hostname or "127.0.0.1", parts.port, timeout=timeout
    )
    try:
        connection.request(
            method, parts.path + (f"?{parts.query}" if parts.query else ""), data, sent
        )
        response = connection.getresponse()
        return Reply(
            response.status,
            {name.lower(): value for name, value in response.getheaders()},
            response.read(),
        )
    finally:
        connection.close()


def server_log(cwd: Path, port: int) -> Path:
    """Where :func:`serving` writes the server's output: outside the project (--reload)."""
    return cwd.parent / f"server-{port}.log"


@contextmanager
def serving(
    args: list[str],
    cwd: Path,
    port: int,
    ready_path: str = "/",
    timeout: float = 60,
    env: dict[str, str] | None = None,
    exact_env: dict[str, str] | None = None,
    **extra: str,
) -> Iterator[str]:
    """Run ``args`` until ``http://127.0.0.1:port{ready_path}`` answers; yield the base URL.

    ``exact_env`` replaces the whole environment (a clean shell's), instead of adding to ours.
    """
    log = server_log(cwd, port)
    with log.open("w") as out:
        process = subprocess.Popen(
            args,
            cwd=cwd,
            env=exact_env if exact_env is not None else clean_env(**(env or {}), **extra),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise AssertionError(f"server exited with {process.returncode}:\n{log.read_text()}")
            try:
                get(base + ready_path, timeout=1)
                break
            except (OSError, http.client.HTTPException):  # not listening yet, or hung up
                if time.monotonic() > deadline:
                    raise AssertionError(
                        f"server did not answer in {timeout} s:\n{log.read_text()}"
                    ) from None
                time.sleep(0.2)
        yield base
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
