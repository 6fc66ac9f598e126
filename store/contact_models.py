"""Tables of the common contact form: requests, their status history, the
notification outbox and coordinator accounts.

A request is followed to the end, so every status change is a row of its own
(who, when, note) rather than an overwrite. Notifications are written to the
outbox in the same transaction as the request: a Slack or SMTP outage delays
them but cannot lose them. Personal fields are anonymised by retention
(`anonymised_at`), never deleted with the row, so statistics by topic survive.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.models import Base, Id, utcnow

__all__ = [
    "STATUSES",
    "AdminSession",
    "AdminUser",
    "ContactRequest",
    "Outbox",
    "ReferenceCounter",
    "StatusChange",
]

STATUSES = ("uusi", "kasittelyssa", "ratkaistu", "hylatty")


class ContactRequest(Base):
    __tablename__ = "contact_request"
    __table_args__ = (
        CheckConstraint(
            "status IN ('uusi', 'kasittelyssa', 'ratkaistu', 'hylatty')", name="status_known"
        ),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    reference: Mapped[str] = mapped_column(String(24), unique=True)  # YT-2025-000123
    # sha256 of channel + the surface's key: a resubmitted form or retried event
    # finds its request instead of creating another.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    channel: Mapped[str] = mapped_column(String(16))  # web | slack | teams | chat
    language: Mapped[str] = mapped_column(String(2))
    organisation: Mapped[str] = mapped_column(String(200))
    business_id: Mapped[str | None] = mapped_column(String(9))
    contact_person: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(String(40), index=True)
    target_unit: Mapped[str | None] = mapped_column(String(40), index=True)
    message: Mapped[str] = mapped_column(Text)
    consent: Mapped[bool]
    status: Mapped[str] = mapped_column(String(16), default="uusi", index=True)
    owner: Mapped[str | None] = mapped_column(String(200))
    responsible_role: Mapped[str] = mapped_column(String(100))
    closed_at: Mapped[datetime | None] = mapped_column(index=True)
    anonymised_at: Mapped[datetime | None]


class ReferenceCounter(Base):
    """The last reference number given in a year. A new request increments its
    year's row in its own transaction, so the row lock hands out each number once."""

    __tablename__ = "contact_reference_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class StatusChange(Base):
    """One step of a request's history; the first row is its creation (from_status NULL)."""

    __tablename__ = "contact_status_change"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        Id, ForeignKey("contact_request.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)


class Outbox(Base):
    """A notification still to send (or sent): Slack message, confirmation e-mail.

    `next_attempt_at` doubles as a lease: a sender claims a row by moving it
    forward (status `sending`, committed before anything is sent), so two
    processes never send the same row at once. A row still `sending` when its
    lease ran out was perhaps sent: the next sender checks before sending again."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(32))  # slack | email
    request_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("contact_request.id", ondelete="CASCADE"), index=True
    )
    # A referral's notification (store/referral_models.py); request_id is then NULL.
    referral_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("referral.id", ondelete="CASCADE"), index=True
    )
    # pending, sending (claimed, leased), sent
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(100))  # e.g. Slack message ts


class AdminUser(Base):
    """A coordinator who may open /admin/yhteydenotot. Only an argon2 hash is kept."""

    __tablename__ = "admin_user"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)


class AdminSession(Base):
    """A coordinator's login, server side: the cookie holds a random token, the database
    its sha256. Logout, a new password or a deactivated account end it for real, so a
    copied or replayed cookie opens nothing."""

    __tablename__ = "admin_session"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
