"""WCAG 2.1 A and AA with axe-core (the real npm package, `tests/node`) in Chromium, on every
page and state a person meets: the web chat, the contact form in fi/sv/en, the referral
form and list in fi/sv/en and the association's answer page, the coordinators' pages.
Each test lists every violation (rule, elements) of every state."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.admin.contacts import admin_router
from bot.admin.report import admin_report_router
from bot.admin.status import admin_status_router
from bot.runtime import Runtime
from bot.web.app import create_app
from bot.web.contact import contact_routes
from bot.web.referral import referral_router
from bot.web.security import Signer
from handlers.labels import label
from tests.browser import browser_fixture, offline_context
from tests.contact_helpers import contact_form
from tests.runtime_fixtures import ROOT, live_server
from tests.served_runtime import runtime_fixture

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "node" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "saavutettava-salasana-42"
QUESTION = "Onko Vantaalla vertaisryhmää leskeksi jääneille?"
NOTHING_FITS = "Asiakas haluaa oppia lentämään avaruusaluksella Jupiteriin"  # nothing near
ANSWER_WAIT = 30_000  # ms: a search on a busy two-core machine

runtime = runtime_fixture("a11y", web_secret="saavutettavuustestin-salaisuus")
browser = browser_fixture()


@pytest.fixture(scope="module")
def base(runtime: Runtime) -> Iterator[str]:
    """`serve`'s web app: chat, contact form, coordinators' pages; one coordinator and one
    contact request in the database."""
    runtime.contact_requests().accounts.add("liisa", PASSWORD)
    form = contact_form("Keravan Kuoro ry", "tapahtuma-tai-tiedote", "Konsertti 12.9.")
    runtime.contact_requests().create(form, channel="web", idempotency_key="a11y")
    signer = Signer(runtime.settings.web_secret)
    routes = [
        admin_status_router(runtime, None, signer=signer),
        admin_report_router(runtime, signer=signer),
        admin_router(runtime, signer=signer),
        *contact_routes(runtime),
        referral_router(runtime),
    ]
    with live_server(create_app(runtime, extra_routes=routes)) as url:
        yield url


@pytest.fixture
def page(browser: Browser, base: str) -> Iterator[Page]:
    context = offline_context(browser, viewport={"width": 1100, "height": 900}, locale="fi-FI")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


class Audit:
    """axe-core on the page as it is now; violations kept per state."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.found: dict[str, list[str]] = {}
        if not AXE.is_file():
            pytest.fail("tests/node has no axe-core: run scripts/test-services.sh (npm ci)")

    def __call__(self, state: str) -> None:
        # The pages' CSP allows no inline or foreign script: axe goes in as the browser's own.
        self.page.evaluate(Path(AXE).read_text(encoding="utf-8") + "\n;0")
        result: dict[str, Any] = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            WCAG,
        )
        self.found[state] = [
            f"{v['id']} ({v['impact']}): {v['help']} – "
            + "; ".join(" ".join(n["target"]) for n in v["nodes"])
            for v in result["violations"]
        ]

    def check(self) -> None:
        failing = {state: found for state, found in self.found.items() if found}
        assert failing == {}, "\n".join(
            f"{state}:\n  " + "\n  ".join(found) for state, found in failing.items()
        )


def ask(page: Page, text: str) -> None:
    page.get_by_label("Kysymys", exact=True).fill(text)
    page.get_by_label("Kysymys", exact=True).press("Enter")


def test_the_audit_finds_what_it_should(page: Page, base: str) -> None:
    """axe really runs on our pages (and CSP does not stop it): a field without a label."""
    audit = Audit(page)
    page.goto(base)
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    audit("nimetön kenttä")
    assert [found.split(" ")[0] for found in audit.found["nimetön kenttä"]] == ["label"]


