"""Ages written in words: "kymmenvuotias", "kaksitoistavuotiaalle", "sexåring", "six-year-old".

Staff write small ages in words as often as in digits, and an age is a hard filter
(a service's age range), so "kahdeksanvuotias" must read as 8 like "8-vuotias" does.
Finnish numbers compound ("kaksikymmentäviisi", "yksitoista"); Swedish and English
ones are single words up to nineteen and the tens.
"""

from __future__ import annotations

import re

_FI_UNITS = {
    "yksi": 1,
    "kaksi": 2,
    "kolme": 3,
    "neljä": 4,
    "viisi": 5,
    "kuusi": 6,
    "seitsemän": 7,
    "seitsen": 7,  # "seitsenvuotias"
    "kahdeksan": 8,
    "yhdeksän": 9,
    # spoken: "viiskytkaks", "kakskytviis", "kasikyt"
    "yks": 1,
    "kaks": 2,
    "viis": 5,
    "kuus": 6,
    "seittemän": 7,
    "kaheksan": 8,
    "kasi": 8,
    "ysi": 9,
}
_SV = {
    "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15,
    "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20, "trettio": 30,
    "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70, "åttio": 80, "nittio": 90,
}  # fmt: skip
_EN = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

# spoken tens that only stand before "kyt": "kolkyt", "nelkyt", "seitkytneljä", "seiskyt"
_FI_SPOKEN_TENS = {"kol": 3, "nel": 4, "seit": 7, "seis": 7, "seiska": 7}
_UNIT = "|".join(_FI_UNITS)
_SPOKEN = "|".join(_FI_SPOKEN_TENS)
# kymmen(en) | <unit>toista | [<unit>kymmentä][<unit>]
_FI_NUMBER = (
    rf"kymmen(?:en)?|(?:{_UNIT})toista|"
    rf"(?:(?:{_UNIT})(?:kymmentä|kyt)|(?:{_SPOKEN})kyt)?(?:{_UNIT})?"
)
# "kahdeksankymmentäkaksi vuotias": speech-to-text writes the age apart; "neljätoista vuotta vanha"
_FI = re.compile(rf"\b({_FI_NUMBER})(?:[-\s]?vuotia\w*|\s+vuotta\s+vanha\b)", re.I)
_SV_TENS = "|".join(k for k, v in _SV.items() if v >= 20)
_SV_UNITS = "|".join(k for k, v in _SV.items() if v < 10)
# "tioåring", "tioårig", "fyrtiotvå år gammal"
_SV_NUMBER = rf"(?:{_SV_TENS})(?:{_SV_UNITS})?|{'|'.join(k for k, v in _SV.items() if v < 20)}"
_SV_RE = re.compile(rf"\b({_SV_NUMBER})(?:(?:-|\s)?åri(?:ng|g)\w*|\s+år\s+gammal\w*)", re.I)
# "en man på trettio", "en dam på åttiotvå" (the digits' "dam på 77" is read in facet_age.py)
_SV_PERSON_ON = re.compile(
    rf"\b(?:dam|man|kvinna|herre|herr|pensionär|änka|änkling)\s+på\s+({_SV_NUMBER})\b"
    r"(?!\s*(?:år\s+sedan|minuter|timmar|kilo|procent))",
    re.I,
)
_EN_RE = re.compile(
    rf"\b((?:{'|'.join(_EN)})(?:-(?:{'|'.join(k for k, v in _EN.items() if v < 10)}))?)"
    r"[- ]years?[- ]old\b",
    re.I,
)

# "My client is seventy-two and …", "she's fifteen.", "turned eighty last week"
_EN_SAID = re.compile(
    rf"\b(?:is|he's|she's|turned|turns)\s+((?:{'|'.join(_EN)})(?:-(?:"
    rf"{'|'.join(k for k, v in _EN.items() if v < 10)}))?)\b"
    r"(?=\s*(?:[.,;:!?)]|$|and\b|years?\b|last\b|this\b|next\b|soon\b))",
    re.I,
)


