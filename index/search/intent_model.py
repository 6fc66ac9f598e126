"""Whom a question is about: a client's need, or the cooperation itself. Learned from judged sets.

The intent's word cues (handlers/intent.py) count what a question names: a client, an age and
a group are a case; the roadmap, a grant and a referral are the cooperation. They fail when a
question about the cooperation tells a story first ("Meidän yhdistys ois halunnu pitää
vertaisryhmää teidän terveysaseman kerhotilassa. Onks ne tilojen käyttöperiaatteet jo
valmiit?"), names the knowledge in words no cue lists ("ei näy tarjottimella", a goal asked
in Swedish) or misspells a cue ("ykköstavotteessa").

This is a logistic model over the question's own vector (the search embeds it anyway): every
judged question of the read sets is an example, a case or service request (`services`) or a
roadmap, role or guidance question (`knowledge`), and so is a short request generated from
each need and group of the vocabulary in three languages ("Auttaako joku järjestö: velat?"),
which the judged sets, mostly long case descriptions, hold few of. `bench/build_intents.py`
writes the examples (their vectors, label and set; no question text) and the fitted weights.
An evaluation refits without the set it scores (`without`), as the judged-case memory does.

The vectors are only valid for the model that made them: with another model it is not used.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np

from index.search.logistic import newton_logistic
from index.search.vector_files import file_version, read_vectors, write_vectors

MANIFEST_FILE = Path(__file__).with_name("intents.json")
L2 = 0.1  # chosen by leave-one-set-out over the read sets (docs/evaluation.md, 24th stop)


def fit(vectors: np.ndarray, knowledge: np.ndarray, l2: float = L2) -> np.ndarray:
    """Weights (the last one the bias) of a class-balanced L2 logistic model, by Newton's method
    (on vectors less their mean: e5's vectors share a large common part)."""
    x = vectors.astype(np.float64)
    y = knowledge.astype(np.float64)
    z = np.hstack([x, np.ones((len(x), 1))])
    share = min(max(float(y.mean()), 1e-9), 1 - 1e-9) if len(y) else 0.5
    sw = np.where(y == 1.0, 0.5 / share, 0.5 / (1.0 - share))
    return newton_logistic(z, y, sw, l2, 30, 1e-8)


class IntentModel:
    """P(the question is about the cooperation) from its query vector."""

    def __init__(
        self,
        sources: list[str],
        knowledge: np.ndarray,
        vectors: np.ndarray,
        model: str,
        weights: np.ndarray | None = None,
    ) -> None:
        if not (len(sources) == len(knowledge) == len(vectors)):
            raise ValueError(f"{len(sources)} examples but {len(vectors)} vectors")
        self.sources = sources
        self.knowledge = knowledge.astype(np.float32)
        self.vectors = vectors.astype(np.float32, copy=False)
        self.model = model
        self.mean = self.vectors.mean(axis=0) if len(self.vectors) else np.zeros(0, np.float32)
        if weights is None:
            weights = fit(self.vectors - self.mean, self.knowledge)
        self.weights = weights

    def __len__(self) -> int:
        return len(self.sources)

    def without(self, sources: Iterable[str]) -> IntentModel:
        """Refitted without the examples of these sets (an evaluation of a set); the same
        model when none of them is in it."""
        drop = set(sources)
        keep = [i for i, s in enumerate(self.sources) if s not in drop]
        if len(keep) == len(self.sources):
            return self
        return IntentModel(
            [self.sources[i] for i in keep], self.knowledge[keep], self.vectors[keep], self.model
        )

    def probability(self, qvec: np.ndarray) -> float:
        x = qvec.astype(np.float64) - self.mean
        z = float(x @ self.weights[:-1] + self.weights[-1])
        return 1.0 / (1.0 + float(np.exp(-z)))


def save_intents(m: IntentModel, manifest: Path = MANIFEST_FILE) -> None:
    examples = [
        {"source": s, "knowledge": bool(k)} for s, k in zip(m.sources, m.knowledge, strict=True)
    ]
    fields = {"l2": L2, "weights": [round(float(w), 6) for w in m.weights], "examples": examples}
    write_vectors(manifest, m.vectors, m.model, fields, indent=0)


def load_intents(model: str, manifest: Path = MANIFEST_FILE) -> IntentModel | None:
    """The shipped model, or None (no file, another embedding model, vectors that do not match)."""
    version = file_version(manifest)
    return None if version is None else _load(model, manifest, version)


@lru_cache(maxsize=4)
def _load(model: str, manifest: Path, _version: object) -> IntentModel | None:
    saved = read_vectors(manifest, model, "aikeen malli")
    if saved is None:
        return None
    body, vectors = saved
    sources = [e["source"] for e in body["examples"]]
    knowledge = np.array([e["knowledge"] for e in body["examples"]], dtype=np.float32)
    weights = np.array(body["weights"])
    return IntentModel(sources, knowledge, vectors.astype(np.float32), model, weights)
