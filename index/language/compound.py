"""Compound splitting against the corpus's own vocabulary.

Finnish writes compounds as one word ("vertaistukiryhmä" = vertais + tuki +
ryhmä), so a search for "vertaisryhmä" shares no whole word with it. The
splitter knows the words of the corpus, their lemmas, the compound forms of
-inen words (vertainen → vertais-) and prefixes that stand before several known
words; it splits a long word into the fewest known parts, preferring frequent
parts. The last part may be inflected ("ryhmään"), matched by its Snowball stem.
Stdlib only, state is JSON: the saved index rebuilds the same splitter.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

MIN_WORD = 7  # shorter words are never split
MIN_PART = 4
# real words shorter than MIN_PART that often stand in compounds (ruoka-apu, yötyö, ikäryhmä)
SHORT_PARTS = frozenset(
    ("apu", "työ", "ikä", "ilo", "uni", "tie", "maa", "yö", "elo", "suu", "pää", "ala", "osa")
)

MIN_PREFIX = 5  # a learned prefix is at least this long
# -isuus nouns (turvallisuus, kokonaisuus) are derivations, not -is + uusi ("new")
_NOT_PARTS = ("uu", "yy")

Normaliser = Callable[[str], str]


class CompoundSplitter:
    def __init__(
        self,
        vocab: Mapping[str, int],
        part_lemmas: Mapping[str, str],
        learned: frozenset[str],
        stem: Normaliser,
    ) -> None:
        self.vocab = dict(vocab)
        self.part_lemmas = dict(part_lemmas)  # compound form → lemma, e.g. vertais → vertainen
        self.learned = learned  # prefixes only ever seen inside compounds
        self._stem = stem
        stem_freq: dict[str, int] = defaultdict(int)
        for w, c in self.vocab.items():
            s = stem(w)
            if len(s) >= MIN_PART:
                stem_freq[s] += c
        self._stem_freq = dict(stem_freq)
        self.split = lru_cache(maxsize=100_000)(self._split)
        self.parts = lru_cache(maxsize=100_000)(self._parts)
        # while fitting: each split word → the stems whose frequency its split read
        self.recording: dict[str, frozenset[str]] | None = None
        self._read: list[str] = []

    @classmethod
    def fit(
        cls,
        counts: Mapping[str, int],
        lemma: Normaliser,
        stem: Normaliser,
        exclude: frozenset[str] = frozenset(),
    ) -> CompoundSplitter:
        """Vocabulary from corpus word counts; `exclude` (stopwords) never become parts."""
        vocab: dict[str, int] = {
            w: c
            for w, c in counts.items()
            if w.isalpha() and (len(w) >= 3 or w in SHORT_PARTS) and w not in exclude
        }
        for w, c in list(vocab.items()):
            lem = lemma(w)
            if lem != w and lem.isalpha() and len(lem) >= 3 and lem not in exclude:
                vocab[lem] = vocab.get(lem, 0) + c
        # -inen words stand in compounds as -is: vertainen → vertais(tuki), omainen → omais
        part_lemmas: dict[str, str] = {}
        for w in list(vocab):
            if w.endswith("inen") and len(w) >= 7:
                form = w[:-3] + "s"
                part_lemmas[form] = w
                vocab[form] = vocab.get(form, 0) + vocab[w]
        learned = _learn_prefixes(vocab, stem, exclude)
        for x, n in learned.items():
            vocab[x] = n
        return cls(vocab, part_lemmas, frozenset(learned), stem)

    def part_lemma(self, part: str) -> str | None:
        """The lemma of a compound-only form (vertais → vertainen; a learned prefix: itself)."""
        if part in self.part_lemmas:
            return self.part_lemmas[part]
        return part if part in self.learned else None

    def _freq(self, part: str, final: bool) -> int:
        """Corpus frequency of a usable part, 0 when it is not one."""
        if (len(part) < MIN_PART and part not in SHORT_PARTS) or part.startswith(_NOT_PARTS):
            return 0
        freq = self.vocab.get(part, 0)
        if freq or not final or len(part) < MIN_PART:
            return freq
        stem = self._stem(part)
        self._read.append(stem)
        return self._stem_freq.get(stem, 0)

    def _parts(self, word: str) -> tuple[str, ...]:
        """Every part, nested ones too: vertaistuki|ryhmä → vertaistuki, vertais, tuki, ryhmä."""
        out: list[str] = []
        for part in self.split(word):
            for p in (part, *self.parts(part)):
                if p not in out:
                    out.append(p)
        return tuple(out)

    def _split(self, word: str) -> tuple[str, ...]:
        """The parts of `word` (at least two), or () when it is not a known compound."""
        n = len(word)
        if n < MIN_WORD:
            return ()
        # best[i]: (number of parts, -sum of log frequencies, parts) for word[:i]
        best: list[tuple[int, float, tuple[str, ...]] | None] = [None] * (n + 1)
        best[0] = (0, 0.0, ())
        for end in range(1, n + 1):
            final = end == n
            for start in range(end):
                prev = best[start]
                if prev is None or (final and start == 0):
                    continue
                freq = self._freq(word[start:end], final)
                if freq:
                    cand = (prev[0] + 1, prev[1] - math.log(freq + 1), (*prev[2], word[start:end]))
                    cur = best[end]
                    if cur is None or _better(cand, cur):
                        best[end] = cand
        result = best[n]
        if self.recording is not None:
            self.recording[word] = frozenset(self._read)
        self._read = []
        return result[2] if result is not None else ()

    def stems_read(self, word: str) -> frozenset[str]:
        """The stems whose frequency `parts(word)` read: its split's and its parts' (nested),
        as recorded while `recording`. Every other lookup reads a piece of `word`."""
        assert self.recording is not None
        out = set(self.recording.get(word, ()))
        for part in self.split(word):
            out |= self.stems_read(part)
        return frozenset(out)

    def changed_since(self, old: CompoundSplitter) -> tuple[set[str], set[str]]:
        """What a split reads differently here than in `old`: pieces (vocabulary counts,
        part lemmas, learned prefixes) and stems (their frequencies)."""

        def moved(a: Mapping[str, object], b: Mapping[str, object]) -> set[str]:
            return {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}

        pieces = moved(self.vocab, old.vocab) | moved(self.part_lemmas, old.part_lemmas)
        return pieces | (self.learned ^ old.learned), moved(self._stem_freq, old._stem_freq)

    def to_json(self) -> dict[str, Any]:
        return {
            "words": dict(sorted(self.vocab.items())),
            "part_lemmas": dict(sorted(self.part_lemmas.items())),
            "learned": sorted(self.learned),
        }

    @classmethod
    def from_json(cls, state: Mapping[str, Any], stem: Normaliser) -> CompoundSplitter:
        """Inverse of `to_json`; ValueError when the state is malformed."""
        words, lemmas, learned = state.get("words"), state.get("part_lemmas"), state.get("learned")
        if not (isinstance(words, dict) and isinstance(lemmas, dict) and isinstance(learned, list)):
            raise ValueError("compound splitter state is malformed")
        if not all(isinstance(c, int) for c in words.values()):
            raise ValueError("compound splitter word counts must be integers")
        return cls(words, {str(k): str(v) for k, v in lemmas.items()}, frozenset(learned), stem)


def _better(a: tuple[int, float, tuple[str, ...]], b: tuple[int, float, tuple[str, ...]]) -> bool:
    """Fewer parts first, then more frequent parts on average."""
    if a[0] != b[0]:
        return a[0] < b[0]
    return a[1] / a[0] < b[1] / b[0]


def _learn_prefixes(
    vocab: Mapping[str, int], stem: Normaliser, exclude: frozenset[str]
) -> dict[str, int]:
    """Prefixes (never words themselves) seen before at least two different known words.

    A prefix that is a known word minus a short ending ("kerav" + a) is a cut
    stem, not a compound part, and is left out.
    """
    followers: dict[str, set[str]] = defaultdict(set)
    for w in vocab:
        for i in range(MIN_PREFIX, len(w) - MIN_PART + 1):
            rest = w[i:]
            if rest in vocab and rest not in exclude and not rest.startswith(_NOT_PARTS):
                followers[w[:i]].add(stem(rest))
    cut = {w[:-1] for w in vocab} | {w[:-2] for w in vocab}
    return {
        x: len(stems)
        for x, stems in followers.items()
        if len(stems) >= 2 and x not in vocab and x not in exclude and x not in cut
    }