# A birthday in words: "täytti vasta yhdeksän", "täyttää kohta kaksitoista.", "täytti yhdeksän
# elokuussa" (the digits' form is read in facet_age.py). Only the birthday verb: "lapsia on
# kaksi" is no age.
_FI_SAID = re.compile(
    r"\b(?:täyt(?:ti|tää|tänyt|tävät|tivät)|ikä\w*\s*:?(?:\s+hänellä|\s+hänel)?(?:\s+on)?)\s+(?:(?:vasta|jo|nyt|muuten|juuri|kohta|pian|kyllä|siis"
    r"|keväällä|syksyllä|kesällä|talvella|\w+kuussa|viime\s+\w+|ensi\s+\w+)"
    rf"\s+){{0,2}}({_FI_NUMBER})\b(?=\s*(?:[.,;:!?)]|$|vuot\w*|ja\b|ensi\b|tänä\b|viime\b"
    r"|\w+kuussa\b|keväällä\b|syksyllä\b|kesällä\b|talvella\b))",
    re.I,
)


# An age in English words between commas: "a retired British gentleman, seventy-four, living"
_EN_UNITS = "|".join(k for k, v in _EN.items() if v < 10)
_EN_COMMAS = re.compile(
    rf"(?<=[^\W\d_],\s)((?:{'|'.join(_EN)})(?:-(?:{_EN_UNITS}))?)(?=\s*,)",
    re.I,
)


def _finnish(word: str) -> int | None:
    word = word.lower()
    if word.startswith("kymmen"):
        return 10
    if word.endswith("toista"):
        return 10 + _FI_UNITS[word[: -len("toista")]]
    tens, has_tens, units = word.partition("kymmentä")
    if not has_tens:
        tens, has_tens, units = word.partition("kyt")  # spoken "viiskytkaks"
    if not has_tens:  # a unit alone
        return _FI_UNITS.get(word)
    ten = _FI_UNITS.get(tens) or _FI_SPOKEN_TENS[tens]
    return ten * 10 + (_FI_UNITS[units] if units else 0)


def _swedish(word: str) -> int:
    """ "fyrtiotvå" → 42: a tens word, then a unit."""
    word = word.lower()
    if word in _SV:
        return _SV[word]
    tens = next(t for t in _SV if _SV[t] >= 20 and word.startswith(t))
    return _SV[tens] + _SV[word[len(tens) :]]


def _english(word: str) -> int:
    head, _, tail = word.lower().partition("-")
    return _EN[head] + (_EN[tail] if tail else 0)


def ages_in_words(text: str) -> list[tuple[int, int, str]]:
    """(position, age, words) for every age written in words in `text`."""
    out: list[tuple[int, int, str]] = []
    for m in (*_FI.finditer(text), *_FI_SAID.finditer(text)):
        if m.group(1):
            age = _finnish(m.group(1))
            if age is not None:
                out.append((m.start(), age, m.group(0)))
    for m in (*_SV_RE.finditer(text), *_SV_PERSON_ON.finditer(text)):
        out.append((m.start(), _swedish(m.group(1)), m.group(0)))
    for pat in (_EN_RE, _EN_SAID, _EN_COMMAS):
        for m in pat.finditer(text):
            out.append((m.start(), _english(m.group(1)), m.group(0)))
    return out


# Whom the service is asked for, with an age: "8-vuotiaalle pojalleen", "lapsilleen (6 ja 9)",
# "for his 10-year-old son", "för sin 10-åriga son". That one is the client, whoever asks.
_FOR_WHOM = [
    re.compile(r"\b(\d{1,2})\s?-?\s?vuotiaa(?:lle|ille)\b", re.I),
    re.compile(
        r"\b(?:lapse|lapsi|poja|tyttäre|tytö|tytöi|pojil|tyttäril)\w*?(?:lle|lleen|llensa)\s*"
        r"\(\s*(\d{1,2})",
        re.I,
    ),
    re.compile(r"\bfor\s+(?:his|her|their|my|our|a|an)?\s*(\d{1,2})[- ]years?[- ]old", re.I),
    re.compile(r"\b(?:för|åt)\s+(?:sin|sitt|sina|en|ett)?\s*(\d{1,2})[- ]?åri\w*", re.I),
]


