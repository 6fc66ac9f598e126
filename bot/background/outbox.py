"""Sends what the outbox holds: the coordinators' Slack message and the
association's confirmation e-mail, retrying until each one goes through.

A failure never drops a row: it stays pending with the next try pushed back
exponentially (5 s, 10 s, 20 s … at most an hour), or exactly as long as
Slack's `Retry-After` asks on HTTP 429. Transports only send; the bookkeeping
is `handlers.contact.outbox`.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.settings import Settings
from bot.slack.client import slack_client
from bot.slack.render import escape
from handlers.contact.form import TOPICS, UNITS, choice_label
from handlers.contact.outbox import ContactOutbox, OutboxItem
from handlers.contact.texts import next_steps, text
from handlers.contact.views import ContactRequestView
from index.errors import StorageError
from store.models import utcnow

log = logging.getLogger(__name__)

__all__ = [
    "OutboxSender",
    "RetryLater",
    "Transport",
    "email_transport",
    "slack_blocks",
    "slack_transport",
]

# Sends one notification; returns an external id (Slack ts) or None.
Transport = Callable[[ContactRequestView], "str | None"]
TAKE_ACTION, RESOLVE_ACTION = "contact_take", "contact_resolve"


class RetryLater(Exception):
    """The far end asked us to wait `retry_after` seconds (Slack 429)."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def slack_blocks(view: ContactRequestView, role_names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The coordinators' message: who, what, whose, and the two status buttons."""
    role = role_names.get(view.responsible_role, view.responsible_role)
    contact = ", ".join(x for x in (view.contact_person, view.email, view.phone) if x)
    fields = [
        ("Järjestö", view.organisation + (f" ({view.business_id})" if view.business_id else "")),
        ("Aihe", choice_label(TOPICS, view.topic, "fi")),
        ("Vastuutaho", role),
        ("Yksikkö", choice_label(UNITS, view.target_unit, "fi") or "–"),
        ("Yhteyshenkilö", contact),
        ("Kanava", f"{view.channel}, kieli {view.language}"),
    ]
    message = view.message if len(view.message) <= 2800 else view.message[:2800] + "…"
    return [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": f"Uusi yhteydenotto {view.reference}"},
        },
        {
            "type": "section",
            "fields": [{"type": "mrkdwn", "text": f"*{k}*\n{escape(v)}"} for k, v in fields],
        },
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(message)}},
        {
            "type": "actions",
            "block_id": f"contact:{view.reference}",
            "elements": [
                {
                    "type": "button",
                    "action_id": TAKE_ACTION,
                    "value": view.reference,
                    "style": "primary",
                    "text": {"type": "plain_text", "text": "Ota käsittelyyn"},
                },
                {
                    "type": "button",
                    "action_id": RESOLVE_ACTION,
                    "value": view.reference,
                    "text": {"type": "plain_text", "text": "Merkitse ratkaistuksi"},
                },
            ],
        },
    ]


