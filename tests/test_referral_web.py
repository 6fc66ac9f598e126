"""The referral routes over HTTP, on the real app on a live server: the form page, the
JSON API's CSRF check, rate limit and refusals (nothing stored), escaping of what people
typed on the association's page and the professional's list, and the association's link
refused when forged or expired (the service's clock moved, no sleeping).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bot.background.jobs import build_referral_sender
from bot.runtime import Runtime, referrals
from bot.web.app import create_app
from bot.web.referral import referral_router
from handlers.referral.model import ReferralDraft
from store.contact_models import Outbox
from store.referral_models import Referral
from tests.clocks import DateClock
from tests.http_fakes import free_port
from tests.mail_fakes import Mailbox, smtp_server
from tests.runtime_fixtures import (
    knowledge_index_dir,  # noqa: F401  (fixture)
    live_server,
)
from tests.served_runtime import runtime_fixture

PUBLIC = "https://jarjestobotti.example.fi"
runtime = runtime_fixture(
    "referral-web", web_secret="ohjausweb-salaisuus", public_url=PUBLIC,
    referral_rate_limit_per_hour=3,
)  # fmt: skip


@pytest.fixture(scope="module")
def clock() -> DateClock:
    return DateClock(datetime.now(UTC))


@pytest.fixture(scope="module")
def rt(runtime: Runtime, clock: DateClock) -> Runtime:
    """The runtime with its referral service on the test's clock."""
    service = referrals(
        runtime.settings, runtime.ctx.session_factory, lambda: runtime.kb, clock=clock
    )
    return replace(runtime, referrals=service)


@pytest.fixture(scope="module")
def base(rt: Runtime) -> Iterator[str]:
    with live_server(create_app(rt, extra_routes=[referral_router(rt)])) as url:
        yield url


@pytest.fixture
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


def reachable(rt: Runtime) -> str:
    return next(s.id for s in rt.kb.services if rt.referral_service().can_refer(s))


def open_form(client: httpx.Client, service_id: str, lang: str = "fi") -> str:
    page = client.get("/ohjaa", params={"palvelu": service_id, "lang": lang})
    assert page.status_code == 200, page.text
    token = re.search(r'data-token="([^"]+)"', page.text)
    assert token
    return token.group(1)


def body(service_id: str, token: str, **changes: Any) -> dict[str, Any]:
    return {
        "token": token,
        "service_id": service_id,
        "lang": "fi",
        "need": "Tarvitsee seuraa arkeen.",
        "contact_method": "client_contacts",
        "client_contact": "",
        "consent": True,
        **changes,
    }


def count(rt: Runtime) -> int:
    with rt.ctx.session_factory() as s:
        return int(s.scalar(select(func.count()).select_from(Referral)) or 0)


def test_the_form_page_in_swedish_labels_every_field(client: httpx.Client, rt: Runtime) -> None:
    page = client.get("/ohjaa", params={"palvelu": reachable(rt), "lang": "sv"})
    html = page.text
    assert '<html lang="sv">' in html and "<h1>Hänvisa klienten</h1>" in html
    for field in ("f-need", "f-client_contact", "f-consent"):
        assert f'for="{field}"' in html and f'id="{field}"' in html
    assert "<legend>Hur når föreningen klienten?" in html
    assert "Skriv inte personbeteckningen" in html  # the privacy note, in Swedish
    cookies = page.headers.get_list("set-cookie")
    assert all("httponly" in c.lower() and "samesite=lax" in c.lower() for c in cookies)


def test_a_service_the_bot_cannot_reach_says_how_to_contact_it(
    client: httpx.Client, rt: Runtime
) -> None:
    unreachable = next(s for s in rt.kb.services if not rt.referral_service().can_refer(s))
    page = client.get("/ohjaa", params={"palvelu": unreachable.id})
    assert page.status_code == 409
    assert "ei voi vastaanottaa ohjauksia botin kautta" in page.text
    assert client.get("/ohjaa", params={"palvelu": "ei/ole"}).status_code == 404


def test_without_the_forms_token_or_cookie_nothing_is_stored(
    client: httpx.Client, rt: Runtime, base: str
) -> None:
    service_id, before = reachable(rt), count(rt)
    token = open_form(client, service_id)
    stranger = httpx.post(f"{base}/api/referral", json=body(service_id, token), timeout=30)
    assert stranger.status_code == 403 and "vanhentunut" in stranger.json()["error"]
    forged = client.post("/api/referral", json=body(service_id, token[:-2] + "xx"))
    assert forged.status_code == 403
    assert count(rt) == before


def test_refusals_name_the_fields_and_store_nothing(client: httpx.Client, rt: Runtime) -> None:
    service_id, before = reachable(rt), count(rt)
    token = open_form(client, service_id)
    answer = client.post(
        "/api/referral",
        json=body(service_id, token, need="Asiakas 131052-308T", consent=False),
    )
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert set(errors) == {"need", "consent"} and "henkilötunnus" in errors["need"]
    assert count(rt) == before


def test_what_people_typed_is_shown_as_text(client: httpx.Client, rt: Runtime, base: str) -> None:
    service_id = reachable(rt)
    token = open_form(client, service_id)
    need = 'Tarvitsee <script>alert("x")</script> & <b>tukea</b>'
    sent = client.post("/api/referral", json=body(service_id, token, need=need))
    assert sent.status_code == 201, sent.text
    reference = sent.json()["reference"]
    link = rt.referral_service().link(reference)
    assert link.startswith(PUBLIC + "/ohjaus/")
    path = link.removeprefix(PUBLIC)
    page = httpx.get(base + path, timeout=30)
    assert "<script>alert" not in page.text and "<b>tukea" not in page.text
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;tukea&lt;/b&gt;"
        in page.text
    )
    form = re.search(r'name="form" value="([^"]+)"', page.text)
    assert form
    answered = httpx.post(
        base + path,
        data={"form": form.group(1), "status": "ei_sopiva", "note": "<i>Ei</i> tilaa"},
        cookies=page.cookies,
        timeout=30,
    )
    assert answered.status_code == 200 and "Palvelu ei sovi asiakkaalle" in answered.text
    mine = client.get("/ohjaukset")
    assert reference in mine.text and "&lt;i&gt;Ei&lt;/i&gt; tilaa" in mine.text
    assert "<i>Ei</i>" not in mine.text


