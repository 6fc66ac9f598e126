"""The outbox: notifications written with their request, sent later, retried until sent.

A sender claims due rows (bumping `attempts` and leasing the row), sends,
then marks each row sent or schedules the next try. A crash mid-send leaves
the row pending; it is tried again when the lease runs out. So a notification
may, rarely, go twice, but never zero times. The queries are in `store.outbox`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.contact.views import ContactRequestView, to_view
from store.outbox import OutboxStore

__all__ = ["ContactOutbox", "OutboxItem"]


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    attempts: int  # including this one
    request: ContactRequestView | None


class ContactOutbox:
    """The notification queue of the contact-request service."""

    def __init__(self, store: OutboxStore) -> None:
        self.store = store

    def claim_due(
        self, kinds: Collection[str], *, now: datetime, lease: timedelta, limit: int = 20
    ) -> list[OutboxItem]:
        """Pending rows of `kinds` due at `now`, claimed for `lease`. Raises `StorageError`."""
        if not kinds:
            return []
        return [
            OutboxItem(row_id, kind, attempts, to_view(request) if request else None)
            for row_id, kind, attempts, request in self.store.claim_due(
                kinds, now=now, lease_until=now + lease, limit=limit
            )
        ]

    def mark_sent(self, item_id: int, *, now: datetime, external_id: str | None = None) -> None:
        self.store.mark_sent(item_id, now=now, external_id=external_id)

    def mark_retry(self, item_id: int, *, retry_at: datetime, error: str) -> None:
        """Keep the row pending and try again at `retry_at`; the error is kept, redacted."""
        self.store.mark_retry(item_id, retry_at=retry_at, error=error)

    def counts(self) -> dict[tuple[str, str], int]:
        """(kind, status) → rows, e.g. for the admin view or monitoring."""
        return self.store.counts()
