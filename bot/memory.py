"""Small bounded, expiring memories for the chat adapters and the rate limits.

Slack and Teams deliver at least once: Slack retries an event it thinks we
missed (same `event_id`, `X-Slack-Retry-Num` header) and sends one channel
message both as `app_mention` and as `message`; Teams redelivers an activity
it got no answer to within about 15 seconds. `SeenKeys` remembers what was
already taken on, so each of those is answered once. `TtlCache` keeps, e.g.,
Slack's ephemeral answers for the "Jaa kanavalle" button, since Slack can't
give an ephemeral message back.

What must hold across replicas (retry de-duplication, rate-limit counts, the
login backoff) goes through one small interface, `Memory`, with two backends: `LocalMemory` here
(the single-instance default: bounded, forgotten on restart) and
`bot.redis_memory.RedisMemory` (JARJESTOBOTTI_REDIS_URL), shared by every
process that points at the same Redis.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sized
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

V = TypeVar("V")

__all__ = ["LocalMemory", "Memory", "Recent", "SeenKeys", "TtlCache"]


class TtlCache(Generic[V]):
    """Thread-safe LRU mapping whose entries expire after `ttl` seconds."""

    def __init__(
        self, ttl: float, max_items: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl
        self._max = max_items
        self._clock = clock
        self._items: OrderedDict[str, tuple[float, V]] = OrderedDict()
        self._lock = threading.Lock()

    def _expire(self, now: float) -> None:
        while self._items:
            key, (stamp, _) = next(iter(self._items.items()))
            if now - stamp <= self._ttl and len(self._items) <= self._max:
                break
            del self._items[key]

    def put(self, key: str, value: V) -> None:
        with self._lock:
            now = self._clock()
            self._items[key] = (now, value)
            self._items.move_to_end(key)
            self._expire(now)

    def get(self, key: str) -> V | None:
        with self._lock:
            self._expire(self._clock())
            item = self._items.get(key)
            return item[1] if item else None

    def __len__(self) -> int:
        return len(self._items)


@dataclass(frozen=True)
class Recent:
    """The events under a key in a window: how many, and how long ago the latest was."""

    count: int
    age: float | None  # seconds since the latest event; None when there is none


class Memory(Protocol):
    """Where claims and event counts live: this process, or a store shared by replicas."""

    def claim(self, key: str, ttl: float) -> bool:
        """True exactly once per `key` per `ttl` seconds (for every process sharing it)."""
        ...

    def add(self, key: str, window: float) -> None:
        """Record one event under `key`, remembered for `window` seconds."""
        ...

    def count(self, key: str, window: float) -> int:
        """Events recorded under `key` in the last `window` seconds."""
        ...

    def recent(self, key: str, window: float) -> Recent:
        """`count`, and the seconds since the latest of those events (on the store's clock,
        so replicas whose clocks differ agree)."""
        ...

    def forget(self, key: str) -> None:
        """Drop the events and the claim under `key`."""
        ...


class LocalMemory:
    """`Memory` in this process: bounded (the oldest keys are forgotten first)."""

    def __init__(self, max_keys: int = 50_000, clock: Callable[[], float] = time.monotonic) -> None:
        self._max, self._clock = max_keys, clock
        self._claims: OrderedDict[str, float] = OrderedDict()  # key → expires at
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, key: str, ttl: float) -> bool:
        with self._lock:
            now = self._clock()
            while self._claims and (
                next(iter(self._claims.values())) <= now or len(self._claims) >= self._max
            ):
                self._claims.popitem(last=False)
            expires = self._claims.get(key)
            if expires is not None and expires > now:
                return False
            self._claims[key] = now + ttl
            self._claims.move_to_end(key)
            return True

    def _trimmed(self, key: str, window: float, now: float) -> deque[float]:
        """The events under `key` in the window (an unknown key is not stored by looking)."""
        events = self._events.get(key, deque())
        while events and events[0] <= now - window:
            events.popleft()
        return events

    def add(self, key: str, window: float) -> None:
        with self._lock:
            now = self._clock()
            self._events[key] = self._trimmed(key, window, now)
            self._events[key].append(now)
            self._events.move_to_end(key)
            while len(self._events) > self._max:  # forget the quietest addresses
                self._events.popitem(last=False)

    def count(self, key: str, window: float) -> int:
        return self.recent(key, window).count

    def recent(self, key: str, window: float) -> Recent:
        with self._lock:
            now = self._clock()
            events = self._trimmed(key, window, now)
            return Recent(len(events), now - events[-1] if events else None)

    def forget(self, key: str) -> None:
        with self._lock:
            self._events.pop(key, None)
            self._claims.pop(key, None)

    def __len__(self) -> int:
        return len(self._claims) + len(self._events)


class SeenKeys:
    """'Have we taken this on already?' — `claim` is true exactly once per key per TTL,
    in this process or (with a shared `memory`) in every replica."""

    def __init__(
        self,
        ttl: float = 3600,
        max_items: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
        *,
        memory: Memory | None = None,
        namespace: str = "seen",
    ) -> None:
        self._ttl, self._namespace = ttl, namespace
        self._memory: Memory = memory if memory is not None else LocalMemory(max_items, clock)

    def claim(self, key: str) -> bool:
        return self._memory.claim(f"{self._namespace}:{key}", self._ttl)

    def __len__(self) -> int:
        """Keys held in this process (0 with a shared store: they live there)."""
        return len(self._memory) if isinstance(self._memory, Sized) else 0
