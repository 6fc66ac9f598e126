"""Tables of referrals: a professional refers a client to an association's service from
a card, and the association answers through a signed link.

Like contact requests, a referral is followed to the end: every status change is a row
of its own. The client's contact detail (`client_contact`) is the only client datum
kept, and only while the referral is open: it is erased when the referral closes and,
in any case, by retention (`anonymised_at`). The need text is redacted before it is
stored. Notifications go through the same outbox as contact requests
(`Outbox.referral_id`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.models import Base, Id, utcnow

__all__ = [
    "CLOSED_STATUSES",
    "CONTACT_METHODS",
    "REFERRAL_STATUSES",
    "Referral",
    "ReferralCounter",
    "ReferralStatusChange",
]

# lahetetty: sent to the association; vastaanotettu: the association has read it;
# tavoitettu / ei_tavoitettu / ei_sopiva: the association's closing answers.
REFERRAL_STATUSES = ("lahetetty", "vastaanotettu", "tavoitettu", "ei_tavoitettu", "ei_sopiva")
CLOSED_STATUSES = ("tavoitettu", "ei_tavoitettu", "ei_sopiva")
# How the association may reach the client.
CONTACT_METHODS = ("client_phone", "client_email", "client_contacts", "through_me")


class Referral(Base):
    __tablename__ = "referral"
    __table_args__ = (
        CheckConstraint(
            "status IN ('lahetetty', 'vastaanotettu', 'tavoitettu', 'ei_tavoitettu', 'ei_sopiva')",
            name="status_known",
        ),
        CheckConstraint(
            "contact_method IN ('client_phone', 'client_email', 'client_contacts', 'through_me')",
            name="contact_method_known",
        ),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    reference: Mapped[str] = mapped_column(String(24), unique=True)  # OH-2026-000123
    # sha256 of channel + the surface's key: a resubmitted form finds its referral.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    channel: Mapped[str] = mapped_column(String(16), index=True)  # web | slack | teams
    language: Mapped[str] = mapped_column(String(2))
    # The professional: a keyed hash of the platform user id (their own list), and where
    # to tell them about status changes (e.g. Slack channel + thread, Teams conversation
    # reference); never a client's data.
    professional_hash: Mapped[str] = mapped_column(String(64), index=True)
    professional_address: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The service and association, as in the knowledge files when the referral was made.
    service_id: Mapped[str] = mapped_column(String(200), index=True)
    service_name: Mapped[str] = mapped_column(String(300))
    organisation: Mapped[str] = mapped_column(String(200), index=True)
    recipient_email: Mapped[str | None] = mapped_column(String(254))
    need: Mapped[str] = mapped_column(Text)  # redacted
    contact_method: Mapped[str] = mapped_column(String(16))
    client_contact: Mapped[str | None] = mapped_column(String(254))  # erased on close
    consent: Mapped[bool]
    status: Mapped[str] = mapped_column(String(16), default="lahetetty", index=True)
    first_response_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None] = mapped_column(index=True)
    anonymised_at: Mapped[datetime | None]


class ReferralCounter(Base):
    """The last referral number given in a year (OH-<year>-<n>), as for contact requests."""

    __tablename__ = "referral_reference_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class ReferralStatusChange(Base):
    """One step of a referral's history; the first row is its creation (from_status NULL)."""

    __tablename__ = "referral_status_change"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    referral_id: Mapped[int] = mapped_column(
        Id, ForeignKey("referral.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)  # redacted