# The client doing something for a relative of their own, not asking for them: "laittaa ruokaa
# 6-vuotiaalle pikkuveljelleen", "miettii, miten kertoisi asiasta 8-vuotiaalle tyttärelleen"
# (the 14-year-old girl and the 45-year-old mother are the clients; "kysyy 8-vuotiaalle
# pojalleen" still asks for the boy).
_OWN_RELATIVE_NEXT = re.compile(r"^\s+\w+(?:lleen|llensa)\b", re.I)
_DOING_BEFORE = re.compile(
    r"\b(?:kerto\w*|kerroi\w*|sano\w*|selittä\w*|laitta\w*|laittoi|teke\w*|tekee|teki|"
    r"anta\w*|antoi|luke\w*|lukee|luki|puhu\w*|opetta\w*|valmista\w*|osta\w*|osti|"
    r"lähettä\w*|soitta\w*|soitti)\b[^.,;:!?]*$",
    re.I,
)


def age_asked_for(text: str) -> tuple[int, str] | None:
    """(age, words) of the one a service is asked for, when said with "for" or the allative."""
    hits = [
        (m.start(), int(m.group(1)), m.group(0))
        for p in _FOR_WHOM
        for m in p.finditer(text)
        if not (
            _OWN_RELATIVE_NEXT.match(text[m.end() :]) and _DOING_BEFORE.search(text[: m.start()])
        )
    ]
    return min(hits)[1:] if hits else None


# A school year says a child's age: Finnish pupils start school the year they turn 7, so
# year N is about N + 6 ("ysiluokkalainen" 15, "7.lk" 13, "i fjärde klass" 10).
_GRADES_FI = (
    ("eka|ensimmäis", 1), ("toka|toise", 2), ("kolmos|kolmas|kolmanne", 3),
    ("nelos|neljäs|neljänne", 4), ("vitos|viides|viidenne", 5), ("kutos|kuudes|kuudenne", 6),
    ("seiska|seitsemäs|seitsemänne", 7), ("kasi|kahdeksas|kahdeksanne", 8),
    ("ysi|yhdeksäs|yhdeksänne", 9),
)  # fmt: skip
_GRADES_SV = (
    "första",
    "andra",
    "tredje",
    "fjärde",
    "femte",
    "sjätte",
    "sjunde",
    "åttonde",
    "nionde",
)
_GRADES_EN = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_GRADE_PATTERNS: list[tuple[re.Pattern[str], int | None]] = [
    *(
        (re.compile(rf"\b(?:{stems})(?:-?luokkalai\w*|\w*\s+luokalla\b|luokalla\b)", re.I), n)
        for stems, n in _GRADES_FI
    ),
    *(
        (re.compile(rf"\b(?:i|går\s+i)\s+{word}\s+klass\b|\b{word}klassare\b", re.I), n)
        for n, word in enumerate(_GRADES_SV, start=1)
    ),
    *(
        (re.compile(rf"\b(?:in\s+(?:the\s+)?)?{word}\s+grade\b|\b{word}[- ]grader\b", re.I), n)
        for n, word in enumerate(_GRADES_EN, start=1)
    ),
    # "7.lk", "8. luokalla", "9.-luokkalainen", "4th grade"
    (re.compile(r"\b([1-9])\s?\.\s?(?:-?\s?lk\b|luok\w*|-luokkalai\w*)", re.I), None),
    (re.compile(r"\b([1-9])(?:st|nd|rd|th)[- ]grade\w*", re.I), None),
]


def school_year_ages(text: str) -> list[tuple[int, int, str]]:
    """(position, age, words) for every school year said in `text`."""
    out: list[tuple[int, int, str]] = []
    for pat, year in _GRADE_PATTERNS:
        for m in pat.finditer(text):
            n = year if year is not None else int(m.group(1))
            out.append((m.start(), n + 6, m.group(0)))
    return out
