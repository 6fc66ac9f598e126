"""A case told of a relative's illness or addiction: the client is the one close to it.

"Asiakkaan vaimo aloitti solunsalpaajahoidot", "asiakkaan mies on pelannut säästöt
nettikasinolla", "vaimolla pitkälle mennyt muistisairaus", "hennes man dricker", "her
husband has dementia": the need told is someone else's, and the client asks for
themself. A service for the ill or the addicted themself (a target group of a condition
and none of the relatives' or carers') is then the wrong referral however well its words
match: it is ranked lower, never removed (`facet_rules.demotion`), and the relatives'
group is a hint in place of the condition's.

Read only where a relative is named as someone of the client's — a possessive ("isänsä",
"vaimonsa"), an owner ("asiakkaan mies", "hänen äitinsä", "jonka tytär", "hennes man",
"her husband"), one who has something ("vaimolla on", "isällä todettiin"), or a spouse by
the bare word when the case names the client as the other gender first ("rouva soitti, mies
juo joka ilta") — and the clause that begins there names a condition (the vocabulary's words
or its everyday signs). A follow-up asking for that same relative as the one served ("Mites
itse miehelle?") makes the relative the client (`Filters.merged`).
A person introduced with an age ("63-vuotiaalla miehellä todettiin diabetes") is the
client, not a relative; what the relative only says ("His mum says he panics") ends the
clause before the condition.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.knowledge.model import Service
from index.language.segments import sentences
from index.search.gender import first_named

# Score factor for a service for the ill themselves in a relative's case, like the group
# turned down (group_format.NO_GROUP_PENALTY); measured in docs/evaluation.md (thirtieth stop).
RELATIVE_PENALTY = 0.5
RELATIVES = "omaiset"  # the knowledge's target group for family members and loved ones
CARERS = frozenset({"omaiset", "omaishoitajat"})
CONDITION_GROUPS = frozenset(
    {"paihdekuntoutujat", "pitkaaikaissairaat", "mielenterveyskuntoutujat", "vammaiset"}
)
CONDITION_THEMES = frozenset({"paihteet", "muisti", "mielenterveys", "terveys"})

_KIN_FI = (
    r"(?:isä|äiti|äidi|vaimo|mie(?:he|s)|puoliso|avopuoliso|avomie(?:he|s)|avovaimo|tytär|"
    r"tyttäre|poika|poja|lapsi|lapse|sisko|sisar|veli|velje|isoveli|isovelje|pikkuveli|"
    r"pikkuvelje|isosisko|pikkusisko|tyttöystävä|poikaystävä|kumppani|vanhemma|isoäiti|isoisä)"
)
_OWNER_FI = (
    r"(?:asiakkaan|hänen|heidän|rouvan|miehen|naisen|potilaan|äidin|isän|pariskunnan|perheen|"
    r"jonka)"
)
_FI = re.compile(
    r"\b(?:"
    + _KIN_FI
    + r"(?:nsa|nsä|ni|si)"  # isänsä, vaimonsa, äitini
    + r"|"
    + _OWNER_FI
    + r"\s+(?:\w+\s+){0,2}?"
    + _KIN_FI
    + r"\w*"  # asiakkaan mies, jonka parikymppinen tytär
    + r"|"
    + _KIN_FI
    + r"(?:lla|llä))\b",  # vaimolla on
    re.IGNORECASE,
)
_KIN_SV = (
    r"(?:pappa|mamma|man|mannen|fru|frun|make|maka|sambo|son|sonen|dotter|dottern|bror|"
    r"brodern|syster|systern|barn|barnet|föräldrar|partner|pojkvän|flickvän)"
)
_SV = re.compile(
    r"\b(?:hennes|hans|deras|sin|sitt|sina|min|klientens|kvinnans|mannens|vars)\s+"
    r"(?:\w+\s+){0,2}?" + _KIN_SV + r"\b",
    re.IGNORECASE,
)
_KIN_EN = (
    r"(?:father|dad|mother|mum|mom|husband|wife|partner|son|daughter|brother|sister|child|"
    r"kid|parents|boyfriend|girlfriend|grandmother|grandfather)"
)
_EN = re.compile(
    r"\b(?:her|his|their|my|whose|the client's|client's)\s+(?:[\w-]+\s+){0,2}?" + _KIN_EN + r"s?\b",
    re.IGNORECASE,
)
# an age said right before the relative: a person introduced ("63-vuotiaalla miehellä", "Hänen
# 24-vuotias isoveljensä", "her 24-year-old brother"), the client or a new one, not a relative
_AGE_BEFORE = re.compile(
    r"(?:\d+\s*-?\s*(?:v|vuotia\w*|åri\w*|years?-old|year-old)|\w*vuotia\w*)\s+$", re.IGNORECASE
)
# where the relative's clause ends: punctuation, a conjunction, or words of saying
_CLAUSE_END = re.compile(
    r"[,;:.!?()–]|\s(?:ja|mutta|että|ettei|koska|kun|sanoo|sano|kertoo|kertoi|mukaan|and|but|"
    r"says|said|tells|told|och|men|att|säger|sa)\s",
    re.IGNORECASE,
)
# A spouse by the bare word, in a case that names the client as the other first: "rouva
# soitti, mies juo joka ilta" (her husband), "45v mies korsost, vaimo sai aivoinfarktin".
_SPOUSE_FI = {
    "f": re.compile(r"\b(?:mies|miehelle)\b", re.IGNORECASE),
    "m": re.compile(r"\b(?:vaimo|vaimolle)\b", re.IGNORECASE),
}
# the relative as the one asked for in a follow-up: "Mites itse miehelle?", "for her husband"
_FOR_KIN = {
    "fi": re.compile(r"\b" + _KIN_FI + r"\w*?lle(?:en)?\b", re.IGNORECASE),
    "sv": re.compile(r"\bför\s+(?:hennes\s+|hans\s+)?" + _KIN_SV + r"\b", re.IGNORECASE),
    "en": re.compile(r"\bfor\s+(?:her|his|the)\s+" + _KIN_EN + r"\b", re.IGNORECASE),
}
_ANY_KIN = re.compile(rf"\b(?:{_KIN_FI}|{_KIN_SV}|{_KIN_EN})", re.IGNORECASE)
# the relative as the one who tells: "enligt hans fru", "according to her husband"
_TELLER = re.compile(r"(?:enligt|according to)\s+$", re.IGNORECASE)

Reader = Callable[[str], tuple[set[str], set[str]]]  # text -> (target groups, themes)


def relatives_condition(question: str, qlang: str, read: Reader) -> str:
    """The words telling of a relative's condition ("asiakkaan mies on pelannut säästöt
    nettikasinolla"), or "" when the case tells of none. In Finnish, a bare "mies" or "vaimo"
    is the spouse of the person the case names first (`gender.first_named`)."""
    patterns = [{"sv": _SV, "en": _EN}.get(qlang, _FI)]
    if qlang == "fi" and (client := first_named(question)) in _SPOUSE_FI:
        patterns.append(_SPOUSE_FI[client])
    for sentence in (s for line in question.splitlines() for s in sentences(line)):
        for m in (m for pattern in patterns for m in pattern.finditer(sentence)):
            kin_at = m.end() - len(m.group(0).split()[-1])
            if _AGE_BEFORE.search(sentence[:kin_at]) or _TELLER.search(sentence[: m.start()]):
                continue
            rest = sentence[m.end() :]
            end = _CLAUSE_END.search(rest)
            clause = (m.group(0) + rest[: end.start() if end else len(rest)]).strip()
            groups, themes = read(clause)
            if groups & CONDITION_GROUPS or themes & CONDITION_THEMES:
                return clause
    return ""


def as_relative(groups: tuple[str, ...]) -> tuple[str, ...]:
    """The hints of a relative's case: the relatives' group in place of the condition's."""
    kept = tuple(g for g in groups if g not in CONDITION_GROUPS)
    return kept if RELATIVES in kept else (*kept, RELATIVES)


def for_the_ill(service: Service) -> bool:
    """Is the service for those with a condition themselves, not for those close to them?"""
    groups = set(service.target_groups)
    return bool(groups & CONDITION_GROUPS) and not groups & CARERS


def for_kin(question: str, qlang: str) -> str:
    """The words asking for a relative as the one served ("itse miehelle", "for her
    husband"), or ""."""
    m = _FOR_KIN.get(qlang, _FOR_KIN["fi"]).search(question)
    return m.group(0) if m else ""


def same_kin(told: str, asked: str) -> bool:
    """Is the relative asked for (`for_kin`) the one whose condition `told` tells ("miehelle"
    after "mies juo joka ilta"), not the client by a spouse's word ("vaimolle itselleen")?"""
    was, now = _ANY_KIN.search(told), _ANY_KIN.search(asked)
    if was is None or now is None:
        return False
    return was.group(0)[:2].lower() == now.group(0)[:2].lower()
