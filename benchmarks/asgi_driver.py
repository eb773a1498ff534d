"""Drive one ASGI app in this process: its lifespan, then GET requests, no server, no socket.

``benchmarks/instructions.py`` runs it under callgrind, with the interpreter of the app's own
environment, to count the instructions one request costs without a server's or a load
generator's noise. Usage::

    python asgi_driver.py MODULE:FACTORY ROUTE REQUESTS CONCURRENCY [TOKEN]

The factory is called with no argument (``shop.app:create_app``). Each request is a ``GET`` of
``ROUTE`` with ``Host: 127.0.0.1`` and, with ``TOKEN``, ``Authorization: Bearer TOKEN``;
``CONCURRENCY`` requests are in flight at once, as a server with as many connections would
have them. It exits 1 unless every answer is 200, so that a count is never a count of errors.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from typing import Any

Message = dict[str, Any]


class Driver:
    """The app, and what its lifespan told."""

    def __init__(self, target: str) -> None:
        module, _, factory = target.partition(":")
        self.app = getattr(importlib.import_module(module), factory)()
        self.state: dict[str, Any] = {}

    async def lifespan(self) -> tuple[asyncio.Queue[Message], asyncio.Task[None]]:
        """Start the app's lifespan; return its inbox (for the shutdown) and its task."""
        inbox: asyncio.Queue[Message] = asyncio.Queue()
        started = asyncio.Event()

        async def send(message: Message) -> None:
            if message["type"] == "lifespan.startup.failed":
                sys.exit(f"start-up failed: {message.get('message', '')}")
            if message["type"] == "lifespan.startup.complete":
                started.set()

        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": self.state}
        task = asyncio.create_task(self.app(scope, inbox.get, send))
        await inbox.put({"type": "lifespan.startup"})
        await started.wait()
        return inbox, task

    async def get(self, route: str, token: str | None) -> int:
        """One GET of ``route``; its status."""
        path, _, query = route.partition("?")
        headers = [(b"host", b"127.0.0.1"), (b"accept", b"application/json")]
        if token:
            headers.append((b"authorization", f"Bearer {token}".encode()))
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "state": dict(self.state),
        }
        status = 0
        received = False

        async def receive() -> Message:
            nonlocal received
            if not received:
                received = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.Event().wait()  # the client never leaves
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])

        await self.app(scope, receive, send)
        return status


async def drive(target: str, route: str, requests: int, concurrency: int, token: str | None) -> int:
    driver = Driver(target)
    inbox, lifespan = await driver.lifespan()
    slots = asyncio.Semaphore(concurrency)
    statuses: list[int] = []

    async def one() -> None:
        async with slots:
            statuses.append(await driver.get(route, token))

    await asyncio.gather(*(one() for _ in range(requests)))
    await inbox.put({"type": "lifespan.shutdown"})
    await lifespan
    wrong = [status for status in statuses if status != 200]
    if wrong:
        print(f"{len(wrong)} of {requests} answers were not 200: {sorted(set(wrong))}")
        return 1
    return 0


def main() -> int:
    target, route, requests, concurrency, *rest = sys.argv[1:]
    token = rest[0] if rest else None
    return asyncio.run(drive(target, route, int(requests), int(concurrency), token))


if __name__ == "__main__":
    sys.exit(main())
