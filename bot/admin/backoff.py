"""Login backoff: failed logins slow down per account and per address, in every replica.

After `free` failures of a key (an account name, or a client address) in the
last `forget` seconds, the key must wait `base` seconds after its latest
failure before its next attempt is even checked, and the wait doubles with
every further failure (at most `cap`). Counting per account stops an attacker
who rotates addresses (or `X-Forwarded-For`); counting per address stops one
who rotates account names. Refused attempts are not checked and do not count.
A failure is forgotten `forget` seconds after it happened; a successful login
forgets the account's failures (only the account's key).

The failures live in a `bot.memory.Memory`: this process by default, or Redis
(JARJESTOBOTTI_REDIS_URL) shared by every replica, so running N replicas does
not give an attacker N times the guesses. The ages come from the memory's
clock (the Redis server's), so replicas whose clocks differ wait alike.
"""

from __future__ import annotations

from bot.memory import LocalMemory, Memory

__all__ = ["LoginBackoff"]


class LoginBackoff:
    def __init__(
        self,
        *,
        free: int = 3,
        base: float = 2.0,
        cap: float = 900.0,
        forget: float = 3600.0,
        memory: Memory | None = None,
        namespace: str = "login",
    ) -> None:
        self.free, self.base, self.cap, self.forget = free, base, cap, forget
        self._memory: Memory = memory if memory is not None else LocalMemory()
        self._namespace = namespace

    def _key(self, key: str) -> str:
        return f"{self._namespace}:{key}"

    def _delay(self, failures: int) -> float:
        if failures < self.free:
            return 0.0
        return float(min(self.cap, self.base * 2 ** (failures - self.free)))

    def wait(self, *keys: str) -> float:
        """Seconds until all of `keys` may try again (0: now)."""
        waits = [0.0]
        for key in keys:
            recent = self._memory.recent(self._key(key), self.forget)
            if recent.age is not None:
                waits.append(self._delay(recent.count) - recent.age)
        return max(waits)

    def failed(self, *keys: str) -> None:
        for key in keys:
            self._memory.add(self._key(key), self.forget)

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self._memory.forget(self._key(key))
