"""Teams: the real agent application (Microsoft 365 Agents SDK) inside the `serve` app.

Activities are posted over HTTP to `/api/messages` as Azure Bot Service posts
them; their `serviceUrl` is a fake Bot Framework connector on a localhost port
that records every reply the SDK's connector client sends. Anonymous dev mode
is used where a request must get through (a real Bot Framework token can't be
minted offline); with authentication on, requests without a valid token are
refused before the bot sees them.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bot.runtime import Runtime
from bot.teams.app import TeamsBot, teams_router, teams_surface
from bot.teams.config import check_teams_settings
from bot.web.app import create_app
from index.errors import ConfigError
from index.knowledge.model import pick
from store.contact_models import ContactRequest
from store.models import Feedback, QueryLog
from tests import fake_connector, runtime_fixtures
from tests.fake_connector import FakeConnector, Sent
from tests.runtime_fixtures import live_server
from tests.served_runtime import runtime_fixture

connector, knowledge_index_dir = fake_connector.connector, runtime_fixtures.knowledge_index_dir

QUESTION = "Onko Vantaalla vertaisryhmää leskeksi jääneille?"
WIDOWS = "lahteella-ry/leskien-ryhma"
BOT = {"id": "28:jarjestobotti", "name": "Järjestöbotti"}
USER = {"id": "29:kysyja", "name": "Kysyjä", "aadObjectId": "0000-kysyja"}
_ids = itertools.count(1)


runtime = runtime_fixture("teams")


class Teams:
    """Posts Activities to the running app and reads what reached the fake connector."""

    def __init__(self, http: httpx.Client, fake: FakeConnector) -> None:
        self.http, self.fake = http, fake

    def activity(self, conversation: str, kind: str = "personal", **fields: Any) -> dict[str, Any]:
        return {
            "type": "message",
            "id": f"act-{next(_ids)}",
            "channelId": "msteams",
            "serviceUrl": self.fake.url,
            "from": USER,
            "recipient": BOT,
            "locale": "fi-FI",
            "conversation": {"id": conversation, "conversationType": kind, "tenantId": "tenant-1"},
            **fields,
        }

    def post(self, activity: dict[str, Any], token: str | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.http.post("/api/messages", json=activity, headers=headers)

    def say(
        self, conversation: str, text: str, kind: str = "personal", **fields: Any
    ) -> dict[str, Any]:
        activity = self.activity(conversation, kind, text=text, **fields)
        assert self.post(activity).status_code in (200, 202)
        return activity

    def press(
        self, conversation: str, data: dict[str, Any], reply_to: str, kind: str = "personal"
    ) -> dict[str, Any]:
        """What Teams sends for an `Action.Submit`: a message with `value`, no text."""
        activity = self.activity(conversation, kind, value=data, replyToId=reply_to)
        assert self.post(activity).status_code in (200, 202)
        return activity


def _serve(bot: TeamsBot, fake: FakeConnector) -> Iterator[Teams]:
    app = create_app(bot.runtime, extra_routes=[teams_router(bot)])
    with live_server(app) as base, httpx.Client(base_url=base, timeout=60) as http:
        yield Teams(http, fake)


@pytest.fixture
def teams(runtime: Runtime, connector: FakeConnector) -> Iterator[Teams]:
    """`serve`'s app with the Teams route, in anonymous dev mode."""
    settings = runtime.settings.model_copy(update={"teams_allow_anonymous": True})
    surface = teams_surface(settings, runtime)
    assert surface.bot is not None
    yield from _serve(surface.bot, connector)


def actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every action anywhere in the card."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if str(node.get("type", "")).startswith("Action."):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


def submit_data(card: dict[str, Any], action: str) -> dict[str, Any]:
    return next(a["data"] for a in actions(card) if a.get("data", {}).get("action") == action)


def text_of(sent: Sent) -> str:
    return json.dumps(sent.body, ensure_ascii=False)


def test_personal_message_gets_one_card_of_services(teams: Teams, runtime: Runtime) -> None:
    asked = teams.say("a:personal-1", QUESTION)
    [reply] = teams.fake.wait_for_messages()
    assert reply.conversation == "a:personal-1" and reply.reply_to == asked["id"]
    assert reply.body["replyToId"] == asked["id"]
    card = reply.card
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
    service = runtime.kb.service(WIDOWS)
    assert service is not None and pick(service.name, "fi") in text_of(reply)
    assert "Nämä järjestöjen palvelut" in text_of(reply)
    assert {"more", "details", "feedback"} <= {
        a["data"]["action"] for a in actions(card) if a["type"] == "Action.Submit"
    }
    assert "authorization" not in reply.headers  # anonymous dev mode: no token to send
    teams.fake.quiet_for()
    assert len(teams.fake.messages()) == 1


