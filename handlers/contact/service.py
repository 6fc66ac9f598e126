"""The one way a contact request enters the system, and how it moves on.

Web form, Slack modal, Teams card and the chat flow all call
`create_contact_request`, so every request gets the same reference format,
the same routing, a status history from its first second, and its
notifications queued in the same transaction (outbox): if the request is
stored, its notifications will be sent; if it is not, nothing is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from handlers.contact.form import TOPICS, ContactForm, clean_text
from handlers.contact.queries import export_csv, list_requests, purge_closed
from handlers.contact.views import (
    CHANNELS,
    CLOSED,
    HELSINKI,
    TRANSITIONS,
    ContactRequestResult,
    ContactRequestView,
    status_label,
    to_view,
)
from index.errors import ConfigError, ContactRequestError, StorageError
from store.contact_models import ContactRequest, Outbox, StatusChange
from store.db import transaction
from store.models import utcnow

__all__ = [
    "DEFAULT_ROUTING",
    "NOTIFICATION_KINDS",
    "ContactNotFoundError",
    "ContactRequestResult",
    "ContactRequestView",
    "ContactStatusError",
    "create_contact_request",
    "export_csv",
    "get_request",
    "list_requests",
    "purge_closed",
    "resolve_routing",
    "set_status",
]

Clock = Callable[[], datetime]
NOTE_MAX = 2000
NOTIFICATION_KINDS = ("slack", "email")  # one outbox row of each per new request
# Topic → role id in knowledge/roadmap/roles.yaml, following the county's guidance
# (yhteinen-yhteydenottolomake): the coordinators handle what has no obvious owner.
# Override per topic with JARJESTOBOTTI_CONTACT_ROUTING='{"tilat": "..."}'.
DEFAULT_ROUTING: Mapping[str, str] = {
    "yhteistyoehdotus": "jarjestoyhteistyon-koordinaattori",
    "avustukset": "avustusvalmistelu",
    "tilat": "tilapalvelut",
    "palvelun-esittely": "avainhenkiloverkosto",
    "tapahtuma-tai-tiedote": "viestinta",
    "muu": "jarjestoyhteistyon-koordinaattori",
}
FALLBACK_ROLE = "jarjestoyhteistyon-koordinaattori"


class ContactStatusError(ContactRequestError):
    """A status change that the rules refuse; `user_message` says why, in Finnish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.user_message = message


class ContactNotFoundError(ContactStatusError):
    pass


def resolve_routing(overrides: Mapping[str, str], known_roles: Collection[str]) -> dict[str, str]:
    """DEFAULT_ROUTING with `overrides` applied; unknown topics or roles fail at start-up."""
    routing = dict(DEFAULT_ROUTING)
    topics = {t.id for t in TOPICS}
    for topic, role in overrides.items():
        if topic not in topics:
            raise ConfigError(f"JARJESTOBOTTI_CONTACT_ROUTING: tuntematon aihe {topic!r}")
        routing[topic] = role
    if known_roles:
        unknown = sorted({r for r in routing.values() if r not in known_roles})
        if unknown:
            raise ConfigError(
                "JARJESTOBOTTI_CONTACT_ROUTING: roolia ei ole "
                f"roles.yaml-tiedostossa: {', '.join(unknown)}"
            )
    return routing


def _key_hash(channel: str, key: str) -> str:
    return hashlib.sha256(f"{channel}\x00{key}".encode()).hexdigest()


def _existing(session: Session, key_hash: str) -> str | None:
    return session.scalar(
        select(ContactRequest.reference).where(ContactRequest.idempotency_key == key_hash)
    )


