"""Outbox queries: claim due notifications, record them sent or to be retried.

A sender claims due rows (status `sending`, `attempts` bumped, leased by moving
`next_attempt_at` forward, committed before anything is sent), sends, then
marks each row sent or back to pending with the next try. A row found still
`sending` after its lease was perhaps sent: it is claimed as `unsure`, so the
sender can ask the far end before sending again. The rules around it (which
kinds, how long to wait) are the caller's.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from store.contact_models import ContactRequest, Outbox
from store.db import transaction
from store.redact import redact

__all__ = ["ERROR_MAX", "Claimed", "OutboxStore"]

ERROR_MAX = 1000
# id, kind, attempts (this one), unsure (an earlier attempt's outcome is unknown), request
Claimed = tuple[int, str, int, bool, ContactRequest | None]


class OutboxStore:
    """The outbox table behind one session factory."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory

    def claim_due(
        self, kinds: Collection[str], *, now: datetime, lease_until: datetime, limit: int
    ) -> list[Claimed]:
        """Rows of `kinds` due at `now` (pending, or sending with a lease run out),
        leased until `lease_until`; each claim is committed before this returns."""
        claimed: list[Claimed] = []
        with transaction(self.session_factory, "ilmoitusjonon luku epäonnistui") as session:
            due = session.execute(
                select(Outbox.id, Outbox.attempts, Outbox.status)
                .where(
                    Outbox.status.in_(("pending", "sending")),
                    Outbox.kind.in_(sorted(kinds)),
                    Outbox.next_attempt_at <= now,
                )
                .order_by(Outbox.next_attempt_at, Outbox.id)
                .limit(limit)
            ).all()
            for row_id, attempts, status in due:
                # Compare-and-set on `attempts`: another sender that claimed the row
                # first has already bumped it, so this update touches nothing.
                result = session.execute(
                    update(Outbox)
                    .where(
                        Outbox.id == row_id,
                        Outbox.attempts == attempts,
                        Outbox.status == status,
                    )
                    .values(status="sending", attempts=attempts + 1, next_attempt_at=lease_until),
                    execution_options={"synchronize_session": False},
                )
                if cast(CursorResult[Any], result).rowcount != 1:
                    continue
                item = session.get(Outbox, row_id)
                assert item is not None
                request = session.get(ContactRequest, item.request_id) if item.request_id else None
                claimed.append((row_id, item.kind, attempts + 1, status == "sending", request))
        return claimed

    def mark_sent(self, item_id: int, *, now: datetime, external_id: str | None) -> None:
        with transaction(self.session_factory, "ilmoituksen kirjaus epäonnistui") as session:
            session.execute(
                update(Outbox)
                .where(Outbox.id == item_id)
                .values(status="sent", sent_at=now, external_id=external_id, last_error=None)
            )

    def mark_retry(self, item_id: int, *, retry_at: datetime, error: str) -> None:
        """Back to pending, tried again at `retry_at`; the error is kept, redacted."""
        with transaction(self.session_factory, "ilmoituksen kirjaus epäonnistui") as session:
            session.execute(
                update(Outbox)
                .where(Outbox.id == item_id, Outbox.status == "sending")
                .values(
                    status="pending", next_attempt_at=retry_at, last_error=redact(error)[:ERROR_MAX]
                )
            )

    def counts(self) -> dict[tuple[str, str], int]:
        """(kind, status) → rows."""
        with transaction(self.session_factory, "ilmoitusjonon luku epäonnistui") as session:
            rows = session.execute(
                select(Outbox.kind, Outbox.status, func.count()).group_by(
                    Outbox.kind, Outbox.status
                )
            ).all()
            return {(kind, status): int(count) for kind, status, count in rows}
