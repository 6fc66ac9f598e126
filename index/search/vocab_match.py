"""Target-group and theme hints from the vocabulary's labels and synonyms.

"leski", "eläkeläinen", "velat" are how staff name a need; the vocabulary lists
those words as synonyms. Matching them on stems gives hints that boost services
tagged with the same values and explain why a service fits.
"""

from __future__ import annotations

from dataclasses import dataclass
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


PREFIX_MIN = 5  # a stem this long may be a compound's first part ("velka" in "velkaneuvonta")


@dataclass(frozen=True)
class QuestionStems:
    """A question's words, indexed once so each term is checked in time independent of the
    question's length: every stem of every word, and every word's prefixes that are as
    long as a term's stem can be (a compound's first part)."""

    stems: frozenset[str]
    prefixes: frozenset[str]

    @classmethod
    def of(cls, tokens: list[str], longest_stem: int) -> QuestionStems:
        all_stems: set[str] = set()
        prefixes: set[str] = set()
        for tok in tokens:
            all_stems |= stems(tok)
            prefixes.update(tok[:n] for n in range(PREFIX_MIN, min(len(tok), longest_stem) + 1))
        return cls(frozenset(all_stems), frozenset(prefixes))


def _term_matches(term_stems: list[frozenset[str]], question: QuestionStems) -> bool:
    """Every word of the term appears in the question, as a stem or as a compound's first part."""
    return all(
        not ts.isdisjoint(question.stems)
        or any(len(s) >= PREFIX_MIN and s in question.prefixes for s in ts)
        for ts in term_stems
    )


class VocabMatcher:
    """Precomputed stems of every label and synonym of target groups and themes."""

    def __init__(self, vocab: Vocabularies):
        self._terms: dict[str, list[tuple[str, list[frozenset[str]]]]] = {}
        self._longest = 0  # the longest stem of any term: how long a prefix can matter
        for kind in ("target_groups", "themes"):
            entries = []
            for vid, entry in vocab.by_kind(kind).items():
                for term in (*entry.labels.values(), *entry.synonyms):
                    term_stems = [stems(w) for w in words(term) if len(w) >= 3]
                    if term_stems:
                        entries.append((vid, term_stems))
                        longest = max(len(s) for ts in term_stems for s in ts)
                        self._longest = max(self._longest, longest)
            self._terms[kind] = entries

    def match(self, tokens: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        toks = [t for t in tokens if len(t) >= 3]
        question = QuestionStems.of(toks, self._longest)
        out: list[tuple[str, ...]] = []
        for kind in ("target_groups", "themes"):
            found: list[str] = []
            for vid, term in self._terms[kind]:
                if vid not in found and _term_matches(term, question):
                    found.append(vid)
            out.append(tuple(found))
        return out[0], out[1]
