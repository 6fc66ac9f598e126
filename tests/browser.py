"""Chromium for browser tests: Debian's build, headless, and nothing off the machine.

browser = browser_fixture()  # the module-scoped fixture `browser`
context = offline_context(browser, locale="fi-FI")  # loopback only; the rest aborted
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Anything not on loopback (a third-party page's CDN fonts, telemetry) is refused in the browser.
OFF_MACHINE = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost)[:/])[a-z]+://")


def browser_fixture() -> Any:
    """Module-scoped `browser`: one Chromium for the module."""

    @pytest.fixture(scope="module", name="browser")
    def fixture() -> Iterator[Browser]:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield b
            b.close()

    return fixture


def offline_context(browser: Browser, **options: Any) -> BrowserContext:
    """A fresh browser profile whose requests off the machine are aborted."""
    context = browser.new_context(**options)
    context.route(OFF_MACHINE, lambda route: route.abort())
    return context
