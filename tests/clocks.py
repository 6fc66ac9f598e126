"""A clock the test moves: epoch seconds, as `Signer`, `LocalMemory` and `RedisMemory` read them."""

from __future__ import annotations

import time
from datetime import UTC, datetime


class MovingClock:
    """Epoch seconds (from now, or from `start`) that move only when the test sets `now`."""

    def __init__(self, start: float | None = None) -> None:
        self.now = time.time() if start is None else start

    def __call__(self) -> float:
        return self.now

    def moment(self) -> datetime:
        """The same instant as an aware datetime (for the contact-request service's clock)."""
        return datetime.fromtimestamp(self.now, UTC)
