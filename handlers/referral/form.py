"""The referral form, described once for every surface in the reply's language."""

from __future__ import annotations

from handlers.referral.model import FormField, ReferralFormView
from handlers.referral.recipients import Recipient
from handlers.referral.texts import method_label, text
from handlers.referral.validate import CONTACT_MAX, NEED_MAX
from store.referral_models import CONTACT_METHODS

__all__ = ["form_view"]


def form_view(to: Recipient, lang: str, retention_days: int) -> ReferralFormView:
    return ReferralFormView(
        title=text("refer", lang),
        service_name=to.service_name,
        organisation=to.organisation,
        fields=(
            FormField(
                "need",
                text("need", lang),
                "text",
                True,
                max_length=NEED_MAX,
                hint=text("need_hint", lang),
            ),
            FormField(
                "contact_method",
                text("contact_method", lang),
                "choice",
                True,
                options=tuple((m, method_label(m, lang)) for m in CONTACT_METHODS),
            ),
            FormField(
                "client_contact",
                text("client_contact", lang),
                "short",
                False,
                max_length=CONTACT_MAX,
                hint=text("client_contact_hint", lang),
            ),
            FormField("consent", text("consent", lang), "checkbox", True),
        ),
        submit_label=text("submit", lang),
        privacy_note=text("privacy_note", lang, days=retention_days),
        service_id=to.service_id,
        intro=text("form_intro", lang, organisation=to.organisation),
    )
