"""Reply → Slack Block Kit, within Slack's limits, labels in the reply's language.

Slack rejects a whole message when one limit is broken (50 blocks, 3,000
characters per section text, 75 per button label, 2,000 per button value),
so every block is cut to size here rather than trusting the knowledge files'
text lengths. All text is mrkdwn-escaped (`&`, `<`, `>`): a service name can't
turn into a link or an @channel ping. Button `action_id`s are `jb:<action>:<n>`;
`bot/slack/app.py` routes them back to `Router.action`.
"""

from __future__ import annotations

import json
from typing import Any

from bot.terminal.render import render_text
from handlers.card_view import CARD_TYPES, CardView, Line, Paragraph, Row, card_view
from handlers.messages import (
    Choice,
    Choices,
    FormRequest,
    Notice,
    Part,
    PrivateNotice,
    Reply,
    Text,
)
from handlers.safe_text import clip
from handlers.texts import Catalogue

Block = dict[str, Any]
MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTIONS = 25  # elements per actions block
MAX_FALLBACK = 3000

SLACK_LABELS = Catalogue(
    "slack",
    {
        "share": {"fi": "Jaa kanavalle", "sv": "Dela i kanalen", "en": "Share to channel"},
        "shared_by": {
            "fi": "<@{user}> jakoi vastauksen kysymykseen: {question}",
            "sv": "<@{user}> delade svaret på frågan: {question}",
            "en": "<@{user}> shared the answer to: {question}",
        },
        "share_expired": {
            "fi": "Vastausta ei voi enää jakaa. Kysy uudelleen.",
            "sv": "Svaret kan inte längre delas. Fråga igen.",
            "en": "This answer can no longer be shared. Please ask again.",
        },
        "truncated": {
            "fi": "Vastaus lyhennettiin Slackin rajojen vuoksi.",
            "sv": "Svaret förkortades på grund av Slacks gränser.",
            "en": "The answer was shortened to fit Slack's limits.",
        },
    },
)


def slack_label(key: str, lang: str, **values: str) -> str:
    return SLACK_LABELS.get(key, lang, **values)


def escape(text: str) -> str:
    """mrkdwn control characters → entities (Slack's own escaping rules)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mrkdwn(text: str) -> str:
    """Escaped text with the neutral `**bold**` turned into Slack's `*bold*`."""
    return escape(text).replace("**", "*")


def chunks(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Split at line breaks into pieces of at most `limit` characters (hard cut if needed)."""
    out: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                out.append(current)
                current = ""
            out.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            out.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        out.append(current)
    return out


def sections(text: str, accessory: Block | None = None) -> list[Block]:
    """One or more section blocks for already-escaped mrkdwn text."""
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": piece}} for piece in chunks(text)
    ]
    if blocks and accessory is not None:
        blocks[0]["accessory"] = accessory
    return blocks


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, MAX_SECTION)}]}


def button(text: str, action: str, value: str = "", n: int = 0, style: str | None = None) -> Block:
    out: Block = {
        "type": "button",
        "action_id": f"jb:{action}:{n}",
        "text": {"type": "plain_text", "text": clip(text, MAX_BUTTON_TEXT), "emoji": True},
    }
    if value:
        out["value"] = value[:MAX_BUTTON_VALUE]
    if style:
        out["style"] = style
    return out


def _line(line: Line) -> str:
    if isinstance(line, Paragraph):
        return mrkdwn(line.text) if line.markup else escape(line.text)
    if isinstance(line, Row):
        return " · ".join(f"_{f.label}:_ {escape(f.value)}" for f in line.fields)
    return f"• {escape(line.text)}"


def card_blocks(view: CardView) -> list[Block]:
    """Title and body in sections, the first button beside them, date and source below."""
    head = f"*{escape(view.title)}*" + (f" – {escape(view.subtitle)}" if view.subtitle else "")
    lines = [head, *(_line(line) for line in view.body)]
    if view.link:
        lines.append(f"<{view.link.url}|{escape(view.link.label)}>")
    buttons = [
        button(a.label, a.action, a.value, int(a.value) if a.value.isdigit() else 0)
        for a in view.actions
    ]
    notes = [" · ".join(f"{f.label}: {escape(f.value)}" for f in view.meta)]
    notes.append(f":warning: {escape(view.stale)}" if view.stale else "")
    note = "\n".join(n for n in notes if n)
    # The first button beside the text; any others (e.g. "Ohjaa asiakas") in a row below.
    more = [{"type": "actions", "elements": buttons[1:]}] if len(buttons) > 1 else []
    blocks = sections("\n".join(lines), buttons[0] if buttons else None)
    return [*blocks, *more, *([context(note)] if note else [])]


def choice_value(choice: Choice, reply: Reply) -> str:
    """Feedback carries the answer's query-log id, so it lands on the right answer even
    when the thread's context has expired."""
    if choice.action == "feedback":
        return json.dumps({"r": choice.value, "q": reply.query_id})
    return choice.value


def _actions(choices: list[Choice], reply: Reply, start: int = 0) -> list[Block]:
    blocks: list[Block] = []
    for i in range(0, len(choices), MAX_ACTIONS):
        batch = choices[i : i + MAX_ACTIONS]
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    button(
                        c.label,
                        c.action,
                        choice_value(c, reply),
                        start + i + j,
                        "primary" if c.action in ("contact_form",) else None,
                    )
                    for j, c in enumerate(batch)
                ],
            }
        )
    return blocks


def part_blocks(part: Part, reply: Reply) -> list[Block]:
    lang = reply.language
    if isinstance(part, Text):
        return sections(mrkdwn(part.text))
    if isinstance(part, Notice):
        prefix = ":warning: " if part.level != "info" else ""
        return [context(prefix + mrkdwn(part.text))]
    if isinstance(part, CARD_TYPES):
        return card_blocks(card_view(part, lang))
    if isinstance(part, Choices):
        return _actions(list(part.choices), reply)
    if isinstance(part, FormRequest):
        return _actions([Choice(part.title, "contact_form", part.form)], reply, 90)
    return []


def fit(blocks: list[Block], lang: str, limit: int = MAX_BLOCKS) -> list[Block]:
    """At most `limit` blocks; the buttons at the end survive a cut, with a note."""
    if len(blocks) <= limit:
        return blocks
    tail: list[Block] = []
    while blocks and blocks[-1]["type"] == "actions" and len(tail) < 2:
        tail.insert(0, blocks.pop())
    head = blocks[: limit - len(tail) - 1]
    return [*head, context(slack_label("truncated", lang)), *tail]


def fallback_text(reply: Reply) -> str:
    """The notification / screen-reader text that goes with the blocks."""
    return clip(escape(render_text(reply)), MAX_FALLBACK) or "…"


def render_blocks(reply: Reply, extra: list[Block] | None = None) -> list[Block]:
    """Blocks for a reply; `extra` (e.g. the share button) is kept even when cut."""
    blocks = [b for p in reply.parts for b in part_blocks(p, reply)]
    extra = extra or []
    return fit(blocks, reply.language, MAX_BLOCKS - len(extra)) + extra


def share_actions(value: str, lang: str) -> list[Block]:
    return [
        {
            "type": "actions",
            "elements": [button(slack_label("share", lang), "share", value, 99, "primary")],
        }
    ]


def private_notice_blocks(notice: PrivateNotice) -> list[Block]:
    """The privacy nudge: the note, and a button that asks the cleaned question in a DM."""
    return [
        *sections(f":lock: {escape(notice.text)}"),
        {
            "type": "actions",
            "elements": [button(notice.offer, "ask_dm", notice.question, 98)],
        },
    ]
