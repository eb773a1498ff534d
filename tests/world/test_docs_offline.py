"""The API docs page of every preset, in headless Chromium with no network but loopback: every
request to another host is aborted and recorded, and the page must still list every operation."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Route, expect, sync_playwright

from litestar_new.spec import ProjectSpec, resolve
from tests.support.cli import create_for_module, serve_command
from tests.support.projects import spec_id
from tests.support.servers import free_port, get, serving
from tests.support.world import CHROMIUM_ARGS, chromium_path

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

PRESETS: list[ProjectSpec] = [resolve("script", {}), resolve("api", {}), resolve("layered", {})]
LOOPBACK = {"127.0.0.1", "localhost"}
ASSETS = "/schema/assets/"
KNOWN = {"script": "Index", "api": "List books", "layered": "List my books"}
"""One summary each preset's schema must hold (the script's is its handler's name)."""
WAIT_MS = 30_000  # how long the browser may take to show the page on a loaded machine


@pytest.fixture(scope="module")
def installed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ProjectSpec, Path]:
    return create_for_module(request, tmp_path_factory)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright (which downloads no browser of its own)."""
    executable = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def summaries(schema: bytes) -> list[str]:
    """The summary of every operation in the OpenAPI document."""
    paths: dict[str, dict[str, object]] = json.loads(schema)["paths"]
    found = []
    for item in paths.values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("summary"):
                found.append(str(operation["summary"]))
    return found


@pytest.mark.parametrize("installed", PRESETS, ids=spec_id, indirect=True)
def test_the_docs_page_lists_every_operation_offline(
    installed: tuple[ProjectSpec, Path], browser: Browser, tmp_path: Path
) -> None:
    spec, project = installed
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'app.sqlite3'}"}  # layered only
    port = free_port()
    outside: list[str] = []  # requests to any other host: aborted
    served: list[str] = []
    errors: list[str] = []  # the console's errors (a refused script, a failed load) and exceptions

    def only_loopback(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOOPBACK:
            served.append(urlsplit(url).path)
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    ready = "/schema/openapi.json"
    with serving(serve_command(spec, port), project, port, ready_path=ready, env=env) as base:
        status, schema = get(base + ready)
        assert status == 200
        expected = summaries(schema)
        page = browser.new_page()
        page.route("**/*", only_loopback)
        page.on("console", console)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "/schema")
        try:
            for summary in expected:
                expect(page.get_by_text(summary, exact=True).first).to_be_visible(timeout=WAIT_MS)
            page.wait_for_load_state("networkidle", timeout=WAIT_MS)
        except AssertionError as exc:  # a blank page: say what it tried to load
            raise AssertionError(f"{exc}\naborted: {outside}\nconsole: {errors}") from None
        finally:
            page.close()

    assert KNOWN[spec.preset] in expected
    assert outside == [], "the docs page tried to reach another host"
    assert errors == []
    assert f"{ASSETS}swagger-ui-bundle.js" in served
    assert all(path.startswith(ASSETS) for path in served if path != "/schema"), served
