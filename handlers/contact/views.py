"""Read-only shapes of contact requests for every surface, and the status rules.

Surfaces never see ORM rows: they get these frozen views, so a template or a
Slack message can't change a request by accident, and the status names and
allowed transitions are stated in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from store.contact_models import ContactRequest, StatusChange

__all__ = [
    "CHANNELS",
    "CLOSED",
    "HELSINKI",
    "STATUS_LABELS",
    "TRANSITIONS",
    "ContactRequestResult",
    "ContactRequestView",
    "RequestFilter",
    "RequestPage",
    "StatusChangeView",
    "status_label",
    "to_view",
]

HELSINKI = ZoneInfo("Europe/Helsinki")
CHANNELS = ("web", "slack", "teams", "chat")
STATUS_LABELS = {
    "uusi": "uusi",
    "kasittelyssa": "käsittelyssä",
    "ratkaistu": "ratkaistu",
    "hylatty": "hylätty",
}
CLOSED = frozenset({"ratkaistu", "hylatty"})
# uusi → käsittelyssä → ratkaistu | hylätty; an obvious spam or misdirected
# request may be rejected straight from "uusi". Closed requests stay closed.
TRANSITIONS: dict[str, frozenset[str]] = {
    "uusi": frozenset({"kasittelyssa", "hylatty"}),
    "kasittelyssa": frozenset({"ratkaistu", "hylatty"}),
    "ratkaistu": frozenset(),
    "hylatty": frozenset(),
}


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@dataclass(frozen=True)
class ContactRequestResult:
    reference: str  # YT-2025-000123
    created: bool  # False: the idempotency key was seen before; nothing new was stored


@dataclass(frozen=True)
class StatusChangeView:
    at: datetime
    from_status: str | None
    to_status: str
    actor: str
    note: str | None


@dataclass(frozen=True)
class ContactRequestView:
    reference: str
    created_at: datetime
    updated_at: datetime
    channel: str
    language: str
    organisation: str
    business_id: str | None
    contact_person: str
    email: str
    phone: str | None
    topic: str
    target_unit: str | None
    message: str
    status: str
    owner: str | None
    responsible_role: str
    closed_at: datetime | None
    anonymised: bool
    history: tuple[StatusChangeView, ...] = ()

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def allowed_next(self) -> tuple[str, ...]:
        return tuple(s for s in STATUS_LABELS if s in TRANSITIONS.get(self.status, ()))


@dataclass(frozen=True)
class RequestFilter:
    """Admin list filters; `date_from`/`date_to` are inclusive days in Helsinki time."""

    status: str | None = None
    topic: str | None = None
    unit: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    search: str | None = None


@dataclass(frozen=True)
class RequestPage:
    items: tuple[ContactRequestView, ...]
    total: int  # matching rows in all, not just this page


def to_view(row: ContactRequest, history: list[StatusChange] | None = None) -> ContactRequestView:
    return ContactRequestView(
        reference=row.reference,
        created_at=row.created_at,
        updated_at=row.updated_at,
        channel=row.channel,
        language=row.language,
        organisation=row.organisation,
        business_id=row.business_id,
        contact_person=row.contact_person,
        email=row.email,
        phone=row.phone,
        topic=row.topic,
        target_unit=row.target_unit,
        message=row.message,
        status=row.status,
        owner=row.owner,
        responsible_role=row.responsible_role,
        closed_at=row.closed_at,
        anonymised=row.anonymised_at is not None,
        history=tuple(
            StatusChangeView(h.created_at, h.from_status, h.to_status, h.actor, h.note)
            for h in history or ()
        ),
    )
