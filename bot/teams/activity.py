"""Between Teams Activities and the neutral messages: what was asked, and what to send.

A question's text comes with Teams markup: the SDK removes our own @mention
(from the activity's mention entities) before the turn; other `<at>` tags
and HTML entities are cleared here. Replies with cards or buttons go out as
one Adaptive Card; a reply of plain text (feedback thanks, an apology) as
plain text, so nothing in it is read as Markdown.
"""

from __future__ import annotations

import html
import re

from microsoft_agents.activity import Activity, ActivityTypes, Attachment

from bot.teams.cards import CONTENT_TYPE, Element, reply_card, summary_text
from handlers.messages import Choice, Choices, Incoming, Notice, PrivateNotice, Reply, Text

PLATFORM = "teams"
_AT_TAG = re.compile(r"</?at>", re.IGNORECASE)


def question_text(activity: Activity) -> str:
    """What the person typed: our @mention removed by the SDK (from the activity's mention
    entities), other mentions as plain names, HTML entities decoded. (A question too long
    is cut where every surface's is: `handlers/limits.py`.)"""
    text = _AT_TAG.sub("", activity.text or "")
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def incoming(activity: Activity, text: str = "") -> Incoming:
    """A channel's threads are separate conversations (`;messageid=` names the thread's
    root post); a personal or group chat is one conversation."""
    conversation = activity.conversation
    base, _, thread = conversation.id.partition(";messageid=")
    if conversation.conversation_type == "channel":
        thread = thread or activity.reply_to_id or activity.id or ""
    else:
        thread = ""
    sender = activity.from_property
    user = (sender.aad_object_id or sender.id) if sender is not None else "tuntematon"
    shared = conversation.conversation_type in ("channel", "groupChat")  # others read it
    return Incoming(PLATFORM, user, base, text, thread or None, activity.locale, shared)


def card_activity(card: Element, summary: str = "") -> Activity:
    activity = Activity(
        type=ActivityTypes.message,
        attachments=[Attachment(content_type=CONTENT_TYPE, content=card)],
    )
    if summary:
        activity.summary = summary
    return activity


def text_activity(text: str) -> Activity:
    return Activity(type=ActivityTypes.message, text=text, text_format="plain")


def reply_activity(reply: Reply) -> Activity:
    """Only-text replies (feedback thanks, the apology) as text; cards and buttons a card."""
    if all(isinstance(p, Text) for p in reply.parts):
        return text_activity(
            "\n\n".join(p.text.replace("**", "") for p in reply.parts if isinstance(p, Text))
        )
    return card_activity(reply_card(reply), summary_text(reply))


def private_notice_activity(notice: PrivateNotice, lang: str) -> Activity:
    """The privacy nudge for the sender's personal chat: the note, and a button that asks
    the cleaned question there (the router's `ask`)."""
    offer = Choices((Choice(notice.offer, "ask", notice.question),))
    return reply_activity(Reply([Notice(notice.text, "warning"), offer], lang))
