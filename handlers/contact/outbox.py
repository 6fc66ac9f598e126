"""The outbox: notifications written with their request, sent later, retried until sent.

A sender claims due rows (marked `sending` and leased in a committed
transaction before anything goes out), sends, then marks each row sent or
schedules the next try. A crash or a database error between sending and
recording leaves the row `sending`; when its lease runs out it is claimed
again as `unsure`, and the transport asks the far end whether the message
with the row's `key` already arrived (Slack) or sends it with the same key
(e-mail Message-ID) before sending again. So a notification is never lost and
is not sent twice. The queries are in `store.outbox`.
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
    unsure: bool = False  # an earlier attempt may have gone out: check before sending

    @property
    def key(self) -> str:
        """The idempotency key sent along (Slack metadata, e-mail Message-ID)."""
        return f"jarjestobotti-outbox-{self.id}"


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
            OutboxItem(row_id, kind, attempts, to_view(request) if request else None, unsure)
            for row_id, kind, attempts, unsure, request in self.store.claim_due(
                kinds, now=now, lease_until=now + lease, limit=limit
            )
        ]

    def mark_sent(self, item_id: int, *, now: datetime, external_id: str | None = None) -> None:
        self.store.mark_sent(item_id, now=now, external_id=external_id)

    def mark_retry(self, item_id: int, *, retry_at: datetime, error: str) -> None:
        """Back to pending, tried again at `retry_at`; the error is kept, redacted."""
        self.store.mark_retry(item_id, retry_at=retry_at, error=error)

    def counts(self) -> dict[tuple[str, str], int]:
        """(kind, status) → rows, e.g. for the admin view or monitoring."""
        return self.store.counts()
