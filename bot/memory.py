"""Small bounded, expiring in-process memories for the chat adapters.

Slack and Teams deliver at least once: Slack retries an event it thinks we
missed (same `event_id`, `X-Slack-Retry-Num` header) and sends one channel
message both as `app_mention` and as `message`; Teams redelivers an activity
it got no answer to within about 15 seconds. `SeenKeys` remembers what was
already taken on, so each of those is answered once. `TtlCache` keeps, e.g.,
Slack's ephemeral answers for the "Jaa kanavalle" button, since Slack can't
give an ephemeral message back. Both are bounded so a busy workspace can't
grow them without limit; a restart forgets them, which at worst re-answers a
retry that arrives across it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

V = TypeVar("V")


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


class SeenKeys:
    """'Have we taken this on already?' — `claim` is true exactly once per key per TTL."""

    def __init__(
        self,
        ttl: float = 3600,
        max_items: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._cache: TtlCache[bool] = TtlCache(ttl, max_items, clock)
        self._lock = threading.Lock()

    def claim(self, key: str) -> bool:
        with self._lock:
            if self._cache.get(key):
                return False
            self._cache.put(key, True)
            return True

    def __len__(self) -> int:
        return len(self._cache)
