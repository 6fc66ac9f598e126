"""Rerank the first stage's best services and judge whether anything fits.

The first POOL services of the fused, facet-filtered ranking, and any service below them
that judged cases alike vote for (index/search/examples.py; also one the facet walk stopped
before, if it meets every constraint: `with_voted`), are scored by the
learned ranker (index/search/ranker.py); they keep their slots among other kinds
of documents but are reordered by the model's probability — in Finnish, Swedish
and English (`ranker.RERANK_LANGS`; Swedish and English kept the first-stage order
until the thirty-seventh stop measured the ranker ordering them better; any other
language still does). The fit verdict reads the best probability (and, when
ranker.json has one, the question-level fit classifier of fit_verdict.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from index.knowledge.model import Service, Vocabularies
from index.search.abstain import CASE_WORDS
from index.search.artifact import SearchIndex
from index.search.embcache import EmbeddingCache
from index.search.embedder import Embedder
from index.search.examples import WEIGHT, ExampleMemory
from index.search.facet_rules import default_language, demotion, facet_ok
from index.search.facets import Filters
from index.search.fit_verdict import question_features, rare_weights
from index.search.pair_features import (
    Candidate,
    NeedSpace,
    TermStats,
    against,
    pair_features,
)
from index.search.ranker import RERANK_LANGS, Fit, LinearRanker, display_order

POOL = 20  # services reranked
TOP = 5  # services whose text counts for coverage


@dataclass
class Judged:
    """What the second stage saw and decided, for the fit verdict and for training."""

    ids: list[str] = field(default_factory=list)  # candidates in first-stage order
    rows: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    probs: dict[str, float] = field(default_factory=dict)
    uncovered: float = 0.0  # IDF share of the question no top-5 service holds
    question: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    fit: Fit = "good"
    # The best probability with the pool measured against every service the first stage
    # found, not only those that met the constraints (`best_of_all`): on the scale of a search
    # without them, so a pool the constraints emptied of the need's services scores lower.
    best_of_all: float = 0.0
    votes: dict[str, float] = field(default_factory=dict)  # of judged cases alike (examples)


class SecondStage:
    def __init__(
        self,
        index: SearchIndex,
        services: Mapping[str, Service],
        vocab: Vocabularies,
        embedder: Embedder,
        ranker: LinearRanker | None,
        cache: EmbeddingCache | None = None,
        examples: ExampleMemory | None = None,
    ):
        self.docs = index.docs
        self.services = services
        self.ranker = ranker
        self.examples = examples
        self.needs = NeedSpace(vocab, embedder, cache)
        self.terms = TermStats(index.docs, index.lexical, index.tokenizer)

    def apply(
        self,
        question: str,
        qvec: np.ndarray,
        ranked: list[tuple[int, float]],
        dense: dict[int, float],
        bm25: dict[int, float],
        f: Filters,
        hint_groups: set[str],
        lang: str = "fi",
        votes: Mapping[str, float] | None = None,
    ) -> tuple[list[tuple[int, float]], Judged]:
        """The order of `ranked` with the pool reordered, and what was judged; `votes`: the
        judged cases alike's (`votes`), none when they are not to lean the order."""
        votes = dict(votes or {})
        services = [n for n, (i, _) in enumerate(ranked) if self.docs[i].kind == "service"]
        # the first POOL services, and any further down that judged cases alike vote for
        slots = services[:POOL] + [
            n for n in services[POOL:] if self.docs[ranked[n][0]].id in votes
        ]
        judged = Judged()
        if not slots:
            return ranked, judged
        cands = [
            Candidate(
                self.docs[ranked[n][0]],
                self.services[self.docs[ranked[n][0]].id],
                ranked[n][1],
                rank,
                dense.get(ranked[n][0], 0.0),
                bm25.get(ranked[n][0], 0.0),
            )
            for rank, n in enumerate(slots, start=1)
        ]
        weights = self.terms.weights(question)
        rows = pair_features(cands, self.needs.needs(qvec), weights, self.terms, f, hint_groups)
        judged.ids, judged.rows, judged.votes = [c.doc.id for c in cands], rows, votes
        order: Sequence[int] = range(len(cands))
        if self.ranker is not None:
            probs = self.ranker.probs(rows)
            judged.probs = {c.doc.id: float(p) for c, p in zip(cands, probs, strict=True)}
            judged.best_of_all = self.best_of_all(rows, cands, dense, bm25)
            by_prob = sorted(order, key=lambda j: (-float(probs[j]), j))
            judged.uncovered = 1.0 - self.terms.coverage(
                weights, [cands[j].doc.key for j in by_prob[:TOP]]
            )
            # Word rarity (wordfreq's frequency lists, ~400 MB once loaded) only feeds the
            # question-level fit classifier; without one the verdict reads the probabilities.
            rare = rare_weights(list(weights), lang) if self.ranker.fit_model else {}
            held = [self.terms.held(list(rare), c.doc.key) if rare else frozenset() for c in cands]
            judged.question = question_features(probs, by_prob, rare, held, rows, lang)
            case = len(question.split()) >= CASE_WORDS
            judged.fit = self.ranker.verdict(judged.question, judged.uncovered, lang, case)
            # The first stage ranks a service not offered in the case's own language lower;
            # the ranker, which never sees the language, is not to lift it back above one that is.
            default = default_language(f, lang)
            # the order may read ORDER_ONLY features, with the order model's own weights
            shown = self.ranker.order.probs(rows) if self.ranker.order else probs
            demoted = np.array([demotion(c.service, f, default) for c in cands])
            if votes:
                order = leaning_order(shown * demoted, demoted, cands, votes, lang)
            else:
                order = display_order(shown * demoted, lang)
        out = list(ranked)
        for n, j in zip(slots, order, strict=True):
            out[n] = ranked[slots[j]]
        return out, judged

    def votes(self, qvec: np.ndarray) -> dict[str, float]:
        """Service id -> the vote of the judged cases alike (none without a memory)."""
        return self.examples.votes(qvec) if self.examples is not None else {}

    def with_voted(
        self,
        ranked: list[tuple[int, float]],
        found: Sequence[tuple[int, float]],
        votes: Mapping[str, float],
        f: Filters,
        applied: Sequence[str],
    ) -> list[tuple[int, float]]:
        """`ranked` and, after it, each service of `found` (the first stage's ranking before
        the constraints) that judged cases alike vote for and that meets every constraint
        `applied`, but that the walk down the ranking stopped before: scored here too."""
        if not votes:
            return ranked
        have = {i for i, _ in ranked}
        return ranked + [
            (i, score)
            for i, score in found
            if i not in have
            and self.docs[i].id in votes
            and (s := self.services.get(self.docs[i].id)) is not None
            and all(facet_ok(s, facet, f) for facet in applied)
        ]

    def best_of_all(
        self,
        rows: np.ndarray,
        cands: Sequence[Candidate],
        dense: dict[int, float],
        bm25: dict[int, float],
    ) -> float:
        """The pool's best probability with the cosine's gap and the BM25 share measured
        against the best of every service in `dense` and `bm25` (the first stage's, before
        the constraints), not against the best of the pool."""
        assert self.ranker is not None
        top_dense, top_bm25 = self._best_service(dense), self._best_service(bm25)
        return float(self.ranker.probs(against(rows, cands, top_dense, top_bm25)).max())

    def _best_service(self, scores: dict[int, float]) -> float:
        """The highest of `scores` (document position → score) among services."""
        return max((v for i, v in scores.items() if self.docs[i].kind == "service"), default=0.0)


def leaning_order(
    shown: np.ndarray,
    demoted: np.ndarray,
    cands: Sequence[Candidate],
    votes: Mapping[str, float],
    lang: str,
) -> list[int]:
    """The order with the votes of alike judged cases added: to the ranker's probabilities,
    or, where the first stage keeps its order, to a score falling with the first-stage rank."""
    n = len(cands)
    base = shown if lang in RERANK_LANGS else (1.0 - np.arange(n) / n) * demoted
    # a vote counts at the service's own demotion: a judged case alike does not lift back a
    # service the case's constraints rank lower (remote only when meeting in person is asked)
    lift = WEIGHT * np.array([votes.get(c.doc.id, 0.0) for c in cands]) * demoted
    score = base + lift
    return sorted(range(n), key=lambda j: (-float(score[j]), j))
