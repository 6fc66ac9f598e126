"""'Onko jotain lähempänä?': the case's services nearest the client's district first.

A short follow-up asking for something closer keeps the case and its constraints; the
services whose name, meeting places or summary name the district the case says the client
lives in ("Tikkurilassa asuva …", "Keravan Saviolla"), or that are taken part in remotely,
come first from then on (`ConversationState.near_to`), each kind of service in the order
the search gave. A district named in the follow-up itself ("lähempänä Korsoa") is the one
meant; with none in the case either, the answer asks where the client lives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.knowledge.model import KnowledgeBase, Service
from index.language.detect import words
from index.language.places import districts_in, named_in
from index.search.engine import Hit

_CLOSER = re.compile(
    r"\b(?:lähemp\w*|lähimp\w*|lähempää|lähellä|lähelle|closer|nearer|nearby|närmare|närmre)\b",
    re.I,
)
_MAX_WORDS = 8


def asks_closer(text: str) -> bool:
    """'Onko jotain lähempänä?', 'Anything closer to home?', 'Finns det något närmare?'"""
    return len(words(text)) <= _MAX_WORDS and _CLOSER.search(text) is not None


def client_district(question: str) -> str:
    """The district the case says the client lives in ("tikkurila"), or ""."""
    found = districts_in(question)
    return found[0] if found else ""


def is_near(service: Service | None, district: str) -> bool:
    """Does the service meet in, or name, the district; or is it taken part in remotely?"""
    if service is None:
        return False
    if service.online:
        return True
    text = " ".join(
        [
            *service.name.values(),
            *(loc.name or "" for loc in service.locations),
            *(loc.address or "" for loc in service.locations),
            service.summary.get("fi", ""),
        ]
    )
    return named_in(district, text)


def near_first(hits: Sequence[Hit], kb: KnowledgeBase, district: str) -> list[Hit]:
    """The hits, the services near the district first, each group in the search's order."""
    return sorted(hits, key=lambda h: not is_near(kb.service(h.id), district))
