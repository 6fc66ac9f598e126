"""Place names staff use for Vantaa and Kerava, in Finnish and Swedish.

Staff rarely write "Vantaa": they write "Tikkurilasta", "myyrmäes", "i Myrbacka",
"keravalainen". This gazetteer maps districts (kaupunginosat) and their Swedish
names to the municipality id used in the knowledge files.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from index.language.elsewhere import ORDINARY_WORDS, names_elsewhere

# municipality id → names (first one is the municipality itself, fi then sv)
PLACES: dict[str, tuple[str, ...]] = {
    "vantaa": (
        "vantaa",
        "vanda",
        # districts (fi)
        "tikkurila",
        "myyrmäki",
        "hakunila",
        "korso",
        "koivukylä",
        "martinlaakso",
        "kivistö",
        "aviapolis",
        "länsimäki",
        "rekola",
        "vaarala",
        "hiekkaharju",
        "havukoski",
        "simonkylä",
        "jokiniemi",
        "louhela",
        "vantaanlaakso",
        "kaivoksela",
        "varisto",
        "askisto",
        "petikko",
        "pähkinärinne",
        "vapaala",
        "ylästö",
        "veromies",
        "pakkala",
        "viertola",
        "päiväkumpu",
        "ilola",
        "itä-hakkila",
        "hakkila",
        "kuninkaala",
        "mikkola",
        "leppäkorpi",
        "seutula",
        "lapinkylä",
        "ojanko",
        "nikinmäki",
        "vantaankoski",
        "tammisto",
        "kartanonkoski",
        "hämeenkylä",
        "linnainen",
        "piispankylä",
        "sotunki",
        "koivuhaka",
        "kuusikko",
        "leinelä",
        "matari",
        "myllymäki",
        "simonmetsä",
        "rajatorppa",
        "vierumäki",
        "riipilä",
        "viinikkala",
        "vestra",
        "kilteri",
        "asola",
        "metsola",
        "kuninkaanmäki",
        "keimola",
        "tolkinkylä",
        "rajakylä",
        "länsisalmi",
        "vaaralanpuisto",
        "ruskeasanta",
        "myyrmäen",
        "martinlaakson",
        "uomarinne",
        "vihertie",
        "hämevaara",
        "päiväkummun",
        "kaivoksela",
        "kivimäki",
        # districts (sv)
        "dickursby",
        "myrbacka",
        "håkansböle",
        "björkby",
        "mårtensdal",
        "västerkulla",
        "räckhals",
        "fagersta",
        "sandkulla",
        "hökåsen",
        "simonsby",
        "åminne",
        "bergbacka",
        "vandaforsen",
        "grubbacka",
        "vaxmora",
        "askis",
        "nötkärr",
        "friherrs",
        "kungsbacka",
        "mickelsböle",
        "tavastby",
        "biskopsböle",
        "sottungsby",
        "björkhagen",
        "virdabacka",
        "sjöskog",
        "helsinge",
        "rödbergen",
    ),
    "kerava": (
        "kerava",
        "kervo",
        "savio",
        "ahjo",
        "kaleva",
        "sompio",
        "kilta",
        "jaakkola",
        "alikerava",
        "kurkela",
        "lapila",
        "kaskela",
        "heikkilä",
        "päivölä",
        "virrenkulma",
        "sorsakorpi",
        "ylikerava",
        "kytömaa",
        "kannisto",
        "jokivarsi",
        "ollilanlaakso",
        "kaskelanpelto",
        "niinikoski",
        "keravanjoki",
        "ali-kerava",
        "yli-kerava",
    ),
}

# Words that look like a place stem but are ordinary Finnish words.
# (and the municipalities elsewhere whose names are ordinary words: lahti, kotka, salo …)
_FALSE_FRIENDS = {"kilta", "kiltakin", "ahjo", "kaleva", "ilola"} | ORDINARY_WORDS

# Names matched whole: Swedish "Helsinge" (Vantaa's old church village) is not "Helsingissä".
_KEEP_WHOLE = {"helsinge"}


def _stem(name: str) -> str:
    """A prefix that all inflected forms share: Myyrmäki → myyrmä(essä), Korso → kors(ossa).

    Finnish consonant gradation changes the last syllable (mäki → mäessä, koski →
    koskella), so the final vowel and a k before it are dropped. Swedish and short
    names are matched whole.
    """
    stem = name
    if name in _KEEP_WHOLE:
        return name
    if stem[-1] in "aeiouyäö" and len(stem) > 5:
        stem = stem[:-1]
        if stem.endswith("k") and len(stem) > 5:
            stem = stem[:-1]
    return stem


# Ordinary words that start like a place stem (vaarallinen ~ Vaarala).
_NOT_PLACES = ("vaarall", "ylästä", "kuninkaall", "korsett", "lapille", "kuusikym", "kuusikyt")

# The county's places and the municipalities elsewhere (index/language/elsewhere.py): a client
# living in Espoo is read as such, not as one whose municipality was not said.
_ALL_PLACES: dict[str, tuple[str, ...]] = {**names_elsewhere(), **PLACES}

PLACE_STEMS: list[tuple[str, str, str]] = sorted(
    (
        (_stem(name), muni, name)
        for muni, names in _ALL_PLACES.items()
        for name in names
        if name not in _FALSE_FRIENDS
    ),
    key=lambda t: -len(t[0]),
)


# The same stems by text, the first (longest) listing of each kept, and their lengths, longest
# first: a word is looked up by its prefixes instead of against every stem.
_STEM_MUNI = {stem: muni for stem, muni, _name in reversed(PLACE_STEMS)}
_STEM_LENGTHS = sorted({len(s) for s in _STEM_MUNI}, reverse=True)


def _place_of(tok: str, found: Collection[str]) -> str | None:
    """The municipality of the longest place stem the word starts with, among those not
    found yet."""
    for n in _STEM_LENGTHS:
        muni = _STEM_MUNI.get(tok[:n]) if n <= len(tok) else None
        if muni is not None and muni not in found:
            return muni
    return None


def municipalities_in(tokens: list[str]) -> dict[str, str]:
    """Municipality id → the word that named it, for every place mentioned.

    `tokens` are lowercased words of the question. "Keravalla" → kerava,
    "tikkurilasta" → vantaa, "vantaal" (colloquial) → vantaa, "i Myrbacka" → vantaa.
    """
    found: dict[str, str] = {}
    for tok in tokens:
        if len(tok) < 4 or tok.startswith(_NOT_PLACES):
            continue
        muni = _place_of(tok, found)
        if muni is not None:
            found[muni] = tok
    return found


# The places whose names are also ordinary words are read only when written as names,
# capitalised: "asuu Ahjossa", "Kalevassa asuva" (not "ahjo", a forge; not "Kalevala").
_PROPER = [
    (re.compile(rf"\b{_stem(name).capitalize()}(?!a?la)\w*"), muni)
    for muni, names in _ALL_PLACES.items()
    for name in names
    if name in _FALSE_FRIENDS
]


# ... or after their town's name (its genitive), in any case: "keravan ahjosta", "Keravan kalevasta"
_PROPER_OF_TOWN = [
    (re.compile(rf"\b{muni}n\s+({_stem(name)}(?!a?la)\w*)", re.I), muni)
    for muni, names in PLACES.items()
    for name in names
    if name in _FALSE_FRIENDS
]


def proper_place_names(text: str) -> dict[str, str]:
    """Municipality id → the word, for places named only by a capitalised ordinary word
    (or one after its town's name)."""
    found: dict[str, str] = {}
    for pat, muni in _PROPER:
        m = pat.search(text)
        if m and muni not in found:
            found[muni] = m.group(0).lower()
    for pat, muni in _PROPER_OF_TOWN:
        m = pat.search(text)
        if m and muni not in found:
            found[muni] = m.group(1).lower()
    return found


_DISTRICTS = {
    _stem(name): name
    for muni, names in PLACES.items()
    for name in names[2:]  # not the municipality's own fi and sv names
    if name not in _FALSE_FRIENDS
}


def districts_in(text: str) -> list[str]:
    """The county's districts a text names: "Tikkurilassa" → "tikkurila", "Keravan Saviolla"
    → "savio", "i Dickursby" → "dickursby"."""
    out: list[str] = []
    for w in re.findall(r"\w+", text.lower()):
        if len(w) < 4 or w.startswith(_NOT_PLACES):
            continue
        stem = next((st for st in _DISTRICTS if w.startswith(st)), None)
        if stem is not None and _DISTRICTS[stem] not in out:
            out.append(_DISTRICTS[stem])
    return out


def named_in(place: str, text: str) -> bool:
    """Does `text` name the place in any form ("Tikkurilan" for "tikkurila")?"""
    return _stem(place) in text.lower()


def town_of(place: str) -> str | None:
    """The municipality id of a place name of the county ("tikkurila" → "vantaa")."""
    return next((muni for muni, names in PLACES.items() if place in names), None)
