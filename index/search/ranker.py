"""Second-stage ranker and fit verdict: a small logistic model over pair features.

The weights live in ranker.json beside this file (plain JSON, no pickle), written
by `bench/train_ranker.py`, which fits them on the judged dev questions and
chooses the fit thresholds with 5-fold cross-validation. The model's probability
that a candidate is relevant orders the first-stage pool and, for the best
candidate, decides the fit: "good" (a fitting service is listed), "partial"
(the nearest services, said plainly not to fit exactly) or "none" (abstain).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from index.search.fit_verdict import FitModel, linear_from_json, linear_json
from index.search.logistic import newton_logistic
from index.search.pair_features import FEATURES

Fit = Literal["good", "partial", "none"]
WEIGHTS_FILE = Path(__file__).with_name("ranker.json")
# Languages whose order the ranker sets (any other keeps the first stage's). Swedish and English
# were left to the first stage while the ranker had 17 of them to learn from and moved four, all
# down; on today's features it orders them better: read case sets nDCG@5 0.8053 → 0.8120
# (Swedish 0.799 → 0.843, English 0.801 → 0.813), the read Swedish/English set 31 0.590 → 0.653
# (docs/evaluation.md, the thirty-seventh stop).
RERANK_LANGS = ("fi", "sv", "en")
# A case described in Swedish or English (20 words or more) meets the Finnish text at lower
# probabilities (its words reach BM25 only through the glossary, its meaning the passages at
# lower cosines): a fit from 0.25. Chosen by 5-fold CV over the 181 Swedish and English
# questions of dev and case sets 1–15, 179 of them case descriptions (hedges plus dishonest
# no-match answers: 34 at the shared 0.35, 28 at 0.25; every fold chose 0.20–0.25). A short
# request keeps 0.35: "free legal help with a divorce settlement" reached 0.33 with a
# supervised-visits service. docs/evaluation.md, sixteenth stop.
OTHER_LANGUAGE_GOOD = 0.25


def display_order(probs: np.ndarray, lang: str) -> list[int]:
    """Candidate positions in the order shown: by probability, or first-stage order."""
    if lang not in RERANK_LANGS:
        return list(range(len(probs)))
    return sorted(range(len(probs)), key=lambda j: (-float(probs[j]), j))


@dataclass
class LinearRanker:
    """logit = b + Σ w·(x − mean)/std, over FEATURES in order.

    The verdict ("good" / "partial" / "none") and the card cut read this model's
    probabilities, which never weigh ORDER_ONLY features; `order`, when present, is
    trained on every feature and sets the order the services are shown in.
    """

    weights: np.ndarray
    bias: float
    mean: np.ndarray
    std: np.ndarray
    good: float = 0.5  # best probability at or above: fit "good"
    none: float = 0.0  # best probability below: fit "none"
    uncovered: float = 1.0  # a rare question term no candidate holds, IDF share above: not "good"
    show: float = 0.5  # cards shown first when fit is good: those at or above (1 to 5)
    meta: dict[str, Any] = field(default_factory=dict)
    fit_model: FitModel | None = None  # question-level "does anything fit" classifier
    # The order shown may read features the verdict must not (ORDER_ONLY): its own weights.
    order: LinearRanker | None = None

    def logits(self, rows: np.ndarray) -> np.ndarray:
        z = (rows - self.mean) / self.std
        out: np.ndarray = z @ self.weights + self.bias
        return out

    def probs(self, rows: np.ndarray) -> np.ndarray:
        out: np.ndarray = 1.0 / (1.0 + np.exp(-self.logits(rows)))
        return out

    def order_probs(self, rows: np.ndarray) -> np.ndarray:
        """The probabilities the services are ordered by (the order model's, when there is one)."""
        return (self.order or self).probs(rows)

    def good_for(self, lang: str, case: bool = False) -> float:
        """The probability from which the best service is a fit: lower for a case described
        in Swedish or English (a short request names its need in words the glossary knows)."""
        if lang == "fi" or not case:
            return self.good
        return min(self.good, OTHER_LANGUAGE_GOOD)

    def fit(self, best_prob: float, uncovered: float, lang: str = "fi", case: bool = False) -> Fit:
        if best_prob < self.none:
            return "none"
        if best_prob >= self.good_for(lang, case) and uncovered <= self.uncovered:
            return "good"
        return "partial"

    def verdict(
        self, qx: np.ndarray, uncovered: float, lang: str = "fi", case: bool = False
    ) -> Fit:
        """The fit verdict from the question-level features (QUESTION_FEATURES)."""
        best = float(qx[0])
        if self.fit_model is None:
            return self.fit(best, uncovered, lang, case)
        if best < self.none:
            return "none"
        return "partial" if self.fit_model.prob(qx) >= self.fit_model.partial else "good"

    def linear_json(self) -> dict[str, Any]:
        return linear_json(FEATURES, self.weights, self.bias, self.mean, self.std)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.linear_json(),
            "thresholds": {
                "good": self.good,
                "none": self.none,
                "uncovered": self.uncovered,
                "show": self.show,
            },
            "meta": self.meta,
            **({"fit": self.fit_model.to_json()} if self.fit_model else {}),
            **({"order": self.order.linear_json()} if self.order else {}),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> LinearRanker:
        if list(d["features"]) != list(FEATURES):
            raise ValueError("ranker.json was trained on other features; run bench/train_ranker.py")
        t = d["thresholds"]
        return cls(
            *linear_from_json(d),
            float(t["good"]),
            float(t["none"]),
            float(t["uncovered"]),
            float(t.get("show", t["good"])),
            dict(d.get("meta", {})),
            FitModel.from_json(d["fit"]) if "fit" in d else None,
            cls(*linear_from_json(d["order"])) if "order" in d else None,
        )


def load_ranker(path: Path = WEIGHTS_FILE) -> LinearRanker | None:
    """The saved ranker, or None when there is none (first-stage order is kept)."""
    if not path.exists():
        return None
    return LinearRanker.from_json(json.loads(path.read_text(encoding="utf-8")))


def train_logistic(
    x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray, l2: float = 1.0, iters: int = 50
) -> LinearRanker:
    """L2-regularised logistic regression by Newton's method on standardised features."""
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std[std < 1e-6] = 1.0
    z = np.hstack([(x - mean) / std, np.ones((len(x), 1))]).astype(np.float64)
    w = newton_logistic(z, y, sample_weight.astype(np.float64), l2, iters, 1e-7)
    return LinearRanker(
        w[:-1].astype(np.float32), float(w[-1]), mean.astype(np.float32), std.astype(np.float32)
    )
