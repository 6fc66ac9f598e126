"""The fit verdict as a person sees it: web, Slack, terminal (Teams: test_fit_teams.py).

Questions written for these tests (not dev questions), chosen for a robust
verdict: an off-topic one (fit "none": below the similarity floor in any
language), a named need no service covers (fit "partial": the ranker's best
probability far below the "good" threshold) and a plain widows' question (fit
"good": far above it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.cli.main import main
from bot.runtime import Runtime
from bot.web.app import create_app
from tests import slack_requests
from tests.runtime_fixtures import live_server
from tests.slack_requests import Slack, mention, posted, texts
from tests.test_web import chat

fake_slack, knowledge_index_dir = slack_requests.fake_slack, slack_requests.knowledge_index_dir
runtime, slack = slack_requests.runtime, slack_requests.slack

OFF_TOPIC = "Can an association repair my client's boat engine?"
UNCOVERED = "Does any association give free legal help with a divorce settlement in Vantaa?"
FITTING = "Onko Vantaalla vertaisryhmää leskeksi jääneille?"
NOTHING_FITS = {
    "fi": "ei löytynyt palvelua, joka sopisi tähän tarkalleen",
    "en": "Nothing in the knowledge base fits this exactly",
}
GUIDANCE_HEADING = "Kun sopivaa ei löydy"  # the cited guidance section (the human route)


def ask_json(index: Path, question: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["ask", "--index", str(index), "--json", question]) == 0
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


def test_terminal_says_nothing_fits_and_gives_the_human_route(
    knowledge_index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partial = ask_json(knowledge_index_dir, UNCOVERED, capsys)
    assert partial["fit"] == "partial" and not partial["abstained"]
    assert NOTHING_FITS["en"] in partial["answer"]
    assert GUIDANCE_HEADING in partial["answer"]
    assert len(re.findall(r"^\s*\d+\. ", partial["answer"], re.M)) <= 3  # the nearest three

    none = ask_json(knowledge_index_dir, OFF_TOPIC, capsys)
    assert none["fit"] == "none" and none["abstained"]
    assert NOTHING_FITS["en"] in none["answer"] and GUIDANCE_HEADING in none["answer"]
    assert "koordinaattorit" in none["answer"]  # the coordinators' role, roadmap/roles.yaml
    assert not re.findall(r"^\s*\d+\. ", none["answer"], re.M)  # no unrelated services

    good = ask_json(knowledge_index_dir, FITTING, capsys)
    assert good["fit"] == "good"
    assert NOTHING_FITS["fi"] not in good["answer"] and GUIDANCE_HEADING not in good["answer"]
    assert "Leskien vertaisryhmä" in good["answer"]


@pytest.fixture(scope="module")
def web(runtime: Runtime) -> Iterator[httpx.Client]:
    with live_server(create_app(runtime)) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def shown_text(body: dict[str, Any]) -> str:
    return json.dumps(body["parts"], ensure_ascii=False)


def test_web_chat_reports_the_fit_and_says_it(web: httpx.Client) -> None:
    partial = chat(web, "fit-web-1", UNCOVERED)
    assert partial["fit"] == "partial"
    assert NOTHING_FITS["en"] in shown_text(partial)
    services = [p for p in partial["parts"] if p["type"] == "service"]
    assert 1 <= len(services) <= 3
    assert any(p["type"] == "guidance" for p in partial["parts"])

    none = chat(web, "fit-web-2", OFF_TOPIC)
    assert none["fit"] == "none" and none["abstained"]
    assert NOTHING_FITS["en"] in shown_text(none)
    assert not [p for p in none["parts"] if p["type"] == "service"]

    good = chat(web, "fit-web-3", FITTING)
    assert good["fit"] == "good"
    assert NOTHING_FITS["fi"] not in shown_text(good)
    assert not any(p["type"] == "guidance" for p in good["parts"])
    assert 1 <= len([p for p in good["parts"] if p["type"] == "service"]) <= 5


def test_slack_thread_gets_the_nothing_fits_text(slack: Slack) -> None:
    slack.event(mention("C0FIT", "1700009100.000100", UNCOVERED))
    answer = posted(slack.fake)
    assert NOTHING_FITS["en"] in texts(answer["blocks"])
    assert answer["thread_ts"] == "1700009100.000100"
