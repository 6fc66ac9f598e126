"""The privacy nudge in Teams: a client's name and henkilötunnus in a channel mention.

Teams has no ephemeral messages: the answer goes to the channel thread, and the note
to the sender's personal chat with the bot, which the bot creates (or gets back)
through the connector's `POST /v3/conversations`. The note's button asks the cleaned
question again there. Nothing of the identifying text is stored or logged.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.runtime import Runtime
from bot.teams.app import teams_surface
from store.models import QueryLog
from tests import fake_connector, runtime_fixtures
from tests.fake_connector import FakeConnector
from tests.runtime_fixtures import dump_tables
from tests.served_runtime import runtime_fixture
from tests.test_teams import BOT, USER, Teams, _serve, submit_data, text_of

connector, knowledge_index_dir = fake_connector.connector, runtime_fixtures.knowledge_index_dir
runtime = runtime_fixture("teams-privacy")

IDENTIFYING = "Matti Meikäläinen 131052-308T tarvitsisi ruoka-apua Keravalla"
CLEANED = "[nimi] [henkilötunnus] tarvitsisi ruoka-apua Keravalla"
PIECES = ("Matti", "Meikäläinen", "131052", "308T")


@pytest.fixture
def teams(runtime: Runtime, connector: FakeConnector) -> Iterator[Teams]:
    settings = runtime.settings.model_copy(update={"teams_allow_anonymous": True})
    surface = teams_surface(settings, runtime)
    assert surface.bot is not None
    yield from _serve(surface.bot, connector)


def _leaks(text: str) -> list[str]:
    return [p for p in PIECES if p.lower() in text.lower()]


def test_channel_mention_with_a_client_gets_a_note_in_the_personal_chat(
    teams: Teams, runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    root = "1700000000900"
    thread = f"19:kanava@thread.tacv2;messageid={root}"
    at = {"type": "mention", "text": "<at>Järjestöbotti</at>", "mentioned": BOT}
    teams.say(thread, f"<at>Järjestöbotti</at> {IDENTIFYING}", "channel", id=root, entities=[at])
    answer, note = teams.fake.wait_for_messages(2)
    assert answer.conversation == thread and answer.reply_to == root  # in the thread
    assert "Ruoka" in text_of(answer)

    [created] = teams.fake.created  # the bot's 1:1 chat with the sender, in the same tenant
    assert created["isGroup"] is False and created["members"] == [{"id": USER["id"]}]
    assert created["bot"]["id"] == BOT["id"] and created["tenantId"] == "tenant-1"
    assert note.conversation == f"a:{USER['id']}" and note.reply_to is None
    assert "eivät kuulu yhteiselle kanavalle" in text_of(note)
    ask = submit_data(note.card, "ask")
    assert ask["value"] == CLEANED

    # The note's button, pressed in the personal chat, answers the cleaned question there.
    teams.press(f"a:{USER['id']}", ask, note.id)
    again = teams.fake.wait_for_messages(3)[2]
    assert again.conversation == f"a:{USER['id']}" and "Ruoka" in text_of(again)
    teams.fake.quiet_for()
    assert len(teams.fake.created) == 1  # a personal chat gets no nudge

    with runtime.engine.connect() as conn:
        logged = conn.execute(select(QueryLog.question).order_by(QueryLog.id)).scalars().all()
    assert logged == [CLEANED, CLEANED]
    stored = json.dumps(dump_tables(runtime.engine), default=str, ensure_ascii=False)
    assert _leaks(stored) == []
    assert _leaks(caplog.text) == []
    assert _leaks(json.dumps([s.body for s in teams.fake.sent], ensure_ascii=False)) == []


def test_personal_chat_and_plain_channel_question_get_no_note(teams: Teams) -> None:
    teams.say("a:oma", IDENTIFYING)
    root = "1700000000950"
    thread = f"19:kanava@thread.tacv2;messageid={root}"
    at = {"type": "mention", "text": "<at>Järjestöbotti</at>", "mentioned": BOT}
    question = "<at>Järjestöbotti</at> Onko Keravalla ruoka-apua?"
    teams.say(thread, question, "channel", id=root, entities=[at])
    teams.fake.wait_for_messages(2)
    teams.fake.quiet_for()
    assert teams.fake.created == [] and len(teams.fake.messages()) == 2
