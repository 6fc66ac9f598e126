"""'Onko jotain lähempänä?': the case's services nearest the client's district first.

A short follow-up asking for something closer ("lähempänä", "kävelymatkan päästä", "closer
to home"), or about a district of the case's own town with no need of its own ("Onks
Saviossa mitään?"), keeps the case and its constraints; the services whose name, meeting
places or summary name the district the client lives in ("Tikkurilassa asuva …", "Keravan
Saviolla"), or that are taken part in remotely, come first from then on
(`ConversationState.near_to`), the near ones and the rest each in the search's order. A
district named in the follow-up itself ("lähempänä Korsoa") is the one meant; with none in
the case either, the answer asks where the client lives. A move to the other town is no
such question, and after one the old district orders nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.knowledge.model import KnowledgeBase, Service
from index.language.detect import words
from index.language.places import districts_in, municipalities_in, named_in, town_of
from index.search.engine import Hit

_CLOSER = re.compile(
    # comparative: "lähempänä", "closer"; not "lähellä"/"lähelle", also where a move goes
    # ("muuttaa tyttären lähelle") or where someone lives ("asuu lähellä")
    r"\b(?:lähemp\w*|lähimp\w*|lähemmäs|closer|nearer|närmare|närmre)\b|"
    r"\blähellä\s+kotia\b|\bnear\s+(?:to\s+)?(?:her|his|their)?\s*home\b|\bnära\s+hemmet\b|"
    r"\bkävelymatka\w*|\bwalking\s+distance\b|\bgångavstånd\w*",
    re.I,
)
_MAX_WORDS = 8


def asks_closer(text: str, town: str | None = None, need: bool = False) -> bool:
    """'Onko jotain lähempänä?', 'Anything closer to home?', 'Finns det något närmare?', and
    a district of the case's own town asked about with no need of its own (`need`: "Onks
    Saviossa mitään?" in Kerava); not with a town named, a move ("Mites Keravan puolella,
    lähempänä tytärtä?")."""
    ws = words(text)
    towns = [w for w in municipalities_in(ws).values() if not districts_in(w)]
    if len(ws) > _MAX_WORDS or towns:
        return False
    # a district alone, not with a need of its own ("tiedätkö ruoka-apua Hakunilassa?")
    own = not need and town is not None and any(town_of(d) == town for d in districts_in(text))
    return own or _CLOSER.search(text) is not None


def client_district(question: str, municipality: str | None = None) -> str:
    """The district the case says the client lives in ("tikkurila"), in the case's town when
    one is known, or ""."""
    found = [d for d in districts_in(question) if municipality in (None, town_of(d))]
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


NEAR_FIT = 0.5  # of the best fit a near service needs to come first: near, and for the case


def near_first(
    hits: Sequence[Hit], kb: KnowledgeBase, district: str, town: str | None
) -> list[Hit]:
    """The hits, the services near the district that fit the case about as well (the ranker's
    probability at least `NEAR_FIT` of the best) first, each group in the search's order; as
    they were after a move to another town than the district's. A single parents' evening in
    Tikkurila does not come first for a widow of 78 because it meets there."""
    if town is not None and town_of(district) != town:
        return list(hits)
    best = max((h.fit_score or 0.0 for h in hits), default=0.0)

    def near(h: Hit) -> bool:
        return (h.fit_score or 0.0) >= NEAR_FIT * best and is_near(kb.service(h.id), district)

    return sorted(hits, key=lambda h: not near(h))
