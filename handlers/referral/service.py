"""The referral service: the one way a referral enters the system, and how it moves on.

`Referrals` is built once per process (`bot.runtime`) and shared by the web chat,
Slack, Teams, the outbox senders and the purge job. A referral is checked
(`validate.check_draft`: consent, no henkilötunnus, a usable contact detail), then
stored with its first status row and its notifications (outbox) in one transaction:
if it is stored, the association will hear of it; if it is refused, nothing is kept.
The association answers through a signed link (`links`); each answer tells the
professional (Slack/Teams) through the outbox, and a closing answer erases the
client's contact detail. The queries are in `store.referrals`.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Collection, Mapping
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from handlers.contact.form import clean_text
from handlers.referral.form import form_view
from handlers.referral.links import LinkSigner, make_token, read_token
from handlers.referral.model import (
    ReferralDraft,
    ReferralFormView,
    ReferralOutboxItem,
    ReferralReceipt,
    ReferralRefused,
    ReferralView,
)
from handlers.referral.recipients import can_refer, recipient
from handlers.referral.texts import status_label, text
from handlers.referral.validate import NEED_MAX, check_draft
from handlers.referral.views import allowed_answers, message, to_view
from index.knowledge.model import KnowledgeBase, Service
from store.models import utcnow
from store.redact import has_hetu, redact
from store.referral_models import CLOSED_STATUSES, Referral
from store.referrals import ReferralStore, StoredReferral

__all__ = ["KINDS", "STATUS_CHANNELS", "Referrals"]

Clock = Callable[[], datetime]
KINDS = ("referral_email", "referral_slack", "referral_status")
STATUS_CHANNELS = ("slack", "teams")  # where a status change is told to the professional
LINK_ACTOR = "järjestö (linkki)"


class Referrals:
    """Referrals behind one database. `knowledge` gives the current knowledge (reloads
    swap it); `signer` signs the association's links; `public_url` is where they point."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        knowledge: Callable[[], KnowledgeBase],
        signer: LinkSigner,
        public_url: str,
        professional_key: str,
        slack_channels: Mapping[str, str] | None = None,
        link_days: int = 30,
        retention_days: int = 90,
        clock: Clock = utcnow,
    ) -> None:
        self.store = ReferralStore(session_factory)
        self.knowledge, self.signer, self.clock = knowledge, signer, clock
        self.public_url = public_url.rstrip("/")
        self._key = hashlib.sha256(
            b"jarjestobotti-referral\x00" + professional_key.encode()
        ).digest()
        self.slack_channels = dict(slack_channels or {})
        self.link_days, self.retention_days = link_days, retention_days

    # -- the professional ---------------------------------------------------------------

    def can_refer(self, service: Service) -> bool:
        """Whether a card of `service` gets the *Ohjaa asiakas* button."""
        return can_refer(service, self.slack_channels)

    def form(self, service_id: str, language: str) -> ReferralFormView:
        """The form for `service_id` in `language`; `ReferralRefused` for an unknown
        service or an association the bot can't reach (saying how to contact it)."""
        service = self._service(service_id, language)
        return form_view(
            recipient(service, self.slack_channels, language), language, self.retention_days
        )

    def submit(self, draft: ReferralDraft) -> ReferralReceipt:
        """Check and store a referral with its status row and outbox rows in one
        transaction. The same (channel, idempotency_key) again returns the first
        referral (`created=False`). Raises `ReferralRefused` (nothing stored) or
        `StorageError`."""
        lang = draft.language
        service = self._service(draft.service_id, lang)
        clean = check_draft(draft)
        if not draft.idempotency_key or not draft.professional:
            raise ValueError("idempotency_key and professional are required")
        if draft.channel not in ("web", *STATUS_CHANNELS):
            raise ValueError(f"unknown channel {draft.channel!r}")
        to = recipient(service, self.slack_channels, "fi")
        kinds = ["referral_email"] if to.email else []
        kinds += ["referral_slack"] if to.slack_channel else []
        now = self.clock()
        reference, created = self.store.create(
            {
                "channel": draft.channel,
                "language": lang,
                "professional_hash": self._hash(draft.channel, draft.professional),
                "professional_address": dict(draft.address),
                "service_id": service.id,
                "service_name": to.service_name[:300],
                "organisation": to.organisation[:200],
                "recipient_email": to.email,
                "need": clean.need,
                "contact_method": clean.contact_method,
                "client_contact": clean.client_contact,
                "consent": True,
            },
            key_hash=self._hash(draft.channel, f"key\x00{draft.idempotency_key}"),
            year=now.year,
            now=now,
            actor=f"ammattilainen ({draft.channel})",
            notifications=kinds,
        )
        shown = recipient(service, self.slack_channels, lang)
        key = "receipt" if created else "receipt_again"
        return ReferralReceipt(
            reference=reference,
            service_name=shown.service_name,
            organisation=shown.organisation,
            status="lahetetty",
            status_label=status_label("lahetetty", lang),
            message=text(
                key,
                lang,
                reference=reference,
                organisation=shown.organisation,
                service=shown.service_name,
            ),
            created=created,
        )

    def mine(
        self, channel: str, professional: str, language: str, limit: int = 20
    ) -> list[ReferralView]:
        """The professional's own referrals on `channel`, newest first."""
        rows = self.store.mine(self._hash(channel, professional), channel, max(1, min(limit, 200)))
        return [to_view(found, language) for found in rows]

    # -- the association ----------------------------------------------------------------

    def link(self, reference: str) -> str:
        """The association's signed answer URL for `reference`."""
        found = self.store.find(reference.strip().upper())
        if found is None:
            raise ReferralRefused(
                text("token_invalid", "fi"), {"token": text("token_invalid", "fi")}
            )
        return self._link(found.row)

    def view_for_link(self, token: str, lang: str = "fi") -> ReferralView:
        """The referral a link points to, with its need, contact and allowed answers, in
        `lang`. `ReferralRefused` for a forged, expired or unknown link."""
        return to_view(self._by_token(token, lang), lang, for_association=True)

    def answer(self, token: str, status: str, note: str | None, lang: str = "fi") -> ReferralView:
        """Record the association's answer. A closing answer erases the client's contact
        detail; a note is redacted and refused with a henkilötunnus. Tells the professional
        (Slack/Teams) through the outbox. Raises `ReferralRefused` or `StorageError`."""
        found = self._by_token(token, lang)
        note_text = clean_text(note or "", multiline=True).strip() or None
        if note_text and has_hetu(note_text):
            raise ReferralRefused(text("hetu", lang), {"note": text("hetu", lang)})
        if note_text and len(note_text) > NEED_MAX:
            msg = text("too_long", lang, length=len(note_text), max=NEED_MAX)
            raise ReferralRefused(msg, {"note": msg})

        def check(row: Referral) -> None:
            refusal = self._refusal(row, status, lang)
            if refusal:
                raise ReferralRefused(refusal, {"status": refusal})

        changed = self.store.transition(
            found.row.reference,
            check=check,
            to_status=status,
            actor=LINK_ACTOR,
            note=redact(note_text) if note_text else None,
            now=self.clock(),
            closed=status in CLOSED_STATUSES,
            notifications=("referral_status",) if found.row.channel in STATUS_CHANNELS else (),
        )
        if changed is None:
            raise ReferralRefused(
                text("token_invalid", lang), {"token": text("token_invalid", lang)}
            )
        return to_view(changed, lang, for_association=True)

    # -- notifications and retention ----------------------------------------------------

    def claim_due(
        self, kinds: Collection[str], *, lease: timedelta, limit: int = 20
    ) -> list[ReferralOutboxItem]:
        """Due outbox rows of `kinds` (some of KINDS), claimed for `lease`, each with its
        message in words. Then `mark_sent` or `mark_retry` each. Raises `StorageError`."""
        now = self.clock()
        wanted = [k for k in kinds if k in KINDS]
        if not wanted:
            return []
        claimed = self.store.claim_due(wanted, now=now, lease_until=now + lease, limit=limit)
        return [
            ReferralOutboxItem(
                row_id,
                kind,
                attempts,
                message(
                    found,
                    kind,
                    link=self._link(found.row),
                    days=self.link_days,
                    slack_channel=self._slack_channel(found.row),
                ),
                unsure,
            )
            for row_id, kind, attempts, unsure, found in claimed
        ]

    def mark_sent(self, item_id: int, external_id: str | None = None) -> None:
        self.store.outbox.mark_sent(item_id, now=self.clock(), external_id=external_id)

    def mark_retry(self, item_id: int, *, retry_at: datetime, error: str) -> None:
        self.store.outbox.mark_retry(item_id, retry_at=retry_at, error=error)

    def purge_old(self) -> int:
        """Retention: erase the need text, contact detail and notes of referrals older
        than `retention_days`; the counts stay. Returns how many were erased."""
        now = self.clock()
        return self.store.purge(now - timedelta(days=self.retention_days), now)

    # -- helpers ------------------------------------------------------------------------

    def _hash(self, channel: str, value: str) -> str:
        return hmac.new(self._key, f"{channel}\x00{value}".encode(), hashlib.sha256).hexdigest()

    def _service(self, service_id: str, lang: str) -> Service:
        service = self.knowledge().service(service_id or "")
        if service is None:
            msg = text("unknown_service", lang)
            raise ReferralRefused(msg, {"service": msg})
        if not self.can_refer(service):
            to = recipient(service, self.slack_channels, lang)
            contact = f": {to.contact_text}" if to.contact_text else ""
            msg = text("no_recipient", lang, organisation=to.organisation, contact=contact)
            raise ReferralRefused(msg, {"service": msg})
        return service

    def _link(self, row: Referral) -> str:
        token = make_token(self.signer, row.reference, row.created_at, self.link_days)
        return f"{self.public_url}/ohjaus/{token}"

    def _slack_channel(self, row: Referral) -> str | None:
        service = self.knowledge().service(row.service_id)
        if service is not None:
            return recipient(service, self.slack_channels, "fi").slack_channel
        return self.slack_channels.get(row.service_id.split("/", 1)[0])

    def _by_token(self, token: str, lang: str = "fi") -> StoredReferral:
        reference, expired = read_token(self.signer, token, self.clock())
        found = self.store.find(reference) if reference else None
        if found is None:
            msg = text("token_invalid", lang)
            raise ReferralRefused(msg, {"token": msg})
        if expired:
            msg = text("token_expired", lang)
            raise ReferralRefused(msg, {"token": msg})
        return found

    def _refusal(self, row: Referral, status: str, lang: str) -> str | None:
        label = status_label(row.status, lang)
        if row.status in CLOSED_STATUSES:
            return text("status_closed", lang, reference=row.reference, status=label)
        if status == row.status:
            return text("status_same", lang, reference=row.reference, status=label)
        if status not in allowed_answers(row.status):
            return text("status_unknown", lang)
        return None
