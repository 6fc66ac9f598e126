"""Target-group and theme hints from the vocabulary's labels and synonyms.

"leski", "eläkeläinen", "velat" are how staff name a need; the vocabulary lists
those words as synonyms. Matching them on stems gives hints that boost services
tagged with the same values and explain why a service fits.
"""

from __future__ import annotations

from functools import lru_cache

import Stemmer

from index.knowledge.model import Vocabularies
from index.language.detect import words

_STEMMERS = {
    lang: Stemmer.Stemmer(name)
    for lang, name in (("fi", "finnish"), ("sv", "swedish"), ("en", "english"))
}


@lru_cache(maxsize=50_000)
def stems(word: str) -> frozenset[str]:
    """The word's stems under the Finnish, Swedish and English stemmers."""
    return frozenset(s.stemWord(word) for s in _STEMMERS.values())


def _term_matches(
    term_stems: list[frozenset[str]], q_stems: list[frozenset[str]], qtoks: list[str]
) -> bool:
    """Every word of the term appears in the question, as a stem or as a compound's first part."""
    for ts in term_stems:
        found = False
        for qs, qt in zip(q_stems, qtoks, strict=True):
            if ts & qs or any(len(s) >= 5 and qt.startswith(s) for s in ts):
                found = True
                break
        if not found:
            return False
    return True


class VocabMatcher:
    """Precomputed stems of every label and synonym of target groups and themes."""

    def __init__(self, vocab: Vocabularies):
        self._terms: dict[str, list[tuple[str, list[frozenset[str]]]]] = {}
        for kind in ("target_groups", "themes"):
            entries = []
            for vid, entry in vocab.by_kind(kind).items():
                for term in (*entry.labels.values(), *entry.synonyms):
                    ws = [w for w in words(term) if len(w) >= 3]
                    if ws:
                        entries.append((vid, [stems(w) for w in ws]))
            self._terms[kind] = entries

    def match(self, tokens: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        toks = [t for t in tokens if len(t) >= 3]
        q_stems = [stems(t) for t in toks]
        out: list[tuple[str, ...]] = []
        for kind in ("target_groups", "themes"):
            found: list[str] = []
            for vid, term in self._terms[kind]:
                if vid not in found and _term_matches(term, q_stems, toks):
                    found.append(vid)
            out.append(tuple(found))
        return out[0], out[1]
