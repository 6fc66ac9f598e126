"""Two replicas sharing one Redis (JARJESTOBOTTI_REDIS_URL, the real server at
127.0.0.1:6379): a Slack retry that reaches the other replica is not answered
twice, and the contact form's and the login's rate limits count across both.

Each test uses its own key prefix, removed afterwards, so runs don't meet
(`tests.redis_fixtures`).
"""

from __future__ import annotations

import dataclasses
from contextlib import ExitStack

import httpx
import pytest

from bot.memory import LocalMemory
from bot.redis_memory import RedisMemory
from bot.runtime import Runtime
from bot.settings import Settings
from bot.slack.app import slack_surface
from bot.web.app import create_app
from tests import slack_requests
from tests.fake_slack import BOT_USER_ID, FakeSlack
from tests.redis_fixtures import REDIS_URL, redis_prefix  # noqa: F401  (fixture)
from tests.runtime_fixtures import live_server
from tests.served_runtime import log_in, served_web_app
from tests.test_contact_web import open_form, submit

QUESTION = "Onko Keravalla vertaistukea leskille?"

runtime, fake_slack = slack_requests.runtime, slack_requests.fake_slack


@pytest.fixture
def shared(runtime: Runtime, redis_prefix: str) -> Settings:  # noqa: F811
    """The runtime's settings pointed at the real Redis, with a prefix of this test's own."""
    return runtime.settings.model_copy(
        update={"redis_url": REDIS_URL, "redis_key_prefix": redis_prefix, "web_secret": "jaettu"}
    )


def test_a_slack_retry_to_the_other_replica_is_not_answered_again(
    runtime: Runtime, fake_slack: FakeSlack, shared: Settings
) -> None:
    settings = shared.model_copy(
        update={
            "slack_bot_token": slack_requests.TOKEN,
            "slack_signing_secret": slack_requests.SECRET,
            "slack_api_url": fake_slack.url,
        }
    )
    with ExitStack() as stack:
        first, second = (
            slack_requests.Slack(
                stack.enter_context(
                    httpx.Client(
                        base_url=stack.enter_context(
                            live_server(
                                create_app(
                                    runtime, extra_routes=slack_surface(settings, runtime).routes
                                )
                            )
                        ),
                        timeout=30,
                    )
                ),
                fake_slack,
            )
            for _ in range(2)
        )
        event = slack_requests.mention("C0REPLIKA", "1700000300.000100", QUESTION)
        assert first.event(event, "Ev-replika").status_code == 200
        fake_slack.wait_for("chat.postMessage")
        # Slack thought the first replica missed it: the retry lands on the second one,
        # and so does the same message delivered as `message`.
        assert second.event(event, "Ev-replika", retry=1).status_code == 200
        twin = slack_requests.message("C0REPLIKA", "1700000300.000100", f"<@{BOT_USER_ID}> x")
        assert second.event(twin, "Ev-replika-viesti").status_code == 200
        fake_slack.quiet_for(1.5)
        assert len(fake_slack.calls_of("chat.postMessage")) == 1


def test_the_contact_form_limit_counts_across_replicas(runtime: Runtime, shared: Settings) -> None:
    strict = dataclasses.replace(
        runtime, settings=shared.model_copy(update={"contact_rate_limit_per_hour": 2})
    )
    with (
        served_web_app(strict, contact=True) as url_a,
        served_web_app(strict, contact=True) as url_b,
        httpx.Client(base_url=url_a, timeout=30) as a,
        httpx.Client(base_url=url_b, timeout=30) as b,
    ):
        assert submit(a, open_form(a)).status_code == 200
        assert submit(b, open_form(b)).status_code == 200
        third = submit(a, open_form(a), organisation="Kolmas ry")
        assert third.status_code == 429 and "liian monta yhteydenottoa" in third.text
        assert submit(b, open_form(b), organisation="Neljäs ry").status_code == 429


def test_failed_logins_count_across_replicas(runtime: Runtime, shared: Settings) -> None:
    contacts = runtime.contact_requests()
    contacts.accounts.add("replika-koordinaattori", "oikea-salasana-123", replace=True)
    admin = dataclasses.replace(runtime, settings=shared)
    with (
        served_web_app(admin, contact=True) as url_a,
        served_web_app(admin, contact=True) as url_b,
        httpx.Client(base_url=url_a, timeout=30) as a,
        httpx.Client(base_url=url_b, timeout=30) as b,
    ):
        for attempt in range(10):  # ten wrong passwords, taking turns on the replicas
            log_in(a if attempt % 2 else b, "replika-koordinaattori", f"arvaus-{attempt}")
        log_in(a, "replika-koordinaattori", "oikea-salasana-123")
        refused = a.get("/admin/yhteydenotot")  # still locked out: back to the login form
        assert refused.status_code == 303
        assert refused.headers["location"].startswith("/admin/yhteydenotot/kirjaudu")


def test_redis_and_local_memory_agree(redis_prefix: str) -> None:  # noqa: F811
    """The two backends of the one interface: claim once per TTL; count in a window."""
    for memory in (LocalMemory(), RedisMemory(REDIS_URL, redis_prefix)):
        assert memory.claim("Ev1", 60) and not memory.claim("Ev1", 60)
        assert memory.claim("Ev2", 0.05)
        for _ in range(3):
            memory.add("osoite", 60)
        assert memory.count("osoite", 60) == 3 and memory.count("muu", 60) == 0
