"""Contact-request queries: create, find, change status, list, export, purge.

`handlers.contact` decides (validation, routing, which status change is
allowed, what goes to the outbox); these functions only read and write rows,
each in one transaction, and turn database errors into `StorageError`.
Rows come back detached but readable (the session factory does not expire
them on commit); callers turn them into views.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true, update
from sqlalchemy.orm import Session, sessionmaker

from store.contact_models import ContactRequest, StatusChange
from store.db import transaction
from store.references import create_once, next_reference
from store.tracked import add_change, add_created, erase_notes

__all__ = [
    "ANONYMISED",
    "ContactStore",
    "RequestQuery",
    "Stored",
]

ANONYMISED = "[poistettu]"
_NEWEST_FIRST = (ContactRequest.created_at.desc(), ContactRequest.id.desc())


@dataclass(frozen=True)
class RequestQuery:
    """Which requests to list or export; `created_from` inclusive, `created_before` not."""

    status: str | None = None
    topic: str | None = None
    unit: str | None = None
    created_from: datetime | None = None
    created_before: datetime | None = None
    search: str | None = None


@dataclass(frozen=True)
class Stored:
    """A request row and its status history, oldest first."""

    row: ContactRequest
    history: list[StatusChange]


def _conditions(query: RequestQuery) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = []
    if query.status:
        conditions.append(ContactRequest.status == query.status)
    if query.topic:
        conditions.append(ContactRequest.topic == query.topic)
    if query.unit:
        conditions.append(ContactRequest.target_unit == query.unit)
    if query.created_from:
        conditions.append(ContactRequest.created_at >= query.created_from)
    if query.created_before:
        conditions.append(ContactRequest.created_at < query.created_before)
    if query.search and query.search.strip():
        # Escape LIKE wildcards so "100%" means the text, not a pattern.
        needle = query.search.strip()[:200].replace("\\", "\\\\")
        pattern = "%" + needle.replace("%", "\\%").replace("_", "\\_") + "%"
        columns = (
            ContactRequest.reference,
            ContactRequest.organisation,
            ContactRequest.contact_person,
            ContactRequest.email,
            ContactRequest.message,
        )
        conditions.append(or_(*(c.ilike(pattern, escape="\\") for c in columns)))
    return and_(true(), *conditions)


def _history(session: Session, request_id: int) -> list[StatusChange]:
    return list(
        session.scalars(
            select(StatusChange)
            .where(StatusChange.request_id == request_id)
            .order_by(StatusChange.created_at, StatusChange.id)
        )
    )


def _find_key(session: Session, key_hash: str) -> str | None:
    return session.scalar(
        select(ContactRequest.reference).where(ContactRequest.idempotency_key == key_hash)
    )


class ContactStore:
    """The contact-request tables behind one session factory."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory

    def create(
        self,
        fields: dict[str, Any],
        *,
        key_hash: str,
        year: int,
        now: datetime,
        actor: str,
        notifications: Iterable[str],
    ) -> tuple[str, bool]:
        """Insert a request (`fields`: its columns), its first history row and one
        pending outbox row per notification kind, in one transaction. Returns
        (reference, created); a known `key_hash` returns the first reference."""
        kinds = tuple(notifications)

        def insert(s: Session, reference: str) -> None:
            row = ContactRequest(
                reference=reference,
                idempotency_key=key_hash,
                created_at=now,
                updated_at=now,
                status="uusi",
                **fields,
            )
            add_created(
                s, row, StatusChange, "request_id", actor=actor, now=now, notifications=kinds
            )

        return create_once(
            self.session_factory,
            find=lambda s: _find_key(s, key_hash),
            number=lambda s: next_reference(s, year),
            insert=insert,
            what="yhteydenoton",
        )

    def find(self, reference: str) -> Stored | None:
        """The request with its whole history, or None."""
        with transaction(self.session_factory, "yhteydenoton haku epäonnistui") as session:
            row = session.scalar(
                select(ContactRequest).where(ContactRequest.reference == reference)
            )
            return Stored(row, _history(session, row.id)) if row is not None else None

    def transition(
        self,
        reference: str,
        *,
        check: Callable[[ContactRequest], None],
        to_status: str,
        actor: str,
        note: str | None,
        now: datetime,
        owner: str | None,
        closed: bool,
    ) -> Stored | None:
        """Lock the row, let `check` refuse (by raising), then record the change:
        a history row, the new status, `owner` if given, `closed_at` if `closed`.
        None if there is no such request."""
        with transaction(self.session_factory, "yhteydenoton tilan muutos epäonnistui") as session:
            row = session.scalar(
                select(ContactRequest)
                .where(ContactRequest.reference == reference)
                .with_for_update()
            )
            if row is None:
                return None
            check(row)
            add_change(
                session,
                row,
                StatusChange,
                "request_id",
                to_status=to_status,
                actor=actor,
                note=note,
                now=now,
            )
            if owner is not None:
                row.owner = owner
            if closed:
                row.closed_at = now
            session.flush()
            return Stored(row, _history(session, row.id))

    def page(
        self, query: RequestQuery, *, limit: int, offset: int
    ) -> tuple[list[ContactRequest], int]:
        """Matching rows newest first (one page, no history) and how many match in all."""
        where = _conditions(query)
        with transaction(self.session_factory, "yhteydenottojen haku epäonnistui") as session:
            total = session.scalar(select(func.count()).select_from(ContactRequest).where(where))
            rows = session.scalars(
                select(ContactRequest)
                .where(where)
                .order_by(*_NEWEST_FIRST)
                .limit(limit)
                .offset(offset)
            )
            return list(rows), int(total or 0)

    def export(self, query: RequestQuery) -> list[ContactRequest]:
        """Every matching row, newest first."""
        with transaction(self.session_factory, "yhteydenottojen vienti epäonnistui") as session:
            return list(
                session.scalars(
                    select(ContactRequest).where(_conditions(query)).order_by(*_NEWEST_FIRST)
                )
            )

    def anonymise(self, statuses: Iterable[str], closed_before: datetime, now: datetime) -> int:
        """Overwrite the personal fields of requests in `statuses` closed before
        `closed_before` (and the notes in their history), drop their outbox rows.
        Returns how many requests were anonymised."""
        due = select(ContactRequest.id).where(
            ContactRequest.status.in_(sorted(statuses)),
            ContactRequest.closed_at < closed_before,
            ContactRequest.anonymised_at.is_(None),
        )
        no_sync = {"synchronize_session": False}
        with transaction(self.session_factory, "yhteydenottojen anonymisointi epäonnistui") as s:
            ids = list(s.scalars(due))
            if not ids:
                return 0
            erase_notes(s, StatusChange, "request_id", ids, ANONYMISED)
            s.execute(
                update(ContactRequest)
                .where(ContactRequest.id.in_(ids))
                .values(
                    contact_person=ANONYMISED,
                    email=ANONYMISED,
                    phone=None,
                    message=ANONYMISED,
                    anonymised_at=now,
                ),
                execution_options=no_sync,
            )
            return len(ids)
