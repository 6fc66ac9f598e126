"""The contact form's per-address limit over time (issue 13, part F), on both `Memory`
backends (this process; the real Redis) with a clock the test moves: past the limit the
form is refused, and each request is let through again once the hour since it has passed
(a sliding window, not a reset on the hour)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import httpx
import pytest

from bot.memory import LocalMemory, Memory
from bot.redis_memory import RedisMemory
from bot.runtime import Runtime
from bot.web.app import create_app
from bot.web.contact import contact_router
from tests.clocks import MovingClock
from tests.redis_fixtures import REDIS_URL, redis_prefix  # noqa: F401  (fixture)
from tests.runtime_fixtures import knowledge_index_dir, live_server  # noqa: F401  (fixture)
from tests.served_runtime import runtime_fixture
from tests.test_contact_web import open_form, submit

HOUR = 3600.0
REFUSED = "liian monta yhteydenottoa"

runtime = runtime_fixture("ratewindow", web_secret="ikkunan-salaisuus")


@pytest.fixture(params=["local", "redis"])
def memory_and_clock(
    request: pytest.FixtureRequest,
    redis_prefix: str,  # noqa: F811
) -> tuple[Memory, MovingClock]:
    clock = MovingClock()
    if request.param == "local":
        return LocalMemory(clock=clock), clock
    return RedisMemory(REDIS_URL, redis_prefix, clock=clock), clock


@pytest.fixture
def http(runtime: Runtime, memory_and_clock: tuple[Memory, MovingClock]) -> Iterator[httpx.Client]:
    strict = dataclasses.replace(
        runtime, settings=runtime.settings.model_copy(update={"contact_rate_limit_per_hour": 2})
    )
    app = create_app(strict, extra_routes=[contact_router(strict, memory=memory_and_clock[0])])
    with live_server(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def send(http: httpx.Client, n: int) -> httpx.Response:
    return submit(http, open_form(http), organisation=f"Ikkuna {n} ry")


def test_the_limit_refuses_past_two_and_lets_each_through_an_hour_later(
    http: httpx.Client, memory_and_clock: tuple[Memory, MovingClock]
) -> None:
    clock = memory_and_clock[1]
    assert send(http, 1).status_code == 200  # at 0:00
    clock.now += 600
    assert send(http, 2).status_code == 200  # at 0:10
    refused = send(http, 3)
    assert refused.status_code == 429 and REFUSED in refused.text
    assert 'value="Ikkuna 3 ry"' in refused.text  # what was typed is kept
    clock.now += HOUR - 601  # 0:59:59 after the first: both still count
    assert send(http, 4).status_code == 429
    clock.now += 2  # the first has left the window, the second not
    assert send(http, 5).status_code == 200
    assert send(http, 6).status_code == 429
    clock.now += 600  # the second has left too, the fifth still counts
    assert send(http, 7).status_code == 200
    assert send(http, 8).status_code == 429
