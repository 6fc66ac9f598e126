"""Which language a question is written in, and plain word splitting.

The answer's labels follow the question's language (fi, sv, en). Staff write
short, informal text, so a small function-word vote is more reliable here than
a general-purpose detector, and costs microseconds.
"""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[0-9a-zåäöéüšž]+(?:[-'][0-9a-zåäöéüšž]+)*", re.IGNORECASE)

_MARKERS: dict[str, frozenset[str]] = {
    "sv": frozenset(
        [
            "och",
            "att",
            "det",
            "som",
            "är",
            "för",
            "på",
            "med",
            "finns",
            "någon",
            "något",
            "har",
            "inte",
            "till",
            "av",
            "om",
            "vi",
            "jag",
            "min",
            "mitt",
            "hon",
            "han",
            "den",
            "de",
            "ett",
            "en",
            "kan",
            "ska",
            "vill",
            "söker",
            "gärna",
            "eller",
            "också",
            "hur",
            "var",
            "vad",
            "vilka",
            "vem",
            "när",
            "klient",
            "klienten",
            "bor",
            "stöd",
            "hjälp",
            "grupp",
            "gympa",
            "svenska",
            "barn",
            "äldre",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "is",
            "are",
            "for",
            "in",
            "to",
            "of",
            "my",
            "with",
            "she",
            "he",
            "there",
            "any",
            "anything",
            "what",
            "who",
            "how",
            "where",
            "which",
            "client",
            "is",
            "it",
            "be",
            "can",
            "could",
            "would",
            "does",
            "do",
            "has",
            "have",
            "from",
            "that",
            "this",
            "an",
            "a",
            "speaks",
            "help",
            "group",
            "support",
            "someone",
            "recently",
            "moved",
        ]
    ),
    "fi": frozenset(
        [
            "ja",
            "on",
            "ei",
            "että",
            "onko",
            "mitä",
            "kuka",
            "asiakas",
            "asiakkaan",
            "asiakkaalle",
            "voi",
            "mistä",
            "missä",
            "jossa",
            "hän",
            "joka",
            "tai",
            "kun",
            "mutta",
            "jos",
            "myös",
            "vain",
            "sekä",
            "eikä",
            "olisi",
            "olla",
            "saa",
            "löytyykö",
            "onks",
            "mitää",
            "mulle",
            "mun",
            "hänen",
            "siitä",
            "kanssa",
            "ryhmä",
            "apua",
            "tukea",
            "miten",
            "mikä",
            "mitkä",
            "kenen",
            "pitää",
        ]
    ),
}


def words(text: str) -> list[str]:
    """Lowercased words of a question, hyphenated words kept whole and also split.

    The lexical index splits text by `index.language.segments.index_words` instead. Every
    facet reader splits the same question again: the split is remembered for the last few.
    """
    return list(_words(text))


@functools.lru_cache(maxsize=64)
def _words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for m in _WORD.finditer(text.lower()):
        w = m.group(0)
        out.append(w)
        if "-" in w:
            out.extend(p for p in w.split("-") if p)
    return tuple(out)


def detect_language(text: str) -> str:
    """'fi', 'sv' or 'en' — Finnish when unsure, since most users write Finnish."""
    toks = words(text)
    scores = {lang: sum(t in markers for t in toks) for lang, markers in _MARKERS.items()}
    # Finnish-only letter pattern (double vowels with ä/ö, common endings) tips ties.
    if re.search(r"ää|öö|yy|\w+(ssa|ssä|lla|llä|sta|stä|lta|ltä)\b", text.lower()):
        scores["fi"] += 1
    if "å" in text.lower():
        scores["sv"] += 1
    best = max(scores, key=lambda k: (scores[k], k == "fi"))
    return best if scores[best] > 0 else "fi"
