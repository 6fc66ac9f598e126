"""The outbox: notifications written with their request, sent later, retried until sent.

A sender claims due rows (bumping `attempts` and leasing the row by moving
`next_attempt_at` forward), sends, then marks each row sent or schedules the
next try. A crash mid-send leaves the row pending; it is tried again when the
lease runs out. So a notification may, rarely, go twice, but never zero times.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from handlers.contact.views import ContactRequestView, to_view
from store.contact_models import ContactRequest, Outbox
from store.db import transaction
from store.redact import redact

__all__ = ["OutboxItem", "claim_due", "mark_retry", "mark_sent", "outbox_counts"]

ERROR_MAX = 1000


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    attempts: int  # including this one
    request: ContactRequestView | None


def claim_due(
    session_factory: sessionmaker[Session],
    kinds: Collection[str],
    *,
    now: datetime,
    lease: timedelta,
    limit: int = 20,
) -> list[OutboxItem]:
    """Pending rows of `kinds` due at `now`, claimed for `lease`. Raises `StorageError`."""
    if not kinds:
        return []
    claimed: list[OutboxItem] = []
    with transaction(session_factory, "ilmoitusjonon luku epäonnistui") as session:
        due = session.execute(
            select(Outbox.id, Outbox.attempts)
            .where(
                Outbox.status == "pending",
                Outbox.kind.in_(sorted(kinds)),
                Outbox.next_attempt_at <= now,
            )
            .order_by(Outbox.next_attempt_at, Outbox.id)
            .limit(limit)
        ).all()
        for row_id, attempts in due:
            # Compare-and-set on `attempts`: another sender that claimed the row
            # first has already bumped it, so this update touches nothing.
            result = session.execute(
                update(Outbox)
                .where(Outbox.id == row_id, Outbox.attempts == attempts, Outbox.status == "pending")
                .values(attempts=attempts + 1, next_attempt_at=now + lease),
                execution_options={"synchronize_session": False},
            )
            if cast(CursorResult[Any], result).rowcount != 1:
                continue
            item = session.get(Outbox, row_id)
            assert item is not None
            request = session.get(ContactRequest, item.request_id) if item.request_id else None
            claimed.append(
                OutboxItem(row_id, item.kind, attempts + 1, to_view(request) if request else None)
            )
    return claimed


def mark_sent(
    session_factory: sessionmaker[Session],
    item_id: int,
    *,
    now: datetime,
    external_id: str | None = None,
) -> None:
    with transaction(session_factory, "ilmoituksen kirjaus epäonnistui") as session:
        session.execute(
            update(Outbox)
            .where(Outbox.id == item_id)
            .values(status="sent", sent_at=now, external_id=external_id, last_error=None)
        )


def mark_retry(
    session_factory: sessionmaker[Session], item_id: int, *, retry_at: datetime, error: str
) -> None:
    """Keep the row pending and try again at `retry_at`; the error is kept, redacted."""
    with transaction(session_factory, "ilmoituksen kirjaus epäonnistui") as session:
        session.execute(
            update(Outbox)
            .where(Outbox.id == item_id)
            .values(next_attempt_at=retry_at, last_error=redact(error)[:ERROR_MAX])
        )


def outbox_counts(session_factory: sessionmaker[Session]) -> dict[tuple[str, str], int]:
    """(kind, status) → rows, e.g. for the admin view or monitoring."""
    with transaction(session_factory, "ilmoitusjonon luku epäonnistui") as session:
        rows = session.execute(
            select(Outbox.kind, Outbox.status, func.count()).group_by(Outbox.kind, Outbox.status)
        ).all()
        return {(kind, status): int(count) for kind, status, count in rows}
