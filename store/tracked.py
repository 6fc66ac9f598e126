"""What contact requests and referrals share: rows followed to the end.

Both are a row with a reference and a status, a history row for every status change
(created with no `from_status`), and outbox rows for the notifications each step sends
(`store.outbox`). Their models differ only in names — the history class, the column that
points at the row (`request_id`, `referral_id`) — so these helpers take those names and
write the rows the same way for both, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import ColumnElement, delete, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from store.contact_models import Outbox

__all__ = ["add_change", "add_created", "erase_notes", "pending"]


class Tracked(Protocol):
    id: Any
    status: Any
    updated_at: Any


def pending(kinds: Iterable[str], now: datetime, **owner: int) -> list[Outbox]:
    """One pending outbox row per notification kind, for the row `owner` names
    (`request_id=…` or `referral_id=…`)."""
    return [
        Outbox(
            kind=kind, created_at=now, next_attempt_at=now, status="pending", attempts=0, **owner
        )
        for kind in kinds
    ]


def add_created(
    s: Session,
    row: Tracked,
    history: type[Any],
    owner: str,
    *,
    actor: str,
    now: datetime,
    notifications: Iterable[str],
) -> None:
    """Insert `row`, its first history row (from no status to its own) and its outbox rows."""
    s.add(row)
    s.flush()
    s.add(
        history(
            **{owner: row.id}, created_at=now, from_status=None, to_status=row.status, actor=actor
        )
    )
    s.add_all(pending(notifications, now, **{owner: row.id}))


def add_change(
    s: Session,
    row: Tracked,
    history: type[Any],
    owner: str,
    *,
    to_status: str,
    actor: str,
    note: str | None,
    now: datetime,
) -> None:
    """Record a status change: its history row, then the row's new status and time."""
    s.add(
        history(
            **{owner: row.id},
            created_at=now,
            from_status=row.status,
            to_status=to_status,
            actor=actor,
            note=note,
        )
    )
    row.status, row.updated_at = to_status, now


def erase_notes(
    s: Session,
    history: type[Any],
    owner: str,
    ids: list[int],
    erased: str,
    *,
    outbox: ColumnElement[bool] | None = None,
) -> None:
    """Overwrite the notes in the history of rows `ids` with `erased` and drop their outbox
    rows (those matching `outbox` too, when given: e.g. only the unsent)."""
    no_sync = {"synchronize_session": False}
    of_rows: InstrumentedAttribute[int] = getattr(history, owner)
    s.execute(
        update(history).where(of_rows.in_(ids), history.note.is_not(None)).values(note=erased),
        execution_options=no_sync,
    )
    drop = getattr(Outbox, owner).in_(ids)
    s.execute(
        delete(Outbox).where(drop if outbox is None else drop & outbox),
        execution_options=no_sync,
    )
