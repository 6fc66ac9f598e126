"""Referrals in Teams: a card's *Ohjaa asiakas* → the Adaptive Card form → `Action.Submit`
→ the receipt card; the association's answer through the signed link reaches the same chat
(or channel thread) as a proactive message; "omat ohjaukset" lists one's own referrals.

Activities go to the real `/api/messages` of `serve`'s app; replies, and the proactive
status message the real `ReferralSender` sends with the stored conversation reference, go
through the Agents SDK's connector client to the fake connector (`tests/fake_connector.py`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from microsoft_agents.hosting.core.authorization.jwt import JwtTokenValidator
from sqlalchemy import func, select

from bot.background.referral_notify import ReferralSender, chat_transports
from bot.runtime import Runtime
from bot.teams.app import TeamsBot, teams_router, teams_surface
from bot.teams.referral import form_card, list_card, list_language
from bot.teams.texts import TEXTS
from bot.web.app import create_app
from handlers.referral.model import FormField, ReferralFormView, ReferralView
from store.contact_models import Outbox
from store.referral_models import Referral, ReferralStatusChange
from tests import fake_connector, runtime_fixtures
from tests.fake_connector import FakeConnector, Sent
from tests.runtime_fixtures import live_server
from tests.served_runtime import runtime_fixture
from tests.test_teams import BOT, USER, Teams, _serve, actions, submit_data, text_of
from tests.test_teams_auth import APP_ID, ENTRA, KEY, KEYS_PATH, TEAMS_URL, TENANT
from tests.tls_fakes import https_sites

connector, knowledge_index_dir = fake_connector.connector, runtime_fixtures.knowledge_index_dir
runtime = runtime_fixture("referral-teams", public_url="https://botti.example.fi")

QUESTION = "Onko Vantaalla vertaisryhmää leskeksi jääneille?"
WIDOWS = "lahteella-ry/leskien-ryhma"
HETU = "131052-308T"
NEED = "Leski, 78 v., kaipaa vertaistukea."


@pytest.fixture
def teams(runtime: Runtime, connector: FakeConnector) -> Iterator[Teams]:
    settings = runtime.settings.model_copy(update={"teams_allow_anonymous": True})
    surface = teams_surface(settings, runtime)
    assert surface.bot is not None
    yield from _serve(surface.bot, connector)


def counts(runtime: Runtime) -> tuple[int, int, int]:
    with runtime.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(Referral)).scalar_one(),
            conn.execute(select(func.count()).select_from(ReferralStatusChange)).scalar_one(),
            conn.execute(
                select(func.count()).select_from(Outbox).where(Outbox.referral_id.is_not(None))
            ).scalar_one(),
        )


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every input of a card by id."""
    found: dict[str, dict[str, Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if str(node.get("type", "")).startswith("Input."):
                found[str(node["id"])] = node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


def refer_data(card: dict[str, Any], service_id: str) -> dict[str, Any]:
    return next(
        a["data"]
        for a in actions(card)
        if a.get("data", {}).get("action") == "refer" and a["data"].get("value") == service_id
    )


def filled(form: Sent, **values: str) -> dict[str, Any]:
    """What Teams sends for the form's submit: the button's data and the inputs' values."""
    return {**submit_data(form.card, "referral_submit"), **values}


def sender(runtime: Runtime) -> ReferralSender:
    settings = runtime.settings.model_copy(update={"teams_allow_anonymous": True})
    return ReferralSender(runtime.referral_service(), chat_transports(settings), base_delay=0.01)


def test_referral_from_a_personal_chat_card_and_its_status(teams: Teams, runtime: Runtime) -> None:
    chat = "a:referral-1"
    teams.say(chat, QUESTION)
    [answer] = teams.fake.wait_for_messages()
    press = refer_data(answer.card, WIDOWS)
    assert any(a.get("title") == "Ohjaa asiakas" for a in actions(answer.card))

    teams.press(chat, press, answer.id)
    form = teams.fake.wait_for_messages(2)[1]
    fields = inputs(form.card)
    assert list(fields) == ["need", "contact_method", "client_contact", "consent"]
    assert fields["consent"]["type"] == "Input.Toggle" and fields["need"]["isRequired"] is True
    assert "Lähteellä" in text_of(form)

    # No consent: the same form again, the message under the consent, what was typed kept.
    teams.press(
        chat,
        filled(
            form,
            need=NEED,
            contact_method="client_email",
            client_contact="asiakas@example.fi",
            consent="false",
        ),
        form.id,
    )
    refused = teams.fake.wait_for_messages(3)[2]
    again = inputs(refused.card)
    assert "suostum" in again["consent"]["errorMessage"] and again["need"]["value"] == NEED
    # A henkilötunnus in the need: refused, in Finnish, nothing stored.
    teams.press(
        chat,
        filled(
            form,
            need=f"{NEED} {HETU}",
            contact_method="client_email",
            client_contact="asiakas@example.fi",
            consent="true",
        ),
        form.id,
    )
    hetu = teams.fake.wait_for_messages(4)[3]
    assert "henkilötunnus" in inputs(hetu.card)["need"]["errorMessage"]
    assert HETU not in json.dumps(inputs(hetu.card)["need"].get("errorMessage"))
    assert counts(runtime) == (0, 0, 0)

    data = filled(
        form,
        need=NEED,
        contact_method="client_email",
        client_contact="asiakas@example.fi",
        consent="true",
    )
    teams.press(chat, data, form.id)
    receipt = teams.fake.wait_for_messages(5)[4]
    with runtime.engine.connect() as conn:
        row = conn.execute(select(Referral)).one()
    assert row.channel == "teams" and row.reference in text_of(receipt)
    stored = row.professional_address["conversation_reference"]
    assert stored["conversation"]["id"] == chat and stored["serviceUrl"] == teams.fake.url
    teams.press(chat, data, form.id)  # the same card's button again: the same referral
    teams.fake.wait_for_messages(6)
    assert counts(runtime)[0] == 1

    # The association answers through its link: the professional hears of it in this chat.
    out = sender(runtime)
    assert out.run_once() == 0  # only the association's e-mail is queued: not chat's to send
    service = runtime.referral_service()
    token = service.link(row.reference).rsplit("/", 1)[1]
    service.answer(token, "vastaanotettu", None)
    assert out.run_once() == 1
    received = teams.fake.wait_for_messages(7)[6]
    assert received.conversation == chat and "Vastaanotettu" in received.body["text"]
    service.answer(token, "ei_sopiva", "Ryhmä on täynnä *kevääseen* asti")
    assert out.run_once() == 1  # the same sender again (a new event loop per send)
    status = teams.fake.wait_for_messages(8)[7]
    assert status.conversation == chat and status.reply_to is None  # a message of its own
    assert status.body["textFormat"] == "plain" and row.reference in status.body["text"]
    assert "Palvelu ei sovi asiakkaalle" in status.body["text"]
    assert "Ryhmä on täynnä *kevääseen* asti" in status.body["text"]  # shown as typed
    with runtime.engine.connect() as conn:
        assert conn.execute(select(Referral.client_contact)).scalar_one() is None

    # "omat ohjaukset": the user's own referrals.
    teams.say(chat, "omat ohjaukset")
    mine = teams.fake.wait_for_messages(9)[8]
    assert "Omat ohjaukset" in text_of(mine) and row.reference in text_of(mine)
    assert "Palvelu ei sovi asiakkaalle" in text_of(mine)


def test_referral_from_a_channel_goes_on_in_the_personal_chat(
    teams: Teams, runtime: Runtime
) -> None:
    """What the professional types about a client never reaches the channel: the form opens
    in their personal chat with the bot, and the receipt and status changes come there."""
    root = "1700000000555"
    thread = f"19:kanava@thread.tacv2;messageid={root}"
    at = {"type": "mention", "text": "<at>Järjestöbotti</at>", "mentioned": BOT}
    teams.say(thread, f"<at>Järjestöbotti</at> {QUESTION}", "channel", id=root, entities=[at])
    [answer] = teams.fake.wait_for_messages()
    teams.press(thread, refer_data(answer.card, WIDOWS), answer.id, "channel")
    first, second = teams.fake.wait_for_messages(3)[1:]
    [note] = [m for m in (first, second) if m.conversation == thread]
    [form] = [m for m in (first, second) if m.conversation != thread]
    assert "henkilökohtaiseen keskusteluusi" in note.body["text"]
    personal = f"a:{USER['id']}"
    assert form.conversation == personal and "need" in inputs(form.card)
    [created] = teams.fake.created
    assert created["members"] == [{"id": USER["id"]}] and created["tenantId"] == "tenant-1"

    phone = "040 765 4321"
    teams.press(
        personal,
        filled(
            form, need=NEED, contact_method="client_phone", client_contact=phone, consent="false"
        ),
        form.id,
    )
    refused = teams.fake.wait_for_messages(4)[3]
    assert (
        refused.conversation == personal
        and inputs(refused.card)["client_contact"]["value"] == phone
    )
    teams.press(
        personal,
        filled(
            form, need=NEED, contact_method="client_phone", client_contact=phone, consent="true"
        ),
        form.id,
    )
    receipt = teams.fake.wait_for_messages(5)[4]
    assert receipt.conversation == personal and "OH-" in text_of(receipt)
    in_channel = [text_of(m) for m in teams.fake.messages() if m.conversation == thread]
    assert not any(phone in t or NEED in t for t in in_channel)

    with runtime.engine.connect() as conn:
        reference = (
            conn.execute(select(Referral.reference).order_by(Referral.id.desc())).scalars().first()
        )
    assert reference is not None
    out = sender(runtime)
    out.run_once()
    service = runtime.referral_service()
    service.answer(service.link(reference).rsplit("/", 1)[1], "vastaanotettu", None)
    assert out.run_once() == 1
    status = teams.fake.wait_for_messages(6)[5]
    assert status.conversation == personal and reference in status.body["text"]
    assert "Vastaanotettu" in status.body["text"]


def test_my_referrals_in_swedish_and_english(teams: Teams) -> None:
    assert list_language("omat ohjaukset") == "fi"
    assert list_language("Mina hänvisningar") == "sv"
    assert list_language("my referrals") == "en"
    assert list_language("omat ohjaukset ja muut asiat Keravalla") is None
    # The app package's command (what Teams offers in the compose box) is understood.
    for lang in ("fi", "sv", "en"):
        assert list_language(TEXTS.get("command.referrals.title", lang)) == lang
    someone: dict[str, Any] = {"from": {"id": "29:toinen", "aadObjectId": "0000-toinen"}}
    assert someone["from"]["aadObjectId"] != USER["aadObjectId"]
    teams.say("a:referral-3", "my referrals", **someone)
    [mine] = teams.fake.wait_for_messages()
    assert "My referrals" in text_of(mine) and "no referrals yet" in text_of(mine)
    teams.say("a:referral-3", "Mina hänvisningar", **someone)
    swedish = teams.fake.wait_for_messages(2)[1]
    assert "Mina hänvisningar" in text_of(swedish)


HOSTILE = "Kerho **lihava** [klikkaa](https://evil.example) <b>&amp;"


def _texts(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every element that shows text: TextBlocks (Markdown) and TextRuns (plain)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("TextBlock", "TextRun"):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


def test_cards_show_hostile_text_as_typed() -> None:
    """Service, association and note texts go only into TextRuns (no Markdown) and input
    labels, so nothing in them becomes a link or formatting."""
    form = ReferralFormView(
        title="Ohjaa asiakas",
        service_name=HOSTILE,
        organisation=HOSTILE,
        fields=(FormField("need", HOSTILE, "text", True, max_length=2000, hint=HOSTILE),),
        submit_label="Lähetä ohjaus",
        privacy_note=HOSTILE,
    )
    moment = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    view = ReferralView(
        "OH-2026-000009", HOSTILE, HOSTILE, "tavoitettu", HOSTILE, moment, moment, HOSTILE, True
    )
    for card in (form_card(form, "x/y", "fi"), list_card([view], "fi")):
        shown = _texts(card)
        assert all(e["type"] == "TextRun" for e in shown)
        assert any(HOSTILE in e["text"] for e in shown)


AUTH_CHAT = "a:auth-ref"


@pytest.fixture
def signed_teams(runtime: Runtime, tmp_path: Path) -> Iterator[httpx.Client]:
    """`/api/messages` with authentication on (the bot's Entra credentials set): Microsoft's
    keys and Entra are fakes behind a local HTTPS proxy, as in `tests/test_teams_auth.py`.
    (The SDK's connector client ignores proxies, so the replies themselves can't reach a
    fake here; the anonymous tests above follow them.)"""
    sites: dict[str, dict[str, Any]] = {
        "login.botframework.com": {KEYS_PATH: {"keys": [KEY.jwk()]}},
        "login.microsoftonline.com": ENTRA,
    }
    with https_sites(tmp_path, sites) as site, pytest.MonkeyPatch.context() as mp:
        for name in ("https_proxy", "HTTPS_PROXY"):
            mp.setenv(name, site.proxy_url)
        for name in ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"):
            mp.setenv(name, str(site.ca_file))
        mp.setenv("no_proxy", "127.0.0.1,localhost")
        credentials = {
            "teams_app_id": APP_ID,
            "teams_app_password": "salaisuus",
            "teams_tenant_id": TENANT,
        }
        settings = runtime.settings.model_copy(update=credentials)
        app = create_app(runtime, extra_routes=[teams_router(TeamsBot(runtime, settings))])
        with (
            live_server(app) as base,
            httpx.Client(base_url=base, timeout=30, trust_env=False) as c,
        ):
            yield c
        JwtTokenValidator._jwk_client_manager._cache.clear()  # forget the test key


def _stored(runtime: Runtime, need: str, wait: float) -> Any:
    deadline = time.monotonic() + wait
    while True:
        with runtime.engine.connect() as conn:
            row = conn.execute(select(Referral).where(Referral.need == need)).first()
        if row is not None or time.monotonic() >= deadline:
            return row
        time.sleep(0.1)


def test_a_submit_needs_a_valid_bot_framework_token(
    signed_teams: httpx.Client, runtime: Runtime
) -> None:
    def submit(need: str, activity_id: str) -> dict[str, Any]:
        data = {
            "action": "referral_submit",
            "value": f"lomake-{activity_id}",
            "service": WIDOWS,
            "lang": "fi",
            "need": need,
            "contact_method": "client_contacts",
            "consent": "true",
        }
        return {
            "type": "message",
            "id": activity_id,
            "channelId": "msteams",
            "serviceUrl": TEAMS_URL,
            "from": {"id": "29:auth", "aadObjectId": "0000-auth"},
            "recipient": {"id": f"28:{APP_ID}"},
            "conversation": {"id": AUTH_CHAT, "conversationType": "personal", "tenantId": TENANT},
            "replyToId": f"kortti-{activity_id}",
            "value": data,
        }

    unsigned = "Allekirjoittamaton ohjaus, ei tallenneta."
    assert signed_teams.post("/api/messages", json=submit(unsigned, "auth-0")).status_code == 401
    forged = {"Authorization": f"Bearer {KEY.token(aud='toisen-botin-id')}"}
    refused = signed_teams.post("/api/messages", json=submit(unsigned, "auth-1"), headers=forged)
    assert refused.status_code == 401
    signed = {"Authorization": f"Bearer {KEY.token(serviceurl=TEAMS_URL)}"}
    accepted = signed_teams.post(
        "/api/messages", json=submit(NEED + " (auth)", "auth-2"), headers=signed
    )
    assert accepted.status_code in (200, 202)
    row = _stored(runtime, NEED + " (auth)", wait=15)
    assert row is not None and row.channel == "teams"
    reference = row.professional_address["conversation_reference"]
    assert reference["serviceUrl"] == TEAMS_URL and reference["conversation"]["id"] == AUTH_CHAT
    assert _stored(runtime, unsigned, wait=0) is None
