"""Finnish-aware tokenisation for the lexical (BM25) index.

Finnish inflects and compounds heavily: "vertaistukiryhmään" must meet
"vertaisryhmä" and "vertaistuki" somewhere. The variants, measured later:

    plain            lowercase word forms
    lemma            simplemma lemmas (fi first, then sv, en)
    stem             Snowball stems (finnish / swedish / english)
    <base>+compound  also emit the parts of compounds, split against the corpus vocabulary

Text is cut into segments (lines, sentences); a segment whose stopwords are
mostly Swedish or English is normalised as that language, anything else as
Finnish. A fitted tokenizer's state is plain JSON so a saved index can rebuild it;
a fitted lemma tokenizer carries its corpus's slice of the lemma dictionaries
(`index.language.lemma_table`), so a loaded index never needs simplemma's ~460 MB.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from index.language.compound import CompoundSplitter
from index.language.dictionary_forms import dictionaries
from index.language.fit_memo import WordTerms, fit_terms, word_counts
from index.language.lemma_memo import lemma_table
from index.language.lemma_table import LANG_ORDER, LemmaTable, fix_tail
from index.language.segments import (
    STOPWORDS,
    Segments,
    corpus_segments,
    new_corpus_pass,
    text_segments,
)

FORMAT = 2  # 2: lemma tokenizers carry their lemma table
BASES = ("plain", "lemma", "stem")
TOKENIZER_NAMES = (*BASES, *(f"{b}+compound" for b in BASES))


_SNOWBALL = {"fi": "finnish", "sv": "swedish", "en": "english"}


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str = "fi") -> str:
    """simplemma lemma, preferring `lang` and falling back to the other two."""
    if word.isdigit():
        return word
    import simplemma

    lem = str(simplemma.lemmatize(word, lang=LANG_ORDER[lang])).lower()
    return fix_tail(word, lem, lang)


_STEMMERS: dict[str, Any] = {}
_STEM_LOCK = threading.Lock()  # PyStemmer objects are not thread-safe


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str = "fi") -> str:
    """Snowball stem in `lang`."""
    if word.isdigit():
        return word
    with _STEM_LOCK:
        stemmer = _STEMMERS.get(lang)
        if stemmer is None:
            import Stemmer

            stemmer = _STEMMERS[lang] = Stemmer.Stemmer(_SNOWBALL[lang])
        return str(stemmer.stemWord(word))


def _plain(word: str, lang: str = "fi") -> str:
    return word


def _fi_lemma(word: str) -> str:
    return lemma(word, "fi")


def _fi_stem(word: str) -> str:
    return stem(word, "fi")


_NORMALISERS: dict[str, Callable[[str, str], str]] = {"plain": _plain, "lemma": lemma, "stem": stem}


class Tokenizer(Protocol):
    """Turns text into BM25 terms; the same object tokenises documents and queries."""

    @property
    def name(self) -> str: ...

    def fit(self, corpus_texts: Iterable[str], cache_dir: Path | None = None) -> None: ...

    def fit_transform(
        self, corpus_texts: Iterable[str], cache_dir: Path | None = None
    ) -> list[list[str]]: ...

    def tokenize(self, text: str) -> list[str]: ...

    def to_json(self) -> dict[str, Any]: ...


class WordTokenizer:
    """Base normalisation (plain / lemma / stem), optionally plus compound parts."""

    def __init__(self, base: str, compound: bool = False) -> None:
        if base not in _NORMALISERS:
            raise ValueError(f"unknown tokenizer base {base!r}")
        self.base = base
        self.compound = compound
        self.name = f"{base}+compound" if compound else base
        self._normalise = _NORMALISERS[base]
        self.splitter: CompoundSplitter | None = None
        self.lemmas: LemmaTable | None = None
        self._terms = lru_cache(maxsize=200_000)(self._word_terms)

    def fit(self, corpus_texts: Iterable[str], cache_dir: Path | None = None) -> None:
        """Learn the compound vocabulary and, for lemmas, the corpus's lemma table.

        simplemma's dictionaries are consulted through `dictionary_forms`, which
        remembers each answer in the process and keeps the corpus-independent
        inversion in `cache_dir` (see `index.language.lexicon_store`).
        """
        self._fit(list(corpus_texts), cache_dir)

    def fit_transform(
        self, corpus_texts: Iterable[str], cache_dir: Path | None = None
    ) -> list[list[str]]:
        """`fit`, then the terms of each of `corpus_texts`, as `tokenize` gives them.

        A lemma tokenizer returns the terms of its fitting pass: the fitted table
        gives every corpus word the lemma that pass gave it (its corpus part sees
        to that), so the corpus is tokenised once, not twice.
        """
        texts = list(corpus_texts)
        terms = self._fit(texts, cache_dir)
        return terms if terms is not None else [self.tokenize(t) for t in texts]

    def _fit(self, texts: list[str], cache_dir: Path | None) -> list[list[str]] | None:
        new_corpus_pass()
        cut = [corpus_segments(t) for t in texts]  # a rebuild's texts recur
        if self.compound:
            counts = word_counts(self.name, texts, cut)  # a refit counts only new texts
            for w in STOPWORDS & counts.keys():
                del counts[w]
            self._set_splitter(CompoundSplitter.fit(counts, _fi_lemma, _fi_stem, STOPWORDS))
        if self.base != "lemma":
            return None
        self._set_lemmas(None)
        looked_up: dict[tuple[str, str], str] = {}

        def record(word: str, lang: str = "fi") -> str:
            looked_up[word, lang] = out = lemma(word, lang)
            return out

        def word_terms(word: str, lang: str) -> WordTerms:
            looked_up.clear()
            return self._word_terms(word, lang), tuple(looked_up.items())

        self._normalise = record  # every word and compound part the corpus lemmatises
        if self.splitter is not None:  # what each split reads: a refit reuses unmoved words
            self.splitter.recording = {}
        terms, seen = fit_terms(self.name, texts, cut, word_terms, self.splitter)
        if self.splitter is not None:
            self.splitter.recording = None
        self._set_lemmas(lemma_table(seen, STOPWORDS, dictionaries(cache_dir)))
        return terms

    def _set_splitter(self, splitter: CompoundSplitter) -> None:
        self.splitter = splitter
        self._terms.cache_clear()

    def _set_lemmas(self, table: LemmaTable | None) -> None:
        """With a table, lemmas come from it alone (simplemma is never loaded)."""
        self.lemmas = table
        self._normalise = table.lemma if table is not None else _NORMALISERS[self.base]
        self._terms.cache_clear()

    def _part_term(self, part: str, lang: str) -> str:
        assert self.splitter is not None
        if self.base == "lemma":
            known = self.splitter.part_lemma(part)
            if known is not None:
                return known
        return self._normalise(part, lang)

    def _word_terms(self, word: str, lang: str) -> tuple[str, ...]:
        term = self._normalise(word, lang)
        if word in STOPWORDS or term in STOPWORDS:
            return ()
        if not self.compound:
            return (term,)
        if self.splitter is None:
            raise ValueError(f"tokenizer {self.name!r} must be fitted before use")
        out = [term]
        for part in self.splitter.parts(word):
            t = self._part_term(part, lang)
            if t not in out and t not in STOPWORDS:
                out.append(t)
        return tuple(out)

    def tokenize(self, text: str, segments: Segments | None = None) -> list[str]:
        out: list[str] = []
        for lang, ws in segments if segments is not None else text_segments(text):
            for w in ws:
                out.extend(self._terms(w, lang))
        return out

    def to_json(self) -> dict[str, Any]:
        state: dict[str, Any] = {"format": FORMAT, "name": self.name}
        if self.splitter is not None:
            state["compound"] = self.splitter.to_json()
        if self.lemmas is not None:
            state["lemmas"] = self.lemmas.to_json()
        return state


def make_tokenizer(name: str) -> WordTokenizer:
    """A fresh tokenizer by name (see TOKENIZER_NAMES); compound ones need `fit`."""
    base, _, suffix = name.partition("+")
    if base not in BASES or suffix not in ("", "compound"):
        raise ValueError(f"unknown tokenizer {name!r} (known: {', '.join(TOKENIZER_NAMES)})")
    return WordTokenizer(base, compound=bool(suffix))


def tokenizer_from_json(state: dict[str, Any]) -> WordTokenizer:
    """Rebuild a fitted tokenizer from `to_json()` output; ValueError if it doesn't fit."""
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ValueError(f"unsupported tokenizer state format: {state.get('format')!r}")
    tok = make_tokenizer(str(state.get("name")))
    if tok.compound:
        comp = state.get("compound")
        if not isinstance(comp, dict):
            raise ValueError("compound tokenizer state lacks its vocabulary")
        tok._set_splitter(CompoundSplitter.from_json(comp, _fi_stem))
    lemmas = state.get("lemmas")
    if lemmas is not None:
        if tok.base != "lemma" or not isinstance(lemmas, dict):
            raise ValueError(f"tokenizer {tok.name!r} state has a malformed lemma table")
        tok._set_lemmas(LemmaTable.from_json(lemmas))
    return tok
