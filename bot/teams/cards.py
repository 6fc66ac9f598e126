"""Reply → one Adaptive Card (schema 1.5) for Microsoft Teams, labels in the reply's language.

Knowledge text (service names, summaries, contacts, roadmap text) goes only
into `TextRun`s of `RichTextBlock`s: Adaptive Cards interpret no Markdown
there, so a name with `*`, `_` or `[x](y)` in it is shown as typed and can't
become a link or a list. Nothing is rendered in a `TextBlock` (which does
interpret Markdown), so there is nothing to escape. Buttons are
`Action.Submit` with data `{"action": …, "value": …}`; `bot/teams.py` routes
them back to `Router.action` / `Router.feedback`. Teams refuses messages over
about 28 KB, so a long answer is cut at the end, keeping its buttons.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

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

Element = dict[str, Any]
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
MAX_CARD_CHARS = 24_000  # of JSON; Teams' limit for a whole message is about 28 KB
MAX_RUN = 3000
MAX_TITLE = 60  # button titles; Teams cuts longer ones anyway
ACTIONS_PER_SET = 5  # Teams shows at most 6 actions in one row

TEAMS_LABELS: dict[str, dict[str, str]] = {
    "truncated": {
        "fi": "Vastaus lyhennettiin Teamsin rajojen vuoksi.",
        "sv": "Svaret förkortades på grund av Teams gränser.",
        "en": "The answer was shortened to fit Teams' limits.",
    },
    "summary": {
        "fi": "Järjestöbotin vastaus",
        "sv": "Svar från föreningsboten",
        "en": "Answer from the association bot",
    },
}


def teams_label(key: str, lang: str) -> str:
    entry = TEAMS_LABELS[key]
    return entry.get(lang) or entry["fi"]


def clip(text: str, limit: int = MAX_RUN) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def run(text: str, **style: Any) -> Element:
    """A plain-text run (no Markdown is interpreted in TextRuns)."""
    return {"type": "TextRun", "text": clip(text), **style}


def rich(*runs: Element, **props: Any) -> Element:
    return {"type": "RichTextBlock", "inlines": list(runs), **props}


def paragraph(text: str, **style: Any) -> Element:
    return rich(run(text, **style))


def field_line(caption: str, value: str) -> Element:
    """`Caption: value`, the caption bold."""
    return rich(run(f"{caption}: ", weight="Bolder"), run(value))


def bold_runs(text: str) -> list[Element]:
    """The neutral `**bold**` markup → alternating plain and bold runs."""
    pieces = text.split("**")
    if len(pieces) % 2 == 0:  # an unpaired ** is just text
        pieces = [text]
    return [run(p, weight="Bolder") if i % 2 else run(p) for i, p in enumerate(pieces) if p]


def submit(title: str, action: str, value: str = "", **extra: Any) -> Element:
    return {
        "type": "Action.Submit",
        "title": clip(title, MAX_TITLE),
        "data": {"action": action, "value": value, **extra},
    }


def open_url(title: str, url: str | None) -> Element | None:
    """A link button, only for well-formed web addresses."""
    if not url or not url.startswith(("https://", "http://")) or any(c in url for c in '<> "'):
        return None
    return {"type": "Action.OpenUrl", "title": clip(title, MAX_TITLE), "url": url}


def action_sets(actions: list[Element]) -> list[Element]:
    return [
        {"type": "ActionSet", "actions": actions[i : i + ACTIONS_PER_SET]}
        for i in range(0, len(actions), ACTIONS_PER_SET)
    ]


def _meta(updated: dt.date | None, source: str, lang: str) -> Element:
    bits = [f"{label('updated', lang)}: {updated.isoformat()}"] if updated else []
    bits.append(f"{label('source', lang)}: {source}")
    return paragraph(" · ".join(bits), isSubtle=True, size="Small")


def service_element(c: ServiceCard, lang: str) -> Element:
    items: list[Element] = [
        rich(
            run(f"{c.rank}. {c.name}", weight="Bolder", size="Medium"), run(f" – {c.organization}")
        ),
    ]
    if c.summary:
        items.append(paragraph(c.summary))
    items += [paragraph(p) for p in c.description.strip().split("\n\n") if p.strip()]
    if c.why:
        items.append(field_line(label("why", lang), ", ".join(c.why)))
    items.append(field_line(label("how_to_join", lang), f"{c.how_to_join} ({c.referral})"))
    items.append(
        rich(
            run(f"{label('cost', lang)}: ", weight="Bolder"),
            run(c.cost),
            run(f" · {label('languages', lang)}: ", weight="Bolder"),
            run(c.languages),
        )
    )
    if c.place:
        items.append(field_line(label("place", lang), c.place))
    if c.schedule:
        items.append(field_line(label("schedule", lang), c.schedule))
    contact = ", ".join(x for x in (c.contact.name, c.contact.phone, c.contact.email) if x)
    if contact:
        items.append(field_line(label("contact", lang), contact))
    items.append(_meta(c.updated, c.source, lang))
    if c.stale:
        items.append(paragraph(f"⚠ {label('stale', lang)}", color="Warning"))
    buttons = [] if c.description else [submit(label("details", lang), "details", str(c.rank))]
    link = open_url(label("link", lang), c.link)
    if link:
        buttons.append(link)
    items += action_sets(buttons)
    return {"type": "Container", "separator": True, "spacing": "Medium", "items": items}


def roadmap_element(item: RoadmapItem, lang: str) -> Element:
    title = " › ".join(item.path) if item.kind == "action" else item.title
    items: list[Element] = [paragraph(title, weight="Bolder")]
    if item.text and (item.kind == "action" or item.text != item.title):
        items.append(paragraph(item.text))
    if item.status:
        items.append(field_line(label("status", lang), item.status))
    items += [paragraph(f"• {d}") for d in item.details]
    if item.responsible:
        who = "; ".join(r.name + (f" ({r.contact})" if r.contact else "") for r in item.responsible)
        items.append(field_line(label("responsible", lang), who))
    items.append(
        paragraph(label("roadmap_source", lang, src=item.source), isSubtle=True, size="Small")
    )
    return {"type": "Container", "separator": True, "items": items}


def role_element(role: RoleCard, lang: str) -> Element:
    items: list[Element] = [paragraph(role.name, weight="Bolder"), paragraph(role.description)]
    items += [paragraph(f"• {r}") for r in role.responsibilities]
    if role.contact:
        items.append(field_line(label("contact", lang), role.contact))
    return {"type": "Container", "separator": True, "items": items}


def guidance_element(g: GuidanceExcerpt, lang: str) -> Element:
    lines = [line.strip() for line in g.text.splitlines() if line.strip()]
    items: list[Element] = [paragraph(g.title, weight="Bolder")]
    items += [rich(*bold_runs(line)) for line in lines]
    items.append(_meta(g.updated, g.source, lang))
    return {"type": "Container", "separator": True, "items": items}


def choice_action(choice: Choice, reply: Reply) -> Element:
    """Feedback carries the answer's query-log id, so it lands on the right answer even
    after the thread's context has expired."""
    if choice.action == "feedback":
        return submit(choice.label, "feedback", choice.value, query_id=reply.query_id)
    return submit(choice.label, choice.action, choice.value)


