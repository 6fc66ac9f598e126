"""Teams as a developer tries it: the Microsoft 365 Agents Playground (the real npm client,
`tests/node`) talking to `/api/messages` of the `serve` app, read in Chromium.

The app runs in anonymous dev mode without a client secret (no token to leak, so any
`serviceUrl` is answered: here the Playground's own connector on loopback). The Playground
renders the bot's Adaptive Cards with Microsoft's renderer; a card button sends what Teams
sends (`Action.Submit` with the button's data).
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from bot.runtime import Runtime
from bot.teams.app import teams_surface
from bot.web.app import create_app
from tests.browser import browser_fixture, offline_context
from tests.runtime_fixtures import ROOT, live_server
from tests.served_runtime import runtime_fixture

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]

NODE_DIR = ROOT / "tests" / "node"
CLI = NODE_DIR / "node_modules" / "@microsoft" / "m365agentsplayground" / "cli.js"
QUESTION = "Onko Vantaalla vertaisryhmää leskeksi jääneille?"
WAIT = 30_000  # ms: a search on a busy two-core machine takes seconds
LISTENING = re.compile(r"Listening on (\d+)")

runtime = runtime_fixture("playground")
browser = browser_fixture()


@pytest.fixture
def bot_url(runtime: Runtime) -> Iterator[str]:
    """`serve`'s app with Teams in anonymous dev mode (no client secret); its messages URL."""
    settings = runtime.settings.model_copy(update={"teams_allow_anonymous": True})
    surface = teams_surface(settings, runtime)
    assert surface.bot is not None
    with live_server(create_app(runtime, extra_routes=surface.routes)) as url:
        yield url + "/api/messages"


@pytest.fixture
def playground(bot_url: str, tmp_path: Path) -> Iterator[str]:
    """`agentsplayground` on a free port of 127.0.0.1 (its server would listen on every
    interface: `tests/node/loopback.js` keeps it on loopback); its URL."""
    if not CLI.is_file():
        pytest.fail("tests/node has no Playground: run scripts/test-services.sh (npm ci)")
    out = tmp_path / "playground.out"
    env = {
        **os.environ,
        "TEAMSAPPTESTER_BROWSER": "none",  # it would open a browser of its own
        "M365_AGENTS_PLAYGROUND_LOGFILE": str(tmp_path / "playground.log"),
    }
    command = ["node", "--require", str(NODE_DIR / "loopback.js"), str(CLI),
               "-e", bot_url, "-c", "msteams", "-p", "0", "--disable-telemetry"]  # fmt: skip
    with out.open("w") as stdout:
        process = subprocess.Popen(
            command, cwd=tmp_path, env=env, stdout=stdout, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while not (found := LISTENING.search(out.read_text())):
            assert process.poll() is None, out.read_text()
            assert time.monotonic() < deadline, out.read_text()
            time.sleep(0.1)
        url = f"http://127.0.0.1:{found.group(1)}"
        while httpx.get(url + "/").status_code != 200:
            assert time.monotonic() < deadline, out.read_text()
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()  # it ignores SIGTERM while its socket is open: then SIGKILL
        try:
            process.wait(3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = offline_context(browser, viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def test_playground_shows_the_answer_card_and_its_button_works(
    page: Page, playground: str, runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    page.goto(playground)
    # The Playground installs the bot in a personal chat: our welcome card with examples.
    welcome = page.get_by_role("button", name="Velkaneuvontaa arabiaksi Vantaalla?")
    expect(welcome).to_be_visible(timeout=WAIT)

    page.locator("[data-lexical-editor=true][role=textbox]").click()
    page.keyboard.type(QUESTION)
    page.get_by_role("button", name="Send Message").click()

    answer = page.locator(".ac-adaptiveCard").filter(has_text="Leskien vertaisryhmä")
    expect(answer).to_have_count(1, timeout=WAIT)
    expect(answer).to_contain_text("Nämä järjestöjen palvelut")
    expect(answer.get_by_text(re.compile(r"^1\. "))).to_be_visible()
    expect(answer.get_by_role("button", name="Lisätietoja").first).to_be_visible()

    answer.get_by_role("button", name="Näytä lisää").click()
    # The next page of the same search, numbered on from 6, as a new card.
    following = page.locator(".ac-adaptiveCard").filter(has=page.get_by_text(re.compile(r"^6\. ")))
    expect(following).to_have_count(1, timeout=WAIT)
    expect(page.locator(".ac-adaptiveCard").filter(has_text="Leskien vertaisryhmä")).to_have_count(
        1
    )
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
