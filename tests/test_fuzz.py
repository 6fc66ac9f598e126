"""Fuzz: every HTTP surface meets at least 200 malformed bodies and never answers 5xx.

The bodies (`tests/fuzz_corpus.py`) are mutations of a valid request of each
endpoint: `/api/chat`, `/api/action`, `/yhteydenotto` (with a valid form token
and cookie, so the form's own checks are reached), `/slack/events` (signed
with the signing secret, so bolt's listeners are reached: events, slash
commands, button payloads) and `/api/messages` (anonymous dev mode, and with
authentication on under malformed tokens). The log must hold no traceback.
"""

from __future__ import annotations

import base64
import json
import logging
import random
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlencode

import httpx
import pytest

from bot.runtime import Runtime
from bot.teams.app import teams_surface
from bot.web.app import create_app
from tests import all_surfaces, fake_connector, fuzz_corpus, slack_requests
from tests.fake_connector import FakeConnector
from tests.fake_slack import BOT_USER_ID, FakeSlack
from tests.runtime_fixtures import live_server
from tests.served_runtime import runtime_fixture
from tests.test_contact_web import VALID as CONTACT_FORM

fake_slack, knowledge_index_dir = slack_requests.fake_slack, slack_requests.knowledge_index_dir
connector = fake_connector.connector
runtime = runtime_fixture("fuzz", web_secret="fuzz-salaisuus", contact_rate_limit_per_hour=10**6)
QUESTION = "Mitä osaat?"  # answered without a search: the run stays fast
JSON = {"content-type": "application/json"}


@pytest.fixture
def served(runtime: Runtime, fake_slack: FakeSlack) -> Iterator[all_surfaces.Served]:
    with all_surfaces.serve(runtime, fake_slack) as served:
        yield served


def run(send: Callable[[bytes], httpx.Response], bodies: list[bytes]) -> list[str]:
    """Send every body; the ones answered 5xx, for the failure message."""
    assert len(bodies) >= 200
    failed = []
    for body in bodies:
        try:
            status = send(body).status_code
        except httpx.HTTPError as exc:
            failed.append(f"{type(exc).__name__}: {body[:300]!r}")
            continue
        if status >= 500:
            failed.append(f"{status}: {body[:300]!r}")
    return failed


def tracebacks(records: list[logging.LogRecord]) -> list[str]:
    return [
        f"{r.name}: {r.getMessage()[:200]}"
        for r in records
        if r.exc_info or r.exc_text or "Traceback" in r.getMessage()
    ]


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO)
    return caplog


def test_web_chat_api(served: all_surfaces.Served, log: pytest.LogCaptureFixture) -> None:
    client = served.http
    chat = {"conversation": "fuzz-1", "text": QUESTION}
    action = {"conversation": "fuzz-2", "action": "feedback", "value": "1", "comment": "ok"}
    failed = run(
        lambda b: client.post("/api/chat", content=b, headers=JSON),
        fuzz_corpus.corpus(chat, seed=1),
    )
    failed += run(
        lambda b: client.post("/api/action", content=b, headers=JSON),
        fuzz_corpus.corpus(action, seed=2) + fuzz_corpus.corpus({**action, "action": "more"}, 3),
    )
    assert failed == [] and tracebacks(log.records) == []


def test_contact_form(served: all_surfaces.Served, log: pytest.LogCaptureFixture) -> None:
    client = served.http
    page = client.get("/yhteydenotto")
    token = re.search(r'name="token" value="([^"]+)"', page.text)
    assert token is not None
    valid = {**CONTACT_FORM, "token": token.group(1), "lang": "fi"}
    form = {"content-type": "application/x-www-form-urlencoded"}

    def send(body: bytes) -> httpx.Response:
        try:  # a JSON-shaped mutation is sent as the form it describes
            fields = json.loads(body)
            body = urlencode({k: str(v) for k, v in fields.items()}).encode()
        except (ValueError, RecursionError, AttributeError):
            pass
        return client.post("/yhteydenotto", content=body, headers=form)

    failed = run(send, fuzz_corpus.corpus(valid, seed=4))
    assert failed == [] and tracebacks(log.records) == []


