"""Referral queries: create, find, change status, list one professional's, claim their
notifications, purge.

`handlers.referral` decides (validation, which answer is allowed, what goes to the
outbox, what an erased referral keeps); these functions only read and write rows,
each in one transaction, and turn database errors into `StorageError`. Rows come back
detached but readable (the session factory does not expire them on commit).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from store.contact_models import Outbox
from store.db import transaction
from store.outbox import OutboxStore
from store.references import create_once, next_reference
from store.referral_models import Referral, ReferralCounter, ReferralStatusChange
from store.tracked import add_change, add_created, erase_notes, pending

__all__ = ["ERASED", "ReferralStore", "StoredReferral"]

ERASED = "[poistettu]"
STATUS_KIND = "referral_status"  # one such outbox row per status change, in the same order


@dataclass(frozen=True)
class StoredReferral:
    """A referral row and the latest note of its history (None if none); for a status
    notification, the status change it tells of (`step`)."""

    row: Referral
    note: str | None = None
    step: ReferralStatusChange | None = None


def _note(session: Session, referral_id: int) -> str | None:
    return session.scalar(
        select(ReferralStatusChange.note)
        .where(
            ReferralStatusChange.referral_id == referral_id,
            ReferralStatusChange.note.is_not(None),
        )
        .order_by(ReferralStatusChange.created_at.desc(), ReferralStatusChange.id.desc())
        .limit(1)
    )


def _step(session: Session, referral_id: int, outbox_id: int) -> ReferralStatusChange | None:
    """The status change a `referral_status` row tells of: its N-th such row goes with the
    N-th change after creation (both written in the same transaction, in order)."""
    nth = session.scalar(
        select(func.count())
        .select_from(Outbox)
        .where(
            Outbox.referral_id == referral_id, Outbox.kind == STATUS_KIND, Outbox.id <= outbox_id
        )
    )
    return session.scalar(
        select(ReferralStatusChange)
        .where(
            ReferralStatusChange.referral_id == referral_id,
            ReferralStatusChange.from_status.is_not(None),
        )
        .order_by(ReferralStatusChange.id)
        .offset(max(0, int(nth or 1) - 1))
        .limit(1)
    )


def _find_key(session: Session, key_hash: str) -> str | None:
    return session.scalar(select(Referral.reference).where(Referral.idempotency_key == key_hash))


class ReferralStore:
    """The referral tables (and their outbox rows) behind one session factory."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory
        self.outbox = OutboxStore(session_factory)

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
        """Insert a referral (`fields`: its columns), its first history row and one pending
        outbox row per notification kind, in one transaction. Returns (reference,
        created); a known `key_hash` returns the first referral's reference."""
        kinds = tuple(notifications)

        def insert(s: Session, reference: str) -> None:
            row = Referral(
                reference=reference,
                idempotency_key=key_hash,
                created_at=now,
                updated_at=now,
                status="lahetetty",
                **fields,
            )
            add_created(
                s,
                row,
                ReferralStatusChange,
                "referral_id",
                actor=actor,
                now=now,
                notifications=kinds,
            )

        return create_once(
            self.session_factory,
            find=lambda s: _find_key(s, key_hash),
            number=lambda s: next_reference(s, year, ReferralCounter, "OH"),
            insert=insert,
            what="ohjauksen",
        )

    def find(self, reference: str) -> StoredReferral | None:
        with transaction(self.session_factory, "ohjauksen haku epäonnistui") as session:
            row = session.scalar(select(Referral).where(Referral.reference == reference))
            return StoredReferral(row, _note(session, row.id)) if row is not None else None

    def transition(
        self,
        reference: str,
        *,
        check: Callable[[Referral], None],
        to_status: str,
        actor: str,
        note: str | None,
        now: datetime,
        closed: bool,
        notifications: Iterable[str],
    ) -> StoredReferral | None:
        """Lock the row, let `check` refuse (by raising), then record the change: a
        history row, the new status, the first response time, and when `closed` the
        close time with the client's contact detail erased; plus one outbox row per
        notification kind. None if there is no such referral."""
        with transaction(self.session_factory, "ohjauksen tilan muutos epäonnistui") as session:
            row = session.scalar(
                select(Referral).where(Referral.reference == reference).with_for_update()
            )
            if row is None:
                return None
            check(row)
            add_change(
                session,
                row,
                ReferralStatusChange,
                "referral_id",
                to_status=to_status,
                actor=actor,
                note=note,
                now=now,
            )
            if row.first_response_at is None:
                row.first_response_at = now
            if closed:
                row.closed_at, row.client_contact = now, None
            session.add_all(pending(notifications, now, referral_id=row.id))
            session.flush()
            return StoredReferral(row, _note(session, row.id))

    def mine(self, professional_hash: str, channel: str, limit: int) -> list[StoredReferral]:
        """One professional's referrals on one channel, newest first."""
        with transaction(self.session_factory, "ohjausten haku epäonnistui") as session:
            rows = session.scalars(
                select(Referral)
                .where(Referral.professional_hash == professional_hash, Referral.channel == channel)
                .order_by(Referral.created_at.desc(), Referral.id.desc())
                .limit(limit)
            )
            return [StoredReferral(r, _note(session, r.id)) for r in rows]

    def claim_due(
        self, kinds: Collection[str], *, now: datetime, lease_until: datetime, limit: int
    ) -> list[tuple[int, str, int, bool, StoredReferral]]:
        """Outbox rows of `kinds` due at `now`, claimed (see `store.outbox`), each with
        its referral: (id, kind, attempts, unsure, referral)."""
        claimed = self.outbox.claim_due(kinds, now=now, lease_until=lease_until, limit=limit)
        if not claimed:
            return []
        out: list[tuple[int, str, int, bool, StoredReferral]] = []
        with transaction(self.session_factory, "ohjausilmoitusten luku epäonnistui") as session:
            for row_id, kind, attempts, unsure, _request in claimed:
                referral = session.scalar(
                    select(Referral)
                    .join(Outbox, Outbox.referral_id == Referral.id)
                    .where(Outbox.id == row_id)
                )
                if referral is None:  # a contact request's row of the same kind: not ours
                    continue
                step = _step(session, referral.id, row_id) if kind == STATUS_KIND else None
                found = StoredReferral(referral, _note(session, referral.id), step)
                out.append((row_id, kind, attempts, unsure, found))
        return out

    def purge(self, created_before: datetime, now: datetime) -> int:
        """Retention: erase the need text, the client's contact detail and the notes of
        referrals made before `created_before`, drop their unsent outbox rows. Status,
        service, organisation and dates stay for the counts. Returns how many."""
        due = select(Referral.id).where(
            Referral.created_at < created_before, Referral.anonymised_at.is_(None)
        )
        no_sync = {"synchronize_session": False}
        with transaction(self.session_factory, "ohjausten anonymisointi epäonnistui") as s:
            ids = list(s.scalars(due))
            if not ids:
                return 0
            unsent = Outbox.status != "sent"
            erase_notes(s, ReferralStatusChange, "referral_id", ids, ERASED, outbox=unsent)
            s.execute(
                update(Referral)
                .where(Referral.id.in_(ids))
                .values(
                    need=ERASED,
                    client_contact=None,
                    professional_address={},
                    anonymised_at=now,
                ),
                execution_options=no_sync,
            )
            return len(ids)
