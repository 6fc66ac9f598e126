"""Referrals in Slack: a card's *Ohjaa asiakas* → the modal → the receipt (the DM's thread,
or from a channel the professional's DM) → the association's channel → its answer through
the signed link → the status where the receipt went, and `/ohjaukset`.

Signed requests go to the real Bolt app of `serve`; the Web API is the local fake
(`tests/fake_slack.py`); the outbox rows are sent by the real `ReferralSender` with the
real Slack client; the association answers through the real referral service's signed
link. Refusals (no consent, a henkilötunnus) come back into the open modal and leave the
referral tables and the outbox empty.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from slack_sdk import WebClient
from sqlalchemy import func, select

from bot.background.referral_notify import ReferralSender, chat_transports
from bot.runtime import Runtime, referrals
from bot.slack.app import slack_surface
from bot.slack.core import Target
from bot.slack.referral import address_of
from bot.slack.referral_view import list_blocks, referral_modal, status_blocks
from bot.web.app import create_app
from bot.web.referral import referral_router
from handlers.referral.model import (
    FormField,
    ReferralDraft,
    ReferralFormView,
    ReferralMessage,
    ReferralView,
)
from store.contact_models import Outbox
from store.db import make_engine, make_session_factory
from store.referral_models import Referral, ReferralStatusChange
from tests import slack_requests
from tests.fake_slack import FakeSlack
from tests.runtime_fixtures import live_server
from tests.served_runtime import runtime_fixture
from tests.slack_requests import SECRET, TOKEN, Slack, buttons, click, mention, posted

fake_slack, knowledge_index_dir = slack_requests.fake_slack, slack_requests.knowledge_index_dir
ASSOCIATION_CHANNEL = "C0LAHTEELLA"
runtime = runtime_fixture(
    "referral-slack",
    public_url="https://botti.example.fi",
    referral_slack_channels={"lahteella-ry": ASSOCIATION_CHANNEL},
)

QUESTION = "Onko Vantaalla vertaisryhmää leskeksi jääneille?"
WIDOWS = "lahteella-ry/leskien-ryhma"
HETU = "131052-308T"
HOSTILE = "Kerho <!channel> & <https://evil.example|klikkaa> *lihava*"


@pytest.fixture
def slack(runtime: Runtime, fake_slack: FakeSlack) -> Iterator[Slack]:
    """`serve`'s app with the Slack routes and the referral pages (the association's link)."""
    settings = runtime.settings.model_copy(
        update={
            "slack_bot_token": TOKEN,
            "slack_signing_secret": SECRET,
            "slack_api_url": fake_slack.url,
        }
    )
    routes = [*slack_surface(settings, runtime).routes, referral_router(runtime)]
    with (
        live_server(create_app(runtime, extra_routes=routes)) as base,
        httpx.Client(base_url=base, timeout=30) as http,
    ):
        yield Slack(http, fake_slack)


def answer_by_link(http: httpx.Client, link: str, status: str, note: str) -> httpx.Response:
    """The association opens its link (no login) and answers with the page's form."""
    path = urlsplit(link).path
    page = http.get(path)
    assert page.status_code == 200, page.text
    form = re.search(r'name="form" value="([^"]+)"', page.text)
    assert form is not None
    return http.post(path, data={"form": form.group(1), "status": status, "note": note})


def counts(runtime: Runtime) -> tuple[int, int, int]:
    """Referrals, their status rows and their outbox rows."""
    with runtime.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(Referral)).scalar_one(),
            conn.execute(select(func.count()).select_from(ReferralStatusChange)).scalar_one(),
            conn.execute(
                select(func.count()).select_from(Outbox).where(Outbox.referral_id.is_not(None))
            ).scalar_one(),
        )


def refer_button(message: dict[str, Any], service_id: str) -> dict[str, Any]:
    return next(
        b
        for b in buttons(message["blocks"])
        if b["action_id"].startswith("jb:refer:") and b.get("value") == service_id
    )


def press_refer(slack: Slack, message: dict[str, Any], service_id: str, **kw: Any) -> None:
    """Press the *Ohjaa asiakas* button of `service_id` on `message`."""
    only = {
        **message,
        "blocks": [{"type": "actions", "elements": [refer_button(message, service_id)]}],
    }
    assert click(slack, only, "jb:refer:", **kw).status_code == 200


