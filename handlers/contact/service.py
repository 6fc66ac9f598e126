"""The contact-request service: the one way a request enters the system, and how it moves on.

`ContactRequests` is built once per process (`bot.runtime`) and shared by the
web form, the Slack modal, the Teams card, the admin view, the outbox sender,
the CLI and the purge job, so every request gets the same reference format,
the same routing, a status history from its first second, and its
notifications queued in the same transaction (outbox): if the request is
stored, its notifications will be sent; if it is not, nothing is. The rules
live here; the queries are in `store.contacts`, `store.outbox`, `store.accounts`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Mapping
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from handlers.contact.accounts import CoordinatorAccounts
from handlers.contact.fields import TOPICS
from handlers.contact.form import ContactForm, clean_text
from handlers.contact.outbox import ContactOutbox
from handlers.contact.queries import csv_text, to_query
from handlers.contact.views import (
    CHANNELS,
    CLOSED,
    HELSINKI,
    TRANSITIONS,
    ContactRequestResult,
    ContactRequestView,
    RequestFilter,
    RequestPage,
    status_label,
    to_view,
)
from index.errors import ConfigError, ContactRequestError
from store.accounts import AccountStore
from store.contact_models import ContactRequest
from store.contacts import ContactStore
from store.models import utcnow
from store.outbox import OutboxStore
from store.redact import has_hetu, redact

__all__ = [
    "DEFAULT_ROUTING",
    "NOTIFICATION_KINDS",
    "ContactNotFoundError",
    "ContactNoteError",
    "ContactRequestResult",
    "ContactRequestView",
    "ContactRequests",
    "ContactStatusError",
    "resolve_routing",
]

Clock = Callable[[], datetime]
NOTE_MAX = 2000
NOTE_HETU = (
    "Muistiinpanoa ei tallennettu: poista siitä henkilötunnus. Yhteydenotot ovat järjestöjen "
    "asioita, eivät asiakastietoja, eikä henkilötunnusta kirjata niihin."
)
NOTIFICATION_KINDS = ("slack", "email")  # one outbox row of each per new request
FALLBACK_ROLE = "jarjestoyhteistyon-koordinaattori"
# Topic → role id in knowledge/roadmap/roles.yaml, following the county's guidance
# (yhteinen-yhteydenottolomake): the coordinators handle what has no obvious owner.
# Override per topic with JARJESTOBOTTI_CONTACT_ROUTING='{"tilat": "..."}'.
DEFAULT_ROUTING: Mapping[str, str] = {
    "yhteistyoehdotus": FALLBACK_ROLE,
    "avustukset": "avustusvalmistelu",
    "tilat": "tilapalvelut",
    "palvelun-esittely": "avainhenkiloverkosto",
    "tapahtuma-tai-tiedote": "viestinta",
    "muu": FALLBACK_ROLE,
}


class ContactStatusError(ContactRequestError):
    """A status change that the rules refuse; `user_message` says why, in Finnish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.user_message = message


class ContactNoteError(ContactStatusError):
    """A note refused as it stands (it holds a henkilötunnus)."""


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


def _reference(reference: str) -> str:
    return reference.strip().upper()


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


class ContactRequests:
    """Contact requests behind one database: create, find, move on, page through,
    export, purge; `outbox` holds their notifications, `accounts` the coordinators."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        routing: Mapping[str, str] = DEFAULT_ROUTING,
        clock: Clock = utcnow,
    ) -> None:
        self.store = ContactStore(session_factory)
        self.outbox = ContactOutbox(OutboxStore(session_factory))
        self.accounts = CoordinatorAccounts(AccountStore(session_factory), clock)
        self.routing, self.clock = dict(routing), clock

    def create(
        self, form: ContactForm, *, channel: str, idempotency_key: str
    ) -> ContactRequestResult:
        """Store a validated request with its first history row and its outbox rows,
        all in one transaction. The same (channel, idempotency_key) again returns the
        first request's reference with `created=False`. Raises `StorageError`."""
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        if not idempotency_key:
            raise ValueError("idempotency_key is required")
        now = self.clock()
        reference, created = self.store.create(
            {
                "channel": channel,
                "language": form.language,
                "organisation": form.organisation,
                "business_id": form.business_id,
                "contact_person": form.contact_person,
                "email": form.email,
                "phone": form.phone,
                "topic": form.topic,
                "target_unit": form.target_unit,
                # A third person's details in the free text never reach the database or
                # a notification; the submitter's own contact fields above stay.
                "message": redact(form.message),
                "consent": form.consent,
                "responsible_role": self.routing.get(form.topic, FALLBACK_ROLE),
            },
            key_hash=_key_hash(channel, idempotency_key),
            year=now.astimezone(HELSINKI).year,
            now=now,
            actor=f"lomake ({channel})",
            notifications=NOTIFICATION_KINDS,
        )
        return ContactRequestResult(reference, created=created)

    def get(self, reference: str) -> ContactRequestView | None:
        """The request with its whole history, or None. Raises `StorageError`."""
        found = self.store.find(_reference(reference))
        return to_view(found.row, found.history) if found is not None else None

    def set_status(
        self, reference: str, new_status: str, *, actor: str, note: str | None = None
    ) -> ContactRequestView:
        """Move a request on (uusi → kasittelyssa → ratkaistu | hylatty) and record who,
        when and why. Taking a request into processing makes `actor` its owner.
        A note holding a henkilötunnus is refused (`ContactNoteError`).
        Raises `ContactStatusError` (Finnish `user_message`) or `StorageError`."""
        actor = clean_text(actor).strip()[:200] or "tuntematon"
        note_text = clean_text(note or "", multiline=True).strip()[:NOTE_MAX] or None
        if note_text and has_hetu(note_text):
            raise ContactNoteError(NOTE_HETU)

        def check(row: ContactRequest) -> None:
            refusal = _refusal(row, new_status)
            if refusal:
                raise ContactStatusError(refusal)

        found = self.store.transition(
            _reference(reference),
            check=check,
            to_status=new_status,
            actor=actor,
            note=note_text,
            now=self.clock(),
            owner=actor if new_status == "kasittelyssa" else None,
            closed=new_status in CLOSED,
        )
        if found is None:
            raise ContactNotFoundError(f"Yhteydenottoa {reference} ei löydy.")
        return to_view(found.row, found.history)

    def page(
        self,
        filters: RequestFilter = RequestFilter(),  # noqa: B008  (frozen, never mutated)
        *,
        limit: int = 50,
        offset: int = 0,
    ) -> RequestPage:
        """Matching requests, newest first, without history. Raises `StorageError`."""
        rows, total = self.store.page(
            to_query(filters), limit=max(1, min(limit, 500)), offset=max(0, offset)
        )
        return RequestPage(tuple(to_view(r) for r in rows), total)

    def export_csv(self, filters: RequestFilter = RequestFilter()) -> str:  # noqa: B008
        """Every matching request as CSV (`;`-separated, UTF-8 with BOM, for Excel in
        Finnish locale), newest first. Raises `StorageError`."""
        return csv_text(to_view(row) for row in self.store.export(to_query(filters)))

    def purge_closed(self, older_than: datetime) -> int:
        """Retention: anonymise the personal fields of requests closed (ratkaistu or
        hylätty) before `older_than`, and the notes in their history; drop their
        outbox rows. Topic, unit, dates and status stay for statistics. Returns the
        number of requests anonymised. Raises `StorageError`."""
        if older_than.tzinfo is None:
            raise ValueError("older_than must be timezone-aware")
        return self.store.anonymise(CLOSED, older_than, self.clock())
