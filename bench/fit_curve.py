"""Trade-off of the fit verdict, measured with 5-fold CV on the judged questions.

    python -m bench.fit_curve --questions ../shared/eval/dev-questions.jsonl

For each outer fold the ranker (and the question-level fit classifier of
index/search/fit_verdict.py) is trained on the other folds; the held-out
questions give, per threshold, honest_nomatch (no-match questions answered
"nothing fits exactly") against hedge (answerable questions with a relevant
service in the shown top 5 that still get "partial"). Two verdicts: the best
ranker probability alone (what ships) and the fit classifier. Also the
single-feature AUCs (no-match vs answerable) and the card cut's precision@shown.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from bot.evaluation.questions import load_questions
from bot.runtime import load_runtime
from bot.settings import load_settings
from index.search.fit_training import features_of, label
from index.search.fit_verdict import QUESTION_FEATURES
from index.search.ranker_training import PairSet, collect, shown_goals, stratified_folds, train

GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """P(a no-match question scores above an answerable one), ties count half."""
    diff = pos[:, None] - neg[None, :]
    return float(((diff > 0) + 0.5 * (diff == 0)).mean())


def curve(sets: list[PairSet], k: int = 5) -> dict[str, object]:
    fold = stratified_folds([(s.qid, s.kind) for s in sets], k)
    labels, best, clf, feats = [], [], [], []
    shown: list[dict[str, float]] = []
    for f in range(k):
        test = [s for s in sets if fold[s.qid] == f]
        model = train([s for s in sets if fold[s.qid] != f], with_fit=True)
        assert model.fit_model is not None
        probs = [model.probs(s.rows) for s in test]
        shown.append(shown_goals(test, probs, model.show))
        for s, p in zip(test, probs, strict=True):
            lab = label(s, p)
            if lab is None:
                continue
            x = features_of(s, p)
            labels.append(lab)
            best.append(float(x[0]))
            clf.append(model.fit_model.prob(x))
            feats.append(x)
    y = np.array(labels)
    b, c, x = np.array(best), np.array(clf), np.vstack(feats)
    pos, neg = y == 1, y == 0

    def point(partial: np.ndarray) -> tuple[float, float]:
        return round(float(partial[pos].mean()), 3), round(float(partial[neg].mean()), 3)

    return {
        "no-match": int(pos.sum()),
        "answerable with a fit in the top 5": int(neg.sum()),
        "rule: partial when best prob < t (honest, hedge)": {t: point(b < t) for t in GRID},
        "classifier: partial when P(no fit) >= t (honest, hedge)": {t: point(c >= t) for t in GRID},
        "auc": {
            "classifier": round(auc(c[pos], c[neg]), 3),
            **{q: round(auc(x[pos, i], x[neg, i]), 3) for i, q in enumerate(QUESTION_FEATURES)},
        },
        "card cut (fold mean)": {
            key: round(float(np.mean([g[key] for g in shown])), 3) for key in shown[0]
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, required=True)
    args = ap.parse_args()
    rt = load_runtime(load_settings(), with_db=False)
    sets = collect(rt.searcher, load_questions(args.questions))
    for key, value in curve(sets).items():
        print(f"{key}: {json.dumps(value)}")


if __name__ == "__main__":
    main()
