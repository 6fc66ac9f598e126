"""The web chat in a real Chromium: keyboard, cards, follow-up, feedback, redaction."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from bot.runtime import Runtime
from store.models import Feedback, QueryLog
from tests.browser import browser_fixture
from tests.served_runtime import runtime_fixture, web_app_fixture

pytestmark = pytest.mark.browser

QUESTION = "Asiakas jäi leskeksi, p. 040 123 4567. Onko Vantaalla vertaisryhmää leskeksi jääneille?"


runtime = runtime_fixture("browser", db_name="jarjestobotti.db")
base = web_app_fixture()
browser = browser_fixture()


@pytest.fixture
def page(browser: Browser, base: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="fi-FI")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def send(page: Page, text: str) -> None:
    """Type like a person: focus the labelled field, type, press Enter."""
    page.get_by_label("Kysymys", exact=True).focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def test_chat_in_browser(page: Page, base: str, runtime: Runtime) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base)
    expect(page).to_have_title("Järjestöbotti")
    log = page.get_by_role("log")
    expect(log).to_have_attribute("aria-live", "polite")
    # The welcome lists example questions as buttons.
    expect(page.get_by_role("button", name=re.compile("Velkaneuvontaa"))).to_be_visible()
    expect(page.get_by_label("Kysymys", exact=True)).to_be_focused()

    send(page, QUESTION)
    first = page.locator(".msg.bot").filter(has=page.locator("article.service"))
    expect(first).to_have_count(1, timeout=30_000)  # the first search warms up: seconds
    cards = first.locator("article.service")
    expect(cards.first).to_contain_text("Näin mukaan")
    expect(first.get_by_role("heading", name=re.compile("Leskien vertaisryhmä"))).to_be_visible()
    expect(page.get_by_label("Kysymys", exact=True)).to_have_value("")

    send(page, "entä Keravalla?")
    answers = page.locator(".msg.bot").filter(has=page.locator("article.service"))
    expect(answers).to_have_count(2)
    kerava = answers.nth(1).locator("article.service")
    expect(kerava.first).to_be_visible()
    for i in range(kerava.count()):
        expect(kerava.nth(i).locator("dd").filter(has_text="Kerava").first).to_be_visible()

    more = answers.nth(1).get_by_role("button", name="Näytä lisää")
    more.focus()
    page.keyboard.press("Enter")
    expect(answers).to_have_count(3)
    expect(answers.nth(2).get_by_role("heading", name=re.compile(r"^6\. "))).to_be_visible()

    answers.nth(1).get_by_role("button", name=re.compile("👍")).click()
    comment = page.get_by_label("Kommentti (valinnainen)")
    expect(comment).to_be_focused()
    page.keyboard.type("Hyvä lista")
    page.get_by_role("button", name="Lähetä palaute").click()
    expect(page.get_by_text("Kiitos palautteesta!")).to_be_visible()
    expect(answers.nth(1).get_by_role("button", name=re.compile("👍"))).to_be_disabled()
    assert errors == []

    with runtime.engine.connect() as conn:
        questions = conn.execute(select(QueryLog.id, QueryLog.question).order_by(QueryLog.id)).all()
        feedback = conn.execute(select(Feedback)).one()
    assert questions[0].question == QUESTION.replace("040 123 4567", "[puhelinnumero]")
    assert questions[1].question == "entä Keravalla?"
    assert (feedback.rating, feedback.comment) == (1, "Hyvä lista")
    assert feedback.query_log_id == questions[1].id  # the answer whose 👍 was pressed


def test_bad_input_shows_finnish_error(page: Page, base: str) -> None:
    page.goto(base)
    expect(page.get_by_role("button", name=re.compile("Velkaneuvontaa"))).to_be_visible()
    field = page.get_by_label("Kysymys", exact=True)
    field.evaluate("el => el.removeAttribute('maxlength')")
    field.fill("a" * 2001)
    field.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("liian pitkä")