def submit(slack: Slack, view: dict[str, Any], view_id: str, **fields: Any) -> httpx.Response:
    """Submit the modal as Slack does, with `fields` filled in (block id → value)."""
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "contact_method":
            values[name] = {"value": {"type": "radio_buttons", "selected_option": {"value": value}}}
        elif name == "consent":
            chosen = [{"value": "on"}] if value else []
            values[name] = {"value": {"type": "checkboxes", "selected_options": chosen}}
        else:
            values[name] = {"value": {"type": "plain_text_input", "value": value}}
    payload = {
        "type": "view_submission",
        "team": {"id": "T0TEAM"},
        "api_app_id": "A0APP",
        "user": {"id": "U0ASK", "username": "kysyja", "name": "kysyja"},
        "view": {**view, "id": view_id, "state": {"values": values}},
    }
    return slack.interaction(payload)


def sender(runtime: Runtime, fake: FakeSlack) -> ReferralSender:
    settings = runtime.settings.model_copy(
        update={"slack_bot_token": TOKEN, "slack_api_url": fake.url}
    )
    return ReferralSender(runtime.referral_service(), chat_transports(settings), base_delay=0.01)


def test_referral_from_a_thread_card_to_the_association_and_back(
    slack: Slack, runtime: Runtime
) -> None:
    root = "1700000100.000100"
    assert slack.event(mention("C0LESKET", root, QUESTION)).status_code == 200
    answer = posted(slack.fake)
    assert answer["thread_ts"] == root
    assert refer_button(answer, WIDOWS)["text"]["text"] == "Ohjaa asiakas"

    press_refer(slack, answer, WIDOWS, channel="C0LESKET")
    opened = slack.fake.wait_for("views.open").params
    assert opened["trigger_id"] == "trig-click"
    view = opened["view"]
    assert view["title"]["text"] == "Ohjaa asiakas"
    inputs = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    assert inputs == ["need", "contact_method", "client_contact", "consent"]
    assert "Lähteellä" in json.dumps(view, ensure_ascii=False)
    assert "hetu" not in inputs and "henkilotunnus" not in inputs
    consent = next(b for b in view["blocks"] if b.get("block_id") == "consent")
    assert consent["label"]["text"].startswith("Asiakas on antanut suostumuksensa")
    assert not consent["label"]["text"].endswith("…")  # the whole statement, not cut

    need = "Leski, 78 v., kaipaa vertaistukea ja seuraa arkeen."
    # Without the client's consent: refused in the open modal, nothing stored.
    refused = submit(
        slack,
        view,
        "V0OHJAUS1",
        need=need,
        contact_method="client_phone",
        client_contact="040 123 4567",
        consent=False,
    )
    assert refused.json()["response_action"] == "errors"
    assert "suostum" in refused.json()["errors"]["consent"]
    # A henkilötunnus in the need: refused with a clear Finnish message, nothing stored.
    hetu = submit(
        slack,
        view,
        "V0OHJAUS1",
        need=f"{need} Hetu {HETU}",
        contact_method="client_phone",
        client_contact="040 123 4567",
        consent=True,
    )
    assert hetu.json()["response_action"] == "errors"
    assert "henkilötunnus" in hetu.json()["errors"]["need"]
    assert counts(runtime) == (0, 0, 0)

    done = submit(
        slack,
        view,
        "V0OHJAUS1",
        need=need,
        contact_method="client_phone",
        client_contact="040 123 4567",
        consent=True,
    )
    assert done.json()["response_action"] == "update"
    with runtime.engine.connect() as conn:
        row = conn.execute(select(Referral)).one()
    assert row.reference.startswith("OH-") and row.channel == "slack"
    assert row.service_id == WIDOWS and "401234567" in (row.client_contact or "")
    assert row.reference in json.dumps(done.json()["view"])
    again = submit(  # the submit pressed twice: the same referral
        slack,
        view,
        "V0OHJAUS1",
        need=need,
        contact_method="client_phone",
        client_contact="040 123 4567",
        consent=True,
    )
    assert again.json()["response_action"] == "update" and counts(runtime)[0] == 1

    # The card was in a channel: the receipt goes to the professional's DM, not the thread.
    receipt = slack.fake.wait_for("chat.postMessage", 2).params
    assert receipt["channel"] == "U0ASK" and not receipt.get("thread_ts")
    assert row.reference in receipt["text"]

    # The outbox: the association's Slack channel gets the referral and its answer link.
    out = sender(runtime, slack.fake)
    assert out.run_once() == 1
    told = slack.fake.wait_for("chat.postMessage", 3).params
    assert told["channel"] == ASSOCIATION_CHANNEL and row.reference in json.dumps(told["blocks"])
    link = next(b["url"] for b in buttons(told["blocks"]) if "url" in b)
    assert link.startswith("https://botti.example.fi/ohjaus/")
    forged = slack.http.get(urlsplit(link).path[:-4] + "AAAA")
    assert forged.status_code == 403 and "Linkki ei kelpaa" in forged.text

    # The association answers through the link: the client was reached, with a note.
    answered = answer_by_link(slack.http, link, "tavoitettu", "Soitimme <b>tänään</b> & sovimme")
    assert answered.status_code == 200 and "Kiitos" in answered.text
    with runtime.engine.connect() as conn:
        assert conn.execute(select(Referral.client_contact)).scalar_one() is None
    assert out.run_once() == 1
    status = slack.fake.wait_for("chat.postMessage", 4).params  # the note is not the channel's
    assert status["channel"] == "U0ASK" and not status.get("thread_ts")
    shown = json.dumps(status["blocks"], ensure_ascii=False)
    assert row.reference in shown and "Asiakas tavoitettu" in shown
    assert "&lt;b&gt;tänään&lt;/b&gt; &amp; sovimme" in shown and "<b>" not in shown
    assert out.run_once() == 0  # nothing more to send

    # `/ohjaukset`: the professional's own list, only they see it.
    assert slack.command("/ohjaukset", "", "C0LESKET", "list1").status_code == 200
    listed = slack.fake.wait_for("response_url:list1").params
    assert listed["response_type"] == "ephemeral"
    shown = json.dumps(listed["blocks"], ensure_ascii=False)
    assert "Omat ohjaukset" in shown and row.reference in shown and "Asiakas tavoitettu" in shown


