"""The association's confirmation e-mail, sent over SMTP by the outbox sender.

Its Message-ID is built from the outbox row's key, so a copy sent again after
an unknown outcome (a database error between sending and recording) carries
the same id, and mail systems show it once.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate
from typing import TYPE_CHECKING, Any

from bot.settings import Settings
from handlers.contact.form import TOPICS, choice_label
from handlers.contact.outbox import OutboxItem
from handlers.contact.texts import next_steps, text
from handlers.contact.views import ContactRequestView

if TYPE_CHECKING:
    from bot.background.outbox import Transport

__all__ = ["confirmation_email", "email_transport", "send_smtp"]


def confirmation_email(view: ContactRequestView, sender: str, key: str) -> EmailMessage:
    """The e-mail for `view`; `key` (the outbox row's) makes its Message-ID."""
    lang = view.language
    topic = choice_label(TOPICS, view.topic, lang)
    lines = [
        text("email_greeting", lang, name=view.contact_person),
        "",
        text("email_body", lang, reference=view.reference, topic=topic),
        "",
        text("next_title", lang),
        *[f"- {s}" for s in next_steps(lang)],
        "",
        text("email_footer", lang),
    ]
    message = EmailMessage()
    message["Subject"] = text("email_subject", lang, reference=view.reference)
    message["From"] = sender
    message["To"] = view.email
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = f"<{key}.{view.reference}@{sender.rpartition('@')[2] or 'localhost'}>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("\n".join(lines))
    return message


def login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in, also with a user name or password that is not ASCII ("salasanaä").

    smtplib encodes credentials as ASCII only; SASL PLAIN (RFC 4616) carries UTF-8, so
    non-ASCII credentials go through PLAIN with UTF-8. A refusal raises
    `SMTPAuthenticationError`, as `SMTP.login` does.
    """
    if (user + password).isascii():
        smtp.login(user, password)
        return
    smtp.ehlo_or_helo_if_needed()
    if "plain" not in smtp.esmtp_features.get("auth", "").lower().split():
        raise smtplib.SMTPException(
            "SMTP-palvelin ei tarjoa AUTH PLAIN -tapaa, jota ei-ASCII-salasana vaatii"
        )
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
    code, resp = smtp.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, resp)


def email_transport(settings: Settings) -> Transport | None:
    """Confirmation e-mail over SMTP; None while JARJESTOBOTTI_SMTP_HOST is unset."""
    host = settings.smtp_host
    if not host:
        return None

    def send(view: ContactRequestView, item: OutboxItem) -> str | None:
        if view.anonymised:
            return None
        return send_smtp(settings, confirmation_email(view, settings.smtp_from, item.key))

    return send


def send_smtp(settings: Settings, message: EmailMessage) -> str | None:
    """Send `message` through JARJESTOBOTTI_SMTP_*; returns its Message-ID."""
    context = ssl.create_default_context()
    smtp_class = smtplib.SMTP_SSL if settings.smtp_security == "ssl" else smtplib.SMTP
    kwargs: dict[str, Any] = {"context": context} if settings.smtp_security == "ssl" else {}
    with smtp_class(settings.smtp_host or "", settings.smtp_port, timeout=20, **kwargs) as smtp:
        if settings.smtp_security == "starttls":
            smtp.starttls(context=context)
        if settings.smtp_user:
            login(smtp, settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(message)
    message_id = message["Message-ID"]
    return str(message_id) if message_id else None
