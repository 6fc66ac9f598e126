"""Train the question-level fit classifier (index/search/fit_verdict.py).

Its inputs are the ranker's probabilities, so it is trained on out-of-fold
probabilities (the ranker never saw the question's labels) and its threshold
is chosen on its own out-of-fold scores. Labels: a no-match question is 1 ("nothing
fits exactly" is the honest answer); an answerable question whose top 5 holds a
relevant service is 0; answerable questions without one teach nothing here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from index.search.fit_verdict import FitModel, question_features
from index.search.ranker import display_order, train_logistic

if TYPE_CHECKING:
    from index.search.ranker_training import PairSet


def top5_has_fit(s: PairSet, probs: np.ndarray) -> bool:
    return any(s.grades.get(s.ids[j], 0) > 0 for j in display_order(probs, s.lang)[:5])


HEDGE_BUDGET = 0.04  # highest hedge rate on the inner folds the threshold may cost
PARTIAL_GRID = tuple(round(0.02 * i, 2) for i in range(5, 50))


def features_of(s: PairSet, probs: np.ndarray) -> np.ndarray:
    order = np.argsort(-probs, kind="stable").tolist()
    return question_features(probs, order, s.rare, s.rare_held, s.rows, s.lang)


def label(s: PairSet, probs: np.ndarray) -> float | None:
    if not s.grades:
        return 1.0
    return 0.0 if top5_has_fit(s, probs) else None


def _fit(x: np.ndarray, y: np.ndarray, l2: float) -> FitModel:
    pos = max(float(y.sum()), 1.0)
    w = np.where(y > 0, len(y) / (2 * pos), len(y) / (2 * max(len(y) - pos, 1.0)))
    r = train_logistic(x, y, w, l2)
    return FitModel(r.weights, r.bias, r.mean, r.std)


def choose_partial(scores: np.ndarray, y: np.ndarray) -> float:
    """The lowest threshold (most honest) whose hedge rate stays within the budget."""
    neg = y == 0
    for t in PARTIAL_GRID:
        if float((scores[neg] >= t).mean()) <= HEDGE_BUDGET:
            return t
    return PARTIAL_GRID[-1]


def train_fit(
    sets: Sequence[PairSet], probs: Sequence[np.ndarray], l2: float = 1.0, inner: int = 4
) -> FitModel:
    """Weights on all questions; the threshold on out-of-fold scores of an inner CV."""
    rows, ys = [], []
    for s, p in zip(sets, probs, strict=True):
        lab = label(s, p)
        if lab is not None:
            rows.append(features_of(s, p))
            ys.append(lab)
    x, y = np.vstack(rows), np.array(ys)
    scores = np.zeros(len(y))
    fold = np.arange(len(y)) % inner
    for f in range(inner):
        m = _fit(x[fold != f], y[fold != f], l2)
        scores[fold == f] = [m.prob(r) for r in x[fold == f]]
    model = _fit(x, y, l2)
    model.partial = choose_partial(scores, y)
    return model
