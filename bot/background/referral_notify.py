"""Sends the referrals' chat notifications from the outbox: a new referral in the
association's Slack channel (`referral_slack`), and each status change to the professional
(`referral_status`) in the Slack thread or DM, or the Teams chat or channel thread, where
the referral was made.

Rows come from `Referrals.claim_due` with their message already in words
(`ReferralMessage`); transports only send. A failure never drops a row: it stays pending,
tried again after 5 s, 10 s, 20 s … at most an hour, or as long as Slack's `Retry-After`
asks. Every Slack message carries the row's key in its metadata, and a row whose earlier
attempt may have gone out (`unsure`) is first looked up where it would be, so it is not
posted twice. Teams' proactive messages go through the Agents SDK's `CloudAdapter` with the
conversation reference stored at submission, exactly as the slow-answer path of
`bot/teams/app.py` does. `ReferralSender` sends every referral kind it is given a
transport for (the e-mail's is `bot.background.referral_mail`); `bot.background.jobs` runs it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from microsoft_agents.activity import ConversationReference
from microsoft_agents.hosting.core import ClaimsIdentity, TurnContext
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from microsoft_agents.hosting.fastapi import CloudAdapter
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.background.delivery import RetryLater, backoff, keyed_ts, post_keyed
from bot.settings import Settings
from bot.slack.client import slack_client
from bot.slack.referral_view import association_blocks, status_blocks
from bot.teams.activity import text_activity
from bot.teams.config import (
    auth_configuration,
    connection_manager,
    service_url_validator,
    teams_configured,
)
from handlers.referral.model import ReferralOutboxItem
from handlers.referral.service import Referrals
from index.errors import StorageError

log = logging.getLogger(__name__)

__all__ = [
    "ReferralSender",
    "TeamsProactive",
    "chat_transports",
]

Transport = Callable[[ReferralOutboxItem], "str | None"]
METADATA_TYPE = "jarjestobotti_referral"


def _posted_before(client: WebClient, channel: str, thread: str | None, key: str) -> str | None:
    """The ts of a message an earlier attempt posted with `key` (the thread, or the
    channel's latest 200 messages), if there is one."""
    try:
        if thread:
            found = client.conversations_replies(
                channel=channel, ts=thread, limit=200, include_all_metadata=True
            )
        else:
            found = client.conversations_history(
                channel=channel, limit=200, include_all_metadata=True
            )
    except SlackApiError as exc:
        log.warning(
            "ohjausilmoitukset: kanavaa %s ei voi lukea (%s)", channel, exc.response.get("error")
        )
        return None
    return keyed_ts(found.get("messages"), key)


def slack_post(client: WebClient) -> Callable[..., str | None]:
    def post(
        item: ReferralOutboxItem,
        channel: str,
        thread: str | None,
        text: str,
        blocks: list[dict[str, Any]],
    ) -> str | None:
        if item.unsure:
            found = _posted_before(client, channel, thread, item.key)
            if found is not None:
                return found
        return post_keyed(
            client,
            channel=channel,
            text=text,
            blocks=blocks,
            event_type=METADATA_TYPE,
            key=item.key,
            reference=item.message.reference,
            thread=thread,
        )

    return post


class TeamsProactive:
    """Sends a message into a stored Teams conversation (chat, or a channel's thread)."""

    def __init__(self, settings: Settings) -> None:
        self.app_id = settings.teams_app_id or ""
        self.adapter = CloudAdapter(
            connection_manager=connection_manager(auth_configuration(settings)),
            host_validator=service_url_validator(settings),
        )

    def send(self, reference: Mapping[str, Any], text: str) -> str | None:
        """Send `text` (plain, no Markdown) there; returns the activity id Teams gave it."""
        continuation = ConversationReference.model_validate(reference).get_continuation_activity()
        identity = (
            self.adapter.create_claims_identity(self.app_id) if self.app_id else ClaimsIdentity()
        )
        sent: list[str | None] = []

        async def callback(context: TurnContext) -> None:
            # A new message in the conversation (as `bot/teams/private.py` sends), not a
            # reply to the continuation's made-up activity id.
            client = context.services.get(ConnectorClientBase)  # type: ignore[type-abstract]
            if client is None:
                raise RuntimeError("Teams-yhteys puuttuu")
            response = await client.conversations.send_to_conversation(
                continuation.conversation.id, text_activity(text)
            )
            sent.append(response.id if response is not None else None)

        asyncio.run(
            self.adapter.continue_conversation_with_claims(identity, continuation, callback)
        )
        return sent[0] if sent else None


def chat_transports(settings: Settings) -> dict[str, Transport]:
    """`referral_slack` and `referral_status` for the chat platforms that are configured."""
    client = (
        slack_client(settings, timeout=15, wait_on_429=False) if settings.slack_bot_token else None
    )
    teams = TeamsProactive(settings) if teams_configured(settings) else None
    post = slack_post(client) if client is not None else None

    def association(item: ReferralOutboxItem) -> str | None:
        message = item.message
        if post is None or not message.slack_channel:
            raise RuntimeError("järjestön Slack-kanavaa tai Slack-yhteyttä ei ole määritetty")
        text, blocks = association_blocks(message)
        return post(item, message.slack_channel, None, text, blocks)

    def status(item: ReferralOutboxItem) -> str | None:
        message, address = item.message, item.message.address
        if message.channel == "slack" and post is not None and address.get("channel"):
            text, blocks = status_blocks(message)
            return post(item, str(address["channel"]), address.get("thread_ts"), text, blocks)
        reference = address.get("conversation_reference")
        if message.channel == "teams" and teams is not None and isinstance(reference, dict):
            return teams.send(reference, message.text)
        raise RuntimeError(f"tilaviestiä ei voi lähettää kanavalle {message.channel}")

    transports: dict[str, Transport] = {"referral_status": status}
    if post is not None:
        transports["referral_slack"] = association
    return transports


class ReferralSender:
    """Claims due referral rows, sends each through its kind's transport, records it."""

    def __init__(
        self,
        referrals: Referrals,
        transports: Mapping[str, Transport],
        *,
        base_delay: float = 5.0,
        max_delay: float = 3600.0,
        lease: timedelta = timedelta(minutes=2),
    ) -> None:
        self.referrals, self.transports = referrals, dict(transports)
        self.base_delay, self.max_delay, self.lease = base_delay, max_delay, lease

    def delay(self, attempts: int) -> float:
        return backoff(attempts, self.base_delay, self.max_delay)

    def run_once(self, limit: int = 20) -> int:
        """One pass: how many notifications went out. Database errors wait for the next."""
        try:
            items = self.referrals.claim_due(self.transports, lease=self.lease, limit=limit)
        except StorageError as exc:
            log.warning("ohjausilmoitukset: %s", exc)
            return 0
        return sum(self._send(item) for item in items)

    def _send(self, item: ReferralOutboxItem) -> bool:
        what = f"{item.kind} {item.message.reference}"
        try:
            external_id = self.transports[item.kind](item)
        except RetryLater as exc:
            wait = exc.retry_after if exc.retry_after is not None else self.delay(item.attempts)
            return self._retry(item, what, max(wait, 1.0), str(exc))
        except Exception as exc:  # any transport failure: try again later, never drop
            return self._retry(
                item, what, self.delay(item.attempts), f"{type(exc).__name__}: {exc}"
            )
        try:
            self.referrals.mark_sent(item.id, external_id)
        except StorageError as exc:  # the lease runs out; the next attempt looks first
            log.error("ohjausilmoitukset: %s lähetetty, kirjaus epäonnistui: %s", what, exc)
            return True
        log.info("ohjausilmoitukset: %s lähetetty", what)
        return True

    def _retry(self, item: ReferralOutboxItem, what: str, seconds: float, error: str) -> bool:
        log.warning(
            "ohjausilmoitukset: %s epäonnistui (yritys %d), uusi yritys %.0f s päästä: %s",
            what,
            item.attempts,
            seconds,
            error,
        )
        try:
            retry_at = self.referrals.clock() + timedelta(seconds=seconds)
            self.referrals.mark_retry(item.id, retry_at=retry_at, error=error)
        except StorageError as exc:
            log.warning("ohjausilmoitukset: %s", exc)
        return False
