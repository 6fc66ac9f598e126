"""Reply → Slack Block Kit, within Slack's limits, labels in the reply's language.

Slack rejects a whole message when one limit is broken (50 blocks, 3,000
characters per section text, 75 per button label, 2,000 per button value),
so every block is cut to size here rather than trusting the knowledge files'
text lengths. All text is mrkdwn-escaped (`&`, `<`, `>`): a service name can't
turn into a link or an @channel ping. Button `action_id`s are `jb:<action>:<n>`;
`bot/slack_app.py` routes them back to `Router.action`.
"""

from __future__ import annotations

import json
from typing import Any

from bot.terminal.render import render_text
from handlers.labels import label
from handlers.messages import (
    Choice,
    Choices,
    FormRequest,
    GuidanceExcerpt,
    Notice,
    Part,
    Reply,
    RoadmapItem,
    RoleCard,
    ServiceCard,
    Text,
)

Block = dict[str, Any]
MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTIONS = 25  # elements per actions block
MAX_FALLBACK = 3000

SLACK_LABELS: dict[str, dict[str, str]] = {
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
}


def slack_label(key: str, lang: str, **values: str) -> str:
    entry = SLACK_LABELS[key]
    text = entry.get(lang) or entry["fi"]
    return text.format(**values) if values else text


def escape(text: str) -> str:
    """mrkdwn control characters → entities (Slack's own escaping rules)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mrkdwn(text: str) -> str:
    """Escaped text with the neutral `**bold**` turned into Slack's `*bold*`."""
    return escape(text).replace("**", "*")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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


def _link(url: str | None, text: str) -> str:
    if not url or not url.startswith(("https://", "http://")) or any(c in url for c in "<>| "):
        return ""
    return f"<{url}|{escape(text)}>"


def _service(c: ServiceCard, lang: str) -> list[Block]:
    lines = [f"*{c.rank}. {escape(c.name)}* – {escape(c.organization)}"]
    if c.summary:
        lines.append(escape(c.summary))
    if c.description:
        lines.append(escape(c.description.strip()))
    if c.why:
        lines.append(f"_{label('why', lang)}:_ {escape(', '.join(c.why))}")
    lines.append(f"_{label('how_to_join', lang)}:_ {escape(c.how_to_join)} ({escape(c.referral)})")
    lines.append(
        f"_{label('cost', lang)}:_ {escape(c.cost)} · "
        f"_{label('languages', lang)}:_ {escape(c.languages)}"
    )
    if c.place:
        lines.append(f"_{label('place', lang)}:_ {escape(c.place)}")
    if c.schedule:
        lines.append(f"_{label('schedule', lang)}:_ {escape(c.schedule)}")
    contact = ", ".join(x for x in (c.contact.name, c.contact.phone, c.contact.email) if x)
    if contact:
        lines.append(f"_{label('contact', lang)}:_ {escape(contact)}")
    link = _link(c.link, label("link", lang))
    if link:
        lines.append(link)
    accessory = (
        None if c.description else button(label("details", lang), "details", str(c.rank), c.rank)
    )
    meta = (
        f"{label('updated', lang)}: {c.updated.isoformat()} · {label('source', lang)}: "
        f"{escape(c.source)}"
    )
    if c.stale:
        meta += f"\n:warning: {label('stale', lang)}"
    return [*sections("\n".join(lines), accessory), context(meta)]


def _roadmap(item: RoadmapItem, lang: str) -> list[Block]:
    title = " › ".join(item.path) if item.kind == "action" else item.title
    lines = [f"*{escape(title)}*"]
    if item.text and (item.kind == "action" or item.text != item.title):
        lines.append(escape(item.text))
    if item.status:
        lines.append(f"_{label('status', lang)}:_ {escape(item.status)}")
    lines += [f"• {escape(d)}" for d in item.details]
    if item.responsible:
        who = "; ".join(r.name + (f" ({r.contact})" if r.contact else "") for r in item.responsible)
        lines.append(f"_{label('responsible', lang)}:_ {escape(who)}")
    return [
        *sections("\n".join(lines)),
        context(escape(label("roadmap_source", lang, src=item.source))),
    ]


def _role(role: RoleCard, lang: str) -> list[Block]:
    lines = [f"*{escape(role.name)}*", escape(role.description)]
    lines += [f"• {escape(r)}" for r in role.responsibilities]
    if role.contact:
        lines.append(f"_{label('contact', lang)}:_ {escape(role.contact)}")
    return sections("\n".join(lines))


def _guidance(g: GuidanceExcerpt, lang: str) -> list[Block]:
    body = "\n".join(line for line in g.text.splitlines() if line.strip())
    return [
        *sections(f"*{escape(g.title)}*\n{mrkdwn(body)}"),
        context(f"{label('source', lang)}: {escape(g.source)}"),
    ]


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
    if isinstance(part, ServiceCard):
        return _service(part, lang)
    if isinstance(part, RoadmapItem):
        return _roadmap(part, lang)
    if isinstance(part, RoleCard):
        return _role(part, lang)
    if isinstance(part, GuidanceExcerpt):
        return _guidance(part, lang)
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


def without_buttons(blocks: list[Block]) -> list[Block]:
    """A copy fit for sharing: the share button removed (the rest keeps working)."""
    return [
        b
        for b in blocks
        if not (
            b["type"] == "actions"
            and all(e.get("action_id", "").startswith("jb:share:") for e in b["elements"])
        )
    ]