def test_referral_from_an_ephemeral_answer_goes_to_the_dm(slack: Slack, runtime: Runtime) -> None:
    assert slack.command("/jarjesto", QUESTION, "C0KANAVA", "eph1").status_code == 200
    answer = slack.fake.wait_for("response_url:eph1").params
    press_refer(
        slack, answer, WIDOWS, ephemeral_url=slack.fake.response_url("eph1"), channel="C0KANAVA"
    )
    view = slack.fake.wait_for("views.open").params["view"]
    done = submit(
        slack,
        view,
        "V0OHJAUS2",
        need="Tarvitsee vertaistukea.",
        contact_method="client_contacts",
        consent=True,
    )
    assert done.json()["response_action"] == "update"
    receipt = slack.fake.wait_for("chat.postMessage").params
    assert receipt["channel"] == "U0ASK" and receipt.get("thread_ts") in (None, "")  # the DM
    with runtime.engine.connect() as conn:
        address = (
            conn.execute(select(Referral.professional_address).order_by(Referral.id.desc()))
            .scalars()
            .first()
        )
    assert address == {"channel": "U0ASK"}

    # In English: /ohjaukset en.
    assert slack.command("/ohjaukset", "en", "C0KANAVA", "list2").status_code == 200
    listed = json.dumps(slack.fake.wait_for("response_url:list2").params["blocks"])
    assert "My referrals" in listed and "Sent" in listed


def test_a_service_that_cannot_take_referrals_is_told_privately(slack: Slack) -> None:
    message = {
        "ts": "1700000300.000100",
        "text": "vastaus",
        "blocks": [
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "jb:refer:1",
                        "value": "ei-ole/tallaista-palvelua",
                        "text": {"type": "plain_text", "text": "Ohjaa asiakas"},
                    }
                ],
            }
        ],
    }
    click(slack, message, "jb:refer:", channel="C0LESKET")
    note = slack.fake.wait_for("chat.postEphemeral").params
    assert "Palvelua ei löydy" in note["text"]
    slack.fake.quiet_for(0.3)
    assert slack.fake.calls_of("views.open") == []


