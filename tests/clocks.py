"""Clocks the test moves: epoch seconds, as `Signer`, `LocalMemory` and `RedisMemory` read them,
and aware datetimes, as the contact-request service and the outbox sender read them."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta


class MovingClock:
    """Epoch seconds (from now, or from `start`) that move only when the test sets `now`."""

    def __init__(self, start: float | None = None) -> None:
        self.now = time.time() if start is None else start

    def __call__(self) -> float:
        return self.now

    def moment(self) -> datetime:
        """The same instant as an aware datetime (for the contact-request service's clock)."""
        return datetime.fromtimestamp(self.now, UTC)


class DateClock:
    """An aware datetime from `start` that moves only when the test sets `now` or advances it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
