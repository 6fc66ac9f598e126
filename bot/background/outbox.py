"""Sends what the outbox holds: the coordinators' Slack message and the
association's confirmation e-mail, retrying until each one goes through.

A failure never drops a row: it stays pending with the next try pushed back
exponentially (5 s, 10 s, 20 s … at most an hour), or exactly as long as
Slack's `Retry-After` asks on HTTP 429. Transports only send; the bookkeeping
is `handlers.contact.outbox`.

Nothing goes out twice because of a database error: a row is marked `sending`
(committed) before it is sent; a send whose recording failed is remembered
and recorded first on the next pass, before anything new is claimed; and a
row left `sending` (the process died) is checked with Slack by its key before
it is posted again. The e-mail transport is in `bot.background.mail`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.background.delivery import RetryLater, backoff, keyed_ts, post_keyed, slack_failure
from bot.background.mail import email_transport
from bot.settings import Settings
from bot.slack.client import slack_client
from bot.slack.render import escape
from handlers.contact.form import TOPICS, UNITS, choice_label
from handlers.contact.outbox import ContactOutbox, OutboxItem
from handlers.contact.views import ContactRequestView
from index.errors import StorageError
from store.models import utcnow

log = logging.getLogger(__name__)

__all__ = [
    "OutboxSender",
    "RetryLater",
    "Transport",
    "backoff",
    "email_transport",
    "slack_blocks",
    "slack_failure",
    "slack_transport",
]

# Sends one notification (the request, and its outbox row for `key` and `unsure`);
# returns an external id (Slack ts, Message-ID) or None.
Transport = Callable[[ContactRequestView, OutboxItem], "str | None"]
TAKE_ACTION, RESOLVE_ACTION = "contact_take", "contact_resolve"
METADATA_TYPE = "jarjestobotti_contact_request"  # Slack message metadata: carries the key
LOOKUP_PAGES = 5  # × 200 channel messages searched for an earlier attempt's post


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


def _already_posted(client: Any, channel: str, view: ContactRequestView, key: str) -> str | None:
    """The ts of a message an earlier attempt posted with `key`, if the channel has one."""
    oldest = f"{view.created_at.timestamp() - 60:.6f}"
    cursor: str | None = None
    for _page in range(LOOKUP_PAGES):
        try:
            response = client.conversations_history(
                channel=channel, oldest=oldest, limit=200, include_all_metadata=True, cursor=cursor
            )
        except SlackApiError as exc:
            if exc.response.get("error") not in ("missing_scope", "not_in_channel"):
                raise
            log.warning(
                "ilmoitusjono: kanavan historiaa ei voi lukea (%s), %s lähetetään ehkä toiseen "
                "kertaan",
                exc.response.get("error"),
                view.reference,
            )
            return None
        found = keyed_ts(response.get("messages"), key)
        if found is not None:
            return found
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            break
    return None


def slack_transport(settings: Settings, role_names: Mapping[str, str]) -> Transport | None:
    """Posts to JARJESTOBOTTI_SLACK_COORDINATOR_CHANNEL; None when Slack isn't configured.
    Each message carries the outbox key in its metadata; an `unsure` row is first looked
    up in the channel, and a message found there is not posted again."""
    if not (settings.slack_bot_token and settings.slack_coordinator_channel):
        return None
    client = slack_client(settings, timeout=15, wait_on_429=False)  # 429: a later attempt
    channel = settings.slack_coordinator_channel

    def send(view: ContactRequestView, item: OutboxItem) -> str | None:
        if item.unsure:
            try:
                found = _already_posted(client, channel, view, item.key)
            except SlackApiError as exc:
                raise slack_failure(exc) from None
            if found is not None:
                log.info("ilmoitusjono: %s oli jo kanavalla, ei lähetetä uudelleen", view.reference)
                return found
        return post_keyed(
            client,
            channel=channel,
            text=escape(f"Uusi yhteydenotto {view.reference}: {view.organisation}"),
            blocks=slack_blocks(view, role_names),
            event_type=METADATA_TYPE,
            key=item.key,
            reference=view.reference,
        )

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
        self.clock, self.lease = clock, lease
        self.base_delay, self.max_delay = base_delay, max_delay

        # Sent, but the database refused to record it: item id → (what, external id).
        self._unrecorded: dict[int, tuple[str, str | None]] = {}

    def delay(self, attempts: int) -> float:
        return backoff(attempts, self.base_delay, self.max_delay)

    def run_once(self, limit: int = 20) -> int:
        """One pass: returns how many notifications went out. Database errors are
        logged and leave everything for the next pass; sends not yet recorded are
        recorded first, and nothing new is claimed until they are."""
        if not self._record_unrecorded():
            return 0
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
            send = self.transports[item.kind]
            external_id = send(item.request, item) if item.request else None
        except RetryLater as exc:
            wait = exc.retry_after if exc.retry_after is not None else self.delay(item.attempts)
            return self._retry(item, reference, max(wait, 1.0), str(exc))
        except Exception as exc:  # any transport failure: try again later, never drop
            return self._retry(
                item, reference, self.delay(item.attempts), f"{type(exc).__name__}: {exc}"
            )
        try:
            self.outbox.mark_sent(item.id, now=self.clock(), external_id=external_id)
        except StorageError as exc:  # sent, not recorded: record it before anything else
            log.error(
                "ilmoitusjono: %s %s lähetetty, kirjaus epäonnistui (yritetään uudelleen): %s",
                item.kind,
                reference,
                exc,
            )
            self._unrecorded[item.id] = (f"{item.kind} {reference}", external_id)
            return True
        log.info("ilmoitusjono: %s %s lähetetty", item.kind, reference)
        return True

    def _record_unrecorded(self) -> bool:
        """Record the sends the database refused earlier; False while it still refuses."""
        for item_id, (what, external_id) in list(self._unrecorded.items()):
            try:
                self.outbox.mark_sent(item_id, now=self.clock(), external_id=external_id)
            except StorageError as exc:
                log.warning("ilmoitusjono: %s: kirjaus epäonnistuu yhä: %s", what, exc)
                return False
            del self._unrecorded[item_id]
            log.info("ilmoitusjono: %s kirjattu lähetetyksi", what)
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
