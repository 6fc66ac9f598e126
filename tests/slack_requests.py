"""Requests built and signed like Slack's, and the running app they go to, for Slack tests.

Use from a test module (assigned, so ruff's F811 stays quiet about parameters):

    from tests import slack_requests
    runtime, slack = slack_requests.runtime, slack_requests.slack

`runtime` (module-scoped) is the real runtime on a fresh SQLite database;
`slack` serves `create_app` with the Slack routes `serve` would mount, on a
live uvicorn server, pointed at the `fake_slack` Web API.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from bot.runtime import Runtime
from bot.slack.app import slack_surface
from bot.web.app import create_app
from tests import fake_slack as fake_slack_module
from tests import runtime_fixtures
from tests.fake_slack import BOT_ID, BOT_USER_ID, FakeSlack
from tests.runtime_fixtures import live_server
from tests.served_runtime import runtime_fixture

# Shared fixtures, made visible to pytest in the modules that import this one.
fake_slack = fake_slack_module.fake_slack
knowledge_index_dir = runtime_fixtures.knowledge_index_dir

SECRET = "testin-allekirjoitusavain"
TOKEN = "xoxb-testi"


runtime = runtime_fixture("slack")


class Slack:
    """Sends what Slack sends, signed, to the running app's `/slack/events`."""

    def __init__(self, http: httpx.Client, fake: FakeSlack) -> None:
        self.http, self.fake = http, fake
        self.events = 0

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        ts: int | None = None,
        secret: str = SECRET,
        retry: int | None = None,
    ) -> httpx.Response:
        stamp = str(ts if ts is not None else int(time.time()))
        digest = hmac.new(
            secret.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256
        ).hexdigest()
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": f"v0={digest}",
        }
        if retry is not None:
            headers.update(
                {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
            )
        return self.http.post("/slack/events", content=body, headers=headers)

    def event(
        self, event: dict[str, Any], event_id: str | None = None, **kw: Any
    ) -> httpx.Response:
        self.events += 1
        body = {
            "token": "vanhentunut",
            "team_id": "T0TEAM",
            "api_app_id": "A0APP",
            "type": "event_callback",
            "event": event,
            "event_id": event_id or f"Ev{time.time_ns()}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": "T0TEAM", "user_id": BOT_USER_ID, "is_bot": True}],
        }
        return self.post(json.dumps(body).encode(), "application/json", **kw)

    def command(self, command: str, text: str, channel: str, key: str) -> httpx.Response:
        form = {
            "token": "vanhentunut",
            "team_id": "T0TEAM",
            "channel_id": channel,
            "channel_name": "testi",
            "user_id": "U0ASK",
            "user_name": "kysyja",
            "command": command,
            "text": text,
            "api_app_id": "A0APP",
            "response_url": self.fake.response_url(key),
            "trigger_id": f"trig-{key}",
        }
        return self.post(urlencode(form).encode(), "application/x-www-form-urlencoded")

    def interaction(self, payload: dict[str, Any]) -> httpx.Response:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded")


@pytest.fixture
def slack(runtime: Runtime, fake_slack: FakeSlack) -> Iterator[Slack]:
    settings = runtime.settings.model_copy(
        update={
            "slack_bot_token": TOKEN,
            "slack_signing_secret": SECRET,
            "slack_api_url": fake_slack.url,
        }
    )
    surface = slack_surface(settings, runtime)
    with (
        live_server(create_app(runtime, extra_routes=surface.routes)) as base,
        httpx.Client(base_url=base, timeout=30) as http,
    ):
        yield Slack(http, fake_slack)


def mention(channel: str, ts: str, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "app_mention",
        "user": "U0ASK",
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        **extra,
    }


def message(channel: str, ts: str, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "user": "U0ASK",
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        "channel_type": "channel",
        **extra,
    }


def texts(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = [b["accessory"] for b in blocks if b.get("accessory", {}).get("type") == "button"]
    found += [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    return found


def click(
    slack: Slack,
    posted: dict[str, Any],
    action_prefix: str,
    *,
    ephemeral_url: str | None = None,
    channel: str = "C0LESKET",
) -> httpx.Response:
    """Press a button of a message the bot posted (or of an ephemeral answer)."""
    button = next(b for b in buttons(posted["blocks"]) if b["action_id"].startswith(action_prefix))
    action = {**button, "block_id": "b1", "action_ts": str(time.time())}
    payload: dict[str, Any] = {
        "type": "block_actions",
        "api_app_id": "A0APP",
        "token": "vanhentunut",
        "team": {"id": "T0TEAM", "domain": "testi"},
        "trigger_id": "trig-click",
        "user": {"id": "U0ASK", "username": "kysyja", "name": "kysyja", "team_id": "T0TEAM"},
        "channel": {"id": channel, "name": "testi"},
        "actions": [action],
    }
    if ephemeral_url:
        payload["container"] = {
            "type": "message",
            "message_ts": "1.1",
            "channel_id": channel,
            "is_ephemeral": True,
        }
        payload["response_url"] = ephemeral_url
    else:
        ts = posted["ts"]
        payload["container"] = {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel,
            "is_ephemeral": False,
        }
        payload["message"] = {
            "type": "message",
            "ts": ts,
            "thread_ts": posted.get("thread_ts"),
            "bot_id": BOT_ID,
            "text": posted["text"],
            "blocks": posted["blocks"],
        }
        payload["response_url"] = slack.fake.response_url("click")
    return slack.interaction(payload)


def posted(fake: FakeSlack, n: int = 1) -> dict[str, Any]:
    """The n-th chat.postMessage as Slack stored it (with the ts it was given)."""
    call = fake.wait_for("chat.postMessage", n)
    return {**call.params, "ts": call.response["ts"]}