def part_elements(part: Part, reply: Reply) -> list[Element]:
    lang = reply.language
    if isinstance(part, Text):
        return [rich(*bold_runs(p)) for p in part.text.split("\n") if p.strip()]
    if isinstance(part, Notice):
        color = {"info": "Default", "warning": "Warning", "error": "Attention"}[part.level]
        prefix = "⚠ " if part.level != "info" else ""
        return [
            rich(
                *bold_runs(prefix + part.text), **({"color": color} if part.level != "info" else {})
            )
        ]
    if isinstance(part, ServiceCard):
        return [service_element(part, lang)]
    if isinstance(part, RoadmapItem):
        return [roadmap_element(part, lang)]
    if isinstance(part, RoleCard):
        return [role_element(part, lang)]
    if isinstance(part, GuidanceExcerpt):
        return [guidance_element(part, lang)]
    if isinstance(part, Choices):
        return action_sets([choice_action(c, reply) for c in part.choices])
    if isinstance(part, FormRequest):
        action = submit(part.title, "contact_form", part.form)
        action["style"] = "positive"
        return action_sets([action])
    return []


def _size(elements: list[Element]) -> int:
    return len(json.dumps(elements, ensure_ascii=False))


def fit(body: list[Element], lang: str, limit: int = MAX_CARD_CHARS) -> list[Element]:
    """At most `limit` characters of JSON; the trailing buttons survive a cut, with a note."""
    if _size(body) <= limit:
        return body
    tail: list[Element] = []
    body = list(body)
    while body and body[-1]["type"] == "ActionSet" and len(tail) < 3:
        tail.insert(0, body.pop())
    note = paragraph(teams_label("truncated", lang), isSubtle=True)
    budget = limit - _size([*tail, note])
    head: list[Element] = []
    for element in body:
        if _size([*head, element]) > budget:
            break
        head.append(element)
    return [*head, note, *tail]


def card(body: list[Element], lang: str) -> Element:
    return {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": VERSION,
        "lang": lang,
        "msteams": {"width": "Full"},
        "body": body,
    }


def reply_card(reply: Reply) -> Element:
    """The whole reply as one card."""
    body = [e for p in reply.parts for e in part_elements(p, reply)]
    return card(fit(body, reply.language), reply.language)


def summary_text(reply: Reply) -> str:
    """The notification line (Teams shows it in the activity feed and for screen readers)."""
    for part in reply.parts:
        if isinstance(part, Text | Notice) and part.text.strip():
            return clip(part.text.replace("**", "").strip().split("\n")[0], 200)
    return teams_label("summary", reply.language)
