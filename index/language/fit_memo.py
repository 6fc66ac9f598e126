"""The terms of a tokenizer's last fit, so a refit re-tokenises only the texts it must.

A fit's compound splitter and lemmas are corpus statistics. A word's terms are worked out
again only if the new splitter could split it differently: a piece of the word (its
vocabulary count, part lemma, learned prefix) or a stem whose frequency its last split read
(`CompoundSplitter.stems_read`) changed (`CompoundSplitter.changed_since`); its lemmas are
simplemma's, the same in every fit. A text's terms are the concatenation of its words'
terms: a text seen in the last fit none of whose words got different terms has exactly the
terms it had then, and is not tokenised again. Which words changed is known by comparing
the two fits' terms word by word; a text is re-tokenised when one of those words occurs
anywhere in its lowercased text (a superset of the texts that hold it as an index word).
So a one-file edit works out the terms of its new words (and of words a moved count may
split anew) and tokenises its texts, and the result equals a fit from nothing.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TypeVar

from index.language.compound import CompoundSplitter
from index.language.segments import Segments, text_segments

__all__ = ["WordTerms", "fit_terms", "word_counts"]

Pair = tuple[str, str]  # (word, segment language)
WordTerms = tuple[tuple[str, ...], tuple[tuple[Pair, str], ...]]  # terms, lemmas it looked up
MAX_TOKENS = 5_000_000  # a corpus larger than this (~60 MB of terms) is not remembered
MAX_CHANGED = 200  # more words with new terms than this: every text is tokenised again
MAX_PIECES = 5_000  # more changed pieces than this: every word's terms worked out again


@dataclass
class _LastFit:
    splitter: CompoundSplitter | None
    words: dict[Pair, tuple[WordTerms, frozenset[str]]] = field(default_factory=dict)  # stems
    texts: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # lowercased, terms


_LAST: dict[str, _LastFit] = {}  # by tokenizer name
_COUNTS: dict[str, tuple[Counter[str], Counter[str]]] = {}  # by name: texts counted, words
_PAIRS: dict[str, tuple[Counter[str], Counter[Pair]]] = {}  # … and (word, language) pairs
K = TypeVar("K", str, Pair)
_LOCK = threading.Lock()


def word_counts(name: str, texts: Sequence[str], cut: Sequence[Segments]) -> Counter[str]:
    """How often each word occurs in the corpus (`cut`: the texts' segments): the last
    fit's counts, less the words of the texts that left, plus those of the new texts. The
    caller's own copy; keys with a count of 0 are dropped, as a count from nothing has none."""
    return _recount(_COUNTS, name, texts, cut, _words)


def _words(segments: Segments) -> Iterator[str]:
    return (w for _, ws in segments for w in ws)


def _pairs(segments: Segments) -> Iterator[Pair]:
    return ((w, lang) for lang, ws in segments for w in ws)


def _recount(
    memo: dict[str, tuple[Counter[str], Counter[K]]],
    name: str,
    texts: Sequence[str],
    cut: Sequence[Segments],
    keys: Callable[[Segments], Iterator[K]],
) -> Counter[K]:
    """The corpus's counts of `keys` (words, or word and language), from the last fit's."""
    now = Counter(texts)
    with _LOCK:
        last = memo.pop(name, None)
    if last is None:
        counts: Counter[K] = Counter(chain.from_iterable(keys(t) for t in cut))
    else:
        counts = last[1].copy()
        segments = dict(zip(texts, cut, strict=True))
        for text, n in (now - last[0]).items():
            for k in keys(segments[text]):
                counts[k] += n
        for text, n in (last[0] - now).items():
            for k in keys(text_segments(text)):
                counts[k] -= n
        for k in [k for k, c in counts.items() if c <= 0]:
            del counts[k]
    if counts.total() <= MAX_TOKENS:
        with _LOCK:
            memo[name] = (now, counts)
    return counts.copy()


def fit_terms(
    name: str,
    texts: Sequence[str],
    cut: Sequence[Segments],
    word_terms: Callable[[str, str], WordTerms],
    splitter: CompoundSplitter | None,
) -> tuple[list[list[str]], dict[Pair, str]]:
    """Each text's terms and every lemma the corpus looked up (the fit's `seen`), as a
    fit from nothing gives them; `word_terms` works out one word's with the new fit, whose
    `splitter` (None: no compounds) is recording what its splits read."""
    by_lang: dict[str, set[str]] = {}
    for w, lang in _recount(_PAIRS, name, texts, cut, _pairs):  # a refit counts only new texts
        by_lang.setdefault(lang, set()).add(w)
    with _LOCK:
        last = _LAST.pop(name, None)
    reuse = _reusable(last, splitter)
    words: dict[Pair, tuple[WordTerms, frozenset[str]]] = {}
    for lang, forms in by_lang.items():
        for w in forms:
            kept = reuse(w, lang)
            if kept is None:
                found = word_terms(w, lang)
                kept = (found, splitter.stems_read(w) if splitter is not None else frozenset())
            words[w, lang] = kept
    seen = {pair: lem for (_, looked_up), _ in words.values() for pair, lem in looked_up}
    changed: set[str] | None = None
    if last is not None:
        changed = {w for (w, lang), wt in words.items() if last.words.get((w, lang)) != wt}
        if len(changed) > MAX_CHANGED:
            changed = None
    out: list[list[str]] = []
    remembered: dict[str, tuple[str, list[str]]] = {}
    for text, segments in zip(texts, cut, strict=True):
        before = last.texts.get(text) if last is not None and changed is not None else None
        if before is not None and changed is not None and not any(w in before[0] for w in changed):
            out.append(before[1])
            remembered[text] = before
            continue
        terms: list[str] = []
        for lang, ws in segments:
            for w in ws:
                terms.extend(words[w, lang][0][0])
        out.append(terms)
        remembered[text] = (text.lower(), terms)
    if sum(map(len, out)) <= MAX_TOKENS:
        with _LOCK:
            _LAST[name] = _LastFit(splitter, words, remembered)
    return out, seen


def _reusable(
    last: _LastFit | None, splitter: CompoundSplitter | None
) -> Callable[[str, str], tuple[WordTerms, frozenset[str]] | None]:
    """A word's terms from the last fit when the new one can't give it others, else None."""
    if last is None or (last.splitter is None) != (splitter is None):
        return lambda w, lang: None
    words = last.words
    if splitter is None or last.splitter is None:  # no compounds: lemmas alone
        return lambda w, lang: words.get((w, lang))
    pieces, stems = splitter.changed_since(last.splitter)
    if len(pieces) > MAX_PIECES:
        return lambda w, lang: None
    inside = re.compile("|".join(map(re.escape, sorted(pieces)))) if pieces else None

    def reuse(w: str, lang: str) -> tuple[WordTerms, frozenset[str]] | None:
        kept = words.get((w, lang))
        if kept is None or kept[1] & stems or (inside is not None and inside.search(w)):
            return None
        return kept

    return reuse
