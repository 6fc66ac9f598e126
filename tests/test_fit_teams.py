"""Teams shows the fit verdict: an off-topic question's reply says nothing fits exactly."""

from __future__ import annotations

import json

from tests.test_fit_surfaces import GUIDANCE_HEADING, NOTHING_FITS, OFF_TOPIC, UNCOVERED
from tests.test_teams import Teams, connector, knowledge_index_dir, runtime, teams

__all__ = ["connector", "knowledge_index_dir", "runtime", "teams"]  # fixtures used here


def test_teams_reply_says_nothing_fits_and_gives_the_human_route(teams: Teams) -> None:
    teams.say("a:fit-1", OFF_TOPIC)
    [reply] = teams.fake.wait_for_messages()
    body = json.dumps(reply.body, ensure_ascii=False)
    assert NOTHING_FITS["en"] in body and GUIDANCE_HEADING in body
    teams.say("a:fit-2", UNCOVERED)
    partial = json.dumps(teams.fake.wait_for_messages(2)[1].body, ensure_ascii=False)
    assert NOTHING_FITS["en"] in partial
