"""Login backoff: failed logins slow down per account and per address.

After `free` failures a key (an account name, or a client address) must wait
`base` seconds before its next attempt is even checked, and the wait doubles
with every further failure (at most `cap`). Counting per account stops an
attacker who rotates addresses (or `X-Forwarded-For`); counting per address
stops one who rotates account names. Refused attempts are not checked and do
not count. A key is forgotten `forget` seconds after its last failure, or on a
successful login (the account's key only).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["LoginBackoff"]


class LoginBackoff:
    def __init__(
        self,
        *,
        free: int = 3,
        base: float = 2.0,
        cap: float = 900.0,
        forget: float = 3600.0,
        max_keys: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.base, self.cap, self.forget = free, base, cap, forget
        self._max_keys, self._clock = max_keys, clock
        self._failures: dict[str, tuple[int, float]] = {}  # key → (failures, last failure)
        self._lock = threading.Lock()

    def _delay(self, failures: int) -> float:
        if failures < self.free:
            return 0.0
        return float(min(self.cap, self.base * 2 ** (failures - self.free)))

    def wait(self, *keys: str) -> float:
        """Seconds until all of `keys` may try again (0: now)."""
        now = self._clock()
        with self._lock:
            waits = [0.0]
            for key in keys:
                failures, last = self._failures.get(key, (0, now))
                if now - last > self.forget:
                    self._failures.pop(key, None)
                    continue
                waits.append(last + self._delay(failures) - now)
            return max(waits)

    def failed(self, *keys: str) -> None:
        now = self._clock()
        with self._lock:
            for key in keys:
                failures, last = self._failures.pop(key, (0, now))
                self._failures[key] = (1 if now - last > self.forget else failures + 1, now)
            while len(self._failures) > self._max_keys:  # the oldest first (insertion order)
                del self._failures[next(iter(self._failures))]

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