def slack_transport(settings: Settings, role_names: Mapping[str, str]) -> Transport | None:
    """Posts to JARJESTOBOTTI_SLACK_COORDINATOR_CHANNEL; None when Slack isn't configured."""
    if not (settings.slack_bot_token and settings.slack_coordinator_channel):
        return None
    client = slack_client(settings, timeout=15, wait_on_429=False)  # 429: a later attempt
    channel = settings.slack_coordinator_channel

    def send(view: ContactRequestView) -> str | None:
        try:
            response = client.chat_postMessage(
                channel=channel,
                blocks=slack_blocks(view, role_names),
                text=escape(f"Uusi yhteydenotto {view.reference}: {view.organisation}"),
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            status = exc.response.status_code
            if status == 429:
                retry = exc.response.headers.get("Retry-After") or exc.response.headers.get(
                    "retry-after"
                )
                try:
                    seconds: float | None = float(retry) if retry else None
                except ValueError:
                    seconds = None
                raise RetryLater(f"Slack 429 (Retry-After {retry})", seconds) from None
            raise RuntimeError(f"Slack {status}: {exc.response.get('error')}") from None
        ts = response.get("ts")
        return str(ts) if ts else None

    return send


def confirmation_email(view: ContactRequestView, sender: str) -> EmailMessage:
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
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("\n".join(lines))
    return message


def email_transport(settings: Settings) -> Transport | None:
    """Confirmation e-mail over SMTP; None while JARJESTOBOTTI_SMTP_HOST is unset."""
    host = settings.smtp_host
    if not host:
        return None

    def send(view: ContactRequestView) -> str | None:
        if view.anonymised:
            return None
        message = confirmation_email(view, settings.smtp_from)
        context = ssl.create_default_context()
        smtp_class = smtplib.SMTP_SSL if settings.smtp_security == "ssl" else smtplib.SMTP
        kwargs: dict[str, Any] = {"context": context} if settings.smtp_security == "ssl" else {}
        with smtp_class(host, settings.smtp_port, timeout=20, **kwargs) as smtp:
            if settings.smtp_security == "starttls":
                smtp.starttls(context=context)
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            smtp.send_message(message)
        message_id = message["Message-ID"]
        return str(message_id) if message_id else None

    return send


class OutboxSender:
    """Claims due rows, sends each through its kind's transport, records the outcome."""

    def __init__(
        self,
        outbox: ContactOutbox,
        transports: Mapping[str, Transport],
        *,
        clock: Callable[[], datetime] = utcnow,
        base_delay: float = 5.0,
        max_delay: float = 3600.0,
        lease: timedelta = timedelta(minutes=2),
    ) -> None:
        self.outbox, self.transports = outbox, dict(transports)
        self.clock, self.base_delay, self.max_delay, self.lease = (
            clock,
            base_delay,
            max_delay,
            lease,
        )

    def delay(self, attempts: int) -> float:
        return float(min(self.max_delay, self.base_delay * 2 ** max(0, attempts - 1)))

    def run_once(self, limit: int = 20) -> int:
        """One pass: returns how many notifications went out. Database errors are
        logged and leave everything for the next pass."""
        try:
            items = self.outbox.claim_due(
                self.transports.keys(),
                now=self.clock(),
                lease=self.lease,
                limit=limit,
            )
        except StorageError as exc:
            log.warning("ilmoitusjono: %s", exc)
            return 0
        return sum(self._send(item) for item in items)

    def _send(self, item: OutboxItem) -> bool:
        reference = item.request.reference if item.request else f"#{item.id}"
        try:
            external_id = self.transports[item.kind](item.request) if item.request else None
        except RetryLater as exc:
            wait = exc.retry_after if exc.retry_after is not None else self.delay(item.attempts)
            return self._retry(item, reference, max(wait, 1.0), str(exc))
        except Exception as exc:  # any transport failure: try again later, never drop
            return self._retry(
                item, reference, self.delay(item.attempts), f"{type(exc).__name__}: {exc}"
            )
        try:
            self.outbox.mark_sent(item.id, now=self.clock(), external_id=external_id)
        except StorageError as exc:  # sent, not recorded: the lease runs out, it may go twice
            log.error(
                "ilmoitusjono: %s %s lähetetty, kirjaus epäonnistui: %s", item.kind, reference, exc
            )
            return True
        log.info("ilmoitusjono: %s %s lähetetty", item.kind, reference)
        return True

    def _retry(self, item: OutboxItem, reference: str, seconds: float, error: str) -> bool:
        log.warning(
            "ilmoitusjono: %s %s epäonnistui (yritys %d), uusi yritys %.0f s päästä: %s",
            item.kind,
            reference,
            item.attempts,
            seconds,
            error,
        )
        try:
            self.outbox.mark_retry(
                item.id,
                retry_at=self.clock() + timedelta(seconds=seconds),
                error=error,
            )
        except StorageError as exc:
            log.warning("ilmoitusjono: %s", exc)
        return False