def test_channel_mention_answers_in_the_thread(teams: Teams, runtime: Runtime) -> None:
    root = "1700000000100"
    thread = f"19:kanava@thread.tacv2;messageid={root}"
    mention = {"type": "mention", "text": "<at>Järjestöbotti</at>", "mentioned": BOT}
    asked = teams.say(
        thread, f"<at>Järjestöbotti</at> {QUESTION}", "channel", id=root, entities=[mention]
    )
    [reply] = teams.fake.wait_for_messages()
    assert reply.conversation == thread and reply.reply_to == root  # in the thread
    assert reply.body["conversation"]["id"] == thread
    with runtime.engine.connect() as conn:  # the search got the question without the mention
        logged = conn.execute(
            select(QueryLog.question, QueryLog.platform).order_by(QueryLog.id.desc())
        ).first()
    assert logged is not None and tuple(logged) == (QUESTION, "teams")
    service = runtime.kb.service(WIDOWS)
    assert service is not None and pick(service.name, "fi") in text_of(reply)

    # A follow-up in the same thread refines the same question.
    teams.say(
        thread,
        "<at>Järjestöbotti</at> entä Keravalla?",
        "channel",
        entities=[mention],
        replyToId=asked["id"],
    )
    follow = teams.fake.wait_for_messages(2)[1]
    assert follow.conversation == thread and "Kerava" in text_of(follow)


def test_card_buttons_more_and_feedback(teams: Teams, runtime: Runtime) -> None:
    teams.say("a:personal-2", QUESTION)
    [first] = teams.fake.wait_for_messages()
    teams.press("a:personal-2", submit_data(first.card, "more"), first.id)
    more = teams.fake.wait_for_messages(2)[1]
    shown = max(int(n) for n in re.findall(r'"(\d+)\. ', text_of(first)))
    assert f'"{shown + 1}. ' in text_of(more)  # the next page goes on from there

    feedback = submit_data(first.card, "feedback")  # 👍, the first feedback button
    assert feedback["value"] == "1" and isinstance(feedback["query_id"], int)
    teams.press("a:personal-2", feedback, first.id)
    thanks = teams.fake.wait_for_messages(3)[2]
    assert thanks.body["text"] == "Kiitos palautteesta!"
    with runtime.engine.connect() as conn:
        row = conn.execute(
            select(Feedback).where(Feedback.query_log_id == feedback["query_id"])
        ).one()
        asked = conn.execute(select(QueryLog.question).where(QueryLog.id == row.query_log_id))
        assert asked.scalar_one() == QUESTION
    assert row.rating == 1 and row.platform == "teams"


VALID = {
    "organisation": "Testiyhdistys ry",
    "contact_person": "Maija Meikäläinen",
    "email": "maija@testiyhdistys.fi",
    "topic": "tilat",
    "target_unit": "",
    "message": "Voisimmeko käyttää tiloja torstaisin?",
    "consent": "true",
    "business_id": "",
    "phone": "",
}


def test_contact_card_submits_one_request(teams: Teams, runtime: Runtime) -> None:
    teams.say("a:personal-3", "Haluan jättää yhteydenoton")
    [answer] = teams.fake.wait_for_messages()
    teams.press("a:personal-3", submit_data(answer.card, "contact_form"), answer.id)
    form = teams.fake.wait_for_messages(2)[1]
    inputs = {a["id"]: a for a in _inputs(form.card)}
    assert {"organisation", "email", "topic", "message", "consent"} <= set(inputs)
    assert inputs["email"]["isRequired"] and "regex" in inputs["email"]
    send = submit_data(form.card, "contact_submit")

    # Invalid: the same card again, the error shown and what was typed kept.
    teams.press("a:personal-3", {**send, **VALID, "email": "ei-osoite"}, form.id)
    again = teams.fake.wait_for_messages(3)[2]
    assert "Tarkista sähköpostiosoite" in text_of(again)
    assert {a["id"]: a.get("value") for a in _inputs(again.card)}["organisation"] == VALID[
        "organisation"
    ]

    def count() -> int:
        with runtime.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(ContactRequest)
                    .where(ContactRequest.channel == "teams")
                ).scalar_one()
            )

    before = count()
    teams.press("a:personal-3", {**send, **VALID}, again.id)
    teams.press("a:personal-3", {**send, **VALID}, again.id)  # pressed twice: one request
    done = teams.fake.wait_for_messages(5)[3:]
    references = {
        next(
            r["text"]
            for b in d.card["body"]
            for r in b.get("inlines", [])
            if r["text"].startswith("YT-")
        )
        for d in done
    }
    assert len(references) == 1
    assert count() == before + 1


