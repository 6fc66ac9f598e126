"""Rows → views and messages: what the professional's list, the association's link
page and each outbox row show, in words. Plain text; each surface escapes its own."""

from __future__ import annotations

from datetime import UTC, datetime

from handlers.referral.model import ReferralMessage, ReferralView
from handlers.referral.texts import method_label, status_label, text
from store.referral_models import CLOSED_STATUSES, Referral
from store.referrals import StoredReferral

__all__ = ["ANSWERS", "allowed_answers", "message", "to_view"]

# What the association may answer from each status (the link page's choices).
ANSWERS: dict[str, tuple[str, ...]] = {
    "lahetetty": ("vastaanotettu", *CLOSED_STATUSES),
    "vastaanotettu": CLOSED_STATUSES,
}


def allowed_answers(status: str) -> tuple[str, ...]:
    return ANSWERS.get(status, ())


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def to_view(found: StoredReferral, lang: str, *, for_association: bool = False) -> ReferralView:
    row = found.row
    extra: dict[str, object] = {}
    if for_association:
        extra = {
            "need": row.need,
            "contact_method_label": method_label(row.contact_method, lang),
            "client_contact": row.client_contact,
            "language": row.language,
            "choices": tuple((s, status_label(s, lang)) for s in allowed_answers(row.status)),
        }
    return ReferralView(
        reference=row.reference,
        service_name=row.service_name,
        organisation=row.organisation,
        status=row.status,
        status_label=status_label(row.status, lang),
        created_at=_aware(row.created_at),
        updated_at=_aware(row.updated_at),
        note=found.note,
        closed=row.status in CLOSED_STATUSES,
        **extra,  # type: ignore[arg-type]
    )


MAIL_LANGUAGES = ("fi", "sv")


def _association_text(row: Referral, link: str, days: int) -> tuple[str, str]:
    """The association's e-mail, in Finnish and then Swedish (Vantaa is bilingual; the
    association's language is not known): each part links to the answer page in its own
    language."""
    subject = " / ".join(
        text("mail_subject", lang, reference=row.reference, service=row.service_name)
        for lang in MAIL_LANGUAGES
    )
    contact = f": {row.client_contact}" if row.client_contact else ""
    parts = [
        text(
            "mail_body",
            lang,
            service=row.service_name,
            organisation=row.organisation,
            reference=row.reference,
            need=row.need,
            method=method_label(row.contact_method, lang),
            contact=contact,
            days=days,
            link=f"{link}?lang={lang}",
        )
        for lang in MAIL_LANGUAGES
    ]
    return subject, "\n\n— På svenska —\n\n".join(parts)


def _told(found: StoredReferral) -> tuple[str, str | None]:
    """The status and note a message tells: its own status change's, else the latest."""
    if found.step is not None:
        return found.step.to_status, found.step.note
    return found.row.status, found.note


def _status_text(found: StoredReferral) -> str:
    row, lang = found.row, found.row.language
    status, note = _told(found)
    lines = [
        text(
            "status_changed",
            lang,
            reference=row.reference,
            service=row.service_name,
            organisation=row.organisation,
            status=status_label(status, lang),
        )
    ]
    if note:
        lines.append(text("note_line", lang, note=note))
    return "\n".join(lines)


def message(
    found: StoredReferral, kind: str, *, link: str, days: int, slack_channel: str | None
) -> ReferralMessage:
    """What the outbox row of `kind` says about the referral as it stands now."""
    row = found.row
    status, note = _told(found) if kind == "referral_status" else (row.status, found.note)
    if kind == "referral_status":
        body = _status_text(found)
        subject = body.splitlines()[0]
    else:
        subject, body = _association_text(row, link, days)
    return ReferralMessage(
        reference=row.reference,
        language=row.language,
        service_name=row.service_name,
        organisation=row.organisation,
        status=status,
        status_label=status_label(status, row.language),
        note=note,
        channel=row.channel,
        address=dict(row.professional_address or {}),
        recipient_email=row.recipient_email,
        slack_channel=slack_channel,
        link="" if kind == "referral_status" else link,  # the professional never gets it
        subject=subject,
        text=body,
    )
