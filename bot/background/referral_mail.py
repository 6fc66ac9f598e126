"""The association's referral e-mail (`referral_email` outbox rows), sent over SMTP.

The message is already in words (`ReferralMessage`: subject and body with the signed
answer link); this only addresses it and sends it. Its Message-ID is built from the
outbox row's key, so a copy sent again after an unknown outcome carries the same id.
"""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formatdate

from bot.background.mail import send_smtp
from bot.settings import Settings
from handlers.referral.model import ReferralOutboxItem

__all__ = ["referral_email", "referral_email_transport"]


def referral_email(item: ReferralOutboxItem, sender: str) -> EmailMessage:
    message = item.message
    if not message.recipient_email:
        raise ValueError(f"ohjauksella {message.reference} ei ole vastaanottajan osoitetta")
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = sender
    email["To"] = message.recipient_email
    email["Date"] = formatdate(localtime=True)
    domain = sender.rpartition("@")[2] or "localhost"
    email["Message-ID"] = f"<{item.key}.{message.reference}@{domain}>"
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.text)
    return email


def referral_email_transport(
    settings: Settings,
) -> Callable[[ReferralOutboxItem], str | None] | None:
    """Referral e-mail over SMTP; None while JARJESTOBOTTI_SMTP_HOST is unset."""
    if not settings.smtp_host:
        return None

    def send(item: ReferralOutboxItem) -> str | None:
        return send_smtp(settings, referral_email(item, settings.smtp_from))

    return send
