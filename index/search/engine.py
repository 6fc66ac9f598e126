"""Hybrid search: dense (FAISS) + lexical (BM25) fused with RRF, then facets.

Facets stated in the question (municipality, service language, age, cost) are hard constraints
when some well-ranked service satisfies them; a facet nothing relevant satisfies is relaxed and
reported, never silently dropped. Remote participation and target-group/theme hints only boost;
a language's hubs the question does not point at are scored lower (`hubs`). When the best match
is weak, the search abstains rather than list poor matches.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from index.knowledge.model import KnowledgeBase
from index.language.common_words import COMMON
from index.language.detect import detect_language
from index.language.tokens import Tokenizer
from index.search.abstain import CoverageModel
from index.search.artifact import SearchIndex
from index.search.beyond import add_nearest_beyond
from index.search.candidates import Candidates
from index.search.documents import Document
from index.search.embcache import EmbeddingCache
from index.search.embedder import Embedder
from index.search.examples import load_examples
from index.search.exclusions import ServiceExclusions
from index.search.facet_rules import apply_facets, facet_ok, implied_groups
from index.search.facets import Filters, extract_filters, needs_in_finnish
from index.search.fusion import RRF_K, rrf
from index.search.hubs import Hubs
from index.search.intent_model import load_intents
from index.search.lexical import LexicalIndex
from index.search.need_ranking import NEED_WEIGHT, need_ranking, specific_themes
from index.search.pair_features import TermStats
from index.search.ranker import Fit, load_ranker
from index.search.second_stage import POOL, Judged, SecondStage
from index.search.verdict import settle_fit
from index.search.vocab_match import VocabMatcher

Mode = Literal["hybrid", "dense", "lexical"]
QUERY_CACHE = 256


@dataclass(frozen=True)
class Hit:
    doc: Document
    score: float  # fused score scaled to 0..1 (1 = first in every ranking)
    dense: float  # cosine similarity to the question
    reasons: tuple[tuple[str, str], ...] = ()  # (facet, value) matched: ("municipality", "kerava")
    fit_score: float | None = None  # the ranker's probability that this service fits
    unmet: tuple[tuple[str, str], ...] = ()  # (facet, value) stated and not met (beyond.py)

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def kind(self) -> str:
        return self.doc.kind


@dataclass
class SearchResult:
    hits: list[Hit]
    filters: Filters
    applied: list[str] = field(default_factory=list)  # hard facets that filtered results
    relaxed: list[str] = field(default_factory=list)  # stated facets nothing relevant satisfied
    # words qualifying the service asked for that no knowledge text holds ("dialyysipotilaiden")
    unknown: list[str] = field(default_factory=list)
    partly: list[str] = field(default_factory=list)  # stated facets the first service meets in part
    excluded: str = ""  # the first service's own sentence saying it does not do what is asked
    beyond: list[str] = field(default_factory=list)  # facets the nearest added beyond don't meet
    task: str = ""  # a practical task asked of someone, the first service does not do
    abstained: bool = False
    fit: Fit = "good"  # good: a fitting service listed; partial: only near ones; none: abstain
    judged: Judged | None = None  # the second stage's features and probabilities
    timings_ms: dict[str, float] = field(default_factory=dict)


class Searcher:
    """Searches one loaded index; cheap to call, safe to share between requests."""

    def __init__(
        self,
        index: SearchIndex,
        kb: KnowledgeBase,
        embedder: Embedder,
        cache: EmbeddingCache | None = None,
    ):
        self.index, self.kb, self.embedder, self.cache = index, kb, embedder, cache
        self.matcher = VocabMatcher(kb.vocabularies, index.tokenizer.tokenize)
        self._services = kb.services_by_id
        self.position = {d.id: i for i, d in enumerate(index.docs)}  # document id → row
        self.service_at = [
            self._services.get(d.id) if d.kind == "service" else None for d in index.docs
        ]
        memory = load_examples(embedder.model)  # judged cases alike (index/search/examples.py)
        self.second = SecondStage(
            index, self._services, kb.vocabularies, embedder, load_ranker(), cache, memory
        )
        self.coverage = CoverageModel(self.second.terms)
        self.hubs = Hubs(index.embeddings, self.service_at, kb, embedder, cache)
        self.intents = load_intents(embedder.model)  # a case, or a question on the cooperation
        self.exclusions = ServiceExclusions(index.tokenizer.tokenize)
        # Defaults for every search; evaluation ablations switch them.
        self.mode: Mode = "hybrid"
        self.use_facets = True
        self.use_rerank = True  # second-stage ranker and fit verdict (when weights exist)
        self.weights = (1.0, 0.7)  # dense, lexical (RRF); dense alone is the stronger signal
        self.candidates = Candidates(index)
        self._qcache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def replace_lexical(self, tokenizer: Tokenizer, lexical: LexicalIndex) -> None:
        """The same documents and vectors with another lexical side (benchmarks compare
        tokenizers): candidates, the ranker's term statistics and coverage read the new BM25."""
        self.index = dataclasses.replace(self.index, tokenizer=tokenizer, lexical=lexical)
        self.candidates = Candidates(self.index)
        self.second.terms = TermStats(self.index.docs, lexical, tokenizer)
        self.coverage = CoverageModel(self.second.terms)

    def embed_query(self, question: str) -> np.ndarray:
        """Query vector, cached: follow-ups and intent checks reuse the same question."""
        with self._lock:
            cached = self._qcache.get(question)
            if cached is not None:
                self._qcache.move_to_end(question)
                return cached
        vec: np.ndarray = self.embedder.encode_queries([question])[0]
        with self._lock:
            self._qcache[question] = vec
            while len(self._qcache) > QUERY_CACHE:
                self._qcache.popitem(last=False)
        return vec

    def clear_cache(self) -> None:
        """Forget cached query vectors (benchmarks and evaluations time real embeddings)."""
        with self._lock:
            self._qcache.clear()

    def best_dense_by_kind(self, question: str) -> dict[str, float]:
        """Highest cosine similarity between the question and any document, per kind."""
        return self.candidates.best_by_kind(self.embed_query(question))

    def similarities(self, question: str, kind: str) -> np.ndarray:
        """Cosine similarity between the question and every document of `kind`, in index order."""
        rows = self.index.embeddings[self.candidates.by_kind[kind]]
        sims: np.ndarray = rows @ self.embed_query(question)
        return sims

    def filters_for(self, question: str) -> Filters:
        return extract_filters(question, self.kb.vocabularies, self.matcher)

    def search(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        kinds: Collection[str] | None = None,
        k: int = 10,
        mode: Mode | None = None,
        use_facets: bool | None = None,
        exclude: Collection[str] = (),
        lean: bool = True,
        request: str | None = None,
    ) -> SearchResult:
        """`lean`: let judged cases alike lean the order (index/search/examples.py);
        `request`: the text read for words no knowledge holds, if not all of `question`."""
        mode = mode or self.mode
        use_facets = self.use_facets if use_facets is None else use_facets
        t0 = time.perf_counter()
        f = filters if filters is not None else self.filters_for(question)
        qvec = self.embed_query(question)
        t1 = time.perf_counter()
        qlang = detect_language(question)
        # the services of a specific need the case names or implies, as a third ranking
        # (not after a move, free or remote: there the earlier answer's kind decides)
        need = specific_themes(f.themes, self.kb.theme_counts, len(self._services))
        need = need if lean else frozenset()
        # services turned down are scored (the best of all found) but never shown
        ranked, dense, bm25 = self._fuse(question, qvec, qlang, mode, kinds, need)
        ranked = self.hubs.demote(ranked, qlang, f) if use_facets else ranked
        result = SearchResult(hits=[], filters=f)
        unfiltered = self.candidates.without(ranked, exclude)
        nearest = next((s for i, _ in unfiltered if (s := self.service_at[i]) is not None), None)
        # A client living outside the county: no service is for them, so the place is not
        # walked with the other constraints (which still hold) but stated as not met.
        elsewhere = f.municipality not in (None, *self.kb.vocabularies.municipalities)
        f = dataclasses.replace(f, municipality=None) if elsewhere else f
        votes = self.second.votes(qvec) if lean else {}  # judged cases alike (examples.py)
        if use_facets:
            # the walk stops where nothing below can reach the first k or POOL; what judged
            # cases alike vote for below it is scored too, if it meets every constraint
            facets = apply_facets(ranked, self.service_at, f, qlang, (k, POOL))
            ranked, result.applied, result.relaxed = facets
            ranked = self.second.with_voted(ranked, unfiltered, votes, f, result.applied)
            result.relaxed += ["municipality"] if elsewhere else []
        probs: dict[str, float] = {}
        if use_facets and self.use_rerank:
            hints = set(f.target_groups) | set(implied_groups(f.age))
            ranked, judged = self.second.apply(
                question, qvec, ranked, dense, bm25, f, hints, qlang, votes
            )
            result.judged, probs = judged, judged.probs
        ranked = self.candidates.without(ranked, exclude)
        result.hits = [
            self.hit(pos, score, dense, f, use_facets, probs) for pos, score in ranked[:k]
        ]
        services = [h for h in result.hits if h.kind == "service"]
        if services and use_facets:
            settle_fit(self, question, qlang, f, result, services, nearest, request)
            if self.use_rerank:
                add_nearest_beyond(
                    self, question, qvec, qlang, unfiltered, dense, bm25, f, k, result
                )
        t2 = time.perf_counter()
        ms = {"embed": t1 - t0, "search": t2 - t1, "total": t2 - t0}
        result.timings_ms = {part: v * 1000 for part, v in ms.items()}
        return result

    def _fuse(
        self,
        question: str,
        qvec: np.ndarray,
        qlang: str,
        mode: Mode,
        kinds: Collection[str] | None,
        need: frozenset[str] = frozenset(),
    ) -> tuple[list[tuple[int, float]], dict[int, float], dict[int, float]]:
        allowed = self.candidates.allowed(kinds)
        dense_hits = self.candidates.dense(qvec, allowed)
        dense = dict(dense_hits)
        rankings: list[list[int]] = []
        bm25: dict[int, float] = {}
        if mode in ("hybrid", "dense"):
            rankings.append([i for i, _ in dense_hits])
        # The roadmap, guidance and roles are Finnish only: for a Swedish or English question
        # the glossary's Finnish words find them better than the model bridges languages.
        finnish_only = kinds is not None and "service" not in kinds and qlang != "fi"
        expansion = needs_in_finnish(question, qlang, cooperation=finnish_only)
        if mode in ("hybrid", "lexical"):
            tokens = self.index.tokenizer.tokenize(f"{question} {expansion}")
            # everyday Swedish/English words are rare in the few passages in those languages
            tokens = [t for t in tokens if t not in COMMON.get(qlang, ())]
            bm25 = self.candidates.lexical(tokens, allowed)
            rankings.append(list(bm25))
        mode_uses = ("dense", "lexical") if mode == "hybrid" else (mode,)
        pair = (1.0, 1.0) if finnish_only and mode == "hybrid" and expansion else self.weights
        weights = [w for w, m in zip(pair, ("dense", "lexical"), strict=True) if m in mode_uses]
        best = sum(weights) / (RRF_K + 1)  # first in dense and BM25 (scores stay 0..1-ish)
        if mode == "hybrid" and (of_need := need_ranking(dense_hits, self.service_at, need)):
            rankings.append(of_need)
            weights.append(NEED_WEIGHT)
        fused = rrf(rankings, weights)
        ranked = sorted(((i, s / best) for i, s in fused.items()), key=lambda t: -t[1])
        return ranked, dense, bm25

    def hit(
        self,
        pos: int,
        score: float,
        dense: dict[int, float],
        f: Filters,
        use_facets: bool,
        probs: dict[str, float],
    ) -> Hit:
        d = self.index.docs[pos]
        reasons: list[tuple[str, str]] = []
        s = self._services.get(d.id) if d.kind == "service" else None
        if s is not None and use_facets:
            if f.municipality and f.municipality in s.municipalities:
                reasons.append(("municipality", f.municipality))
            reasons += [("language", x) for x in (f.language, f.or_language) if x in s.languages]
            if f.age is not None and facet_ok(s, "age", f) and (s.age_min or s.age_max):
                reasons.append(("age", str(f.age)))
            if f.cost == "free" and s.cost == "free":
                reasons.append(("cost", "free"))
            if f.online and s.online:
                reasons.append(("online", "true"))
            reasons += [("target_group", g) for g in f.target_groups if g in s.target_groups]
            reasons += [("theme", t) for t in f.themes if t in s.themes]
        prob = probs.get(d.id) if d.kind == "service" else None
        return Hit(
            d,
            round(min(score, 1.0), 4),
            round(float(dense.get(pos, 0.0)), 4),
            tuple(reasons),
            None if prob is None else round(prob, 4),
        )
