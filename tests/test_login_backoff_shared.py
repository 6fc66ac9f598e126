"""Login backoff shared between replicas (issue 13, part F): with JARJESTOBOTTI_REDIS_URL the
failed logins of every replica count together on the real Redis, so N replicas do not give
an attacker N times the guesses; without Redis (or while it is down) each process backs off
on its own."""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from bot.admin.backoff import LoginBackoff
from bot.memory import LocalMemory, Memory
from bot.redis_memory import RedisMemory
from bot.runtime import Runtime
from tests.clocks import MovingClock
from tests.redis_fixtures import REDIS_URL, redis_prefix  # noqa: F401  (fixture)
from tests.runtime_fixtures import knowledge_index_dir  # noqa: F401  (fixture)
from tests.served_runtime import log_in, runtime_fixture, served_web_app

PASSWORD = "oikea-salasana-jaettu-1"
ACCOUNT = "jaettu-koordinaattori"

runtime = runtime_fixture("backoff", web_secret="jaettu-salaisuus")


def test_failures_split_across_two_replicas_back_off_together(
    runtime: Runtime,
    redis_prefix: str,  # noqa: F811
) -> None:
    """Three wrong passwords taking turns on the replicas use up the account's three free
    tries: even the right password now waits, on the replica that saw one failure too."""
    runtime.contact_requests().accounts.add(ACCOUNT, PASSWORD, replace=True)
    shared = dataclasses.replace(
        runtime,
        settings=runtime.settings.model_copy(
            update={"redis_url": REDIS_URL, "redis_key_prefix": redis_prefix}
        ),
    )
    with (
        served_web_app(shared, contact=True) as url_a,
        served_web_app(shared, contact=True) as url_b,
        httpx.Client(base_url=url_a, timeout=30) as a,
        httpx.Client(base_url=url_b, timeout=30) as b,
    ):
        for replica in (a, b, a):
            assert log_in(replica, ACCOUNT, "väärä-arvaus").status_code == 401
        for replica in (b, a):
            waiting = log_in(replica, ACCOUNT, PASSWORD)
            assert waiting.status_code == 429
            assert "Odota" in waiting.text and int(waiting.headers["Retry-After"]) >= 1


@pytest.fixture(params=["local", "redis"])
def memory(request: pytest.FixtureRequest, redis_prefix: str) -> Memory:  # noqa: F811
    """One memory on a test clock; with Redis, a second client makes the second replica."""
    clock = MovingClock()
    request.node.clock = clock
    if request.param == "local":
        return LocalMemory(clock=clock)
    return RedisMemory(REDIS_URL, redis_prefix, clock=clock)


def test_the_schedule_is_the_same_on_both_memories(
    request: pytest.FixtureRequest, memory: Memory
) -> None:
    clock: MovingClock = request.node.clock
    replica_a, replica_b = LoginBackoff(memory=memory), LoginBackoff(memory=memory)
    key = "tunnus:liisa"
    for _ in range(3):
        assert replica_b.wait(key) == 0
        replica_a.failed(key)
    assert replica_b.wait(key) == pytest.approx(2.0)  # three failures: wait 2 s
    clock.now += 1.5
    assert replica_b.wait(key) == pytest.approx(0.5)
    clock.now += 0.5
    replica_b.failed(key)
    assert replica_a.wait(key) == pytest.approx(4.0)  # the fourth doubles it
    replica_a.succeeded(key)  # the right password: the account starts afresh everywhere
    assert replica_b.wait(key) == 0
    replica_a.failed("osoite:192.0.2.7")
    clock.now += 3601  # a failure is forgotten an hour after it
    assert replica_b.wait("osoite:192.0.2.7") == 0


def test_with_redis_down_each_process_still_backs_off() -> None:
    clock = MovingClock()
    unreachable = RedisMemory("redis://127.0.0.1:1/0", "alas:", clock=clock)
    backoff = LoginBackoff(memory=unreachable)
    for _ in range(4):
        backoff.failed("tunnus:pekka")
    assert backoff.wait("tunnus:pekka") == pytest.approx(4.0)
    assert unreachable.claim("Ev1", 60) and not unreachable.claim("Ev1", 60)
