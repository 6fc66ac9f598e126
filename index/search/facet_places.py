"""Which of several places a question means: where the client lives, now.

"Keravalla eikä Vantaalla", "Vantaalta Keravalle", "från Vanda till Kervo", "asui ennen
Keravalla, nyt Vantaalla", "keravalainen, mutta käy töissä Vantaalla": a place negated, left,
lived in before, or worked in is not where the services are looked for.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING

from index.language.detect import words
from index.language.places import municipalities_in, proper_place_names

if TYPE_CHECKING:
    from index.search.facets import Filters

# A place negated, also past a verb or two: "eikä Vantaalla", "ei halua lähteä Vantaan puolelle",
# "eivät pysty kuljettamaan Tikkurilaan"
_NOT_HERE = re.compile(
    # the subject between does not count: "eikä hän jaksa matkustaa Vantaalle"
    r"\b(?:eikä|ei|emme|ette|eivät|eivätkä|enkä|not|inte|instead\s+of)\s+"
    r"(?:(?:hän|he|se|ne|han|hon|she|they)\s+)?(?:\w+\s+){0,2}$",
    re.I,
)
_FROM_WORD = re.compile(r"\b(?:från|from)\s+$", re.I)
_FROM_CASE = ("sta", "stä", "lta", "ltä")  # elative, ablative: where a move starts
_NOW = re.compile(r"\b(?:nyt|nykyään|tällä\s+hetkellä|nu|numera|now)\s+(?:\w+\s+)?$", re.I)
_SIDE = re.compile(r"\s+puole(?:lla|lle)\b", re.I)
_WORK = (
    r"töissä|töihin|työskentelee|työskentelevä|työpaikka\w*|opiskelee|opiskeleva"
    # where the client goes to school: "asuu Helsingissä mut koulu Tikkurilassa"
    r"|koulu|koulunsa|käy\s+koulua|lukio|ammattikoulu|school|skolan|går\s+i\s+skola"
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
    if len(kept) > 1:  # "Keravalla asuva äiti … Vantaalle hän ei pääse": where they live now
        home = {m: w for m, w in kept.items() if _lives_now(low, w.lower())}
        if len(home) == 1:
            kept = home
    return kept


# Lives there now, said outright (not "asui", "asunut": a place lived in before).
_LIVES_NOW = re.compile(r"\b(?:asuu|asuvat|asuva\w*|bor|boende|bosatt|lives|living)\b", re.I)


def _lives_now(low: str, word: str) -> bool:
    found = _clause_of(low, word)
    return found is not None and not _KIN.search(found[0]) and bool(_LIVES_NOW.search(found[1]))


def _at_work(low: str, word: str) -> bool:
    """Is the place named as where the client works or studies ("töissä Vantaalla",
    "Vantaalla töissä", "works in Vantaa", "arbetar i Vanda")?"""
    at = low.find(word)
    return bool(_WORK_BEFORE.search(low[:at]) or _WORK_AFTER.match(low, at + len(word)))


# Where the client lives, said outright: "asuu Espoossa", "Espoossa asuva", "espoolainen",
# "bor i Esbo", "lives in Espoo".
_LIVES = re.compile(
    r"\b(?:asu(?:u|vat|i|nut|va\w*)|bor|boende|bosatt|lives?|living|resident)\b",
    re.I,
)
_DEMONYM = re.compile(r"(?:lai|läi)(?:nen|se\w*)$")
_LOCATIVE = re.compile(r"(?:ssa|ssä|lla|llä)$")
_IN_WORD = re.compile(r"\b(?:i|in)\s+$", re.I)
# Someone close who lives there, not the client: "ainoa tytär asuu Oulussa", "her son lives in
# Tampere", "dottern bor i Uleåborg". A man or a woman alone is the client ("mies asuu Espoossa").
_KIN = re.compile(
    r"\b(?:tytär\w*|tyttäre\w*|poika\w*|poja\w*|lapse\w*|lapsi|lapsensa|sisar\w*|sisko\w*|velje\w*|veli"
    r"|isovanhem\w*|isoäi\w*|isoisä\w*|mummo\w*|mummu\w*|vaari\w*|grandparent\w*|grandm\w*|"
    r"grandf\w*|grandpa\w*|mormor|farmor|morfar|farfar|far-?\s?och\s+morföräldrar\w*"
    r"|äiti\w*|isä\w*|vanhemma\w*|puoliso\w*|vaimo\w*|miehe(?:nsä|ni)|omai\w*|läheise\w*|läheinen"
    r"|sukulai\w*|lapsenlap\w*|dotter\w*|son|sonen|barn\w*|syster\w*|bror\w*|mamma\w*|pappa\w*"
    r"|make|maken|hustru\w*|fru\w*|anhörig\w*|daughter\w*|sons?|child\w*|sister\w*|brother\w*"
    r"|mother\w*|mum|mom|father\w*|dad|husband\w*|wife|relatives?|family)\b",
    re.I,
)
_CLAUSE = re.compile(r"[.;:!?,]|\s(?:ja|mutta|och|men|and|but)\s", re.I)
# Someone close who lives there, said after the place: "Porissa asuvan siskonsa kanssa"
_KIN_LIVES_THERE = re.compile(rf"\s+(?:asuv\w*|boende|bosatta?)\s+(?:\w+\s+)?{_KIN.pattern}", re.I)


def home_elsewhere(question: str, elsewhere: dict[str, str], inside: dict[str, str]) -> str | None:
    """The municipality outside the county where the client lives, if the question says so.

    Where a place of the county is named too ("Vantaan sairaalan sosiaalityöntekijä … asuu
    Espoon Leppävaarassa"), the other place must be named as the client's home outright, and the
    county's place not; alone, a place where the client is ("i Sibbo", "Helsingissä") will do.
    Someone close living there ("ainoa tytär asuu Oulussa"), a move away from it, work or
    study there, or a negated place is not the client's home.
    """
    low = question.lower()
    outright = {m for m, w in elsewhere.items() if _home(low, w, strict=True)}
    if inside:
        if any(_home(low, w, strict=True) for w in inside.values()):
            return None
        homes = outright
    else:
        homes = outright or {m for m, w in elsewhere.items() if _home(low, w, strict=False)}
    return next(iter(homes)) if len(homes) == 1 else None


def _clause_of(low: str, word: str) -> tuple[str, str] | None:
    """The clause the word stands in: what comes before the word there, and the whole clause."""
    at = low.find(word)
    if at < 0:
        return None
    start = max((m.end() for m in _CLAUSE.finditer(low, 0, at)), default=0)
    end = next((m.start() for m in _CLAUSE.finditer(low, at + len(word))), len(low))
    return low[start:at], low[start:end]


def _home(low: str, word: str, *, strict: bool) -> bool:
    found = _clause_of(low, word)
    if found is None:
        return False
    before, clause = found
    if _KIN.search(before) or _NOT_HERE.search(before) or _at_work(low, word):
        return False
    if _KIN_LIVES_THERE.match(low, low.find(word) + len(word)):
        return False  # "Porissa asuvan siskonsa kanssa": the sister lives there
    if word.endswith(_FROM_CASE) or _FROM_WORD.search(before):
        return False
    if _DEMONYM.search(word) or _LIVES.search(clause):
        return True
    return not strict and bool(_LOCATIVE.search(word) or _IN_WORD.search(before))


def places_named(question: str) -> dict[str, str]:
    """Every place the question names: municipality id (or another town's) → the word."""
    return {**proper_place_names(question), **municipalities_in(words(question))}


def moved_from(question: str, f: Filters, before: str | None, known: Collection[str]) -> Filters:
    """A follow-up that names the case's place and one other is a move to the other.

    "Hän on muuttanut jo keväällä Keravan keskustaan, eikä hän viitsi lähteä Martinlaaksoon
    asti", "saanut senioriasunnon Tikkurilasta … Keravan ryhmiin hän ei enää ehdi": the old
    place is named only to be left, however it is worded, so the reading of one message alone
    (both named: neither, or the old one) gives way to the case's."""
    if before is None or f.municipality not in (None, before):
        return f
    places = {m: w for m, w in places_named(question).items() if m in known}
    others = [m for m in places if m != before]
    if before not in places or len(others) != 1:
        return f
    new = others[0]
    return replace(f, municipality=new, evidence={**f.evidence, "municipality": places[new]})
