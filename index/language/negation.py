"""What a clause asserts, not what it negates.

"mihinkään mummojen kerhoon se ei kuulemma lähe", "won't go to any group for pensioners",
"vill inte gå till någon grupp": a clause that says what the client will not do or have asks
for nothing in its words; after "vaan", "but", "utan" it may ask again ("ei halua ryhmään vaan
tukihenkilön"). `request_terms` reads a request's qualifiers, and `exclusions` what a case
asks, only from what is asserted; a negation reaches to the next clause break (`CLAUSE_BREAK`).
"""

from __future__ import annotations

import re

CLAUSE_BREAK = re.compile(r"[,.;:!?()–—]+")  # where a clause, and a negation's reach, ends

_NEGATION = {
    "fi": frozenset("ei eikä en et emme ette eivät älä".split()),
    "sv": frozenset("inte aldrig ej".split()),
    "en": frozenset("not never won't don't doesn't wont dont doesnt".split()),
}
_CONTRAST = {
    "fi": frozenset(("vaan", "mutta")),
    "sv": frozenset(("utan", "men")),
    "en": frozenset(("but", "instead")),
}


def asserted(ws: list[str], lang: str) -> list[str]:
    """The words of a clause (lower case) that are not negated: none of a clause with a
    negation, unless a contrast follows it ("ei halua ryhmään vaan tukihenkilön"), then those
    after the contrast."""
    negation = _NEGATION.get(lang, _NEGATION["fi"])
    last = max((i for i, w in enumerate(ws) if w in negation), default=-1)
    if last < 0:
        return ws
    contrast = _CONTRAST.get(lang, _CONTRAST["fi"])
    turn = next((i for i, w in enumerate(ws) if w in contrast and i > last), None)
    return ws[turn + 1 :] if turn is not None else []
