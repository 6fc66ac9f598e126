"""`jarjestobotti serve` as an operator starts it: a real process on a free port, a fresh
SQLite file, the test knowledge index, Slack pointed at the fake Web API.

Its wiring is what is under test: health and readiness, the chat API and page, the
contact form, the background jobs (the outbox posts the coordinators' notification to
Slack), and a clean stop on SIGTERM (exit 0, no traceback).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests import fake_slack as fake_slack_module
from tests import runtime_fixtures
from tests.fake_slack import FakeSlack
from tests.http_fakes import free_port
from tests.runtime_fixtures import KNOWLEDGE, ROOT

fake_slack, knowledge_index_dir = fake_slack_module.fake_slack, runtime_fixtures.knowledge_index_dir
CHANNEL = "C0KOORD"
REFERENCE = re.compile(r'<strong id="reference">(YT-\d{4}-\d{6})</strong>')


@dataclass
class Served:
    url: str
    process: subprocess.Popen[str]
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def served(tmp_path: Path, knowledge_index_dir: Path, fake_slack: FakeSlack) -> Iterator[Served]:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("JARJESTOBOTTI_")},
        "PYTHONPATH": str(ROOT),
        "JARJESTOBOTTI_DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'jarjestobotti.db'}",
        "JARJESTOBOTTI_KNOWLEDGE_WATCH": "false",
        "JARJESTOBOTTI_WEB_SECRET": "prosessitestin-salaisuus",
        "JARJESTOBOTTI_USER_HASH_SALT": "prosessitestin-suola",
        "JARJESTOBOTTI_SLACK_BOT_TOKEN": "xoxb-testi",
        "JARJESTOBOTTI_SLACK_SIGNING_SECRET": "allekirjoitus",
        "JARJESTOBOTTI_SLACK_API_URL": fake_slack.url,
        "JARJESTOBOTTI_SLACK_COORDINATOR_CHANNEL": CHANNEL,
        "JARJESTOBOTTI_OUTBOX_INTERVAL_SECONDS": "0.3",
    }
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", "serve", "--port", str(port),
             "--knowledge", str(KNOWLEDGE), "--index", str(knowledge_index_dir)],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    served = Served(url, process, log)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, served.output()
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, served.output()
            time.sleep(0.2)
        yield served
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def test_serve_answers_runs_its_jobs_and_stops_on_sigterm(
    served: Served, fake_slack: FakeSlack
) -> None:
    with httpx.Client(base_url=served.url, timeout=60) as http:
        assert http.get("/healthz").text == "ok"
        ready = http.get("/readyz")
        assert ready.status_code == 200 and ready.json()["status"] == "ok"

        answer = http.post(
            "/api/chat",
            json={"conversation": "prosessi", "text": "vertaistukea leskeksi jääneille Vantaalla"},
        )
        assert answer.status_code == 200
        names = [p["name"] for p in answer.json()["parts"] if p["type"] == "service"]
        assert any("Leskien" in name or "lesk" in name.lower() for name in names), names

        page = http.get("/")
        assert page.status_code == 200 and "<html" in page.text

        form = http.get("/yhteydenotto")
        token = re.search(r'name="token" value="([^"]+)"', form.text)
        assert form.status_code == 200 and token
        done = http.post(
            "/yhteydenotto",
            data={
                "organisation": "Prosessitestin Kuoro ry",
                "contact_person": "Maija Mehiläinen",
                "email": "maija@example.fi",
                "topic": "tapahtuma-tai-tiedote",
                "message": "Konsertti 12.9., voisiko siitä kertoa uutiskirjeessä?",
                "consent": "on",
                "website": "",
                "token": token.group(1),
                "lang": "fi",
            },
        )
        reference = REFERENCE.search(done.text)
        assert done.status_code == 200 and reference, done.text

    # the outbox job of the running process tells the coordinators
    call = fake_slack.wait_for("chat.postMessage", timeout=30)
    assert call.params["channel"] == CHANNEL
    assert reference.group(1) in call.params["text"]
    assert "Prosessitestin Kuoro ry" in call.params["text"]

    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(30) == 0
    output = served.output()
    assert "Traceback" not in output, output
    fake_slack.quiet_for(0.5)
    assert len(fake_slack.calls_of("chat.postMessage")) == 1  # sent once, not again on exit
