"""The privacy nudge in Teams: a note in the sender's personal chat with the bot (and
`send_privately` for anything else that must not go to a channel, e.g. the referral form).

Teams has no ephemeral messages in a channel. The Bot Framework connector's
`POST /v3/conversations` (the Agents SDK's `ConnectorClient.conversations.create_conversation`)
creates — or, for a user who already has one, returns — the 1:1 conversation of the
bot and the user in the same tenant; the note goes there with `send_to_conversation`.
Both calls use the connector client of the turn that carried the channel message, so
they go to the same (validated) serviceUrl with the same credentials as the answer.
"""

from __future__ import annotations

import logging

from microsoft_agents.activity import Activity, ChannelAccount, ConversationParameters
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.connector import ConnectorClientBase

from bot.teams.activity import private_notice_activity
from handlers.messages import PrivateNotice

log = logging.getLogger("bot.teams")

__all__ = ["send_privately", "tell_privately"]


async def tell_privately(context: TurnContext, notice: PrivateNotice, lang: str) -> None:
    """Send `notice` to the sender of `context`'s activity in their personal chat."""
    await send_privately(context, private_notice_activity(notice, lang))


async def send_privately(context: TurnContext, message: Activity) -> bool:
    """Send `message` to the sender of `context`'s activity in their personal chat; False
    when there is no connector or sender to do it with."""
    activity = context.activity
    client = context.services.get(ConnectorClientBase)  # type: ignore[type-abstract]
    sender, bot = activity.from_property, activity.recipient
    if client is None or sender is None or bot is None:
        log.warning("teams: yksityistä viestiä ei voitu lähettää (ei yhteyttä tai lähettäjää)")
        return False
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = str(activity.conversation.tenant_id or (data.get("tenant") or {}).get("id") or "")
    params = ConversationParameters(
        is_group=False,
        bot=ChannelAccount(id=bot.id),
        members=[ChannelAccount(id=sender.id)],
        tenant_id=tenant or None,  # type: ignore[arg-type]  # optional in the API
        channel_data={"tenant": {"id": tenant}} if tenant else None,
    )
    created = await client.conversations.create_conversation(params)
    await client.conversations.send_to_conversation(created.id, message)
    return True
