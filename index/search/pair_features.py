"""Features of one (question, candidate service) pair for the second-stage ranker.

Every feature is general — no word lists: how the first stage ranked the pair
(fused score and rank, dense cosine, BM25), how much of the question's rare
vocabulary the service's text holds, and whether the needs the question implies
agree with the service's own tags. The needs are inferred by comparing the
question with the knowledge's vocabularies (target groups and themes, with their
fi/sv/en labels and synonyms), embedded once when the searcher starts; the
facets stated in the question add
hints.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from index.knowledge.model import Service, Vocabularies
from index.language.tokens import Tokenizer
from index.search.documents import Document
from index.search.embcache import EmbeddingCache, embed_texts
from index.search.embedder import Embedder
from index.search.facets import Filters
from index.search.lexical import LexicalIndex

FEATURES = (
    "fused",  # first-stage fused score, 0..1
    "inv_rank",  # 1 / fused rank
    "dense",  # cosine question–passage
    "dense_gap",  # cosine minus the best candidate's
    "bm25",  # BM25 score / the best candidate's
    "coverage",  # share of the question's IDF mass in this passage
    "group_sim",  # best inferred target-group need among the service's groups (centred)
    "theme_sim",  # best inferred theme need among the service's themes (centred)
    "group_hint",  # target groups named in the question that the service has
    "theme_hint",  # themes named in the question that the service has
    "implied_hint",  # of those hints, the ones only an everyday sign gave (a need implied)
)
# Features the order shown reads and the fit verdict does not: a need an everyday sign implies
# is a guess about what the client needs, good for putting a service of that need higher,
# not evidence that the best service fits ("masentunut" lifts peer groups for depression; it
# must not make a cancer patients' phone line an exact fit for a remote wish).
ORDER_ONLY = ("implied_hint",)
# Facet agreement flags (municipality, language, age, remote) were measured and dropped:
# CV nDCG@5 0.673 with them, 0.681 without (facets already filter and boost the pool).


def vocab_texts(vocab: Vocabularies, kind: str) -> tuple[list[str], list[str]]:
    """Ids and one passage per vocabulary entry: labels in every language and synonyms."""
    ids, texts = [], []
    for vid, entry in vocab.by_kind(kind).items():
        ids.append(vid)
        texts.append(", ".join([*entry.labels.values(), *entry.synonyms]))
    return ids, texts


class NeedSpace:
    """The vocabularies' target groups and themes as vectors, to read needs off a question."""

    def __init__(
        self, vocab: Vocabularies, embedder: Embedder, cache: EmbeddingCache | None = None
    ):
        """Entry vectors come from the embedding cache when it has them: a process start or a
        live reload then embeds only vocabulary text it has never seen."""
        self.ids: dict[str, list[str]] = {}
        self.vectors: dict[str, np.ndarray] = {}
        for kind in ("target_groups", "themes"):
            ids, texts = vocab_texts(vocab, kind)
            self.ids[kind] = ids
            self.vectors[kind] = (
                embed_texts(embedder, texts, cache=cache)[0] if texts else np.zeros((0, 1))
            )

    def needs(self, qvec: np.ndarray) -> dict[str, dict[str, float]]:
        """Per kind: entry id → cosine to the question minus the mean over the kind."""
        out: dict[str, dict[str, float]] = {}
        for kind, mat in self.vectors.items():
            if not len(mat):
                out[kind] = {}
                continue
            sims = mat @ qvec
            sims = sims - float(sims.mean())
            out[kind] = {vid: float(s) for vid, s in zip(self.ids[kind], sims, strict=True)}
        return out


