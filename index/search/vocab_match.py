"""Target-group and theme hints from the vocabulary's labels and synonyms.

"leski", "eläkeläinen", "velat" are how staff name a need; the vocabulary lists
those words as synonyms. Matching them on stems gives hints that boost services
tagged with the same values and explain why a service fits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from index.knowledge.model import Vocabularies
from index.language.detect import words
from index.language.figurative import literal
from index.language.signs import signs_of

_STEMMERS = {
    lang: Stemmer.Stemmer(name)
    for lang, name in (("fi", "finnish"), ("sv", "swedish"), ("en", "english"))
}


@lru_cache(maxsize=50_000)
def stems(word: str) -> frozenset[str]:
    """The word's stems under the Finnish, Swedish and English stemmers."""
    return frozenset(s.stemWord(word) for s in _STEMMERS.values())


Lemmatize = Callable[[str], list[str]]


def _base(lemmatize: Lemmatize, word: str) -> str:
    found = lemmatize(word)
    return found[0] if found else word


PREFIX_MIN = 5  # a stem this long may be a compound's first part ("velka" in "velkaneuvonta")
_FI = _STEMMERS["fi"]


def _inflected_stems(word: str) -> frozenset[str]:
    """Stems of a Finnish noun's inflected forms where the stemmer's stem of the base form
    differs: "masennus" → "masennuks" (masennuksen, masennuksesta), "yksinäisyys" →
    "yksinäisyyd" (yksinäisyydestä), "jaksaminen" → "jaksamis" (jaksamisesta). The Snowball
    stemmer leaves these endings' consonant change alone, so a vocabulary synonym in the base
    form never met the same word inflected in a case description. A synonym in the plural,
    "eläkeläiset", "ikäihmiset", stands for its singular too: "eläkeläinen rouva"."""
    back = any(v in word for v in "aou")  # vowel harmony: -ta/-sta or -tä/-stä
    ta, sta = ("ta", "sta") if back else ("tä", "stä")
    if word.endswith("iset") and len(word) > 7:  # eläkeläiset: eläkeläinen, ikäihmiset: -minen
        forms = [word[:-3] + "nen"]
    elif word.endswith(("uus", "yys")):  # riippuvuus: riippuvuuden, riippuvuutta
        forms = [word[:-1] + "den", word[:-1] + "t" + ta]
    elif word.endswith(("us", "ys", "os", "ös")):  # masennus: masennuksen, masennusta
        forms = [word[:-1] + "ksen", word + ta]
    elif word.endswith("nen"):  # jaksaminen: jaksamisen, jaksamista
        forms = [word[:-3] + "sen", word[:-3] + sta]
    else:
        return frozenset()
    # a partitive can strip to a stem another word shares ("omaista" → "oma", as "omaa")
    return frozenset(st for f in forms if len(st := _FI.stemWord(f)) >= PREFIX_MIN)


def vocab_stems(word: str) -> frozenset[str]:
    """A vocabulary word's stems: its own, and its inflected forms' where they differ."""
    return stems(word) | _inflected_stems(word)


@dataclass(frozen=True)
class QuestionStems:
    """A question's words, indexed once so each term is checked in time independent of the
    question's length: every stem of every word, and every word's prefixes that are as
    long as a term's stem can be (a compound's first part)."""

    stems: frozenset[str]
    prefixes: frozenset[str]
    lemmas: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls, tokens: list[str], longest_stem: int, lemmatize: Lemmatize | None = None
    ) -> QuestionStems:
        all_stems: set[str] = set()
        prefixes: set[str] = set()
        lemmas: set[str] = set()
        for tok in tokens:
            all_stems |= stems(tok)
            prefixes.update(tok[:n] for n in range(PREFIX_MIN, min(len(tok), longest_stem) + 1))
            if lemmatize is not None:  # with a compound's parts: "etuus" of "etuushakemus"
                lemmas.update(lemmatize(tok))
        return cls(frozenset(all_stems), frozenset(prefixes), frozenset(lemmas))


