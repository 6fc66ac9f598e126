"""The referral's neutral model, shared by every surface (web, Slack, Teams).

A surface turns its form into a `ReferralDraft`, hands it to `Referrals.submit` and
shows the `ReferralReceipt`, or the `ReferralRefused.errors` beside the fields. The
form itself is described once (`ReferralFormView`), already in the reply's language,
so no surface decides which fields a referral has, their labels or their order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from index.errors import BotError

__all__ = [
    "FIELD_IDS",
    "Channel",
    "FieldKind",
    "FormField",
    "ReferralDraft",
    "ReferralFormView",
    "ReferralMessage",
    "ReferralOutboxItem",
    "ReferralReceipt",
    "ReferralRefused",
    "ReferralView",
]

Channel = Literal["web", "slack", "teams"]
FieldKind = Literal["text", "choice", "checkbox", "short"]
FIELD_IDS = ("need", "contact_method", "client_contact", "consent")


@dataclass(frozen=True)
class ReferralDraft:
    """What the professional filled in, as the surface received it (not yet checked)."""

    service_id: str
    need: str
    contact_method: str  # client_phone | client_email | client_contacts | through_me
    client_contact: str | None
    consent: bool
    channel: Channel
    professional: str  # the platform's user id; only a keyed hash of it is stored
    # Where status changes are told: slack {"channel": C, "thread_ts": T};
    # teams {"conversation_reference": {...}}; web {}.
    address: dict[str, Any]
    idempotency_key: str  # the surface's own: Slack view id, Teams activity id, web nonce
    language: str = "fi"


@dataclass(frozen=True)
class FormField:
    id: str  # one of FIELD_IDS
    label: str
    kind: FieldKind
    required: bool
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for a choice
    max_length: int = 0  # 0: no limit
    hint: str = ""


@dataclass(frozen=True)
class ReferralFormView:
    title: str
    service_name: str
    organisation: str
    fields: tuple[FormField, ...]
    submit_label: str
    privacy_note: str
    service_id: str = ""
    intro: str = ""  # one sentence: who receives the referral and how


@dataclass(frozen=True)
class ReferralReceipt:
    reference: str  # OH-2026-000123
    service_name: str
    organisation: str
    status: str
    status_label: str
    message: str  # the confirmation sentence, in the draft's language
    created: bool  # False: the idempotency key found an earlier referral


@dataclass(frozen=True)
class ReferralView:
    reference: str
    service_name: str
    organisation: str
    status: str  # store.referral_models.REFERRAL_STATUSES
    status_label: str
    created_at: dt.datetime
    updated_at: dt.datetime
    note: str | None  # the association's latest note (redacted)
    closed: bool
    # For the association's link page only (empty in a professional's list):
    need: str = ""
    contact_method_label: str = ""
    client_contact: str | None = None
    language: str = "fi"
    choices: tuple[tuple[str, str], ...] = ()  # (status, label) still allowed


@dataclass(frozen=True)
class ReferralMessage:
    """What one outbox row tells, already in words (plain text, not escaped)."""

    reference: str
    language: str  # the professional's language (association texts are Finnish)
    service_name: str
    organisation: str
    status: str
    status_label: str
    note: str | None
    channel: str  # web | slack | teams: where the referral was made
    address: dict[str, Any]  # the professional's (ReferralDraft.address)
    recipient_email: str | None  # the association's e-mail
    slack_channel: str | None  # the association's Slack channel, if configured
    link: str  # the association's signed answer link ("" in a referral_status message)
    subject: str  # e-mail subject / first line
    text: str  # the whole message body, plain text


@dataclass(frozen=True)
class ReferralOutboxItem:
    id: int
    kind: str  # referral_email | referral_slack | referral_status
    attempts: int  # including this one
    message: ReferralMessage
    unsure: bool = False  # an earlier attempt may have gone out: check before sending

    @property
    def key(self) -> str:
        """The idempotency key sent along (Slack metadata, e-mail Message-ID)."""
        return f"jarjestobotti-outbox-{self.id}"


class ReferralRefused(BotError):
    """A referral or an answer refused as it stands; nothing was stored.

    `errors`: field id → message in the language (e.g. `consent`, `need`,
    `client_contact`, `status`, `token`); `user_message`: one sentence for the whole."""

    def __init__(self, user_message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        self.errors: dict[str, str] = dict(errors or {})

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.user_message, self.errors))
