"""Checking a referral draft: the same rules for the web form, the Slack modal and the
Teams card. Nothing is stored unless every rule passes; a henkilötunnus anywhere is
refused (never redacted and kept), the need text is redacted like the query log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.contact.form import clean_text, normalise_phone
from handlers.referral.model import ReferralDraft, ReferralRefused
from handlers.referral.texts import text
from store.redact import has_hetu, redact
from store.referral_models import CONTACT_METHODS

__all__ = ["NEED_MAX", "CleanDraft", "check_draft"]

NEED_MAX = 1000
CONTACT_MAX = 254
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]{1,64}@[^@\s<>()\[\],;:\"_]+\.[^@\s<>()\[\],;:\".]{2,}$")


@dataclass(frozen=True)
class CleanDraft:
    need: str  # redacted
    contact_method: str
    client_contact: str | None  # +358… or an e-mail address, or None


def _contact(method: str, value: str, lang: str, errors: dict[str, str]) -> str | None:
    if method == "client_phone":
        phone = normalise_phone(value) if value else None
        if phone is None:
            errors["client_contact"] = text("phone_required", lang)
        return phone
    if method == "client_email":
        if not _EMAIL.match(value):
            errors["client_contact"] = text("email_required", lang)
            return None
        return value
    return None  # the client contacts / through me: no client detail is kept


def check_draft(draft: ReferralDraft) -> CleanDraft:
    """The draft cleaned, or `ReferralRefused` with a message per field, in its language."""
    lang = draft.language
    errors: dict[str, str] = {}
    need = clean_text(draft.need or "", multiline=True).strip()
    contact = clean_text(draft.client_contact or "").strip()
    if not need:
        errors["need"] = text("need_required", lang)
    elif len(need) > NEED_MAX:
        errors["need"] = text("too_long", lang, length=len(need), max=NEED_MAX)
    elif has_hetu(need):
        errors["need"] = text("hetu", lang)
    method = draft.contact_method if draft.contact_method in CONTACT_METHODS else ""
    if not method:
        errors["contact_method"] = text("method_choose", lang)
    if has_hetu(contact):
        errors["client_contact"] = text("hetu", lang)
        client_contact = None
    elif len(contact) > CONTACT_MAX:
        errors["client_contact"] = text("too_long", lang, length=len(contact), max=CONTACT_MAX)
        client_contact = None
    else:
        client_contact = _contact(method, contact, lang, errors)
    if draft.consent is not True:
        errors["consent"] = text("consent_required", lang)
    if errors:
        raise ReferralRefused(text("refused", lang), errors)
    return CleanDraft(redact(need), method, client_contact)
