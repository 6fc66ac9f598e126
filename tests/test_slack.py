"""The Slack app inside the running `serve` app, talking to a fake Slack Web API.

Requests are built and signed the way Slack builds them (`v0:timestamp:body`,
HMAC-SHA256 with the signing secret): events as JSON, interactions as
`payload=` form bodies, slash commands as form fields. Lazy listeners answer
from worker threads, so the tests wait for the fake's calls with a timeout.
"""

from __future__ import annotations

import json
import logging
import re
import time

import pytest
from sqlalchemy import select

from bot.runtime import Runtime
from index.errors import BotError
from index.knowledge.model import pick
from store.models import Feedback, QueryLog
from tests import slack_requests
from tests.fake_slack import BOT_ID, BOT_USER_ID
from tests.slack_requests import TOKEN, Slack, buttons, click, mention, message, posted, texts

fake_slack, knowledge_index_dir = slack_requests.fake_slack, slack_requests.knowledge_index_dir
runtime, slack = slack_requests.runtime, slack_requests.slack

QUESTION = "Onko Vantaalla vertaisryhmää leskeksi jääneille?"
WIDOWS = "lahteella-ry/leskien-ryhma"
APOLOGY = BotError.user_message


def test_mention_is_answered_once_in_its_thread(slack: Slack, runtime: Runtime) -> None:
    started = time.monotonic()
    res = slack.event(mention("C0LESKET", "1700000100.000100", QUESTION), "Ev-lesket")
    assert res.status_code == 200 and time.monotonic() - started < 3  # acked at once
    call = slack.fake.wait_for("chat.postMessage")
    assert call.params["channel"] == "C0LESKET"
    assert call.params["thread_ts"] == "1700000100.000100"  # in the thread
    assert call.headers["authorization"] == f"Bearer {TOKEN}"
    service = runtime.kb.service(WIDOWS)
    assert service is not None
    blocks = call.params["blocks"]
    assert any(pick(service.name, "fi") in b.get("text", {}).get("text", "") for b in blocks)
    actions = {b["action_id"].split(":")[1] for b in buttons(blocks)}
    assert {"more", "details", "feedback"} <= actions
    assert "Nämä järjestöjen palvelut" in call.params["text"]  # the notification text

    # Slack retries the same event, and delivers the message once more as `message`.
    again = slack.event(mention("C0LESKET", "1700000100.000100", QUESTION), "Ev-lesket", retry=1)
    assert again.status_code == 200
    twin = message("C0LESKET", "1700000100.000100", f"<@{BOT_USER_ID}> {QUESTION}")
    assert slack.event(twin, "Ev-lesket-message").status_code == 200
    slack.fake.quiet_for(1.5)
    assert len(slack.fake.calls_of("chat.postMessage")) == 1


def test_thread_follow_up_continues_without_a_mention(slack: Slack) -> None:
    thread = "1700000200.000100"
    slack.event(mention("C0JATKO", thread, QUESTION))
    slack.fake.wait_for("chat.postMessage")
    slack.event(message("C0JATKO", "1700000201.000100", "entä Keravalla?", thread_ts=thread))
    follow = slack.fake.wait_for("chat.postMessage", 2)
    assert follow.params["thread_ts"] == thread
    assert "Kerava" in texts(follow.params["blocks"])
    # A reply that mentions the bot comes twice (`message` and `app_mention`): one answer.
    text = f"<@{BOT_USER_ID}> näytä lisää"
    slack.event(message("C0JATKO", "1700000202.000100", text, thread_ts=thread))
    slack.event(mention("C0JATKO", "1700000202.000100", "näytä lisää", thread_ts=thread))
    slack.fake.wait_for("chat.postMessage", 3)
    # A thread the bot never answered in, and a channel message without a mention: ignored.
    slack.event(
        message("C0JATKO", "1700000300.000200", "entä Keravalla?", thread_ts="1700000300.000100")
    )
    slack.event(message("C0JATKO", "1700000400.000100", QUESTION))
    slack.fake.quiet_for(1.0)
    assert len(slack.fake.calls_of("chat.postMessage")) == 3


def test_direct_message_answered_but_never_a_bot(slack: Slack) -> None:
    dm = {
        "type": "message",
        "user": "U0ASK",
        "text": QUESTION,
        "ts": "1700000500.000100",
        "channel": "D0ASK",
        "event_ts": "1700000500.000100",
        "channel_type": "im",
    }
    slack.event(dm)
    call = slack.fake.wait_for("chat.postMessage")
    assert call.params["channel"] == "D0ASK" and "thread_ts" not in call.params
    from_bot = {**dm, "ts": "1700000501.000100", "bot_id": "B0MUU", "subtype": "bot_message"}
    ourselves = {**dm, "ts": "1700000502.000100", "user": BOT_USER_ID, "bot_id": BOT_ID}
    edited = {**dm, "ts": "1700000503.000100", "subtype": "message_changed"}
    for event in (from_bot, ourselves, edited):
        assert slack.event(event).status_code == 200
    slack.event(mention("C0BOTIT", "1700000504.000100", QUESTION, bot_id="B0MUU"))
    slack.fake.quiet_for(1.0)
    assert len(slack.fake.calls_of("chat.postMessage")) == 1


