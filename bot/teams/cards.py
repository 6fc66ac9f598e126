"""Reply → one Adaptive Card (schema 1.5) for Microsoft Teams, labels in the reply's language.

Knowledge text (service names, summaries, contacts, roadmap text) goes only
into `TextRun`s of `RichTextBlock`s: Adaptive Cards interpret no Markdown
there, so a name with `*`, `_` or `[x](y)` in it is shown as typed and can't
become a link or a list. Nothing is rendered in a `TextBlock` (which does
interpret Markdown), so there is nothing to escape. Buttons are
`Action.Submit` with data `{"action": …, "value": …}`; `bot/teams/app.py` routes
them back to `Router.action` / `Router.feedback`. Teams refuses messages over
about 28 KB, so a long answer is cut at the end, keeping its buttons.
"""

from __future__ import annotations

import json
from typing import Any

from handlers.card_view import CARD_TYPES, CardView, Line, Paragraph, Row, card_view, field_text
from handlers.messages import Choice, Choices, FormRequest, Notice, Part, Reply, Text
from handlers.safe_text import clip
from handlers.texts import Catalogue

Element = dict[str, Any]
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
MAX_CARD_CHARS = 24_000  # of JSON; Teams' limit for a whole message is about 28 KB
MAX_RUN = 3000
MAX_TITLE = 60  # button titles; Teams cuts longer ones anyway
ACTIONS_PER_SET = 5  # Teams shows at most 6 actions in one row

_TEAMS_LABELS: dict[str, dict[str, str]] = {
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
TEAMS_LABELS = Catalogue("teams", _TEAMS_LABELS)


def teams_label(key: str, lang: str) -> str:
    return TEAMS_LABELS.get(key, lang)


def run(text: str, **style: Any) -> Element:
    """A plain-text run (no Markdown is interpreted in TextRuns)."""
    return {"type": "TextRun", "text": clip(text, MAX_RUN), **style}


def rich(*runs: Element, **props: Any) -> Element:
    return {"type": "RichTextBlock", "inlines": list(runs), **props}


def paragraph(text: str, **style: Any) -> Element:
    return rich(run(text, **style))


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


def open_url(title: str, url: str) -> Element:
    """A link button (`url` is one `safe_url` let through)."""
    return {"type": "Action.OpenUrl", "title": clip(title, MAX_TITLE), "url": url}


def action_sets(actions: list[Element]) -> list[Element]:
    return [
        {"type": "ActionSet", "actions": actions[i : i + ACTIONS_PER_SET]}
        for i in range(0, len(actions), ACTIONS_PER_SET)
    ]


def _line(line: Line) -> list[Element]:
    if isinstance(line, Paragraph):
        if line.markup:
            return [rich(*bold_runs(line.text.strip()))]
        return [paragraph(p) for p in line.text.strip().split("\n\n") if p.strip()]
    if isinstance(line, Row):
        runs: list[Element] = []
        for i, f in enumerate(line.fields):
            runs += [run(f"{' · ' if i else ''}{f.label}: ", weight="Bolder"), run(f.value)]
        return [rich(*runs)]
    return [paragraph(f"• {line.text}")]


def card_element(view: CardView) -> Element:
    """One container: title, body, date and source, stale warning, buttons."""
    if view.subtitle:
        head = rich(run(view.title, weight="Bolder", size="Medium"), run(f" – {view.subtitle}"))
    else:
        head = paragraph(view.title, weight="Bolder")
    items = [head, *(e for line in view.body for e in _line(line))]
    if view.meta:
        items.append(paragraph(field_text(view.meta), isSubtle=True, size="Small"))
    if view.stale:
        items.append(paragraph(f"⚠ {view.stale}", color="Warning"))
    buttons = [submit(a.label, a.action, a.value) for a in view.actions]
    if view.link:
        buttons.append(open_url(view.link.label, view.link.url))
    items += action_sets(buttons)
    return {"type": "Container", "separator": True, "spacing": "Medium", "items": items}


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
    if isinstance(part, CARD_TYPES):
        return [card_element(card_view(part, lang))]
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
