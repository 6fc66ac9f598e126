"""`Memory` in Redis, so replicas share retry de-duplication and rate-limit counts.

Set JARJESTOBOTTI_REDIS_URL (e.g. `redis://redis:6379/0`) on every replica;
unset, each process keeps its own `bot.memory.LocalMemory`. Keys start with
JARJESTOBOTTI_REDIS_KEY_PREFIX, so deployments may share one Redis. A claim is one
`SET NX PX`; a window of events (rate limits, failed logins) is a sorted set
of event times, trimmed, counted and aged by one script on the Redis server's
clock, so replicas whose clocks differ still count alike. If Redis can't be
reached the process keeps working as if alone (its own `LocalMemory`, logged):
a retry may then be answered twice and a limit counts per replica, rather than
refusing to answer anyone or dropping the limits altogether.
"""

from __future__ import annotations

import functools
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any

import redis

from bot.memory import LocalMemory, Memory, Recent
from bot.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["RedisMemory", "shared_memory"]

TIMEOUT_S = 2.0
# KEYS[1] the window; ARGV: window in ms, "1" to add an event, a unique member, and the time
# in ms ("" = the server's clock). Returns {count, ms since the latest event or -1}.
WINDOW_SCRIPT = """
local now = tonumber(ARGV[4])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
if ARGV[2] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local latest = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local age = -1
if latest[2] then age = math.max(0, now - tonumber(latest[2])) end
return {redis.call('ZCARD', KEYS[1]), age}
"""


class RedisMemory:
    """`Memory` on a Redis server; thread-safe (redis-py's connection pool). Windows run on
    the server's clock; `clock` (seconds) replaces it, for tests that move time."""

    def __init__(self, url: str, prefix: str, *, clock: Callable[[], float] | None = None) -> None:
        self._client: Any = redis.Redis.from_url(
            url, socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S
        )
        self._prefix, self._clock = prefix, clock
        self._window = self._client.register_script(WINDOW_SCRIPT)
        self._alone = LocalMemory(clock=clock or time.monotonic)  # while Redis is unreachable

    def claim(self, key: str, ttl: float) -> bool:
        try:
            return bool(self._client.set(self._prefix + key, b"1", nx=True, px=_ms(ttl)))
        except redis.RedisError as exc:
            log.warning("redis: toistojen tunnistus vain tässä prosessissa (%s)", exc)
            return self._alone.claim(key, ttl)

    def add(self, key: str, window: float) -> None:
        self._run_window(key, window, add=True)

    def count(self, key: str, window: float) -> int:
        return self._run_window(key, window, add=False).count

    def recent(self, key: str, window: float) -> Recent:
        return self._run_window(key, window, add=False)

    def forget(self, key: str) -> None:
        try:
            self._client.delete(self._prefix + key)
        except redis.RedisError as exc:
            log.warning("redis: avaimen poisto epäonnistui (%s)", exc)
        self._alone.forget(key)

    def _run_window(self, key: str, window: float, *, add: bool) -> Recent:
        now = "" if self._clock is None else str(_ms(self._clock()))
        args: list[str | int] = [_ms(window), int(add), secrets.token_hex(8), now]
        try:
            count, age = self._window(keys=[self._prefix + key], args=args)
        except redis.RedisError as exc:
            log.warning("redis: käyttörajat ja kirjautumisviive vain tässä prosessissa (%s)", exc)
            if add:
                self._alone.add(key, window)
            return self._alone.recent(key, window)
        return Recent(int(count), int(age) / 1000 if int(age) >= 0 else None)

    def close(self) -> None:
        self._client.close()


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))


@functools.cache
def _memory_for(url: str, prefix: str) -> RedisMemory:
    return RedisMemory(url, prefix)


def shared_memory(settings: Settings) -> Memory | None:
    """The replicas' shared memory (one client per URL and prefix in a process), or None
    without JARJESTOBOTTI_REDIS_URL: then each user keeps a `LocalMemory` of its own."""
    return (
        _memory_for(settings.redis_url, settings.redis_key_prefix) if settings.redis_url else None
    )
