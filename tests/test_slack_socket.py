"""Socket Mode as `serve` runs it: connects out with the app token, answers, dedups retries;
and Slack settings that are missing are named before anything starts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.runtime import Runtime
from bot.settings import Settings
from bot.slack.app import check_slack_settings, slack_configured, slack_surface
from index.errors import ConfigError
from tests import fake_slack as fake_slack_module
from tests import runtime_fixtures
from tests.fake_slack import BOT_USER_ID, FakeSlack
from tests.fake_slack_socket import fake_socket_mode
from tests.runtime_fixtures import ROOT, make_runtime

fake_slack = fake_slack_module.fake_slack
knowledge_index_dir = runtime_fixtures.knowledge_index_dir

TOKEN, APP_TOKEN = "xoxb-testi", "xapp-testi"
QUESTION = "Onko Vantaalla vertaisryhmää leskeksi jääneille?"


@pytest.fixture(scope="module")
def runtime(knowledge_index_dir: Path) -> Iterator[Runtime]:
    yield make_runtime(knowledge_index_dir, None)  # no database: answers need none


def envelope(envelope_id: str, event_id: str, retry: int = 0) -> dict[str, Any]:
    ts = "1700002000.000100"
    return {
        "envelope_id": envelope_id,
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": retry,
        "retry_reason": "timeout" if retry else "",
        "payload": {
            "team_id": "T0TEAM",
            "api_app_id": "A0APP",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": {
                "type": "app_mention",
                "user": "U0ASK",
                "channel": "C0SOKETTI",
                "text": f"<@{BOT_USER_ID}> {QUESTION}",
                "ts": ts,
                "event_ts": ts,
            },
        },
    }


def test_socket_mode_connects_out_and_answers_once(runtime: Runtime, fake_slack: FakeSlack) -> None:
    settings = runtime.settings.model_copy(
        update={
            "slack_mode": "socket",
            "slack_bot_token": TOKEN,
            "slack_app_token": APP_TOKEN,
            "slack_api_url": fake_slack.url,
        }
    )
    surface = slack_surface(settings, runtime)
    assert surface.mode == "socket" and surface.routes == []  # no public URL needed
    with fake_socket_mode() as socket:
        fake_slack.answer_with("apps.connections.open", url=socket.url)
        surface.start()
        try:
            assert socket.connected.wait(10)
            opened = fake_slack.calls_of("apps.connections.open")[0]
            assert opened.headers["authorization"] == f"Bearer {APP_TOKEN}"
            socket.send(envelope("env-1", "Ev-soketti"))
            socket.wait_ack("env-1")
            answer = fake_slack.wait_for("chat.postMessage")
            assert answer.params["channel"] == "C0SOKETTI"
            assert answer.params["thread_ts"] == "1700002000.000100"
            assert answer.headers["authorization"] == f"Bearer {TOKEN}"
            socket.send(envelope("env-2", "Ev-soketti", retry=1))  # Slack's retry
            socket.wait_ack("env-2")
            fake_slack.quiet_for(1.0)
            assert len(fake_slack.calls_of("chat.postMessage")) == 1
        finally:
            surface.stop()


def test_a_refused_app_token_is_named(runtime: Runtime, fake_slack: FakeSlack) -> None:
    fake_slack.answer_with("apps.connections.open", ok=False, error="invalid_auth")
    settings = runtime.settings.model_copy(
        update={
            "slack_mode": "socket",
            "slack_bot_token": TOKEN,
            "slack_app_token": "xapp-vanha",
            "slack_api_url": fake_slack.url,
        }
    )
    surface = slack_surface(settings, runtime)
    with pytest.raises(ConfigError, match="JARJESTOBOTTI_SLACK_APP_TOKEN"):
        surface.start()
    surface.stop()


@pytest.mark.parametrize(
    ("settings", "missing"),
    [
        ({"slack_mode": "socket", "slack_bot_token": TOKEN}, "JARJESTOBOTTI_SLACK_APP_TOKEN"),
        ({"slack_bot_token": TOKEN}, "JARJESTOBOTTI_SLACK_SIGNING_SECRET"),
        ({"slack_signing_secret": "s"}, "JARJESTOBOTTI_SLACK_BOT_TOKEN"),
        ({"slack_mode": "socket", "slack_app_token": APP_TOKEN}, "JARJESTOBOTTI_SLACK_BOT_TOKEN"),
    ],
)
def test_missing_slack_settings_are_named(settings: dict[str, Any], missing: str) -> None:
    conf = Settings(**settings)
    assert slack_configured(conf)
    with pytest.raises(ConfigError, match=missing):
        check_slack_settings(conf)


def test_slack_stays_off_when_not_configured(runtime: Runtime) -> None:
    surface = slack_surface(Settings(), runtime)
    assert surface.mode == "off" and surface.routes == [] and surface.app is None


def test_manifest_declares_what_the_app_handles() -> None:
    manifest = yaml.safe_load((ROOT / "slack" / "manifest.yaml").read_text(encoding="utf-8"))
    commands = manifest["features"]["slash_commands"]
    assert {c["command"] for c in commands} == {"/jarjesto", "/yhteydenotto", "/ohjaukset"}
    settings = manifest["settings"]
    urls = [c["url"] for c in commands] + [
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
    ]
    assert all(url.startswith("https://") and url.endswith("/slack/events") for url in urls)
    assert {"app_mention", "app_home_opened", "message.im", "message.channels"} <= set(
        settings["event_subscriptions"]["bot_events"]
    )
    assert settings["interactivity"]["is_enabled"] and not settings["socket_mode_enabled"]
    assert manifest["features"]["app_home"]["home_tab_enabled"]
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "im:history", "chat:write", "commands"} <= scopes
