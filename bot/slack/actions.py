"""Slack `/jarjesto` and the reply buttons (näytä lisää, lisätietoja, 👍/👎, jaa kanavalle).

`/jarjesto <kysymys>` answers ephemerally (only the asker sees it) through the
command's `response_url`, with a "Jaa kanavalle" button that posts the same
answer to the channel. Buttons carry `action_id` `jb:<action>:<n>` (see
`bot/slack/render.py`) and go to `Router.action` with the thread's context,
so a button does exactly what typing "näytä lisää" in the thread does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack.contact import open_contact_form
from bot.slack.core import PLATFORM, SlackBot, Target, log, plain_text
from bot.slack.referral import open_referral_form
from bot.slack.render import context, escape, slack_label
from handlers.messages import Incoming, router_action

ACTION_ID = re.compile(r"^jb:(\w+):\d+$")
SLASH_THREAD = "slash:{user}"  # one ephemeral conversation per user and channel


def slash_listener(bot: SlackBot) -> Callable[..., None]:
    def on_jarjesto(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        """`/jarjesto kysymys` → an ephemeral answer; no question → the help text."""
        ack()
        if not command.get("user_id") or not command.get("channel_id"):
            return  # not a command Slack sends
        user, channel = str(command["user_id"]), str(command["channel_id"])
        target = Target(client, channel, user, None, command.get("response_url"))
        text = plain_text(str(command.get("text") or ""))
        msg = Incoming(PLATFORM, user, channel, text, SLASH_THREAD.format(user=user))

        def work() -> None:
            bot.answer(msg, target, None if text else lambda: bot.router.action(msg, "help"))

        bot.later(target, "/jarjesto", work)

    return on_jarjesto


def action_target(body: dict[str, Any], client: WebClient) -> tuple[Target, str | None]:
    """Where a button's answer goes, and the conversation thread it continues."""
    user = str(body["user"]["id"])
    container = body.get("container") or {}
    channel = str((body.get("channel") or {}).get("id") or container.get("channel_id") or "")
    message = body.get("message")
    if container.get("is_ephemeral") or message is None:  # a /jarjesto answer
        return (
            Target(client, channel, user, None, body.get("response_url")),
            SLASH_THREAD.format(user=user),
        )
    thread = message.get("thread_ts") or (None if channel.startswith("D") else message["ts"])
    return Target(client, channel, user, thread), thread


def _feedback(bot: SlackBot, target: Target, msg: Incoming, value: str) -> None:
    try:
        data = json.loads(value)
        rating, query_id = int(data.get("r", 0)), data.get("q")
    except (ValueError, TypeError, AttributeError):
        rating, query_id = 0, None
    qid = query_id if isinstance(query_id, int) else None
    reply = bot.router.answer(msg, lambda: bot.router.feedback(msg, rating, query_id=qid))
    target.whisper(escape(" ".join(getattr(p, "text", "") for p in reply.parts).strip()))


def _share(bot: SlackBot, target: Target, key: str) -> None:
    """Post a kept ephemeral answer to the channel, with who shared it."""
    shared = bot.shares.get(key)
    if shared is None:
        target.whisper(slack_label("share_expired", "fi"))
        return
    intro = context(
        slack_label(
            "shared_by",
            shared.language,
            user=target.user,
            question=escape(shared.question),
        )
    )
    public = Target(target.client, target.channel, target.user)
    ts = public.send(shared.text, [intro, *shared.blocks])
    if ts:  # the shared answer's buttons go on with the question it answered
        bot.router.continue_in(shared.asked, public.incoming("", ts))
    if target.response_url:
        target.respond_raw(delete_original=True)


def _ask_in_dm(bot: SlackBot, client: WebClient, user: str, question: str) -> None:
    """The privacy nudge's button: the cleaned question again, answered in the user's DM."""
    opened = client.conversations_open(users=user)
    channel = str((opened.get("channel") or {}).get("id") or "")
    if not channel:
        raise RuntimeError("conversations.open ei antanut kanavaa")
    dm = Target(client, channel, user)
    bot.answer(dm.incoming(plain_text(question)), dm)


def action_listener(bot: SlackBot) -> Callable[..., None]:
    def on_action(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient
    ) -> None:
        ack()
        match = ACTION_ID.match(str(action.get("action_id", "")))
        if match is None or (body.get("container") or {}).get("type") == "view":
            return
        name, value = match.group(1), str(action.get("value") or "")
        target, thread = action_target(body, client)
        msg = Incoming(PLATFORM, target.user, target.channel, "", thread)
        pressed = router_action(name)
        what = f"button {name}"
        # Sharing and opening the form are quick (and the form's trigger expires in 3 s):
        # done here. What asks the router waits its turn in the answer queue.
        if name == "share":
            bot.guarded(target, what, lambda: _share(bot, target, value))
        elif name == "ask_dm":
            bot.later(target, what, lambda: _ask_in_dm(bot, client, target.user, value))
        elif pressed == "contact_form":
            trigger = str(body.get("trigger_id"))
            lang = bot.router.language_of(msg)
            bot.guarded(target, what, lambda: open_contact_form(client, trigger, target, lang))
        elif name == "refer":  # a card's "Ohjaa asiakas": the referral modal (value: service)
            trigger = str(body.get("trigger_id"))
            lang = bot.router.language_of(msg)
            bot.guarded(
                target,
                what,
                lambda: open_referral_form(bot, client, trigger, target, value, lang),
            )
        elif pressed == "feedback":
            bot.later(target, what, lambda: _feedback(bot, target, msg, value))
        elif pressed is not None:
            chosen = pressed

            def work() -> None:
                asked = value if chosen == "ask" else bot.router.question_of(msg)
                reply = bot.router.answer(msg, lambda: bot.router.action(msg, chosen, value))
                bot.deliver(
                    reply, target, Incoming(PLATFORM, msg.user, msg.conversation, asked, thread)
                )

            bot.later(target, what, work)
        else:
            log.info("slack: tuntematon painike %r ohitettu", name)

    return on_action


def register(app: App, bot: SlackBot) -> None:
    app.command("/jarjesto")(slash_listener(bot))
    app.action(ACTION_ID)(action_listener(bot))