def test_a_forged_or_expired_link_is_refused(
    client: httpx.Client, rt: Runtime, base: str, clock: DateClock
) -> None:
    service_id = reachable(rt)
    sent = client.post("/api/referral", json=body(service_id, open_form(client, service_id)))
    reference = sent.json()["reference"]
    path = rt.referral_service().link(reference).removeprefix(PUBLIC)
    assert httpx.get(base + path, timeout=30).status_code == 200
    forged = path.replace(reference, "OH-2000-000001")
    assert httpx.get(base + forged, timeout=30).status_code == 403
    clock.advance(timedelta(days=31).total_seconds())
    try:
        expired = httpx.get(base + path, timeout=30)
        assert expired.status_code == 410 and "vanhentunut" in expired.text
    finally:
        clock.advance(-timedelta(days=31).total_seconds())


def test_the_associations_email_waits_for_smtp_and_goes_out_once(
    client: httpx.Client, rt: Runtime, clock: DateClock
) -> None:
    service_id = reachable(rt)
    sent = client.post("/api/referral", json=body(service_id, open_form(client, service_id)))
    reference = sent.json()["reference"]
    port = free_port()
    settings = rt.settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "none"}
    )
    sender = build_referral_sender(rt, settings)
    assert sender is not None
    sender.base_delay = 5.0
    clock.advance(3600)  # earlier tests' e-mails are due too
    sender.run_once(limit=200)  # nothing listens: every e-mail waits with its error
    with rt.ctx.session_factory() as s:
        mine = s.scalars(
            select(Outbox)
            .join(Referral, Referral.id == Outbox.referral_id)
            .where(Referral.reference == reference, Outbox.kind == "referral_email")
        ).one()
        assert mine.status == "pending" and mine.last_error
    with smtp_server(Mailbox(), port=port) as (mailbox, _):
        assert sender.run_once(limit=200) == 0  # not due yet: no sleeping, no resending
        clock.advance(60)
        sender.run_once(limit=200)
        ours = [m for m in mailbox.messages if reference in str(m["Subject"])]
        assert len(ours) == 1
        assert ours[0]["Message-ID"].startswith(f"<jarjestobotti-outbox-{mine.id}.{reference}@")
        clock.advance(3600)
        sender.run_once(limit=200)
        assert len([m for m in mailbox.messages if reference in str(m["Subject"])]) == 1


def test_a_swedish_speaking_association_reads_and_answers_in_swedish(
    rt: Runtime, base: str, clock: DateClock
) -> None:
    draft = ReferralDraft(  # made in Slack: the web API's hourly limit is the test above's
        service_id=reachable(rt),
        need="Kaipaa vertaistukea",
        contact_method="client_contacts",
        client_contact=None,
        consent=True,
        channel="slack",
        professional="U0RUOTSI",
        address={"channel": "U0RUOTSI"},
        idempotency_key="ruotsiksi",
    )
    reference = rt.referral_service().submit(draft).reference
    port = free_port()
    settings = rt.settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "none"}
    )
    sender = build_referral_sender(rt, settings)
    assert sender is not None
    clock.advance(3600)  # earlier tests' e-mails are due too
    with smtp_server(Mailbox(), port=port) as (mailbox, _):
        sender.run_once(limit=200)
        mail = next(m for m in mailbox.messages if reference in str(m["Subject"]))
    assert "Ny klienthänvisning" in str(mail["Subject"])
    text = mail.get_content()
    finnish, swedish = text.split("På svenska")
    assert "Asiakkaan tarve" in finnish and "Klientens behov" in swedish
    link = re.search(r"https://\S+\?lang=sv", swedish)
    assert link and link.group(0).startswith(PUBLIC + "/ohjaus/")

    path = link.group(0).removeprefix(PUBLIC)
    page = httpx.get(base + path, timeout=30)
    assert page.status_code == 200 and 'lang="sv"' in page.text
    assert "Klienten nådd" in page.text and "Klienten nåddes inte" in page.text
    form = re.search(r'name="form" value="([^"]+)"', page.text)
    assert form
    refused = httpx.post(
        base + path,
        data={"form": form.group(1), "status": "tavoitettu", "note": "Matti 131052-308T"},
        cookies=page.cookies,
        timeout=30,
    )
    assert refused.status_code == 400 and "personbeteckning" in refused.text
    answered = httpx.post(
        base + path,
        data={"form": form.group(1), "status": "tavoitettu", "note": ""},
        cookies=page.cookies,
        timeout=30,
    )
    assert answered.status_code == 200 and "Tack!" in answered.text
    with rt.ctx.session_factory() as s:
        row = s.scalars(select(Referral).where(Referral.reference == reference)).one()
        assert row.status == "tavoitettu"


def test_the_api_is_rate_limited_per_address(client: httpx.Client, rt: Runtime) -> None:
    service_id = reachable(rt)
    statuses = [
        client.post(
            "/api/referral", json=body(service_id, open_form(client, service_id))
        ).status_code
        for _ in range(4)
    ]
    assert statuses[-1] == 429
    assert (
        "monta ohjausta"
        in client.post(
            "/api/referral", json=body(service_id, open_form(client, service_id))
        ).json()["error"]
    )
