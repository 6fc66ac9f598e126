"""Fit the second-stage ranker and its fit thresholds on judged questions.

Used by `bench/train_ranker.py` (writes ranker.json) and by `jarjestobotti eval
--cv` (fits on four folds, scores the fifth). Thresholds are chosen on
out-of-fold probabilities of an inner cross-validation, never on probabilities
the model saw its own labels for.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from index.language.detect import detect_language
from index.search.engine import Searcher
from index.search.fit_training import features_of, top5_has_fit, train_fit
from index.search.fit_verdict import rare_weights
from index.search.pair_features import FEATURES, ORDER_ONLY
from index.search.ranker import LinearRanker, display_order, train_logistic
from index.search.second_stage import POOL, TOP

TUNED = (
    "ranker weights (logistic, L2; the order's and the verdict's), fit thresholds "
    "good/none/uncovered, card cut"
)
GOOD_GRID = tuple(round(0.05 * i, 2) for i in range(1, 19))
NONE_GRID = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08)
UNCOVERED_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 1.0)
SHOW_GRID = tuple(round(0.05 * i, 2) for i in range(1, 19))
SHOW_MAX = 5
VERDICT_COLUMNS = np.array([0.0 if f in ORDER_ONLY else 1.0 for f in FEATURES], dtype=np.float32)


@dataclass
class PairSet:
    """One judged question's candidates as the second stage sees them."""

    qid: str
    kind: str
    ids: list[str]
    rows: np.ndarray
    grades: dict[str, int]  # empty: a no-match question
    terms: list[frozenset[str]]  # the question's content terms each candidate holds
    weights: dict[str, float]  # the question's content terms and their IDF
    lang: str = "fi"
    rare: dict[str, float] = field(default_factory=dict)  # rare content terms, their rarity
    rare_held: list[frozenset[str]] = field(default_factory=list)  # per candidate, inflected too

    def uncovered(self, order: Sequence[int]) -> float:
        total = sum(self.weights.values())
        held: set[str] = set()
        for j in order[:TOP]:
            held |= self.terms[j]
        return 1.0 - sum(self.weights[t] for t in held) / total if total else 1.0


def collect(searcher: Searcher, questions: Sequence[dict[str, Any]]) -> list[PairSet]:
    """Candidates and features of every question with service judgements (ranker off)."""
    saved = searcher.second.ranker
    searcher.second.ranker = None
    out: list[PairSet] = []
    try:
        for q in questions:
            if "relevant" not in q:
                continue
            res = searcher.search(q["question"], kinds=("service",), k=30)
            j = res.judged
            if j is None or not j.ids:
                continue
            grades = {k: int(v) for k, v in q["relevant"].items()}
            terms = searcher.second.terms
            weights = terms.weights(q["question"])
            held = [terms.words_held(weights, f"service:{i}") for i in j.ids]
            lang = detect_language(q["question"])
            rare = rare_weights(list(weights), lang)
            rare_held = [terms.held(list(rare), f"service:{i}") for i in j.ids]
            out.append(
                PairSet(
                    q["id"],
                    q.get("kind", "?"),
                    j.ids,
                    j.rows,
                    grades,
                    held,
                    weights,
                    lang,
                    rare,
                    rare_held,
                )
            )
    finally:
        searcher.second.ranker = saved
    return out


