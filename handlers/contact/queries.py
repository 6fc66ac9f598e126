"""Finding, exporting and retiring contact requests (coordinator view, CSV, retention).

Re-exported by `handlers.contact.service`; callers import from there.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, true, update
from sqlalchemy.orm import Session, sessionmaker

from handlers.contact.form import TOPICS, UNITS, choice_label
from handlers.contact.views import (
    CLOSED,
    HELSINKI,
    ContactRequestView,
    RequestFilter,
    RequestPage,
    status_label,
    to_view,
)
from store.contact_models import ContactRequest, Outbox, StatusChange
from store.db import transaction
from store.models import utcnow

__all__ = ["ANONYMISED", "CSV_COLUMNS", "export_csv", "list_requests", "purge_closed"]

ANONYMISED = "[poistettu]"
CSV_COLUMNS = (
    "viitenumero",
    "luotu",
    "kanava",
    "tila",
    "käsittelijä",
    "vastuutaho",
    "aihe",
    "yksikkö",
    "järjestö",
    "y-tunnus",
    "yhteyshenkilö",
    "sähköposti",
    "puhelin",
    "viesti",
    "suljettu",
)
_NUMBER = re.compile(r"^[+-]?\d[\d ]*$")


def _conditions(filters: RequestFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.status:
        conditions.append(ContactRequest.status == filters.status)
    if filters.topic:
        conditions.append(ContactRequest.topic == filters.topic)
    if filters.unit:
        conditions.append(ContactRequest.target_unit == filters.unit)
    if filters.date_from:
        start = datetime.combine(filters.date_from, time(), HELSINKI)
        conditions.append(ContactRequest.created_at >= start)
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time(), HELSINKI)
        conditions.append(ContactRequest.created_at < end)
    if filters.search and filters.search.strip():
        # Escape LIKE wildcards so "100%" means the text, not a pattern.
        needle = filters.search.strip()[:200].replace("\\", "\\\\")
        pattern = "%" + needle.replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(
                *(
                    column.ilike(pattern, escape="\\")
                    for column in (
                        ContactRequest.reference,
                        ContactRequest.organisation,
                        ContactRequest.contact_person,
                        ContactRequest.email,
                        ContactRequest.message,
                    )
                )
            )
        )
    return conditions


def list_requests(
    session_factory: sessionmaker[Session],
    filters: RequestFilter = RequestFilter(),  # noqa: B008  (frozen, never mutated)
    *,
    limit: int = 50,
    offset: int = 0,
) -> RequestPage:
    """Matching requests, newest first, without history. Raises `StorageError`."""
    where = and_(true(), *_conditions(filters))
    with transaction(session_factory, "yhteydenottojen haku epäonnistui") as session:
        total = session.scalar(select(func.count()).select_from(ContactRequest).where(where))
        rows = session.scalars(
            select(ContactRequest)
            .where(where)
            .order_by(ContactRequest.created_at.desc(), ContactRequest.id.desc())
            .limit(max(1, min(limit, 500)))
            .offset(max(0, offset))
        )
        return RequestPage(tuple(to_view(r) for r in rows), int(total or 0))


def _cell(value: Any) -> str:
    """Text for a CSV cell; formulas are defused so a spreadsheet won't run them."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(HELSINKI).isoformat(timespec="seconds")
    text = str(value)
    first = text[:1]
    if first in ("=", "@", "\t", "\r") or (first in ("+", "-") and not _NUMBER.match(text)):
        return "'" + text
    return text


def csv_row(view: ContactRequestView) -> list[str]:
    return [
        _cell(v)
        for v in (
            view.reference,
            view.created_at,
            view.channel,
            status_label(view.status),
            view.owner,
            view.responsible_role,
            choice_label(TOPICS, view.topic, "fi"),
            choice_label(UNITS, view.target_unit, "fi"),
            view.organisation,
            view.business_id,
            view.contact_person,
            view.email,
            view.phone,
            view.message,
            view.closed_at,
        )
    ]


def export_csv(
    session_factory: sessionmaker[Session],
    filters: RequestFilter = RequestFilter(),  # noqa: B008
) -> str:
    """Every matching request as CSV (`;`-separated, UTF-8 with BOM, for Excel in
    Finnish locale), newest first. Raises `StorageError`."""
    where = and_(true(), *_conditions(filters))
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    with transaction(session_factory, "yhteydenottojen vienti epäonnistui") as session:
        rows = session.scalars(
            select(ContactRequest)
            .where(where)
            .order_by(ContactRequest.created_at.desc(), ContactRequest.id.desc())
        )
        for row in rows:
            writer.writerow(csv_row(to_view(row)))
    return out.getvalue()


def purge_closed(
    session_factory: sessionmaker[Session],
    older_than: datetime,
    *,
    clock: Callable[[], datetime] = utcnow,
) -> int:
    """Retention: anonymise the personal fields of requests closed (ratkaistu or
    hylätty) before `older_than`, and the notes in their history; drop their
    outbox rows. Topic, unit, dates and status stay for statistics. Returns the
    number of requests anonymised. Raises `StorageError`."""
    if older_than.tzinfo is None:
        raise ValueError("older_than must be timezone-aware")
    due = select(ContactRequest.id).where(
        ContactRequest.status.in_(sorted(CLOSED)),
        ContactRequest.closed_at < older_than,
        ContactRequest.anonymised_at.is_(None),
    )
    no_sync = {"synchronize_session": False}
    with transaction(session_factory, "yhteydenottojen anonymisointi epäonnistui") as session:
        ids = list(session.scalars(due))
        if not ids:
            return 0
        session.execute(
            update(StatusChange)
            .where(StatusChange.request_id.in_(ids), StatusChange.note.is_not(None))
            .values(note=ANONYMISED),
            execution_options=no_sync,
        )
        session.execute(delete(Outbox).where(Outbox.request_id.in_(ids)), execution_options=no_sync)
        session.execute(
            update(ContactRequest)
            .where(ContactRequest.id.in_(ids))
            .values(
                contact_person=ANONYMISED,
                email=ANONYMISED,
                phone=None,
                message=ANONYMISED,
                anonymised_at=clock(),
            ),
            execution_options=no_sync,
        )
        return len(ids)
