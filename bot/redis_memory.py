"""`Memory` in Redis, so replicas share retry de-duplication and rate-limit counts.

Set JARJESTOBOTTI_REDIS_URL (e.g. `redis://redis:6379/0`) on every replica;
unset, each process keeps its own `bot.memory.LocalMemory`. Keys start with
JARJESTOBOTTI_REDIS_KEY_PREFIX, so deployments may share one Redis. A claim is one
`SET NX PX`; a rate-limit window is a sorted set of event times, trimmed and
counted by one script on the Redis server's clock, so replicas whose clocks
differ still count alike. If Redis can't be reached the bot keeps working as
if alone: a retry may then be answered twice and a limit counts less, which
is logged, rather than refusing to answer anyone.
"""

from __future__ import annotations

import functools
import logging
import secrets
from typing import Any

import redis

from bot.memory import Memory
from bot.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["RedisMemory", "shared_memory"]

TIMEOUT_S = 2.0
# KEYS[1] the window; ARGV: window in ms, "1" to add an event, a unique member. Returns the count.
WINDOW_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
if ARGV[2] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return redis.call('ZCARD', KEYS[1])
"""


class RedisMemory:
    """`Memory` on a Redis server; thread-safe (redis-py's connection pool)."""

    def __init__(self, url: str, prefix: str) -> None:
        self._client: Any = redis.Redis.from_url(
            url, socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S
        )
        self._prefix = prefix
        self._window = self._client.register_script(WINDOW_SCRIPT)

    def claim(self, key: str, ttl: float) -> bool:
        try:
            return bool(self._client.set(self._prefix + key, b"1", nx=True, px=_ms(ttl)))
        except redis.RedisError as exc:
            log.warning("redis: toistojen tunnistus ei käytössä (%s), vastataan silti", exc)
            return True

    def add(self, key: str, window: float) -> None:
        self._run_window(key, window, add=True)

    def count(self, key: str, window: float) -> int:
        return self._run_window(key, window, add=False)

    def _run_window(self, key: str, window: float, *, add: bool) -> int:
        member = secrets.token_hex(8)
        try:
            return int(
                self._window(keys=[self._prefix + key], args=[_ms(window), int(add), member])
            )
        except redis.RedisError as exc:
            log.warning("redis: käyttörajan laskenta ei käytössä (%s)", exc)
            return 0

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
