"""Indexed text cut into segments (sentences, lines), each with its language and words.

The lexical index normalises a segment in the language its stopwords point to
(`segment_language`); the words are `index_words`. Cutting does not depend on anything
fitted, so a rebuild remembers each corpus text's cut (`corpus_segments`) and cuts only
texts it has not seen.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from index.language.lemma_table import INDEX_WORD
from index.memo import TextMemo

__all__ = [
    "STOPWORDS",
    "STOPWORDS_EN",
    "STOPWORDS_FI",
    "STOPWORDS_SV",
    "Segments",
    "corpus_segments",
    "index_words",
    "new_corpus_pass",
    "segment_language",
    "sentences",
    "text_segments",
]


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS_FI = _wordset(
    """ja on ei se että tai kun mutta jos hän he me te sinä minä mä sä ne nämä tämä tuo
    se sen sitä siitä siihen siinä sillä niin kuin myös sekä eli vai joka jotka jonka joita
    jossa mikä mitkä mitä missä mistä mihin miten miksi kuka ketkä olla ole olen olet oli
    olivat ovat olisi ollut ollaan ei en et emme ette eivät voi voida voit kanssa mukaan
    vain jo vielä sitten nyt kaikki kaikkia paljon hyvin tässä tästä tähän täällä siellä
    hänen heidän heille hänelle meidän teidän niiden näiden ettei jotta koska kuten
    vaan myöskin noin yli alle ennen jälkeen kautta ilman saa saada onko voiko olisiko
    löytyykö onks"""
)
STOPWORDS_SV = _wordset(
    """och att det som en ett är av för med till på den de inte om har jag du vi ni han hon
    man var vara kan ska eller men från vid så sig sin sina hos där här nu också alla"""
)
STOPWORDS_EN = _wordset(
    """the a an and or of to in on for with is are be was were by at from as it this that
    these those not but if can you we they he she his her their our your i do does how what
    who where when which there here also all about into"""
)
STOPWORDS = STOPWORDS_FI | STOPWORDS_SV | STOPWORDS_EN
# Words belonging to one language only decide a segment's language.
_ONLY = {
    "fi": STOPWORDS_FI - STOPWORDS_SV - STOPWORDS_EN,
    "sv": STOPWORDS_SV - STOPWORDS_FI - STOPWORDS_EN,
    "en": STOPWORDS_EN - STOPWORDS_FI - STOPWORDS_SV,
}

_SEGMENT = re.compile(r"[.!?;:\n\r]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """`text`'s sentences, each with its end mark and its white space collapsed: a service's
    own words read sentence by sentence (what it does not do, what its prices are for)."""
    return _SENTENCE_END.split(" ".join(text.split()))


def index_words(text: str) -> list[str]:
    """The word forms the lexical index is built from: runs of letters (åäö and the rest)
    and digits, so hyphenated words fall apart into their parts; one-letter words dropped.

    Questions are split for language and facet matching by `index.language.detect.words`,
    which keeps hyphenated words whole as well.
    """
    return [w for w in INDEX_WORD.findall(text.lower()) if len(w) > 1 or w.isdigit()]


def segment_language(segment_words: Iterable[str]) -> str:
    """The language a segment of indexed text is normalised in: Swedish or English when
    that language's own stopwords dominate, else Finnish.

    A question's language (for the labels of the answer) is `index.language.detect.detect_language`.
    """
    hits = dict.fromkeys(_ONLY, 0)
    for w in segment_words:
        for lang, only in _ONLY.items():
            if w in only:
                hits[lang] += 1
    best = max(("sv", "en"), key=lambda lang: hits[lang])
    return best if hits[best] > hits["fi"] else "fi"


Segments = tuple[tuple[str, tuple[str, ...]], ...]
"""A text cut for indexing: each segment's language and its index words."""


def text_segments(text: str) -> Segments:
    """`text` cut at sentence and line ends; each segment's language and index words."""
    out = []
    for segment in _SEGMENT.split(text):
        ws = index_words(segment)
        if ws:
            out.append((segment_language(ws), tuple(map(sys.intern, ws))))
    return tuple(out)


# The corpus's cut texts, up to 3 million words (~30 MB): a rebuild cuts only new texts.
_REMEMBERED: TextMemo[str, Segments] = TextMemo(
    3_000_000, lambda _, cut: sum(len(ws) for _, ws in cut)
)


def corpus_segments(text: str) -> Segments:
    """`text_segments` of a corpus text, remembered (questions are cut afresh)."""
    return _REMEMBERED.get(text, lambda t: text_segments(t))


def new_corpus_pass() -> None:
    """A fit starts reading the corpus (see `index.memo`)."""
    _REMEMBERED.new_pass()