def test_web_chat_states(page: Page, base: str) -> None:
    audit = Audit(page)
    page.goto(base)
    expect(page.get_by_role("button", name=re.compile("Velkaneuvontaa"))).to_be_visible()
    audit("tyhjä keskustelu")

    ask(page, NOTHING_FITS)  # first: a question later would refine the earlier one
    nothing = page.locator(".msg.bot").nth(1)
    expect(nothing).to_contain_text(label("fit_none", "fi"), timeout=ANSWER_WAIT)
    expect(nothing.locator("article.service")).to_have_count(0)
    audit("ei sopivaa palvelua")

    ask(page, QUESTION)
    answer = page.locator(".msg.bot").filter(has=page.locator("article.service"))
    widows = answer.get_by_role("heading", name=re.compile("Leskien vertaisryhmä"))
    expect(widows).to_be_visible(timeout=ANSWER_WAIT)
    audit("vastaus korteilla")

    answer.get_by_role("button", name=re.compile("👍")).click()
    expect(page.get_by_label("Kommentti (valinnainen)")).to_be_visible()
    audit("palautelomake auki")

    page.get_by_role("button", name="Lähetä palaute").click()
    expect(page.get_by_text("Kiitos palautteesta!")).to_be_visible()
    audit("palaute lähetetty")
    audit.check()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_contact_form_states(page: Page, base: str, lang: str) -> None:
    audit = Audit(page)
    page.goto(f"{base}/yhteydenotto?lang={lang}")
    audit("tyhjä lomake")

    page.locator("form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    audit("virheet")

    page.fill("#f-organisation", "Keravan Kuoro ry")
    page.fill("#f-contact_person", "Maija Mehiläinen")
    page.fill("#f-email", "maija@example.fi")
    page.select_option("#f-topic", index=1)
    page.fill("#f-message", "Konsertti 12.9., voisiko siitä kertoa uutiskirjeessä?")
    page.check("#f-consent")
    page.locator("form button[type=submit]").click()
    expect(page.locator("#reference")).to_have_text(re.compile(r"^YT-\d{4}-\d{6}$"))
    audit("lähetetty")
    audit.check()


def test_coordinator_pages(page: Page, base: str) -> None:
    audit = Audit(page)
    page.goto(f"{base}/admin/yhteydenotot")
    audit("kirjautuminen")
    page.fill("#username", "liisa")
    page.fill("#password", "väärä-salasana")
    page.get_by_role("button", name="Kirjaudu").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit("kirjautuminen, väärä salasana")

    page.fill("#username", "liisa")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Kirjaudu").click()
    request = page.get_by_role("link", name=re.compile(r"YT-\d{4}-\d{6}")).first
    expect(request).to_be_visible()
    audit("lista")

    request.click()
    expect(page.get_by_role("heading", name=re.compile(r"YT-\d{4}-\d{6}"))).to_be_visible()
    audit("yhteydenotto")

    for path, title in (("/admin/tila", "Tietopohjan tila"),
                        ("/admin/sisalto", "Sisällön terveysraportti"),
                        ("/admin/raportti", "Neuvottelukunnan raportti"),
                        ("/admin/tarpeet", "Täyttymättömät tarpeet")):  # fmt: skip
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
        audit(title)
    audit.check()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_referral_form_and_list_states(page: Page, base: str, runtime: Runtime, lang: str) -> None:
    service = next(s for s in runtime.kb.services if runtime.referral_service().can_refer(s))
    audit = Audit(page)
    page.goto(f"{base}/ohjaa?palvelu={service.id}&lang={lang}")
    expect(page.locator("#referral-form")).to_be_visible()
    audit("tyhjä ohjauslomake")

    page.locator("#referral-form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#err-consent")).to_be_visible()
    audit("ohjauksen virheet")

    page.fill("#f-need", "Tarvitsee vertaistukea arkeen.")
    page.check("#f-contact_method-client_contacts")
    page.check("#f-consent")
    page.locator("#referral-form button[type=submit]").click()
    expect(page.locator("#reference")).to_have_text(re.compile(r"^OH-\d{4}-\d{6}$"))
    audit("ohjaus lähetetty")

    page.goto(f"{base}/ohjaukset?lang={lang}")
    expect(page.locator("#referrals")).to_be_visible()
    audit("omat ohjaukset")
    audit.check()


def test_referral_answer_page_states(page: Page, base: str, runtime: Runtime) -> None:
    from handlers.referral.model import ReferralDraft

    refs = runtime.referral_service()
    service = next(s for s in runtime.kb.services if refs.can_refer(s))
    receipt = refs.submit(
        ReferralDraft(
            service.id, "Tarvitsee keskusteluapua.", "client_phone", "040 123 4567", True,
            "web", "a11y-ammattilainen", {}, "a11y-vastaus", "fi",
        )
    )  # fmt: skip
    path = refs.link(receipt.reference).split("/ohjaus/", 1)[1]
    audit = Audit(page)
    page.goto(f"{base}/ohjaus/{path}")
    expect(page.locator("#reference")).to_have_text(receipt.reference)
    audit("järjestön vastaussivu")

    page.check("#status-tavoitettu")
    page.fill("#f-note", "Asiakas 131052-308T tavoitettu")
    page.locator("form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    audit("vastauksen virhe")

    page.check("#status-tavoitettu")
    page.fill("#f-note", "")
    page.locator("form button[type=submit]").click()
    expect(page.locator("#answered")).to_be_visible()
    audit("vastattu")

    page.goto(f"{base}/ohjaus/OH-2026-000001.1.vaarennetty")
    expect(page.locator("#message")).to_be_visible()
    audit("väärä linkki")

    page.goto(f"{base}/ohjaukset?lang=fi")
    expect(page.locator("#empty")).to_be_visible()  # a fresh browser has made none
    audit("ei ohjauksia")
    audit.check()
