"""A group turned down: "Ryhmiin hän ei halua mennä", "ei jaksa lähtee mihinkään ryhmään",
"Hon vill inte gå till någon grupp", "he won't go to any group".

Many clients will not sit in a group, whatever its topic. When a case says so, a group (a peer
group, a club, a circle, a course — by the service's own name) is ranked lower, never removed,
and one shown first is not an exact fit (`facet_rules.met_in_part`: "no_group"): a befriending
volunteer, a chat, counselling or a drop-in room are what is left.

Only the group as such is turned down, not a kind of group: "de finska grupperna", "en finsk
grupp", "Keravan ryhmiin", "maksullinen ryhmä", "sekaryhmiin", "nettiryhmiä" name the language,
the place, the price or the way of meeting that does not suit (other facets read those), and
"ei pääse kotoa mihinkään ryhmiin" is a client who cannot get out (`facet_remote`).
"""

from __future__ import annotations

import re

from index.knowledge.model import Service
from index.language.segments import sentences

# a group in the case's words, as a word of its own (not "nettiryhmiä", "sekaryhmiin")
_GROUP = re.compile(
    r"\b(?:ryhm(?:iin|ään|ii|iä|issä|ässä|ä|ätoimintaan|ätoiminta\w*)|kerhoi\w*|kerhoon"
    r"|grupp(?:en|er|erna|verksamhet)?|group(?:s)?)\b",
    re.I,
)
# a kind of group said just before it: its language, price or way of meeting ("finska
# grupperna", "maksullinen ryhmä", "online group"); a place's name is written capitalised
_KIND = re.compile(
    r"(?:suomenkiel|ruotsinkiel|englanninkiel|kielis|finsk|svensk|engelsk|finnish|swedish|"
    r"english|maksulli|paid|avgift|netti|verkko|online|video|puhelin|telefon|phone|seka)",
    re.I,
)
# a Finnish genitive before it names whose or where the group is ("Keravan ryhmiin", "mummojen
# kerhoon"); an illative or a clitic does not ("tiettyyn", "mihinkään"), nor a Swedish or
# English word ending so ("någon", "ingen", "en", "join")
_GENITIVE = re.compile(r"\w{2,}(?<!aa|ää|ee|ii|oo|uu|yy|öö)n$", re.I)
_OF_A_KIND = re.compile(
    r"\s+(?:full\s+of|of|for|with|full\s+av|för|med)\b|,\s*(?:jossa|joissa|där|where)\b", re.I
)
_NOT_GENITIVE = frozenset("någon ingen join then than even een".split())
_NEGATION = re.compile(
    r"\b(?:ei|eikä|ettei|eivät|inte|aldrig|ingen|not|never|won't|doesn't|don't|isn't|aren't"
    r"|wouldn't|can't|cannot|refuses?|vägrar|kieltäytyy)\b",
    re.I,
)
# what turns it down (wanting, daring, managing, agreeing, going), not a past told ("ei ole
# koskaan käynyt missään ryhmässä, mutta nyt haluaisi kokeilla", "has never been to a group")
_REFUSES = re.compile(
    r"\b(?:halu\w*|lähde\w*|lähe|lähtee|lähteä|lähtemään|jaksa\w*|uskal\w*|pysty\w*|suostu\w*"
    r"|kiinnost\w*|sovi|sitoutu\w*|viitsi\w*|juttu\w*|vill|orkar|vågar|vägrar|klarar|passar"
    r"|want\w*|won't|wouldn't|refus\w*|like|face|ready|comfortable)\b",
    re.I,
)
# cannot get anywhere: housebound, not a group turned down ("ei pääse kotoa mihinkään ryhmiin")
_CANNOT_GET = re.compile(r"\b(?:pääse\w*|päässyt|kommer\s+inte\s+ut|get\s+out|leave)\b", re.I)
_NEAR = 5  # words between the negation and the group word, in one clause
_REACH = 60  # characters of the clause read on either side of the group word
_CLAUSE_END = re.compile(r"[,;:–—]|\b(?:mutta|mut|vaan|men|but)\b", re.I)

NO_GROUP_PENALTY = 0.5  # score factor for a group when the case turns groups down
# a service that is a group by its own name
_GROUP_NAME = re.compile(r"ryhm|kerho|piiri|vertaisilta|kurssi|grupp|porukka", re.I)


def declines_groups(question: str) -> str | None:
    """The words that turn down taking part in a group, if the case says so."""
    for sentence in sentences(question):
        for m in _GROUP.finditer(sentence):
            start, stop = _clause_around(sentence, m.start())
            before = sentence[start : m.start()].split()
            if before and _a_kind(before[-1].strip(".,;:!?\"'()"), len(before) > 1):
                continue  # "finska grupperna", "Keravan ryhmiin": a kind of group
            if _OF_A_KIND.match(sentence, m.end()):
                continue  # "groups full of pensioners": a kind of group
            start, stop = max(start, m.start() - _REACH), min(stop, m.end() + _REACH)
            window = sentence[start:stop]
            said = _refusal(window)
            if said is None or _CANNOT_GET.search(window):
                continue
            a, b = sorted((start + said, m.start()))
            if len(sentence[a:b].split()) - 1 <= _NEAR:  # words between them
                return window.strip()
    return None


def _refusal(window: str) -> int | None:
    """Where a negation governs a word of refusing, within two words ("ei halua", "ei vielä
    uskalla", "vill inte", "won't"), as an offset into `window`; not "ei tunne ketään ja
    haluaisi ryhmään", whose negation is another verb's."""
    tokens = [(t.start(), t.group(0)) for t in re.finditer(r"\S+", window)]
    said = [i for i, (_, t) in enumerate(tokens) if _NEGATION.search(t)]
    refusing = [i for i, (_, t) in enumerate(tokens) if _REFUSES.search(t)]
    refusing += [  # "Groups aren't for him"
        i + 1
        for i, (_, t) in enumerate(tokens[:-1])
        if t.lower() in ("isn't", "aren't") and tokens[i + 1][1].lower() == "for"
    ]
    for i in said:
        if any(abs(i - j) <= 2 for j in refusing):
            return tokens[i][0]
    return None


def _a_kind(word: str, inside: bool) -> bool:
    """Does `word`, just before a group word, say what kind of group it is?"""
    if _KIND.match(word) or (inside and word[:1].isupper()):
        return True
    return bool(_GENITIVE.search(word)) and word.lower() not in _NOT_GENITIVE


def _clause_around(sentence: str, at: int) -> tuple[int, int]:
    """Where the clause of `sentence` holding position `at` starts and ends."""
    start = max([0] + [b.end() for b in _CLAUSE_END.finditer(sentence, 0, at)])
    stop = next((b.start() for b in _CLAUSE_END.finditer(sentence, at)), len(sentence))
    return start, stop


def group_service(service: Service, remote_asked: bool = False) -> bool:
    """Is the service a group by its own name (a peer group, a club, a circle, a course)?
    With remote taking part asked for in the same breath ("ei halua ryhmään vaan juttelisi
    netissä"), a group met only online is not the group turned down."""
    if remote_asked and service.online and not service.locations:
        return False
    return bool(_GROUP_NAME.search(service.name.get("fi", "")))