def _inputs(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in card["body"] if str(e.get("type", "")).startswith("Input.")]


def test_duplicate_delivery_is_answered_once(teams: Teams) -> None:
    activity = teams.activity("a:personal-4", text=QUESTION)
    assert teams.post(activity).status_code in (200, 202)
    assert teams.post(activity).status_code in (200, 202)  # Teams' redelivery
    teams.fake.wait_for_messages()
    teams.fake.quiet_for(1.0)
    assert len(teams.fake.messages()) == 1


def test_install_and_empty_mention_get_help(teams: Teams) -> None:
    installed = teams.activity("a:personal-7", type="conversationUpdate", membersAdded=[BOT])
    assert teams.post(installed).status_code in (200, 202)
    [welcome] = teams.fake.wait_for_messages()
    assert "Autan löytämään järjestöjen palveluja" in text_of(welcome)
    assert submit_data(welcome.card, "ask")["value"]  # example questions as buttons
    mention = {"type": "mention", "text": "<at>Järjestöbotti</at>", "mentioned": BOT}
    teams.say(
        "19:kanava@thread.tacv2;messageid=1700000000900",
        "<at>Järjestöbotti</at>",
        "channel",
        id="1700000000900",
        entities=[mention],
    )
    assert "Autan löytämään" in text_of(teams.fake.wait_for_messages(2)[1])


def test_failure_becomes_an_apology(teams: Teams, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="bot.teams")
    teams.fake.fail_next(500)  # the connector refuses the answer
    teams.say("a:personal-8", QUESTION)
    [apology] = teams.fake.wait_for_messages()
    assert apology.body["text"] == "Pahoittelut, jokin meni vikaan. Yritä hetken päästä uudelleen."
    assert "Exception" not in text_of(apology)  # no internals shown to the user
    assert "teams: käsittelemätön virhe" in caplog.text


def test_slow_answer_is_sent_proactively(runtime: Runtime, connector: FakeConnector) -> None:
    settings = runtime.settings.model_copy(update={"teams_allow_anonymous": True})
    bot = TeamsBot(runtime, settings, answer_within=0.0)  # everything counts as slow
    for teams in _serve(bot, connector):
        started = time.monotonic()
        asked = teams.say("a:personal-5", QUESTION)
        assert time.monotonic() - started < 5  # the request did not wait for the answer
        [reply] = teams.fake.wait_for_messages()
        assert reply.reply_to == asked["id"] and reply.conversation == "a:personal-5"
        assert "Nämä järjestöjen palvelut" in text_of(reply)


def test_authentication_on_refuses_requests_without_a_valid_token(
    runtime: Runtime, connector: FakeConnector
) -> None:
    settings = runtime.settings.model_copy(
        update={
            "teams_app_id": "11111111-2222-3333-4444-555555555555",
            "teams_app_password": "salaisuus",
            "teams_tenant_id": "tenant-1",
        }
    )
    surface = teams_surface(settings, runtime)
    assert surface.bot is not None
    for teams in _serve(surface.bot, connector):
        missing = teams.post(teams.activity("a:personal-6", text=QUESTION))
        forged = teams.post(teams.activity("a:personal-6", text=QUESTION), token="ei.oikea.jwt")
        assert (missing.status_code, forged.status_code) == (401, 401)
        connector.quiet_for(1.0)
        assert connector.sent == []


def test_settings_are_checked_and_anonymous_mode_warns(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    half = runtime.settings.model_copy(update={"teams_app_id": "abc"})
    with pytest.raises(ConfigError) as err:
        check_teams_settings(half)
    assert "JARJESTOBOTTI_TEAMS_APP_PASSWORD" in str(err.value)
    assert "JARJESTOBOTTI_TEAMS_TENANT_ID" in str(err.value)
    assert teams_surface(runtime.settings, runtime).routes == []  # not configured: off
    caplog.set_level(logging.WARNING, logger="bot.teams")
    anonymous = runtime.settings.model_copy(update={"teams_allow_anonymous": True})
    assert len(teams_surface(anonymous, runtime).routes) == 1
    assert "TEAMS_ALLOW_ANONYMOUS" in caplog.text
