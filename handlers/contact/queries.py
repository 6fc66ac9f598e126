"""Finding and exporting contact requests (coordinator view, CSV): the rules
around `store.contacts` — how filters become a query, how a CSV cell looks.

Used through `ContactRequests.list` and `ContactRequests.export_csv`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

from handlers.contact.fields import TOPICS, UNITS, choice_label
from handlers.contact.views import HELSINKI, ContactRequestView, RequestFilter, status_label
from store.contacts import RequestQuery

__all__ = ["CSV_COLUMNS", "csv_text", "to_query"]

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


def to_query(filters: RequestFilter) -> RequestQuery:
    """Admin filters as a query: whole days in Helsinki time become instants."""
    start = end = None
    if filters.date_from:
        start = datetime.combine(filters.date_from, time(), HELSINKI)
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time(), HELSINKI)
    return RequestQuery(
        status=filters.status,
        topic=filters.topic,
        unit=filters.unit,
        created_from=start,
        created_before=end,
        search=filters.search,
    )


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


def _csv_row(view: ContactRequestView) -> list[str]:
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


def csv_text(views: Iterable[ContactRequestView]) -> str:
    """`;`-separated, UTF-8 with BOM, for Excel in Finnish locale."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(view) for view in views)
    return out.getvalue()
