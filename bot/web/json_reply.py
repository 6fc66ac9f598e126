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


def part_json(part: Part) -> dict[str, Any]:
    body: dict[str, Any] = jsonable(part)
    return {"type": PART_TYPES[type(part)], **body}


def render_json(reply: Reply) -> dict[str, Any]:
    return {
        "intent": reply.intent,
        "language": reply.language,
        "abstained": reply.abstained,
        "fit": reply.fit,
        "filters": jsonable(reply.filters) if reply.filters else dict(EMPTY_FILTERS),
        "results": [r.as_json() for r in reply.results[:10]],
        "query_id": reply.query_id,
        "parts": [part_json(p) for p in reply.parts],
        "timings_ms": {k: round(v, 2) for k, v in reply.timings_ms.items()},
        "labels": {k: label(k, reply.language) for k in CARD_LABELS},
    }