def stratified_folds(items: Sequence[tuple[str, str]], k: int, seed: int = 0) -> dict[str, int]:
    """Question id → fold, dealing each kind's questions round-robin after a seeded shuffle."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for qid, kind in items:
        by_kind[kind].append(qid)
    rng = random.Random(seed)
    fold: dict[str, int] = {}
    start = 0
    for kind in sorted(by_kind):
        ids = sorted(by_kind[kind])
        rng.shuffle(ids)
        for n, qid in enumerate(ids):
            fold[qid] = (start + n) % k
        start += len(ids)
    return fold


def _matrix(sets: Sequence[PairSet]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = np.vstack([s.rows for s in sets])
    grades = np.array([s.grades.get(i, 0) for s in sets for i in s.ids], dtype=np.float64)
    y = (grades > 0).astype(np.float64)
    # a question weighs the same however many candidates it has; grade 2 counts double
    per_q = np.concatenate([np.full(len(s.ids), POOL / len(s.ids)) for s in sets])
    return rows, y, per_q * np.maximum(grades, 1.0)


def fit_weights(sets: Sequence[PairSet], l2: float = 1.0) -> LinearRanker:
    rows, y, w = _matrix(sets)
    return train_logistic(rows, y, w, l2)


def fit_goals(
    sets: Sequence[PairSet], probs: Sequence[np.ndarray], r: LinearRanker
) -> dict[str, float]:
    """honest no-match, hedge on answerable-with-fit-in-top-5, full abstention on answerable."""
    honest = hedge = abstain = n_nm = n_fit = n_ans = 0
    for s, p in zip(sets, probs, strict=True):
        order = np.argsort(-p, kind="stable")
        verdict = r.verdict(features_of(s, p), s.uncovered(order.tolist()))
        if not s.grades:
            n_nm += 1
            honest += verdict != "good"
            continue
        n_ans += 1
        abstain += verdict == "none"
        if top5_has_fit(s, p):
            n_fit += 1
            hedge += verdict != "good"
    return {
        "honest_nomatch": honest / max(n_nm, 1),
        "hedge": hedge / max(n_fit, 1),
        "abstain": abstain / max(n_ans, 1),
    }


def choose_thresholds(
    sets: Sequence[PairSet], probs: Sequence[np.ndarray], r: LinearRanker
) -> None:
    """Grid search: most honest on no-match within the hedge/abstention budget."""
    best: tuple[float, float, float, float] | None = None
    for none in NONE_GRID:
        for good in GOOD_GRID:
            for unc in UNCOVERED_GRID:
                r.good, r.none, r.uncovered = good, none, unc
                g = fit_goals(sets, probs, r)
                util = g["honest_nomatch"] - 3 * g["hedge"] - 6 * g["abstain"]
                if best is None or util > best[0] + 1e-9:
                    best = (util, good, none, unc)
    assert best is not None
    _, r.good, r.none, r.uncovered = best


def shown_goals(
    sets: Sequence[PairSet], probs: Sequence[np.ndarray], show: float
) -> dict[str, float]:
    """precision of the cards shown on the first page and success@shown (answerable questions)."""
    prec, succ = [], []
    for s, p in zip(sets, probs, strict=True):
        if not s.grades:
            continue
        order = display_order(p, s.lang)[:SHOW_MAX]
        n = max(1, sum(1 for j in order if p[j] >= show))
        rel = [s.grades.get(s.ids[j], 0) > 0 for j in order[:n]]
        prec.append(sum(rel) / n)
        succ.append(float(any(rel)))
    return {"precision@shown": float(np.mean(prec)), "success@shown": float(np.mean(succ))}


def choose_show(sets: Sequence[PairSet], probs: Sequence[np.ndarray]) -> float:
    """The card cut that maximises precision@shown + success@shown."""
    return max(SHOW_GRID, key=lambda t: sum(shown_goals(sets, probs, t).values()))


def train(
    sets: Sequence[PairSet], l2: float = 1.0, inner: int = 4, seed: int = 0, with_fit: bool = False
) -> LinearRanker:
    """Weights on all `sets`; thresholds on out-of-fold probabilities of an inner CV.

    The verdict model never sees the ORDER_ONLY features (their columns are zero when it is
    fitted, so their weights are zero); the order model, fitted on every feature, is kept
    beside it and sets the order shown."""
    every = list(sets)  # the order model's rows: every feature
    sets = [replace(s, rows=s.rows * VERDICT_COLUMNS) for s in every]
    fold = stratified_folds([(s.qid, s.kind) for s in sets], inner, seed)
    oof: dict[str, np.ndarray] = {}
    for f in range(inner):
        model = fit_weights([s for s in sets if fold[s.qid] != f], l2)
        for s in sets:
            if fold[s.qid] == f:
                oof[s.qid] = model.probs(s.rows)
    ranker = fit_weights(sets, l2)
    oof_probs = [oof[s.qid] for s in sets]
    choose_thresholds(sets, oof_probs, ranker)
    ranker.show = choose_show(sets, oof_probs)
    if with_fit:
        ranker.fit_model = train_fit(sets, oof_probs, l2)
    ranker.meta = {"questions": len(sets), "l2": l2, "tuned": TUNED}
    if ORDER_ONLY:
        ranker.order = fit_weights(every, l2)
    return ranker
