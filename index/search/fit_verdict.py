"""Does anything fit? A question-level classifier over what the second stage saw.

The ranker scores (question, service) pairs; whether the question's *named need*
is served at all is a property of the whole top of the list. The classifier here
reads a few question-level features — the best ranker probability and its gap to
the second, how much rare vocabulary of the question no top-5 service holds
(rarity from general-language word frequencies, `wordfreq`, so that
"Parkinson", "dialyysi" or "maksansiirto" weigh and "vaimo" or "öisin" do not),
the best dense cosine and whether the top candidates agree on the inferred
need — and gives the probability that nothing fits exactly. Its weights and the
threshold live in ranker.json's "fit" section, trained by bench/train_ranker.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from wordfreq import zipf_frequency

from index.language.places import municipalities_in
from index.search.pair_features import FEATURES

QUESTION_FEATURES = (
    "best_prob",  # the ranker's probability for the best candidate
    "gap",  # best minus second-best probability
    "rare_uncovered",  # rarity mass of question terms no top-5 service holds, share
    "rare_max",  # rarity of the rarest uncovered term
    "dense_max",  # best cosine question–service among the candidates
    "need_agree",  # mean need similarity (groups, themes) of the top 5
    "finnish",  # the question is Finnish (the knowledge text is): coverage is meaningful
)
COMMON = 4.5  # Zipf frequency at or above which a word counts as common (weight 0)
TOP = 5


@lru_cache(maxsize=65536)
def rarity(term: str, lang: str) -> float:
    """0 for a common word, up to COMMON for one no corpus of the language knows.

    Looked up in the question's language and in Finnish (the knowledge's
    language), taking the more frequent, so an everyday word in either counts
    as common.
    """
    langs = dict.fromkeys((lang, "fi"))
    zipf = max(zipf_frequency(term, lg) for lg in langs)
    return max(0.0, COMMON - zipf)


def rare_weights(terms: Sequence[str], lang: str) -> dict[str, float]:
    """The question's rare terms and their rarity; place names and numbers are left out
    (a district or an age is a facet, not a need)."""
    return {
        t: r
        for t in terms
        if not any(c.isdigit() for c in t)
        and not municipalities_in([t])
        and (r := rarity(t, lang)) > 0
    }


def question_features(
    probs: np.ndarray,
    order: Sequence[int],
    rare: dict[str, float],
    held: Sequence[frozenset[str]],
    rows: np.ndarray,
    lang: str,
) -> np.ndarray:
    """One row of QUESTION_FEATURES; `held` is each candidate's share of the question's terms."""
    top = list(order[:TOP])
    covered: set[str] = set()
    for j in top:
        covered |= held[j]
    total = sum(rare.values())
    missing = [v for t, v in rare.items() if t not in covered]
    best = float(probs[top[0]]) if top else 0.0
    second = float(probs[top[1]]) if len(top) > 1 else 0.0
    need = rows[top][:, [FEATURES.index("group_sim"), FEATURES.index("theme_sim")]]
    return np.array(
        [
            best,
            best - second,
            sum(missing) / total if total else 0.0,
            max(missing, default=0.0),
            float(rows[:, FEATURES.index("dense")].max()) if len(rows) else 0.0,
            float(need.max(axis=1).mean()) if len(top) else 0.0,
            float(lang == "fi"),
        ],
        dtype=np.float32,
    )


def linear_json(
    features: Sequence[str], weights: np.ndarray, bias: float, mean: np.ndarray, std: np.ndarray
) -> dict[str, Any]:
    """A linear model over standardised features as ranker.json holds it (6 decimals)."""

    def rounded(values: np.ndarray) -> list[float]:
        return [round(float(x), 6) for x in values]

    return {
        "features": list(features),
        "weights": rounded(weights),
        "bias": round(bias, 6),
        "mean": rounded(mean),
        "std": rounded(std),
    }


def linear_from_json(d: dict[str, Any]) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """(weights, bias, mean, std) of a model saved by `linear_json`."""

    def vector(key: str) -> np.ndarray:
        return np.asarray(d[key], dtype=np.float32)

    return vector("weights"), float(d["bias"]), vector("mean"), vector("std")


@dataclass
class FitModel:
    """P(nothing fits exactly) = σ(b + Σ w·(x − mean)/std); "partial" at or above `partial`."""

    weights: np.ndarray
    bias: float
    mean: np.ndarray
    std: np.ndarray
    partial: float = 0.5

    def prob(self, x: np.ndarray) -> float:
        z = float(((x - self.mean) / self.std) @ self.weights + self.bias)
        return 1.0 / (1.0 + float(np.exp(-z)))

    def to_json(self) -> dict[str, Any]:
        return {
            **linear_json(QUESTION_FEATURES, self.weights, self.bias, self.mean, self.std),
            "partial": self.partial,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> FitModel:
        if list(d["features"]) != list(QUESTION_FEATURES):
            raise ValueError("ranker.json's fit model has other features; retrain it")
        return cls(*linear_from_json(d), float(d["partial"]))