def _slack_bodies() -> Iterator[tuple[bytes, str]]:
    event = {
        "type": "event_callback",
        "team_id": "T0TEAM",
        "api_app_id": "A0APP",
        "event_id": "Ev0FUZZ",
        "event_time": 1,
        "authorizations": [{"team_id": "T0TEAM", "user_id": BOT_USER_ID, "is_bot": True}],
        "event": slack_requests.mention("C0FUZZ", "1.1", QUESTION),
    }
    for n, body in enumerate(fuzz_corpus.corpus(event, seed=5, n=120)):
        yield body.replace(b"Ev0FUZZ", f"Ev0FUZZ{n}".encode()), "application/json"
    button = {
        "type": "block_actions",
        "user": {"id": "U0ASK"},
        "team": {"id": "T0TEAM"},
        "channel": {"id": "C0FUZZ"},
        "container": {"type": "message", "message_ts": "1.1", "channel_id": "C0FUZZ"},
        "message": {"ts": "1.1", "thread_ts": "1.1", "text": "vastaus"},
        "actions": [{"action_id": "jb:more:0", "value": "1", "type": "button"}],
        "response_url": "http://127.0.0.1:9/",
    }
    for body in fuzz_corpus.corpus(button, seed=6, n=60):
        yield urlencode({"payload": body.decode("utf-8", "replace")}).encode(), "form"
    command = {"command": "/jarjesto", "text": QUESTION, "user_id": "U0ASK", "channel_id": "C0F"}
    for body in fuzz_corpus.corpus(command, seed=7, n=40):
        try:
            fields = json.loads(body)
            body = urlencode({k: str(v) for k, v in fields.items()}).encode()
        except (ValueError, RecursionError, AttributeError):
            pass
        yield body, "form"


def test_slack_events_signed(served: all_surfaces.Served, log: pytest.LogCaptureFixture) -> None:
    slack, bot = served.slack, served.bot
    types = {"form": "application/x-www-form-urlencoded", "application/json": "application/json"}
    bodies = list(_slack_bodies())
    kinds = dict(bodies)
    failed = run(lambda b: slack.post(b, types[kinds[b]]), [b for b, _ in bodies])
    assert bot.answers.wait_idle(60) and bot.notices.wait_idle(60)  # their work is done too
    assert failed == [] and tracebacks(log.records) == []


def test_teams_messages(
    served: all_surfaces.Served,
    runtime: Runtime,
    connector: FakeConnector,
    log: pytest.LogCaptureFixture,
) -> None:
    client = served.http
    activity = {
        "type": "message",
        "id": "act-fuzz",
        "channelId": "msteams",
        "serviceUrl": connector.url,
        "from": {"id": "29:fuzz", "aadObjectId": "0000-fuzz"},
        "recipient": {"id": "28:jarjestobotti"},
        "conversation": {"id": "a:fuzz", "conversationType": "personal"},
        "text": QUESTION,
        "value": {"action": "more", "value": "1"},
    }
    failed = run(
        lambda b: client.post("/api/messages", content=b, headers=JSON),
        fuzz_corpus.corpus(activity, seed=8),
    )
    assert failed == [] and tracebacks(log.records) == []

    settings = runtime.settings.model_copy(
        update={"teams_app_id": "app-1", "teams_app_password": "x", "teams_tenant_id": "t-1"}
    )
    surface = teams_surface(settings, runtime)
    body = json.dumps(activity).encode()
    tokens = [f"Bearer {t}" for t in bad_tokens()] + ["", "Basic eA==", "Bearer", "Bearer a b"]
    with (
        live_server(create_app(runtime, extra_routes=surface.routes)) as base,
        httpx.Client(base_url=base, timeout=30) as authed,
    ):
        headers = [{**JSON, "Authorization": t} for t in tokens]
        statuses = {
            authed.post("/api/messages", content=body, headers=h).status_code for h in headers
        }
    assert statuses == {401} and tracebacks(log.records) == []


def bad_tokens() -> list[str]:
    """Tokens that are not JWTs at all: refused before any key would be fetched (a token
    without `kid` is finding 1, tested with the Teams authentication)."""
    rng = random.Random(9)
    alphabet = "abcXYZ019-_.=+/ "
    out = ["ei.oikea.jwt", "a.b", "...", "a" * 10_000, "%C3%A4.b.c"]
    for _ in range(200):
        parts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in "abc"]
        if rng.random() < 0.3:
            parts[0] = base64.urlsafe_b64encode(b'{"alg": ').decode()
        out.append(".".join(parts[: rng.randint(1, 3)]).strip() or "x")
    return out