def _next_reference(session: Session, year: int) -> str:
    """YT-<year>-<6 digits>, counting from 1 each year. Concurrent writers may pick
    the same number: the unique constraint refuses one, and it tries again."""
    last = session.scalar(
        select(ContactRequest.reference)
        .where(ContactRequest.reference.like(f"YT-{year}-%"))
        .order_by(ContactRequest.reference.desc())
        .limit(1)
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"YT-{year}-{number:06d}"


def create_contact_request(
    session_factory: sessionmaker[Session],
    form: ContactForm,
    *,
    channel: str,
    idempotency_key: str,
    clock: Clock = utcnow,
    routing: Mapping[str, str] = DEFAULT_ROUTING,
) -> ContactRequestResult:
    """Store a validated request with its first history row and its outbox rows,
    all in one transaction. The same (channel, idempotency_key) again returns the
    first request's reference with `created=False`. Raises `StorageError`."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if not idempotency_key:
        raise ValueError("idempotency_key is required")
    key_hash = _key_hash(channel, idempotency_key)
    for _attempt in range(5):
        try:
            with transaction(session_factory, "yhteydenoton tallennus epäonnistui") as session:
                found = _existing(session, key_hash)
                if found is not None:
                    return ContactRequestResult(found, created=False)
                now = clock()
                reference = _next_reference(session, now.astimezone(HELSINKI).year)
                row = ContactRequest(
                    reference=reference,
                    idempotency_key=key_hash,
                    created_at=now,
                    updated_at=now,
                    channel=channel,
                    language=form.language,
                    organisation=form.organisation,
                    business_id=form.business_id,
                    contact_person=form.contact_person,
                    email=form.email,
                    phone=form.phone,
                    topic=form.topic,
                    target_unit=form.target_unit,
                    message=form.message,
                    consent=form.consent,
                    status="uusi",
                    responsible_role=routing.get(form.topic, FALLBACK_ROLE),
                )
                session.add(row)
                session.flush()
                session.add(
                    StatusChange(
                        request_id=row.id,
                        created_at=now,
                        from_status=None,
                        to_status="uusi",
                        actor=f"lomake ({channel})",
                    )
                )
                session.add_all(
                    Outbox(
                        kind=kind,
                        request_id=row.id,
                        created_at=now,
                        next_attempt_at=now,
                        status="pending",
                        attempts=0,
                    )
                    for kind in NOTIFICATION_KINDS
                )
                return ContactRequestResult(reference, created=True)
        except StorageError as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise
            # A concurrent submit of the same form, or the same reference number
            # picked by two writers: look again in a fresh transaction.
    raise StorageError("yhteydenoton tallennus epäonnistui: viitenumeroa ei saatu varattua")


def _load(session: Session, reference: str, *, for_update: bool = False) -> ContactRequest:
    query = select(ContactRequest).where(ContactRequest.reference == reference.strip().upper())
    row = session.scalar(query.with_for_update() if for_update else query)
    if row is None:
        raise ContactNotFoundError(f"Yhteydenottoa {reference} ei löydy.")
    return row


def _history(session: Session, request_id: int) -> list[StatusChange]:
    return list(
        session.scalars(
            select(StatusChange)
            .where(StatusChange.request_id == request_id)
            .order_by(StatusChange.created_at, StatusChange.id)
        )
    )


def get_request(
    session_factory: sessionmaker[Session], reference: str
) -> ContactRequestView | None:
    """The request with its whole history, or None. Raises `StorageError`."""
    with transaction(session_factory, "yhteydenoton haku epäonnistui") as session:
        try:
            row = _load(session, reference)
        except ContactNotFoundError:
            return None
        return to_view(row, _history(session, row.id))


def _refusal(row: ContactRequest, new_status: str) -> str | None:
    ref, current = row.reference, row.status
    if new_status not in TRANSITIONS:
        return f"Tuntematon tila: {new_status}."
    if new_status == current:
        return f"Yhteydenotto {ref} on jo tilassa ”{status_label(current)}”."
    if current in CLOSED:
        return (
            f"Yhteydenotto {ref} on jo suljettu (”{status_label(current)}”), "
            "eikä sen tilaa voi enää muuttaa."
        )
    if new_status not in TRANSITIONS[current]:
        if new_status == "ratkaistu":
            return (
                f"Yhteydenotto {ref} pitää ottaa käsittelyyn ennen kuin sen voi "
                "merkitä ratkaistuksi."
            )
        return f"Tilaa ei voi muuttaa: ”{status_label(current)}” → ”{status_label(new_status)}”."
    return None


def set_status(
    session_factory: sessionmaker[Session],
    reference: str,
    new_status: str,
    *,
    actor: str,
    note: str | None = None,
    clock: Clock = utcnow,
) -> ContactRequestView:
    """Move a request on (uusi → kasittelyssa → ratkaistu | hylatty) and record who,
    when and why. Taking a request into processing makes `actor` its owner.
    Raises `ContactStatusError` (Finnish `user_message`) or `StorageError`."""
    actor = clean_text(actor).strip()[:200] or "tuntematon"
    note_text = clean_text(note or "", multiline=True).strip()[:NOTE_MAX] or None
    with transaction(session_factory, "yhteydenoton tilan muutos epäonnistui") as session:
        row = _load(session, reference, for_update=True)
        refusal = _refusal(row, new_status)
        if refusal:
            raise ContactStatusError(refusal)
        now = clock()
        session.add(
            StatusChange(
                request_id=row.id,
                created_at=now,
                from_status=row.status,
                to_status=new_status,
                actor=actor,
                note=note_text,
            )
        )
        row.status = new_status
        row.updated_at = now
        if new_status == "kasittelyssa":
            row.owner = actor
        if new_status in CLOSED:
            row.closed_at = now
        session.flush()
        return to_view(row, _history(session, row.id))