class TermStats:
    """Which passages hold which terms, and IDF: how much of a question a passage covers.

    Read from the BM25 index's postings (the same tokens of the same passages), not
    from a second copy of every passage's token set: at 100,000 services those sets
    (with their prefixes) took gigabytes and a minute to build at every start.
    """

    def __init__(self, docs: Sequence[Document], lexical: LexicalIndex, tokenizer: Tokenizer):
        self.tokenizer = tokenizer
        self.lexical = lexical
        self.n = len(docs)
        self.pos = {d.key: i for i, d in enumerate(docs)}
        self._vocab: list[str] | None = None  # sorted, for prefix look-ups; built when needed
        self._docs = docs
        self._title_words: list[str] | None = None  # the services' names' words, sorted
        # a question's terms are looked up for every candidate: keep recent postings at hand
        self._postings = functools.lru_cache(maxsize=4096)(lexical.postings)

    def _has(self, term: str, pos: int) -> bool:
        posting = self._postings(term)
        j = int(posting.searchsorted(pos))
        return j < len(posting) and int(posting[j]) == pos

    def _with_prefix(self, prefix: str) -> Iterator[str]:
        """The corpus terms starting with `prefix` (the sorted vocabulary made once)."""
        if self._vocab is None:
            self._vocab = sorted(self.lexical.terms())
        j = bisect.bisect_left(self._vocab, prefix)
        while j < len(self._vocab) and self._vocab[j].startswith(prefix):
            yield self._vocab[j]
            j += 1

    def _has_prefix(self, prefix: str, pos: int) -> bool:
        return any(self._has(t, pos) for t in self._with_prefix(prefix))

    def known(self, term: str, *, whole: bool = False) -> bool:
        """Does any passage hold the term, as it is or inflected (its stem-like prefix)?

        `whole`: the term is a base form cut from a compound ("ensiapu" of
        "ensiapukurssia"); only its own inflections count, not any word sharing its
        first letters ("ensiaskeleeksi").
        """
        if len(self._postings(term)):
            return True
        p = term[: max(PREFIX_LENGTHS[0], len(term) - 1)] if whole else _prefix(term)
        return len(p) >= PREFIX_LENGTHS[0] and next(self._with_prefix(p), None) is not None

    def titled(self, term: str) -> bool:
        """Does a service's name hold a word starting with the term's stem ("etuus" in
        "Etuus- ja sosiaaliturvaneuvonta")? A compound on such a topic narrows a need the
        knowledge serves ("etuushakemus"), unlike one on a topic it never names ("syömishäiriö")."""
        if self._title_words is None:
            titles = (d.title.lower() for d in self._docs if d.kind == "service")
            self._title_words = sorted({w for t in titles for w in re.findall(r"\w+", t)})
        stem = term[: max(PREFIX_LENGTHS[0], len(term) - 1)]
        at = bisect.bisect_left(self._title_words, stem)
        return at < len(self._title_words) and self._title_words[at].startswith(stem)

    def words_held(self, terms: Iterable[str], key: str) -> frozenset[str]:
        """The terms the passage holds as they are."""
        pos = self.pos.get(key)
        return frozenset() if pos is None else frozenset(t for t in terms if self._has(t, pos))

    def held(self, terms: Sequence[str], key: str) -> frozenset[str]:
        """The terms the passage holds, also inflected: a word missed by the lemmatiser
        ("koiralle", "maksansiirron") matches a passage word sharing its stem-like prefix."""
        pos = self.pos.get(key)
        if pos is None:
            return frozenset()
        found = set()
        for t in terms:
            p = _prefix(t)
            if self._has(t, pos) or (len(p) >= PREFIX_LENGTHS[0] and self._has_prefix(p, pos)):
                found.add(t)
        return frozenset(found)

    def weights(self, question: str) -> dict[str, float]:
        """The question's content terms with their IDF."""
        toks = [
            w
            for w in dict.fromkeys(self.tokenizer.tokenize(question))
            if len(w) > 2 and not w.isdigit()
        ]
        df = {w: len(self._postings(w)) for w in toks}
        return {w: math.log((self.n + 1) / (df[w] + 0.5)) for w in toks}

    def coverage_each(self, weights: dict[str, float], keys: Sequence[str]) -> list[float]:
        """`coverage(weights, [key])` for each key, each term's postings read once."""
        total = sum(weights.values())
        if not total:
            return [0.0] * len(keys)
        pos = np.array([self.pos.get(k, -1) for k in keys], dtype=np.int64)
        held = {}
        for w in weights:
            posting = self._postings(w)
            at = np.minimum(posting.searchsorted(pos), max(0, len(posting) - 1))
            held[w] = (posting[at] == pos) if len(posting) else np.zeros(len(pos), dtype=bool)
        return [sum(v for w, v in weights.items() if held[w][j]) / total for j in range(len(keys))]

    def coverage(self, weights: dict[str, float], keys: Sequence[str]) -> float:
        """Share of the IDF mass found in the union of the given passages."""
        total = sum(weights.values())
        if not total:
            return 0.0
        where = [p for k in keys if (p := self.pos.get(k)) is not None]
        held = sum(v for w, v in weights.items() if any(self._has(w, p) for p in where))
        return held / total


PREFIX_LENGTHS = (5, 6, 7)


def _prefix(term: str) -> str:
    """A prefix long enough to name the word, short enough to skip its inflection."""
    return term[: max(PREFIX_LENGTHS[0], min(PREFIX_LENGTHS[-1], len(term) - 3))]


@dataclass(frozen=True)
class Candidate:
    doc: Document
    service: Service
    fused: float
    rank: int  # 1-based, after facets
    dense: float
    bm25: float


def pair_features(
    cands: Sequence[Candidate],
    needs: dict[str, dict[str, float]],
    weights: dict[str, float],
    terms: TermStats,
    f: Filters,
    hint_groups: set[str],
) -> np.ndarray:
    """One row of FEATURES per candidate."""
    rows = np.zeros((len(cands), len(FEATURES)), dtype=np.float32)
    if not cands:
        return rows
    best_dense = max(c.dense for c in cands)
    best_bm25 = max(c.bm25 for c in cands) or 1.0
    g_need, t_need = needs.get("target_groups", {}), needs.get("themes", {})
    covered = terms.coverage_each(weights, [c.doc.key for c in cands])
    for r, c in enumerate(cands):
        s = c.service
        rows[r] = (
            c.fused,
            1.0 / c.rank,
            c.dense,
            c.dense - best_dense,
            c.bm25 / best_bm25,
            covered[r],
            max((g_need.get(g, 0.0) for g in s.target_groups), default=0.0),
            max((t_need.get(t, 0.0) for t in s.themes), default=0.0),
            min(2, len(hint_groups & set(s.target_groups))),
            min(2, len(set(f.themes) & set(s.themes))),
            min(2, len(set(f.implied) & {*s.target_groups, *s.themes})),
        )
    return rows


DENSE, DENSE_GAP, BM25 = (FEATURES.index(f) for f in ("dense", "dense_gap", "bm25"))


def against(
    rows: np.ndarray, cands: Sequence[Candidate], best_dense: float, best_bm25: float
) -> np.ndarray:
    """`rows` with the features measured against the pool's best candidate (the cosine's gap,
    the BM25 share) measured against `best_dense` and `best_bm25` instead, when those are
    higher: the best of every service the first stage found, before the stated constraints
    left some out. Within a pool the constraints emptied of everything near the need, the
    first service is no longer "the best there is" by these two features."""
    out = rows.copy()
    out[:, DENSE_GAP] = np.minimum(out[:, DENSE_GAP], out[:, DENSE] - best_dense)
    if best_bm25 > 0:
        share = np.array([c.bm25 for c in cands], dtype=out.dtype) / best_bm25
        out[:, BM25] = np.minimum(out[:, BM25], share)
    return out
