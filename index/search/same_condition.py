"""A case that asks for peers with the same illness, and the illness it names.

"Sai Parkinsonin taudin diagnoosin … haluaisi tutustua muihin samaa tautia sairastaviin",
"haluaisi tavata muita aikuisia, joilla on sama diagnoosi", "wants to meet others with the
same diagnosis": the case asks for a peer group of one illness without naming a kind of
service, so `request_terms` reads no qualifier in it. The illness the case names qualifies
the request as "parkinsonryhmää" does: when no knowledge text names it, no service serves
the need exactly (`unknown_terms`), however close the nearest peer groups are.

Only the illness is read, and only when the case asks for others with the same one: an
illness named beside another need ("sairastaa MS-tautia ja on yksinäinen") is no qualifier.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_ILLNESS = r"(?:taud\w*|taut\w*|sairau\w*|diagno\w*|oireyhtym\w*)"
# Others with the same illness: "muihin samaa tautia sairastaviin", "muita aikuisia, joilla on
# sama diagnoosi", "vertaisia, joilla sama sairaus", "ei ole tavannut ketään toista samaa
# sairautta sairastavaa"; "others with the same condition".
_SAME = {
    "fi": re.compile(
        r"\b(?:muita|muihin|muiden|muilta|muille|toisia|toisiin|toisten|toista|toiseen|toisen|"
        r"ketään|kenenkään|vertai\w*)\b"
        rf"[^.!?]{{0,80}}?(?:\bsam(?:a|aa|an|assa|asta|oja|ojen)\s+(?:[\w-]+\s+){{0,2}}?{_ILLNESS}"
        # "muita aikuisena diagnoosin saaneita", "muihin saman taudin kanssa eläviin"
        r"|\b(?:diagnoosin|sairauden|taudin)\s+(?:saa|sairastu|kanssa)\w*)",
        re.I,
    ),
    "sv": re.compile(
        r"\b(?:andra|likasinnade|kamrater)\b[^.!?]{0,60}?\bmed samma (?:\w+ )?(?:diagnos|sjukdom)",
        re.I,
    ),
    "en": re.compile(
        r"\b(?:others|other people|people|peers)\b[^.!?]{0,60}?\b(?:with|who have) the same "
        r"(?:\w+ )?(?:condition|diagnosis|illness|disease)",
        re.I,
    ),
}
# "muita MS-tautia sairastavia", "toisiin parkinsonia sairastaviin": the illness is named in it
_GATHERS = re.compile(r"\b(?:muita|muihin|muiden|toisia|toisiin)\s+([\w-]{2,})\s+sairastav", re.I)
# Peers named by their illness: "muiden diabeetikoiden kanssa", "muita MS-potilaita",
# "toisiin reumaatikkoihin"
_PATIENTS = r"(?:potilai|sairai|kuntoutuji)"  # "MS-potilaita", "muistisairaiden"
_PEERS_BY_ILLNESS = re.compile(
    r"\b(?:muita|muihin|muiden|muilta|muille|toisia|toisiin|toisten)\s+(?:\w+\s+)?"
    rf"([\w-]+?(?:ikko|ikoi|ikoid|ikkoj|ikot)\w*|[\w]+-?{_PATIENTS}\w*)",
    re.I,
)
_ILLNESS_OF_PATIENTS = re.compile(rf"(.+?)-?{_PATIENTS}", re.I)
# The illness the case names, in fi/sv/en: "ADHD-diagnoosin", "MS-tauti", "Parkinsonin taudin",
# "Downin oireyhtymä", "rintasyöpädiagnoosin", "sairastaa endometrioosia"; "diagnosed with
# lupus", "Parkinson's disease"; "diagnosen celiaki", "Parkinsons sjukdom".
_NAMED = {
    "fi": (
        re.compile(r"\b([\w-]{2,}?)-(?:diagnoo\w*|taud\w*|taut\w*|oireyhtym\w*)", re.I),
        re.compile(r"\b([\w-]{4,}(?:in|n))\s+(?:taud\w*|taut\w*|oireyhtym\w*)", re.I),
        re.compile(r"\b(\w{4,}?)diagnoo\w*", re.I),
        re.compile(r"\bsairast(?:aa|avat|i|ivat|anut|aneet)\s+([\w-]{4,})", re.I),
    ),
    "sv": (
        re.compile(r"\bdiagnos(?:en)?\s+([\w-]{3,})", re.I),
        re.compile(r"\b([\w-]{3,})s\s+sjukdom", re.I),
    ),
    "en": (
        re.compile(r"\bdiagnosed with\s+([\w-]{3,})", re.I),
        re.compile(r"\b([\w-]{3,})'s\s+disease", re.I),
        re.compile(r"\b([\w-]{2,})\s+diagnosis", re.I),
    ),
}
# Words those patterns also catch that name no illness: "samaa tautia", "sitä sairastaa".
_NOT_ILLNESS = frozenset(
    "sama samaa saman sitä tätä jotain jotakin mitään uuden uusi vasta vakavan vakavaa "
    "harvinaisen harvinaista pitkäaikaista pitkäaikaisen kroonista kroonisen same "
    "the a an new rare serious her his their my this that and samma en ett ny sällsynt hennes "
    "hans deras och som att".split()
)


def unnamed_illness(
    question: str,
    lang: str,
    key: str,
    tokenize: Callable[[str], list[str]],
    known: Callable[[str], bool],
    held: Callable[[Sequence[str], str], frozenset[str]],
) -> bool:
    """A case asks for peers of an illness the knowledge names, and the passage `key` (the
    first service's) does not name it: a peer group, but not of that illness ("muita aikuisena
    ADHD-diagnoosin saaneita", "andra vuxna med samma diagnos" after "diagnosen ADHD", and a
    mental health drop-in or debt advice). In Swedish and English only a name the Finnish
    text shares counts ("ADHD", "diabetes"); others are words no knowledge text holds."""
    heads = (ts[0] for w in same_illness(question, lang) if (ts := tokenize(w)))
    named = [t for t in heads if len(t) > 1 and known(t)]
    return bool(named) and not held(named, key)


def _illness_of(peers: str) -> str:
    """The illness in a word for its patients: "ms-potilaita" → "ms", "syöpäpotilaiden" →
    "syöpä"; "diabeetikoiden", "reumaatikkoihin" → the illness's first letters ("diabe",
    "reuma"), which "diabetes" and "reuma" share."""
    low = peers.lower()
    if m := _ILLNESS_OF_PATIENTS.match(low):
        return m.group(1)
    return low[:5]


@lru_cache(maxsize=4096)
def same_illness(question: str, lang: str = "fi") -> tuple[str, ...]:
    """The illnesses a case names when it asks for others who have the same one, in order."""
    same = _SAME.get(lang, _SAME["fi"])
    by_illness = (
        [_illness_of(w) for w in _PEERS_BY_ILLNESS.findall(question)] if lang == "fi" else []
    )
    if not same.search(question) and not (lang == "fi" and _GATHERS.search(question)):
        return tuple(dict.fromkeys(by_illness))
    found: list[str] = list(by_illness)
    for sentence in _SENTENCE.split(question):
        for pattern in _NAMED.get(lang, _NAMED["fi"]):
            found += (m.group(1) for m in pattern.finditer(sentence))
        if lang == "fi":
            found += (m.group(1) for m in _GATHERS.finditer(sentence))
    words = (w.lower() for w in found)
    return tuple(dict.fromkeys(w for w in words if w not in _NOT_ILLNESS and not w.isdigit()))
