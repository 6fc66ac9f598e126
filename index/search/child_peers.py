"""A child's own peers asked for: "ryhmää, jossa hän tapaisi muita lapsia", "käsitellä tätä
ikäistensä kanssa", "träffa andra barn i samma situation", "meet other kids his age", and
children who share the situation named without "other" ("spend time with kids who have the
same kind of family", "träffa barn som har det likadant", "sellaisten lasten seuraan"); and a
young adult's ("onks keravalla mitään missä ois muita samanikäsiä?" for a 19-year-old mother).

When a case about a child or a young person asks for others like them to meet, a group for the
parents or the relatives (a parents' peer evening, a relatives' group) is not what was asked,
however near its words: the answer is not exact (`facet_rules.met_in_part`: "child_peers").
Without a word of meeting in the same sentence (`_TOGETHER`) the words only tell what happened
("on lyönyt muita lapsia"); with a negation just before them they tell a symptom ("ei enää
leiki muiden lasten kanssa"): neither asks for peers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.knowledge.model import Service
from index.language.segments import sentences
from index.search.facet_not_for import ADULT

if TYPE_CHECKING:
    from index.search.facets import Filters

OWN_GROUPS = ("lapset", "nuoret")  # target groups of services a child takes part in himself
YOUNG = 30  # a young adult asks for peers too: the vocabulary's young people are 13–29

# other children or young people, not their parents ("muiden lasten vanhempien")
_NOT_PARENTS_FI = r"(?!\s+(?:vanhem\w*|äid\w*|isi\w*|isä\w*|perhe\w*))"
_PEERS = {
    "fi": re.compile(
        r"\bmui(?:ta|den|hin|lle|lla|ssa|sta)\s+(?:\w+\s+){0,3}?"
        r"(?:lapsia|lasten|lapsien|lapsiin|nuoria|nuorten|nuoriin|ikäisiä|ikäisten|tyttöjä|"
        r"tyttöjen|poikia|poikien|koululaisia|koululaisten)\b" + _NOT_PARENTS_FI + r"|"
        r"\b(?:ikäistensä|ikäisiensä|ikäistään|samanikä\w+|saman\s+ikä\w+|ikätoveri\w*)|"
        r"\b(?:sellais\w*|samanlais\w*|toisten)\s+(?:lasten|lapsien|lapsia|nuorten|nuoria)\b"
        + _NOT_PARENTS_FI
        # "olla lasten kanssa, joilla …": with a verb of being together, not "asuu lasten kanssa"
        + r"|\b(?:olla|olisi|leikkiä|leikkisi|tavata|tapaisi|viettää\s+aikaa|viettäisi\s+aikaa)\s+"
        r"(?:\w+\s+)?(?:lasten|nuorten)\s+kanssa,?\s+(?:joilla|jotka|joiden|joita)\b",
        re.I,
    ),
    "sv": re.compile(
        r"\b(?:andra|fler)\s+(?:\w+\s+){0,2}?"
        r"(?:barn|ungdomar|unga|tonåringar|flickor|pojkar|elever)\b(?!s?\s*föräldr)|"
        r"\bjämnåriga\b|"
        r"\b(?:träffa|umgås\s+med|vara\s+med|leka\s+med|prata\s+med)\s+(?:\w+\s+)?"
        r"(?:barn|ungdomar|unga|tonåringar)\s+(?:som|i\s+samma)\b",
        re.I,
    ),
    "en": re.compile(
        r"\bother\s+(?:\w+\s+){0,2}?"
        r"(?:kids|children|teens|teenagers|young\s+people|boys|girls|pupils)\b"
        r"(?!['’]?s?\s*parents)|"
        r"\b(?:kids|children|others|people|anyone|someone|folk)\s+(?:of\s+)?(?:his|her|their)\s+"
        r"(?:own\s+)?age\b|\bpeers\b|"
        # "spend time with kids who …", "meet children in the same …"; not "a mother with children
        # who are 3 and 5"
        r"\b(?:time|be|play|hang\s+out|mix|talk|meet)\s+(?:with\s+)?(?:\w+\s+)?"
        r"(?:kids|children|teens|teenagers|young\s+people)\s+"
        r"(?:who|that|like\s+(?:him|her|them)|in\s+the\s+same)\b",
        re.I,
    ),
}
# a word of meeting or taking part in the same sentence: asked for, not told
_TOGETHER = {
    "fi": re.compile(
        r"\b(?:tapa\w*|tutustu\w*|kanssa|kaa|kans|seura\w*|ryhm\w*|porukk\w*|joukko\w*|jossa|"
        r"missä|mihin|johon|jonne|pääs\w*|vertais\w*|jakaa|puhu\w*|jutte\w*|käsit\w*)\b",
        re.I,
    ),
    "sv": re.compile(r"\b(?:träffa\w*|med|grupp\w*|där|umgås|prata|dela)\b", re.I),
    "en": re.compile(r"\b(?:meet\w*|with|group\w*|where|talk\w*|share|join)\b", re.I),
}
_NEGATION = {
    "fi": re.compile(r"\b(?:ei|eikä|en|emme|eivät|ettei|ettet)\b", re.I),
    "sv": re.compile(r"\b(?:inte|aldrig|ingen|inga)\b", re.I),
    "en": re.compile(r"\b(?:not|never|no|won't|doesn't|don't|isn't|can't|cannot)\b|n't\b", re.I),
}
NEAR = 4  # words before the peers in which a negation makes them a symptom


def asks_for_peers(question: str, lang: str) -> str:
    """The words asking for a child's own peers to meet, or ""."""
    peers = _PEERS.get(lang, _PEERS["fi"])
    together = _TOGETHER.get(lang, _TOGETHER["fi"])
    negation = _NEGATION.get(lang, _NEGATION["fi"])
    for text in sentences(question):
        for m in peers.finditer(text):
            before = " ".join(text[: m.start()].split()[-NEAR:])
            if negation.search(before) or not together.search(text):
                continue
            return m.group(0)
    return ""


def peers_missed(f: Filters, service: Service) -> str | None:
    """Why `service` is not where the client meets his own peers: "child_peers" (a parents'
    group for a child), "young_peers" (a service for all ages for a young adult), or None."""
    if young_adult(f):
        return "young_peers" if not_for_the_young(service) else None
    return "child_peers" if not_for_the_child(service) else None


def young_adult(f: Filters) -> bool:
    """The case's client is a young adult asking for peers himself, not a child's parent."""
    return f.age is not None and ADULT <= f.age < YOUNG and not f.for_child


def not_for_the_young(service: Service) -> bool:
    """A service a young adult does not meet peers of his age in ("samanikäisiä" for a
    19-year-old mother: a baby club for every parent is not it)."""
    return _not_theirs(service, YOUNG)


def not_for_the_child(service: Service) -> bool:
    """A service the child does not take part in himself."""
    return _not_theirs(service, ADULT)


def _not_theirs(service: Service, before: int) -> bool:
    """None of the service's target groups is children or young people, and no age range of
    its own ends before `before`."""
    if set(OWN_GROUPS) & set(service.target_groups):
        return False
    return service.age_max is None or service.age_max >= before