def test_url_verification_challenge_is_answered(slack: Slack) -> None:
    body = json.dumps(
        {"token": "vanhentunut", "challenge": "haaste-123", "type": "url_verification"}
    ).encode()
    res = slack.post(body, "application/json")
    assert res.status_code == 200 and res.json() == {"challenge": "haaste-123"}


def test_forged_or_stale_requests_are_rejected(slack: Slack) -> None:
    bad = slack.event(mention("C0VAARA", "1700000600.000100", QUESTION), secret="arvaus")
    assert bad.status_code == 401
    old = slack.event(
        mention("C0VAARA", "1700000601.000100", QUESTION), ts=int(time.time()) - 6 * 60
    )
    assert old.status_code == 401
    slack.fake.quiet_for(1.0)
    assert slack.fake.calls_of("chat.postMessage") == []


def test_buttons_more_details_and_feedback(slack: Slack, runtime: Runtime) -> None:
    slack.event(mention("C0LESKET", "1700000700.000100", QUESTION))
    first = posted(slack.fake)
    assert click(slack, first, "jb:more").status_code == 200
    more = slack.fake.wait_for("chat.postMessage", 2).params
    assert more["thread_ts"] == "1700000700.000100"
    shown = max(int(n) for n in re.findall(r"\*(\d+)\. ", texts(first["blocks"])))
    assert f"*{shown + 1}. " in texts(more["blocks"])  # the next page goes on from there

    click(slack, first, "jb:details")
    details = slack.fake.wait_for("chat.postMessage", 3).params
    assert details["thread_ts"] == "1700000700.000100"
    assert "jb:details" not in texts(details["blocks"])  # the full card, no second "details"

    click(slack, first, "jb:feedback:")  # 👍, the first feedback button
    thanks = slack.fake.wait_for("chat.postEphemeral")
    assert thanks.params["user"] == "U0ASK" and thanks.params["text"] == "Kiitos palautteesta!"
    with runtime.engine.connect() as conn:
        row = conn.execute(select(Feedback).order_by(Feedback.id.desc())).first()
        asked = conn.execute(select(QueryLog.question).where(QueryLog.id == row.query_log_id))
        assert asked.scalar_one() == QUESTION
    assert row.rating == 1 and row.platform == "slack"


def test_slash_command_answers_ephemerally_and_shares(slack: Slack) -> None:
    started = time.monotonic()
    res = slack.command("/jarjesto", QUESTION, "C0KANAVA", "cmd1")
    assert res.status_code == 200 and time.monotonic() - started < 3
    answer = slack.fake.wait_for("response_url:cmd1").params
    assert answer["response_type"] == "ephemeral"
    assert "Nämä järjestöjen palvelut" in texts(answer["blocks"])
    share = next(b for b in buttons(answer["blocks"]) if b["action_id"].startswith("jb:share"))
    assert share["text"]["text"] == "Jaa kanavalle"
    assert slack.fake.calls_of("chat.postMessage") == []  # nothing public yet

    click(
        slack, answer, "jb:share", ephemeral_url=slack.fake.response_url("cmd1"), channel="C0KANAVA"
    )
    public = slack.fake.wait_for("chat.postMessage").params
    assert public["channel"] == "C0KANAVA" and "thread_ts" not in public
    assert "<@U0ASK> jakoi vastauksen" in texts(public["blocks"])
    assert "jb:share" not in texts(public["blocks"])
    removed = slack.fake.wait_for("response_url:cmd1", 2).params
    assert removed["delete_original"] is True


def test_handler_error_becomes_an_apology(slack: Slack, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.slack")
    slack.fake.fail_next("chat.postMessage", 500)
    slack.event(mention("C0VIKA", "1700000900.000100", QUESTION))
    apology = slack.fake.wait_for("chat.postMessage")
    assert apology.params["text"] == APOLOGY
    assert apology.params["thread_ts"] == "1700000900.000100"
    assert [c.status for c in slack.fake.calls if c.method == "chat.postMessage"] == [500, 200]
    assert "slack app_mention" in caplog.text


def test_rate_limit_is_waited_out(slack: Slack) -> None:
    slack.fake.fail_next("chat.postMessage", 429, retry_after=1)
    slack.event(mention("C0KIIRE", "1700001000.000100", QUESTION))
    answer = slack.fake.wait_for("chat.postMessage")
    tries = [c for c in slack.fake.calls if c.method == "chat.postMessage"]
    assert [c.status for c in tries] == [429, 200]
    assert tries[1].at - tries[0].at >= 0.9  # Retry-After: 1 honoured
    assert answer.params["blocks"] == tries[1].params["blocks"]
    slack.fake.quiet_for(0.5)
    assert len(slack.fake.calls_of("chat.postMessage")) == 1


def test_home_tab_tells_what_the_bot_does(slack: Slack) -> None:
    slack.event(
        {
            "type": "app_home_opened",
            "user": "U0ASK",
            "channel": "D0ASK",
            "tab": "home",
            "event_ts": "1700001100.000100",
        }
    )
    home = slack.fake.wait_for("views.publish").params
    assert home["user_id"] == "U0ASK" and home["view"]["type"] == "home"
    assert "/jarjesto" in texts(home["view"]["blocks"])
    assert "Esimerkkikysymyksiä" in texts(home["view"]["blocks"])
