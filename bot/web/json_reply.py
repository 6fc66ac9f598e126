"""Reply → JSON-able dict: what the web chat and `/api/chat` clients receive.

The `results` list is exactly the one `ask --json` prints, so an evaluation
run against the CLI and a client of the HTTP API see the same ids. Parts keep
every field of their dataclass, tagged with a `type`, so a client can render
cards without knowing Python; dates are ISO strings. `labels` carries the
card captions in the reply's language, so the browser needs no copy of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from handlers.card_view import CARD_TYPES, Bullet, CardView, Paragraph, Row, card_view
from handlers.labels import label
from handlers.messages import (
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

PART_TYPES: dict[type[Any], str] = {
    Text: "text",
    Notice: "notice",
    ServiceCard: "service",
    RoadmapItem: "roadmap",
    RoleCard: "role",
    GuidanceExcerpt: "guidance",
    Choices: "choices",
    FormRequest: "form",
}
LINE_TYPES: dict[type[Any], str] = {Paragraph: "paragraph", Row: "row", Bullet: "bullet"}
EMPTY_FILTERS: dict[str, Any] = {
    "municipality": None,
    "language": None,
    "age": None,
    "cost": None,
    "online": None,
}
# Captions the web chat puts on cards, in the reply's language.
CARD_LABELS = (
    "why",
    "how_to_join",
    "cost",
    "languages",
    "place",
    "schedule",
    "contact",
    "link",
    "updated",
    "source",
    "stale",
    "status",
    "responsible",
    "new_tab",
)


def jsonable(value: Any) -> Any:
    """Dataclasses, tuples and dates → dicts, lists and ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):  # also datetime
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def view_json(view: CardView) -> dict[str, Any]:
    """A card's view for the browser, each body line tagged paragraph, row or bullet."""
    out: dict[str, Any] = jsonable(view)
    out["body"] = [{"type": LINE_TYPES[type(x)], **jsonable(x)} for x in view.body]
    return out


def part_json(part: Part, lang: str) -> dict[str, Any]:
    """The part's own fields; a card also carries `view`, what to show and in which order."""
    out: dict[str, Any] = {"type": PART_TYPES[type(part)], **jsonable(part)}
    if isinstance(part, CARD_TYPES):
        out["view"] = view_json(card_view(part, lang))
    return out


def render_json(reply: Reply) -> dict[str, Any]:
    return {
        "intent": reply.intent,
        "language": reply.language,
        "abstained": reply.abstained,
        "fit": reply.fit,
        "filters": jsonable(reply.filters) if reply.filters else dict(EMPTY_FILTERS),
        "results": [r.as_json() for r in reply.results[:10]],
        "query_id": reply.query_id,
        "parts": [part_json(p, reply.language) for p in reply.parts],
        "timings_ms": {k: round(v, 2) for k, v in reply.timings_ms.items()},
        "labels": {k: label(k, reply.language) for k in CARD_LABELS},
    }
