"""Cross-validated evaluation: tuned parts are fitted on k−1 folds, scored on the k-th.

Folds are stratified by question kind with a fixed seed. The tuned parts are
the second-stage ranker's weights and its fit thresholds
(index.search.ranker_training.TUNED); everything else is fixed code. Each
held-out question goes through the real conversation core with the ranker
fitted without it; the outcomes of all folds make one report.
"""

from __future__ import annotations

from typing import Any

from bot.evaluation.questions import Report, evaluate
from handlers.router import Router
from index.knowledge.model import KnowledgeBase
from index.search.engine import Searcher
from index.search.ranker_training import TUNED, collect, stratified_folds, train

SEED = 0


def cross_validate(
    router: Router,
    kb: KnowledgeBase,
    searcher: Searcher,
    questions: list[dict[str, Any]],
    k: int,
    train_with: list[dict[str, Any]] | None = None,
) -> tuple[Report, str]:
    """Out-of-fold outcomes for every question, and what was tuned.

    `train_with`: further judged questions in the training part of every fold, never scored
    (the judged sets the shipped ranker is also trained on)."""
    fold = stratified_folds([(q["id"], q.get("kind", "?")) for q in questions], k, SEED)
    sets = collect(searcher, questions)
    extra = collect(searcher, train_with or [])
    saved = searcher.second.ranker
    report = Report()
    try:
        for f in range(k):
            searcher.second.ranker = train([s for s in sets if fold[s.qid] != f] + extra)
            held_out = [q for q in questions if fold[q["id"]] == f]
            report.outcomes += evaluate(router, kb, held_out).outcomes
    finally:
        searcher.second.ranker = saved
    order = {q["id"]: n for n, q in enumerate(questions)}
    report.outcomes.sort(key=lambda o: order[o.qid])
    also = f"; also trained on {len(extra)} further judged questions" if extra else ""
    return report, f"{k}-fold CV (stratified by kind, seed {SEED}){also}; tuned: {TUNED}"
