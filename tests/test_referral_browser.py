"""End to end in a real Chromium, as `serve` runs: a professional asks the web chat, presses
*Ohjaa asiakas* on a card, fills the referral form (first with a henkilötunnus, refused
with nothing stored), gets a reference; the background sender e-mails the association
(a real SMTP server, aiosmtpd) a signed link; the association opens it, answers "client
reached", and the professional's own list shows the answer. The client's phone number is
erased when the referral closes.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from playwright.sync_api import Browser, Page

from bot.background.jobs import start_background_jobs
from bot.runtime import Runtime
from bot.web.app import create_app
from bot.web.referral import referral_router
from store.contact_models import Outbox
from store.referral_models import Referral
from tests.browser import browser_fixture, offline_context
from tests.mail_fakes import Mailbox, smtp_server
from tests.runtime_fixtures import (
    knowledge_index_dir,  # noqa: F401  (fixture)
    live_server,
)
from tests.served_runtime import runtime_fixture

pytestmark = pytest.mark.browser

PUBLIC = "https://jarjestobotti.example.fi"
QUESTION = "Missä maahan muuttanut voi harjoitella suomen kieltä?"
HETU = "131052-308T"

runtime = runtime_fixture(
    "referral-browser", web_secret="ohjausselaimen-salaisuus", public_url=PUBLIC
)
browser = browser_fixture()


@pytest.fixture
def served(runtime: Runtime) -> Iterator[tuple[str, Mailbox]]:
    """The web app with the referral routes and the background jobs sending over SMTP."""
    with smtp_server(Mailbox()) as (mailbox, port):
        settings = runtime.settings.model_copy(
            update={
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "smtp_security": "none",
                "smtp_from": "botti@example.fi",
                "outbox_interval_seconds": 0.2,
            }
        )
        rt = replace(runtime, settings=settings)
        stop = start_background_jobs(rt, settings)
        try:
            with live_server(create_app(rt, extra_routes=[referral_router(rt)])) as url:
                yield url, mailbox
        finally:
            stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = offline_context(browser, locale="fi-FI")
    try:
        yield context.new_page()
    finally:
        context.close()


def referral_rows(runtime: Runtime) -> tuple[list[Referral], list[Outbox]]:
    factory = runtime.ctx.session_factory
    with factory() as s:
        return list(s.query(Referral)), list(
            s.query(Outbox).filter(Outbox.referral_id.is_not(None))
        )


def wait_for_mail(mailbox: Mailbox, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while not mailbox.messages:
        if time.monotonic() > deadline:
            raise AssertionError("the referral e-mail never arrived")
        time.sleep(0.1)
    body = mailbox.messages[0].get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def test_refer_from_a_card_and_the_association_answers_through_its_link(
    served: tuple[str, Mailbox], page: Page, runtime: Runtime
) -> None:
    base, mailbox = served
    page.goto(base + "/")
    page.fill("#question", QUESTION)
    page.keyboard.press("Enter")
    # The card's button, by its accessible name: a link that says it opens a new tab.
    refer = (
        page.locator("article.card.service")
        .get_by_role("link", name="Ohjaa asiakas (avautuu uuteen välilehteen)", exact=True)
        .first
    )
    refer.wait_for(timeout=60_000)
    assert refer.get_attribute("target") == "_blank"
    card_title = refer.locator("xpath=ancestor::article[1]//h3").inner_text()
    with page.context.expect_page() as opened:
        refer.click()
    form = opened.value
    form.wait_for_load_state()
    assert form.title().startswith("Ohjaa asiakas: ")
    service_name = form.inner_text("#service-name")
    assert service_name in card_title  # the card's service ("1. <name>")

    # A henkilötunnus in the need: refused beside the field, nothing stored or sent.
    form.fill("#f-need", f"Asiakas {HETU} haluaa harjoitella suomea.")
    form.check("#f-contact_method-client_phone")
    form.fill("#f-client_contact", "040 123 4567")
    form.check("#f-consent")
    form.click("button[type=submit]")
    form.locator("#error-summary").wait_for(state="visible")
    assert "henkilötunnus" in form.inner_text("#err-need")
    assert form.get_attribute("#f-need", "aria-invalid") == "true"
    assert form.evaluate("document.activeElement.id") == "error-summary"
    assert referral_rows(runtime) == ([], [])

    # Keyboard only from here: the summary's link leads to the field, Tab to the button.
    form.keyboard.press("Tab")
    form.keyboard.press("Enter")
    assert form.evaluate("document.activeElement.id") == "f-need"
    form.keyboard.press("Control+A")
    form.keyboard.type("Haluaa harjoitella suomea muiden kanssa, ilta-ajat sopivat.")
    for _ in range(12):
        form.keyboard.press("Tab")
        if form.evaluate("document.activeElement.type") == "submit":
            break
    form.keyboard.press("Enter")
    form.locator("#referral-done").wait_for(state="visible")
    reference = form.inner_text("#reference")
    assert re.fullmatch(r"OH-\d{4}-\d{6}", reference)
    assert reference in form.inner_text("#receipt")
    assert form.evaluate("document.activeElement.id") == "done-title"

    # The association's e-mail: the need, the phone, and a signed link under the public URL.
    mail = wait_for_mail(mailbox)
    assert reference in mailbox.messages[0]["Subject"]
    assert "ilta-ajat sopivat" in mail and "+358401234567" in mail
    link = re.search(rf"{re.escape(PUBLIC)}(/ohjaus/\S+)", mail)
    assert link, mail
    association = page.context.new_page()  # no login: the link is the key
    association.goto(base + link.group(1))
    assert association.inner_text("#reference") == reference
    assert association.inner_text("#client-contact") == "+358401234567"
    association.check("#status-tavoitettu")
    association.fill("#f-note", "Soitettu, tapaaminen sovittu.")
    association.click("button[type=submit]")
    assert "Vastaus on tallennettu" in association.inner_text("#notice")
    assert association.inner_text("#status") == "Asiakas tavoitettu"
    assert association.locator("#client-contact").count() == 0  # erased on close
    assert association.locator("#answered").is_visible()

    # The professional's own list, in the same browser.
    form.click("#mine-link")
    form.wait_for_load_state()
    row = form.locator("#referrals tbody tr", has_text=reference)
    assert "Asiakas tavoitettu" in row.inner_text()
    assert "Soitettu, tapaaminen sovittu." in row.inner_text()
    [stored], outbox = referral_rows(runtime)
    assert stored.client_contact is None and stored.status == "tavoitettu"
    assert [o.kind for o in outbox] == ["referral_email"]  # web: no chat status message
    # The same link now shows the answer and offers no further choices.
    association.goto(base + link.group(1))
    assert association.locator("input[name=status]").count() == 0


def test_a_forged_link_opens_nothing(served: tuple[str, Mailbox], page: Page) -> None:
    base, _ = served
    response = page.goto(base + "/ohjaus/OH-2026-000001.9999999999.vaarennetty")
    assert response is not None and response.status == 403
    assert "Linkki ei kelpaa" in page.inner_text("#message")
