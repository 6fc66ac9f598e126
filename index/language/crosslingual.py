"""Finnish search words for needs named in English or Swedish.

The knowledge text is Finnish (few services have `_sv`/`_en` variants), so a
Swedish or English question shares almost no words with it and the lexical
index can't help; the small multilingual model alone bridges languages poorly.
This glossary of how staff name common needs adds the Finnish words to the
lexical query and to the target-group/theme hints. It never filters anything.
"""

from __future__ import annotations

import re

from index.language.cooperation_glossary import COOPERATION_GLOSSARY
from index.language.glossary_match import (
    at_end,
    by_language,
    compiled,
    finnish_words,
    in_compound,
)
from index.language.needs_glossary import ENGLISH_ONLY, NEEDS_GLOSSARY

_COMPILED = compiled(NEEDS_GLOSSARY)
_IN_COMPOUND = in_compound(NEEDS_GLOSSARY)
_CHUNKED = by_language(NEEDS_GLOSSARY, ENGLISH_ONLY)
_COOPERATION = by_language(COOPERATION_GLOSSARY)


# An association asking about its own funding in everyday words ("miten meidän yhdistys voi
# hakea rahaa", "vår förening söker pengar", "funding for our association"): the county's
# word for it is "avustus", which no everyday wording shares.
_ASSOCIATION = r"(?:yhdisty|järjestö|förening|association|organi[sz]ation|ngo)\w*"
_MONEY = r"(?:rahaa|rahoitu\w*|apurah\w*|pengar|finansiering\w*|money|funding)"
_OWN_FUNDING = re.compile(
    rf"\b(?:meidän|meiän|oma\w*|vår|vårt|our)\s+(?:\w+\s+)?{_ASSOCIATION}[^.?!]{{0,80}}\b{_MONEY}"
    rf"|\b{_MONEY}[^.?!]{{0,40}}\b(?:meidän|meiän|vår|vårt|our)\s+(?:\w+\s+)?{_ASSOCIATION}"
    # "mikä järjestö saa rahaa meiltä", "en förening frågade om de kan få pengar"
    rf"|\b{_ASSOCIATION}[^.?!]{{0,60}}\b(?:saa\w*|sais\w*|hake\w*|hakis\w*|få|söka|get|apply"
    rf"|receive)\s+(?:\w+\s+){{0,2}}{_MONEY}",
    re.I,
)
FUNDING_TERMS = "avustus järjestöavustus"


def finnish_terms(question: str, lang: str, cooperation: bool = False) -> str:
    """Finnish words for the needs an English or Swedish question names ('' for Finnish), and
    the county's word for an association's own funding asked in everyday words. With
    `cooperation`, also for the cooperation's own words (a question on the roadmap, the
    guidance or the roles: cooperation_glossary.py); never for a case."""
    funding = FUNDING_TERMS if _OWN_FUNDING.search(question) else ""
    found = [] if lang == "fi" else finnish_groups(question, lang, cooperation)
    return " ".join(dict.fromkeys([*found, *funding.split()]))


def finnish_groups(question: str, lang: str, cooperation: bool = False) -> list[str]:
    """The Finnish words of each glossary entry an English or Swedish question matches, an
    entry's words together: "toimintatavat käytännöt" are two words for one "practices"."""
    found = finnish_words(question, lang, _CHUNKED)
    return found + (finnish_words(question, lang, _COOPERATION) if cooperation else [])


_FOR_WORDS = {
    "sv": _COMPILED + _IN_COMPOUND + at_end(NEEDS_GLOSSARY),
    "en": _COMPILED + compiled(ENGLISH_ONLY),
}


def glossary_knows(word: str, lang: str) -> bool:
    """Does the glossary give Finnish words for this English or Swedish word?"""
    return any(pat.search(word) for pat, _ in _FOR_WORDS.get(lang, _FOR_WORDS["en"]))