def _term_matches(
    term_stems: list[frozenset[str]], question: QuestionStems, lemmas: tuple[str, ...] = ()
) -> bool:
    """Every word of the term appears in the question, as a stem, as a compound's first part
    or by its base form when the question's were read ("velat" in "velka-asioissa": the
    stemmer misses the consonant gradation the lemmatiser knows)."""
    return all(
        not ts.isdisjoint(question.stems)
        or any(len(s) >= PREFIX_MIN and s in question.prefixes for s in ts)
        or (n < len(lemmas) and lemmas[n] in question.lemmas)
        for n, ts in enumerate(term_stems)
    )


class VocabMatcher:
    """Precomputed stems (and base forms) of every label and synonym of target groups and
    themes. `lemmatize`: the index's tokenizer, a word's base form first, then its parts."""

    def __init__(self, vocab: Vocabularies, lemmatize: Lemmatize | None = None):
        self._lemmatize = lemmatize
        self._terms: dict[str, list[tuple[str, list[frozenset[str]], tuple[str, ...]]]] = {}
        # A term can match only if its first word does: the terms by their first word's stems
        # and base form, so a question checks only those (the same answers, a tenth the work).
        self._by_first: dict[str, dict[str, list[int]]] = {}
        self._longest = 0  # the longest stem of any term: how long a prefix can matter
        for kind in ("target_groups", "themes"):
            entries: list[tuple[str, list[frozenset[str]], tuple[str, ...]]] = []
            by_first: dict[str, list[int]] = {}
            for vid, entry in vocab.by_kind(kind).items():
                for term in (*entry.labels.values(), *entry.synonyms):
                    term_words = [w for w in words(term) if len(w) >= 3]
                    term_stems = [vocab_stems(w) for w in term_words]
                    lemmas = tuple(_base(lemmatize, w) for w in term_words) if lemmatize else ()
                    if term_stems:
                        for key in {*term_stems[0], *lemmas[:1]}:
                            by_first.setdefault(key, []).append(len(entries))
                        entries.append((vid, term_stems, lemmas))
                        longest = max(len(s) for ts in term_stems for s in ts)
                        self._longest = max(self._longest, longest)
            self._terms[kind] = entries
            self._by_first[kind] = by_first

    def match(
        self, tokens: list[str], *, by_base_form: bool = False
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The target groups and themes the words name, by stems (the hints the ranker was
        trained on) or also by base forms (`by_base_form`, see `names_need`)."""
        toks = [t for t in tokens if len(t) >= 3]
        lemmatize = self._lemmatize if by_base_form else None
        question = QuestionStems.of(toks, self._longest, lemmatize)
        keys = question.stems | question.prefixes | question.lemmas
        out: list[tuple[str, ...]] = []
        for kind in ("target_groups", "themes"):
            entries, by_first = self._terms[kind], self._by_first[kind]
            near = sorted({n for k in keys & by_first.keys() for n in by_first[k]})
            found: list[str] = []
            for vid, term, lemmas in (entries[n] for n in near):
                if vid not in found and _term_matches(term, question, lemmas):
                    found.append(vid)
            out.append(tuple(found))
        return out[0], out[1]

    def needs(self, text: str) -> tuple[set[str], set[str]]:
        """The target groups and themes a text names, by stems or by their everyday signs
        (index/language/signs.yaml); need words used in another sense name none."""
        groups, themes = self.match(words(literal(text)))
        sign_groups, sign_themes = signs_of(text)
        return {*groups, *sign_groups}, {*themes, *sign_themes}

    def names_need(self, tokens: list[str]) -> bool:
        """Do the words name any target group or theme, also in forms the stemmer misses
        ("velka-asioissa", "omaishoitajilta")? Says whether a weakly worded question is on
        topic at all; as ranking hints these forms measured worse (docs/evaluation.md)."""
        groups, themes = self.match(tokens, by_base_form=True)
        return bool(groups or themes)
