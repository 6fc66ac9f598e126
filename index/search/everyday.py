"""Everyday constraints staff mention in passing: little money, poor mobility, no Finnish.

"Eläke on pieni", "rahat tiukalla", "ei ole varaa" → free or low-cost services
preferred; "liikkuu huonosti", "ei pääse kotoa", "vuodepotilas" → something
that comes home or works remotely; "ei puhu suomea", "suomi on heikkoa" →
Finnish-only services don't fit. Read from word stems near each other within one
clause, so inflected and reordered wordings are understood alike (Snowball stems: no
lemma dictionaries are loaded at query time).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.language.detect import words
from index.language.tokens import stem

if TYPE_CHECKING:
    from index.search.facets import Filters

WINDOW = 4  # words between the two halves of a cue ("eläke on aika pieni")

# Lemma prefixes: money words, then what makes them scarce.
_MONEY: tuple[str, ...] = (
    "eläk",
    "tulot",
    "tuloj",
    "tuloi",
    "raha",
    "palk",
    "budjet",
    "pension",
    "inkomst",
)
_MONEY += ("pengar", "income", "money")
_SCARCE: tuple[str, ...] = (
    "pien",
    "tiuk",
    "vähä",
    "niuk",
    "lite",
    "låg",
    "små",
    "low",
    "small",
    "tight",
)
_SCARCE += ("little", "ei riit", "eivät riit", "loppu", "knapp", "minimal", "minimi")
_POOR: tuple[str, ...] = (
    "pienituloi",
    "vähävarai",
    "rahato",
    "köyh",
    "låginkomst",
    "fattig",
    "low-income",
    "poor",
)
_POOR += (
    "kansaneläk",
    "takuueläk",
    "varaton",
    "toimeentulotu",
    "työmarkkinatu",
    "ulosot",
    "knaper",
)
_AFFORD = re.compile(
    r"\b(?:ei|eikä|en)\s+(?:\w+\s+){0,3}(?:ole\s+)?(?:varaa|rahaa)\b|\brahaa\s+ei\s+(?:\w+\s+)?ole"
    r"|\binte\s+(?:\w+\s+)?råd\b|\bcan(?:'t|not)\s+(?:afford|pay)\b|\bno\s+money\b"
    r"|\bminimum\s+pension|\bgarantipension"
    r"|\b(?:ei|ettei|eikä)\s+(?:\w+\s+){0,3}irtoa\s+(?:mitään|rahaa|euroakaan)"
    r"|\b(?:vägrar|vill\s+inte|kan\s+inte)\s+(?:\w+\s+){0,5}betala"
    r"|\b(?:eläkkee|palka|tulo)\w*\s+(?:ei|eivät)\s+(?:jää|riitä)",
    re.I,
)

# Paying: words that belong to the cost constraint, not to a need.
_PAY: tuple[str, ...] = (
    "maksu",
    "kausimaks",
    "jäsenmaks",
    "hinta",
    "hinnat",
    "kallis",
    "avgift",
    "terminsavg",
)
_PAY += ("kost", "pris", "fee", "price", "cost", "ilmai", "maksuto", "gratis")

# Moving about, and what makes it hard; a home-bound state on its own.
_MOVE: tuple[str, ...] = (
    "liikku",
    "liikkum",
    "kävel",
    "ulos",
    "kotoa",
    "kotoo",  # spoken: "ei oo päässy kotoo"
    "rör",
    "walk",
    "mobil",
    "get out",
)
_HARD: tuple[str, ...] = (
    "huono",
    "vaike",
    "hanka",
    "harvo",
    "heiko",
    "rajoit",
    "tuskin",
    "ei ",
    "eikä",
    "inte",
    "knappt",
)
_HARD += ("svår", "poor", "hard", "diffic", "rarely", "limited")
_BOUND = re.compile(
    r"\b(?:vuodepotila\w*|vuoteenoma\w*|sängyn\s*pohja\w*|kotiin\s+sidottu\w*|sängliggande"
    r"|bedridden|housebound|bed-bound|tar\s+sig\s+inte|kotoa\s+lähteminen"
    # cannot get or face going anywhere: "ei pääse iltaisin mihinkään", "ei jaksa lähtee
    # mihinkään ryhmään"
    r"|(?:ei|eikä|en)\s+(?:\w+\s+)?(?:pääse|päässy\w*|päässyt|jaksa)\s+"
    r"(?:\w+\s+){0,2}mihinkää\w*\b(?!\s+ilman))",  # not "ilman saattajaa": an escort
    re.I,
)

# The client does not manage in Finnish.
_NOT_FINNISH = re.compile(
    r"\b(?:ei|eikä|en|eivät)\s+(?:\w+\s+){0,2}(?:puhu|osaa|ymmärrä|taida)\w*\s+(?:\w+\s+)?suome\w*"
    r"|\bsuom(?:i|ea|en\s+kiel\w*)\s+(?:\w+\s+){0,3}?(?:heikko\w*|alkeellis\w*|vähän|tuskin"
    r"|huono\w*|ei\s+suju|eivät\s+suju|ei\s+vielä)"
    r"|\bsuomea\s+(?:vielä\s+)?(?:tuskin|huonosti|vähän|heikosti|ei\s+ollenkaan)"
    r"|\b(?:ei|eikä)\s+suomi\s+(?:vielä\s+|oikein\s+|juuri\s+)?(?:suju|taivu)"
    r"|\b(?:ei|eikä)\s+(?:\w+\s+){0,2}pärjää\s+(?:\w+\s+)?suome(?:ksi|lla)"
    # "suomea hän osaa vain muutaman sanan", "osaa suomea vain pari sanaa"
    r"|\bsuomea?\s+(?:\w+\s+){0,2}(?:osaa|puhuu|ymmärtää)\s+(?:vain\s+|vasta\s+)?"
    r"(?:muutaman|muutama|pari|joitakin|joitain)\s+sana"
    r"|\b(?:osaa|puhuu|ymmärtää)\s+(?:vain\s+|vasta\s+)?(?:muutaman|muutama|pari)\s+sana\w*\s+suome"
    r"|\bnever\s+(?:really\s+)?learn(?:ed|t)\s+finnish"
    r"|\bsuome(?:ksi|a)\s+(?:\w+\s+){0,2}(?:väsyttää|rasittaa|on\s+(?:raskasta|vaikeaa|työlästä))"
    r"|\b(?:puhu|osaa|osaav|ymmärtä|taita)\w*\s+(?:vain\s+|vasta\s+|tosi\s+|aika\s+|hyvin\s+)?"
    r"(?:vähän|huonosti|heikosti|tuskin|niukasti|vähäsen)\s+suome\w*"
    r"|\bsuomen\s*(?:kielen\s*)?taito\w*\s+(?:\w+\s+){0,2}(?:heikko\w*|huono\w*|vähäi\w*|alkeis\w*"
    r"|ei\s+riitä|eivät\s+riitä|riittämät\w*)"
    # "ettei hänen suomen kielen taitonsa riitä": the negation before, the verb after
    r"|\b(?:ettei|jottei|ei|eikä)\s+(?:\w+\s+){0,2}suomen\s*(?:kielen\s*)?taito\w*\s+(?:\w+\s+)?riit\w*"
    r"|(?:little|no|not much|hardly any|doesn't speak|does not speak|can't speak|cannot speak)"
    r"\s+(?:any\s+)?finnish|(?:talar|pratar|kan)\s+(?:nästan\s+|bara\s+)?(?:inte|ingen|knappt|dålig|"
    r"lite)\s+(?:\w+\s+)?finska"
    r"|inte\s+(?:\w+\s+){0,4}?(?:på\s+)?finska"  # "inte alls känner sig hemma på finska"
    r"|(?:osäker|inte\s+säker)\s+på\s+finska"
    # "eikä se suomea oikein puhu", "finskan har hon nästan glömt", "her Finnish is still basic",
    # "barely speaks any Finnish", "Finnish around A1"
    r"|\b(?:ei|eikä)\s+(?:\w+\s+){0,2}suomea\s+(?:\w+\s+)?(?:puhu|osaa|ymmärrä)\w*"
    r"|\bfinskan\s+har\s+(?:hon|han)\s+(?:nästan\s+)?glömt"
    r"|\b(?:hennes|hans)\s+finska\s+är\s+(?:\w+\s+)?(?:dålig|svag|begränsad)"
    r"|\b(?:barely|hardly|scarcely)\s+(?:speaks|understands|knows)\s+(?:any\s+)?finnish"
    r"|\b(?:his|her|their)\s+finnish\s+(?:is\s+)?(?:still\s+|very\s+|quite\s+|pretty\s+|only\s+)?"
    r"(?:basic|poor|weak|limited|minimal|rudimentary)"
    r"|\bfinnish\s+(?:level\s+)?(?:is\s+)?(?:around\s+|at\s+|about\s+)?a[12]\b"
    # the verb first, how badly after: "talar finska dåligt", "speaks Finnish poorly"
    r"|\b(?:talar|pratar|förstår|kan)\s+finska\s+(?:mycket\s+)?(?:dåligt|knappt|lite)\b"
    r"|\b(?:speaks|understands)\s+finnish\s+(?:very\s+|only\s+)?(?:poorly|badly|a\s+little)\b",
    re.I,
)
_CLAUSE = re.compile(
    r"[.!?;:,–—]\s*|\s+(?:mutta|mut|men|but|joten|koska)\s+|\s+(?=eikä\s)"
    # "and" opening a clause of its own: "oikea käsi on heikko ja hän kävelee rollaattorilla"
    r"|\s+(?:ja|och|and)\s+(?=(?:hän|se|han|hon|he|she)\s)",
    re.I,
)


def _near(clause: str, first: tuple[str, ...], second: tuple[str, ...]) -> str | None:
    """The words from a `first` word to a `second` word at most WINDOW apart, in either order."""
    toks = words(clause)
    lems = [stem(t) for t in toks]
    forms = [f"{t} {toks[i + 1]}" if i + 1 < len(toks) else t for i, t in enumerate(toks)]

    def has(i: int, cues: tuple[str, ...]) -> bool:
        return lems[i].startswith(cues) or toks[i].startswith(cues) or forms[i].startswith(cues)

    for i in range(len(toks)):
        if not has(i, first):
            continue
        for j in range(max(0, i - WINDOW), min(len(toks), i + WINDOW + 1)):
            if j != i and has(j, second):
                lo, hi = min(i, j), max(i, j)
                return " ".join(toks[lo : hi + 1])
    return None


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if c and c.strip()]


def low_income(text: str) -> str | None:
    """The words saying money is short, or None."""
    if m := _AFFORD.search(text):
        return m.group(0)
    for tok in words(text):
        if tok.startswith(_POOR) or stem(tok).startswith(_POOR):
            return tok
    for clause in _clauses(text):
        if ev := _near(clause, _MONEY, _SCARCE):
            return ev
    return None


def homebound(text: str) -> str | None:
    """The words saying the client can hardly leave home, or None."""
    if m := _BOUND.search(text):
        return m.group(0)
    for clause in _clauses(text):
        if ev := _near(f"{clause} ", _MOVE, _HARD):
            return ev
    return None


def not_finnish(text: str) -> str | None:
    """The words saying the client does not manage in Finnish, or None."""
    m = _NOT_FINNISH.search(text)
    return m.group(0) if m else None


def cost_words(text: str) -> set[str]:
    """Words of the text about money or paying ("kausimaksuihin", "eläke", "rahat")."""
    cues = _MONEY + _POOR + _PAY
    return {t for t in words(text) if t.startswith(cues) or stem(t).startswith(cues)}


_NOTES = {
    "not_language": {
        "fi": "kieli: ei suomi (suomenkieliset eivät sovi)",
        "sv": "språk: inte finska (finskspråkiga passar inte)",
        "en": "language: not Finnish (Finnish-only services don't fit)",
    },
    "low_income": {
        "fi": "pienituloinen: maksuttomat ja edulliset ensin",
        "sv": "låg inkomst: avgiftsfria och billiga",
        "en": "low income: free and low-cost",
    },
    "homebound": {
        "fi": "liikkuu huonosti: myös kotikäynnit",
        "sv": "rör sig dåligt: även hembesök",
        "en": "poor mobility: home visits too",
    },
}


def everyday_notes(f: Filters, lang: str) -> list[str]:
    """Everyday constraints read from the case, for the reply's *Rajaukset* line."""
    wanted = {"not_language": bool(f.not_language)}
    wanted |= {k: k in f.evidence for k in ("low_income", "homebound")}
    return [_NOTES[k].get(lang, _NOTES[k]["fi"]) for k, on in wanted.items() if on]
