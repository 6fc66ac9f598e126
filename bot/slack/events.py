"""Slack events: @mentions, direct messages, thread follow-ups, the App Home tab.

Every listener acks at once, because Slack retries anything not acknowledged
within 3 seconds, and hands the answering to the bot's bounded answer queue
(`SlackBot.later`): a search can take seconds, and under a burst the asker is
told at once that the answer is coming, or to ask again. A message is answered once even
when Slack delivers it twice (`app_mention` and `message` for the same
channel + ts), and never when it comes from a bot — ourselves included.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.slack.core import PLATFORM, SlackBot, Target, log, plain_text
from bot.slack.views import home_view
from handlers.messages import Incoming

# Message subtypes a person produces when they write; everything else (edits,
# joins, bot messages, deletions) is not a question.
PERSON_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})


def ack_now(ack: Ack) -> None:
    ack()


def from_person(event: Mapping[str, Any], context: BoltContext) -> bool:
    """A message a person wrote (and Slack said where: channel and ts)."""
    user = event.get("user")
    return (
        bool(user)
        and bool(event.get("channel"))
        and bool(event.get("ts"))
        and not event.get("bot_id")
        and event.get("subtype") in PERSON_SUBTYPES
        and user != context.get("bot_user_id")
    )


def _answer_event(
    bot: SlackBot, client: WebClient, event: Mapping[str, Any], thread: str | None, what: str
) -> None:
    channel, ts = str(event["channel"]), str(event["ts"])
    if not bot.claim(f"msg:{channel}:{ts}"):  # the other delivery of this message won
        return
    # A DM's channel is "D…" (an app_mention carries no channel_type); everything else,
    # group DMs included, is read by others: the privacy nudge applies there.
    shared = event.get("channel_type") != "im" and not channel.startswith("D")
    target = Target(client, channel, str(event["user"]), thread, shared=shared)
    text = plain_text(str(event.get("text") or ""))
    bot.later(target, what, lambda: bot.answer(target.incoming(text), target))


def mention_listener(bot: SlackBot) -> Callable[..., None]:
    def on_mention(
        ack: Ack, event: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        """@Järjestöbotti in a channel: answer in the message's thread."""
        ack()
        if from_person(event, context):
            _answer_event(
                bot, client, event, str(event.get("thread_ts") or event["ts"]), "app_mention"
            )

    return on_mention


def message_listener(bot: SlackBot) -> Callable[..., None]:
    def on_message(
        ack: Ack, event: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        """A DM, or a reply in a channel thread the bot is already answering in."""
        ack()
        if not from_person(event, context):
            return
        thread = event.get("thread_ts")
        if event.get("channel_type") == "im":
            _answer_event(bot, client, event, str(thread) if thread else None, "im")
            return
        if not thread:
            return  # a channel message without a mention is not for us
        followup = Incoming(PLATFORM, str(event["user"]), str(event["channel"]), "", str(thread))
        if bot.router.has_context(followup):
            _answer_event(bot, client, event, str(thread), "thread")

    return on_message


def home_listener(bot: SlackBot) -> Callable[..., None]:
    def on_home(event: dict[str, Any], client: WebClient) -> None:
        """The App Home tab: what the bot does and example questions."""
        if event.get("tab", "home") != "home":
            return
        user = str(event["user"])

        def publish() -> None:
            client.views_publish(user_id=user, view=home_view())

        bot.guarded(None, "app_home_opened", publish)

    return on_home


def register(app: App, bot: SlackBot) -> None:
    app.event("app_mention")(mention_listener(bot))
    app.event("message")(message_listener(bot))
    app.event("app_home_opened")(ack=ack_now, lazy=[home_listener(bot)])
    log.debug("slack: tapahtumakuuntelijat rekisteröity")
