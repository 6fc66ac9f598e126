"""The privacy nudge in Slack: a client's name and henkilötunnus in a channel mention.

The bot answers in the thread as always, and tells the sender (only them, with
`chat.postEphemeral`) that client details don't belong in a channel, with a button
that asks the question again in a DM. Nothing of the identifying text is stored in
any table or written to any log line.
"""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import select

from bot.runtime import Runtime
from store.models import QueryLog
from tests import slack_requests
from tests.runtime_fixtures import dump_tables
from tests.slack_requests import Slack, buttons, click, mention, message, texts

fake_slack, knowledge_index_dir = slack_requests.fake_slack, slack_requests.knowledge_index_dir
runtime, slack = slack_requests.runtime, slack_requests.slack

IDENTIFYING = "Matti Meikäläinen 131052-308T tarvitsisi ruoka-apua Keravalla"
PIECES = ("Matti", "Meikäläinen", "131052", "308T")


def _leaks(text: str) -> list[str]:
    return [p for p in PIECES if p.lower() in text.lower()]


def test_channel_mention_with_a_client_gets_an_answer_and_a_private_note(
    slack: Slack, runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    thread = "1700001000.000100"
    slack.event(mention("C0YHTEINEN", thread, IDENTIFYING))
    answer = slack.fake.wait_for("chat.postMessage")
    assert answer.params["channel"] == "C0YHTEINEN" and answer.params["thread_ts"] == thread
    assert "Ruoka" in texts(answer.params["blocks"])  # the question was answered: food aid

    note = slack.fake.wait_for("chat.postEphemeral")
    assert note.params["channel"] == "C0YHTEINEN" and note.params["user"] == "U0ASK"
    assert "eivät kuulu yhteiselle kanavalle" in note.params["text"]
    [ask_dm] = [b for b in buttons(note.params["blocks"]) if b["action_id"].startswith("jb:ask_dm")]
    assert ask_dm["text"]["text"] == "Kysy yksityisviestissä"
    assert ask_dm["value"] == "[nimi] [henkilötunnus] tarvitsisi ruoka-apua Keravalla"

    # The button asks the cleaned question again in the sender's DM.
    click(slack, note.params, "jb:ask_dm", ephemeral_url=slack.fake.response_url("e1"))
    opened = slack.fake.wait_for("conversations.open")
    assert opened.params["users"] == "U0ASK"
    in_dm = slack.fake.wait_for("chat.postMessage", 2)
    assert in_dm.params["channel"] == "DU0ASK" and "thread_ts" not in in_dm.params
    assert "Ruoka" in texts(in_dm.params["blocks"])
    slack.fake.quiet_for(1.0)
    assert len(slack.fake.calls_of("chat.postEphemeral")) == 1  # the DM gets no nudge

    with runtime.engine.connect() as conn:
        logged = conn.execute(select(QueryLog.question).order_by(QueryLog.id)).scalars().all()
    assert logged[-2:] == ["[nimi] [henkilötunnus] tarvitsisi ruoka-apua Keravalla"] * 2
    stored = json.dumps(dump_tables(runtime.engine), default=str, ensure_ascii=False)
    assert _leaks(stored) == []
    assert _leaks(caplog.text) == []
    sent = json.dumps([c.params for c in slack.fake.calls], ensure_ascii=False)
    assert _leaks(sent) == []  # not even echoed back to Slack


def test_a_direct_message_or_a_plain_question_gets_no_note(slack: Slack) -> None:
    dm = message("D0ASK", "1700001100.000100", IDENTIFYING, channel_type="im")
    slack.event(dm)
    slack.event(mention("C0YHTEINEN", "1700001101.000100", "Onko Keravalla ruoka-apua?"))
    slack.fake.wait_for("chat.postMessage", 2)
    slack.fake.quiet_for(1.0)
    assert slack.fake.calls_of("chat.postEphemeral") == []


def test_sharing_a_slash_answer_never_quotes_the_client(slack: Slack) -> None:
    """`/jarjesto` answers only the sender; "Jaa kanavalle" then quotes the question in the
    channel — cleaned of the client's details."""
    slack.command("/jarjesto", IDENTIFYING, "C0YHTEINEN", "cmd-yksityinen")
    answer = slack.fake.wait_for("response_url:cmd-yksityinen").params
    click(
        slack,
        answer,
        "jb:share",
        ephemeral_url=slack.fake.response_url("cmd-yksityinen"),
        channel="C0YHTEINEN",
    )
    public = slack.fake.wait_for("chat.postMessage").params
    assert public["channel"] == "C0YHTEINEN"
    assert "[nimi] [henkilötunnus] tarvitsisi ruoka-apua Keravalla" in texts(public["blocks"])
    assert _leaks(json.dumps(public, ensure_ascii=False)) == []