def _mrkdwn(blocks: list[dict[str, Any]]) -> str:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn":
                found.append(str(node["text"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(blocks)
    return "\n".join(found)


def test_everything_rendered_is_escaped() -> None:
    """A hostile service or association name and note can't ping a channel or make a link."""
    form = ReferralFormView(
        title="Ohjaa asiakas",
        service_name=HOSTILE,
        organisation=HOSTILE,
        fields=(FormField("need", "Mitä asiakas tarvitsee?", "text", True, max_length=5000),),
        submit_label="Lähetä ohjaus",
        privacy_note=HOSTILE,
    )
    modal = referral_modal(form, "fi", {"service": "x/y"})
    need = next(b for b in modal["blocks"] if b.get("block_id") == "need")
    assert need["element"]["max_length"] == 3000  # Slack's limit
    moment = datetime.fromtimestamp(time.time(), UTC)
    view = ReferralView(
        "OH-2026-000001", HOSTILE, HOSTILE, "tavoitettu", HOSTILE, moment, moment, HOSTILE, True
    )
    message = ReferralMessage(
        reference="OH-2026-000001",
        language="fi",
        service_name=HOSTILE,
        organisation=HOSTILE,
        status="tavoitettu",
        status_label=HOSTILE,
        note=HOSTILE,
        channel="slack",
        address={},
        recipient_email=None,
        slack_channel=None,
        link="https://botti.example.fi/ohjaus/x",
        subject=HOSTILE,
        text=HOSTILE,
    )
    text, status = status_blocks(message)
    for shown in (
        _mrkdwn(modal["blocks"]),
        _mrkdwn(list_blocks([view], "fi", 20)),
        _mrkdwn(status),
        text,
    ):
        assert "<!channel>" not in shown and "<https://evil" not in shown
        assert "&lt;!channel&gt; &amp; &lt;https://evil.example|klikkaa&gt;" in shown


def _referral(runtime: Runtime, key: str) -> str:
    """A referral made in Slack through the service, as the modal makes it; its reference."""
    receipt = runtime.referral_service().submit(
        ReferralDraft(
            service_id=WIDOWS,
            need="Tarvitsee vertaistukea.",
            contact_method="through_me",
            client_contact=None,
            consent=True,
            channel="slack",
            professional="U0MUU",
            address={"channel": "C0LESKET", "thread_ts": "1700000500.000100"},
            idempotency_key=key,
        )
    )
    return receipt.reference


def _association_rows(runtime: Runtime, reference: str) -> list[Any]:
    with runtime.engine.connect() as conn:
        return list(
            conn.execute(
                select(Outbox.status, Outbox.last_error, Outbox.next_attempt_at)
                .join(Referral, Referral.id == Outbox.referral_id)
                .where(Referral.reference == reference, Outbox.kind == "referral_slack")
            ).all()
        )


def posts_of(fake: FakeSlack, reference: str) -> list[Any]:
    """Messages posted to the association's channel about `reference`."""
    return [
        c
        for c in fake.calls_of("chat.postMessage")
        if c.params["channel"] == ASSOCIATION_CHANNEL and reference in json.dumps(c.params)
    ]


def test_a_send_whose_outcome_is_unknown_is_not_posted_twice(
    runtime: Runtime, fake_slack: FakeSlack
) -> None:
    """The process died after posting to the association's channel, before recording it:
    the row comes back `unsure`, and the message found in the channel (by its key) counts."""
    reference = _referral(runtime, "slack-view:V0KAATUI")
    settings = runtime.settings.model_copy(
        update={"slack_bot_token": TOKEN, "slack_api_url": fake_slack.url}
    )
    transports = chat_transports(settings)
    service = runtime.referral_service()
    [item] = [  # claimed with a lease that has already run out
        i
        for i in service.claim_due(["referral_slack"], lease=timedelta(0))
        if i.message.reference == reference
    ]
    transports["referral_slack"](item)  # posted; then the process "died"
    assert len(posts_of(fake_slack, reference)) == 1

    out = ReferralSender(service, transports, base_delay=0.01)
    out.run_once()  # this row recorded as sent (others of the module's runtime may go too)…
    assert len(posts_of(fake_slack, reference)) == 1  # …without a second post
    history = fake_slack.calls_of("conversations.history")
    assert history and history[0].params["channel"] == ASSOCIATION_CHANNEL
    assert [row.status for row in _association_rows(runtime, reference)] == ["sent"]


def test_slack_rate_limit_waits_as_long_as_slack_asks(
    runtime: Runtime, fake_slack: FakeSlack
) -> None:
    settings = runtime.settings.model_copy(
        update={"slack_bot_token": TOKEN, "slack_api_url": fake_slack.url}
    )
    out = ReferralSender(runtime.referral_service(), chat_transports(settings), base_delay=0.01)
    while out.run_once():  # whatever earlier tests left due goes first
        pass
    reference = _referral(runtime, "slack-view:V0KIIRE")
    fake_slack.fail_next("chat.postMessage", 429, retry_after=120)
    before = datetime.now(UTC)
    out.run_once()
    [row] = _association_rows(runtime, reference)
    assert row.status == "pending" and "429" in row.last_error
    retry_at = row.next_attempt_at.replace(tzinfo=row.next_attempt_at.tzinfo or UTC)
    assert retry_at >= before + timedelta(seconds=119)  # not the 0.01 s backoff
    assert posts_of(fake_slack, reference) == []  # it did not go out


def test_the_modal_speaks_the_questions_language(slack: Slack) -> None:
    root = "1700000700.000100"
    question = "Finns det kamratstöd för änkor i Vanda?"
    assert slack.event(mention("C0SVENSKA", root, question)).status_code == 200
    answer = posted(slack.fake)
    [refer, *_] = [b for b in buttons(answer["blocks"]) if b["action_id"].startswith("jb:refer:")]
    assert refer["text"]["text"] == "Hänvisa klienten"
    press_refer(slack, answer, refer["value"], channel="C0SVENSKA")
    view = slack.fake.wait_for("views.open").params["view"]
    assert view["title"]["text"] == "Hänvisa klienten" and view["close"]["text"] == "Avbryt"
    consent = next(b for b in view["blocks"] if b.get("block_id") == "consent")
    assert consent["element"]["options"][0]["text"]["text"] == "Jag bekräftar"
    refused = submit(slack, view, "V0SVENSKA", need=f"Behöver stöd {HETU}", consent=True)
    assert "personbeteckning" in json.dumps(refused.json()["errors"], ensure_ascii=False)


def test_a_database_that_fails_keeps_the_modal_open(
    runtime: Runtime, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    """The referral can't be written (here: a database without its tables): the modal stays
    open with what was typed and says so; nothing is posted as if it had been sent."""
    engine = make_engine(f"sqlite:///{tmp_path / 'rikki.db'}")
    broken = dataclasses.replace(
        runtime,
        referrals=referrals(runtime.settings, make_session_factory(engine), lambda: runtime.kb),
    )
    settings = runtime.settings.model_copy(
        update={
            "slack_bot_token": TOKEN,
            "slack_signing_secret": SECRET,
            "slack_api_url": fake_slack.url,
        }
    )
    routes = slack_surface(settings, broken).routes
    with (
        live_server(create_app(broken, extra_routes=routes)) as base,
        httpx.Client(base_url=base, timeout=30) as http,
    ):
        slack = Slack(http, fake_slack)
        message = {
            "ts": "1700000900.000100",
            "text": "vastaus",
            "blocks": [
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "action_id": "jb:refer:1",
                            "value": WIDOWS,
                            "text": {"type": "plain_text", "text": "Ohjaa asiakas"},
                        }
                    ],
                }
            ],
        }
        click(slack, message, "jb:refer:", channel="C0RIKKI")
        view = fake_slack.wait_for("views.open").params["view"]  # the form needs no database
        failed = submit(
            slack,
            view,
            "V0RIKKI",
            need="Tarvitsee tukea.",
            contact_method="through_me",
            consent=True,
        )
        assert failed.json()["response_action"] == "errors"
        assert "Ohjausta ei voitu lähettää juuri nyt" in failed.json()["errors"]["need"]
        fake_slack.quiet_for(0.5)
        assert fake_slack.calls_of("chat.postMessage") == []
    engine.dispose()


def test_receipts_stay_in_a_direct_messages_thread_and_leave_a_channel() -> None:
    client = WebClient(token=TOKEN, base_url="http://127.0.0.1:9/")  # never called
    in_dm = Target(client, "D0DIREKTI", "U0ASK", "1700000900.000100")
    in_channel = Target(client, "C0LESKET", "U0ASK", "1700000900.000100")
    assert address_of(in_dm) == {"channel": "D0DIREKTI", "thread_ts": "1700000900.000100"}
    assert address_of(in_channel) == {"channel": "U0ASK"}
