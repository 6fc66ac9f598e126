"""Which of several places a question means: where the client lives, now.

"Keravalla eikä Vantaalla", "Vantaalta Keravalle", "från Vanda till Kervo", "asui ennen
Keravalla, nyt Vantaalla", "keravalainen, mutta käy töissä Vantaalla": a place negated, left,
lived in before, or worked in is not where the services are looked for.
"""

from __future__ import annotations

import re

_NOT_HERE = re.compile(r"\b(?:eikä|ei|eivätkä|not|inte|instead\s+of)\s+(?:\w+\s+)?$", re.I)
_FROM_WORD = re.compile(r"\b(?:från|from)\s+$", re.I)
_FROM_CASE = ("sta", "stä", "lta", "ltä")  # elative, ablative: where a move starts
_NOW = re.compile(r"\b(?:nyt|nykyään|tällä\s+hetkellä|nu|numera|now)\s+(?:\w+\s+)?$", re.I)
_SIDE = re.compile(r"\s+puole(?:lla|lle)\b", re.I)
_WORK = (
    r"töissä|töihin|työskentelee|työskentelevä|työpaikka\w*|opiskelee|opiskeleva"
    r"|works?|working|studies|arbetar|jobbar|studerar"
)
_WORK_BEFORE = re.compile(rf"\b(?:{_WORK})\s+(?:in\s+|i\s+|at\s+|på\s+)?$", re.I)
_WORK_AFTER = re.compile(rf"\s+(?:{_WORK})\b", re.I)


def meant_places(question: str, munis: dict[str, str]) -> dict[str, str]:
    """Of several places, the one meant: not a negated one ("Keravalla eikä Vantaalla"),
    and in a move the destination ("Vantaalta Keravalle", "från Vanda till Kervo")."""
    low = question.lower()
    before = {m: low[: max(0, low.find(w))] for m, w in munis.items()}
    kept = {m: w for m, w in munis.items() if not _NOT_HERE.search(before[m])}
    if len(kept) > 1:
        to = {
            m: w
            for m, w in kept.items()
            if not w.endswith(_FROM_CASE) and not _FROM_WORD.search(before[m])
        }
        if len(to) == 1:
            kept = to
    if len(kept) > 1:  # "asui ennen Keravalla, nyt Vantaalla", "Keravan rajalla Vantaan puolella"
        now = {
            m: w
            for m, w in kept.items()
            if _NOW.search(before[m]) or _SIDE.match(low, low.find(w) + len(w))
        }
        if len(now) == 1:
            kept = now
    if len(kept) > 1:  # "keravalainen, mutta käy töissä Vantaalla": where they live
        home = {m: w for m, w in kept.items() if not _at_work(low, w.lower())}
        if len(home) == 1:
            kept = home
    return kept


def _at_work(low: str, word: str) -> bool:
    """Is the place named as where the client works or studies ("töissä Vantaalla",
    "Vantaalla töissä", "works in Vantaa", "arbetar i Vanda")?"""
    at = low.find(word)
    return bool(_WORK_BEFORE.search(low[:at]) or _WORK_AFTER.match(low, at + len(word)))
