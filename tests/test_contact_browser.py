"""End to end in a real Chromium: an association fills the contact form with the
keyboard only, gets a reference; the request is in the database, the
coordinators' Slack channel (a fake Slack Web API) gets the notification from
the background sender, and pressing "Ota käsittelyyn" (a signed block action,
as Slack sends it) moves the request on in its history.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import httpx
import pytest
from playwright.sync_api import Page, sync_playwright

from bot.background.jobs import start_background_jobs
from bot.runtime import Runtime
from bot.slack.app import slack_surface
from bot.web.app import create_app
from bot.web.contact import contact_routes
from tests.browser import CHROMIUM
from tests.runtime_fixtures import (
    knowledge_index_dir,  # noqa: F401  (fixture)
    live_server,
)
from tests.served_runtime import runtime_fixture

if TYPE_CHECKING:
    from tests.fake_slack import FakeSlack

pytest_plugins = ["tests.fake_slack"]
pytestmark = pytest.mark.browser

SIGNING_SECRET = "selaintestin-allekirjoitus"


runtime = runtime_fixture("browser", web_secret="selaintestin-salaisuus")


@pytest.fixture
def served(runtime: Runtime, fake_slack: FakeSlack) -> Iterator[str]:
    """`serve` as deployed: Slack over HTTP, the contact routes, the background jobs."""
    settings = runtime.settings.model_copy(
        update={
            "slack_bot_token": "xoxb-selain",
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": fake_slack.url,
            "slack_coordinator_channel": "C0KOORD",
            "outbox_interval_seconds": 0.2,
        }
    )
    rt = replace(runtime, settings=settings)
    app = create_app(rt, extra_routes=[*slack_surface(settings, rt).routes, *contact_routes(rt)])
    stop = start_background_jobs(rt, settings)
    try:
        with live_server(app) as url:
            yield url
    finally:
        stop()


@pytest.fixture
def page() -> Iterator[Page]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield browser.new_page(locale="fi-FI")
        finally:
            browser.close()


def focused_id(page: Page) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def tab_to(page: Page, element_id: str, limit: int = 15) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_id(page) == element_id:
            return
    raise AssertionError(f"#{element_id} not reached with Tab; at #{focused_id(page)}")


def click_in_slack(base: str, notice: dict[str, Any], action_id: str) -> httpx.Response:
    """Press a button of the channel notification the way Slack reports it: signed."""
    button = next(
        e
        for b in notice["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == action_id
    )
    payload = {
        "type": "block_actions",
        "api_app_id": "A0APP",
        "token": "vanhentunut",
        "team": {"id": "T0TEAM", "domain": "testi"},
        "trigger_id": "trig-selain",
        "user": {
            "id": "U0KOORD",
            "username": "koordinaattori",
            "name": "koordinaattori",
            "team_id": "T0TEAM",
        },
        "channel": {"id": "C0KOORD", "name": "yhteydenotot"},
        "container": {
            "type": "message",
            "message_ts": notice["ts"],
            "channel_id": "C0KOORD",
            "is_ephemeral": False,
        },
        "message": {
            "type": "message",
            "ts": notice["ts"],
            "text": notice["text"],
            "blocks": notice["blocks"],
        },
        "actions": [{**button, "block_id": "contact", "action_ts": str(time.time())}],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    stamp = str(int(time.time()))
    signature = hmac.new(
        SIGNING_SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256
    ).hexdigest()
    return httpx.post(
        f"{base}/slack/events",
        content=body,
        timeout=30,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": f"v0={signature}",
        },
    )


def test_keyboard_only_request_reaches_coordinators_and_is_taken(
    served: str, page: Page, runtime: Runtime, fake_slack: FakeSlack
) -> None:
    page.goto(f"{served}/yhteydenotto")
    assert page.title().startswith("Yhteydenotto hyvinvointialueelle")

    tab_to(page, "f-organisation")
    page.keyboard.type("Selaimen Seniorit ry")
    page.keyboard.press("Tab")
    page.keyboard.type("0737546-2")
    page.keyboard.press("Tab")
    page.keyboard.type("Sirpa Selain")
    page.keyboard.press("Tab")
    page.keyboard.type("sirpa@example.fi")
    page.keyboard.press("Tab")
    page.keyboard.type("09 123 4567")
    page.keyboard.press("Tab")
    assert focused_id(page) == "f-topic"
    page.keyboard.type("Tilat")  # type-ahead picks the option
    assert page.eval_on_selector("#f-topic", "e => e.value") == "tilat"
    tab_to(page, "f-message")
    page.keyboard.type("Etsimme tilaa vertaisryhmälle tiistai-iltaisin.")
    tab_to(page, "f-consent")  # not ticked yet: the form must say so
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.title().startswith("Virhe: ")
    assert focused_id(page) == "error-summary"  # focus moved to the summary
    assert page.get_attribute("#error-summary", "role") == "alert"
    assert page.get_attribute("#f-consent", "aria-invalid") == "true"
    assert page.eval_on_selector("#f-message", "e => e.value").startswith("Etsimme tilaa")
    page.keyboard.press("Tab")  # the summary's link to the field
    page.keyboard.press("Enter")
    assert focused_id(page) == "f-consent"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # past the hidden honeypot, straight to the button
    assert focused_id(page) == "" and page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    reference = page.inner_text("#reference")
    assert reference.startswith("YT-") and len(reference) == len("YT-2025-000001")
    assert focused_id(page) == "done-title"
    assert "Mitä seuraavaksi tapahtuu?" in page.inner_text("main")

    view = runtime.contact_requests().get(reference)
    assert view is not None
    assert (view.organisation, view.phone, view.topic, view.status) == (
        "Selaimen Seniorit ry",
        "+35891234567",
        "tilat",
        "uusi",
    )
    assert view.responsible_role == "tilapalvelut"

    call = fake_slack.wait_for("chat.postMessage")  # sent by the background sender
    assert call.params["channel"] == "C0KOORD" and reference in call.params["text"]
    notice = {**call.params, "ts": call.response["ts"]}
    assert click_in_slack(served, notice, "contact_take").status_code == 200

    deadline = time.monotonic() + 15
    while True:
        view = runtime.contact_requests().get(reference)
        assert view is not None
        if view.status != "uusi" or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert (view.status, view.owner) == ("kasittelyssa", "Slack: koordinaattori")
    assert [(h.from_status, h.to_status, h.actor) for h in view.history] == [
        (None, "uusi", "lomake (web)"),
        ("uusi", "kasittelyssa", "Slack: koordinaattori"),
    ]
    reply = fake_slack.wait_for("chat.postMessage", 2)
    assert reply.params["thread_ts"] == notice["ts"] and "käsittelyssä" in reply.params["text"]
