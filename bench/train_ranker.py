"""Train the second-stage ranker (index/search/ranker.json), measured with 5-fold CV.

    python -m bench.train_ranker --questions ../shared/eval/dev-questions.jsonl \
        [bench/cases-implied-1.jsonl …] [--write]

Prints, per configuration, cross-validated nDCG@5 and success@5 over the
second-stage pool (answerable questions; ranking only — the full pipeline with
abstention is `jarjestobotti eval FILE --cv 5`) and the fit goals. Ablations
drop one feature group at a time and vary the L2 penalty. `--write` fits on all
questions and saves ranker.json. Several files are read as one judged set (ids are unique
across them); the CV folds are stratified by kind over all of them.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.evaluation.questions import load_questions, ndcg
from bot.runtime import load_runtime
from bot.settings import load_settings
from index.search.fit_training import top5_has_fit
from index.search.pair_features import FEATURES
from index.search.ranker import WEIGHTS_FILE, display_order
from index.search.ranker_training import PairSet, collect, fit_goals, stratified_folds, train

GROUPS = {
    "first-stage": ("fused", "inv_rank"),
    "dense": ("dense", "dense_gap"),
    "bm25": ("bm25",),
    "coverage": ("coverage",),
    "needs": ("group_sim", "theme_sim"),
    "hints": ("group_hint", "theme_hint"),
}


def masked(sets: Sequence[PairSet], keep: np.ndarray) -> list[PairSet]:
    return [replace(s, rows=s.rows * keep) for s in sets]


def cv(sets: Sequence[PairSet], l2: float, k: int = 5) -> dict[str, object]:
    fold = stratified_folds([(s.qid, s.kind) for s in sets], k)
    per_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    probs: list[np.ndarray] = []
    verdict_sets: list[PairSet] = []
    goals: list[dict[str, float]] = []
    for f in range(k):
        test = [s for s in sets if fold[s.qid] == f]
        model = train([s for s in sets if fold[s.qid] != f], l2)
        ps = [model.probs(s.rows) for s in test]
        goals.append({**fit_goals(test, ps, model), "n": float(len(test))})
        probs += ps
        verdict_sets += test
        for s in test:
            if s.grades:
                shown = model.order_probs(s.rows)
                ranked = [s.ids[j] for j in display_order(shown, s.lang)]
                per_kind[s.kind].append((ndcg(ranked, s.grades), float(top5_has_fit(s, shown))))
    allq = [x for v in per_kind.values() for x in v]
    n = sum(g["n"] for g in goals)
    out: dict[str, object] = {
        "ndcg@5": float(np.mean([a for a, _ in allq])),
        "success@5": float(np.mean([b for _, b in allq])),
    }
    for key in ("honest_nomatch", "hedge", "abstain"):
        out[key] = sum(g[key] * g["n"] for g in goals) / n  # approx: fold-weighted
    out["by_kind"] = {
        kind: (round(float(np.mean([a for a, _ in v])), 3), len(v))
        for kind, v in sorted(per_kind.items())
    }
    return out


def first_stage(sets: Sequence[PairSet]) -> dict[str, float]:
    vals = [
        (ndcg(s.ids, s.grades), float(any(s.grades.get(i, 0) > 0 for i in s.ids[:5])))
        for s in sets
        if s.grades
    ]
    return {
        "ndcg@5": float(np.mean([a for a, _ in vals])),
        "success@5": float(np.mean([b for _, b in vals])),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, nargs="+", required=True)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--ablations", action="store_true")
    args = ap.parse_args()
    rt = load_runtime(load_settings(), with_db=False)
    sets = collect(rt.searcher, [q for path in args.questions for q in load_questions(path)])
    print("first stage (pool order):", json.dumps(first_stage(sets)))
    configs: dict[str, tuple[np.ndarray, float]] = {"all": (np.ones(len(FEATURES)), 1.0)}
    if args.ablations:
        for l2 in (0.1, 10.0):
            configs[f"all, l2={l2}"] = (np.ones(len(FEATURES)), l2)
        for name, feats in GROUPS.items():
            keep = np.array([0.0 if f in feats else 1.0 for f in FEATURES])
            configs[f"without {name}"] = (keep, 1.0)
    for name, (keep, l2) in configs.items():
        print(f"{name}:", json.dumps(cv(masked(sets, keep), l2)))
    if args.write:
        model = train(sets, 1.0)
        WEIGHTS_FILE.write_text(json.dumps(model.to_json(), indent=2) + "\n", encoding="utf-8")
        print("wrote", WEIGHTS_FILE, model.to_json()["thresholds"])


if __name__ == "__main__":
    main()
