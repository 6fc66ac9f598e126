"""Judged cases as a memory: a case much like one already judged leans to its services.

Staff describe the same few hundred situations again and again, in words the
embedding model does not link to the service that helps ("jääkaapissa pelkkää
sinappia" is food aid; "kauppakassissa kilisee" is a relative's drinking). Each
judged case description (`bench/build_examples.py` writes them from judged sets:
its vector, the services judged to fit and their grades, the file it came from;
no question text) votes for its services when a new question comes near it.

Only near neighbours vote: a neighbour's weight rises from 0 at a cosine of
FLOOR to 1 at identity, so a question unlike every judged case is left to the
ranker as it was. The votes are added to the ranker's probabilities in the
second stage; the ranker's fit reads the probabilities alone (what the verdict
reads of the first service shown follows the new order), and no vote brings back
a service the facets ruled out.

The vectors are only valid for the model that made them: with another model the
memory is not used (and the log says so). An evaluation leaves out the examples
of the set it scores (`without`), so no question votes for itself.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MANIFEST_FILE = Path(__file__).with_name("examples.json")
NEIGHBOURS = 3  # judged cases that may vote
FLOOR = 0.90  # cosine (e5 query–query) below which a judged case has no say
WEIGHT = 1.0  # a full vote (an identical case, a service judged 2) added to a probability


@dataclass(frozen=True)
class Example:
    source: str  # the judged set's name (its file's stem), e.g. "cases-implied-3"
    relevant: Mapping[str, int]  # service id -> grade (2 fits, 1 near)


class ExampleMemory:
    def __init__(self, examples: list[Example], vectors: np.ndarray, model: str) -> None:
        if len(examples) != len(vectors):
            raise ValueError(f"{len(examples)} examples but {len(vectors)} vectors")
        self.examples = examples
        self.vectors = vectors.astype(np.float32, copy=False)
        self.model = model

    def __len__(self) -> int:
        return len(self.examples)

    def without(self, sources: Iterable[str]) -> ExampleMemory:
        """The memory less every example from these sets (an evaluation of a set)."""
        drop = set(sources)
        keep = [i for i, e in enumerate(self.examples) if e.source not in drop]
        return ExampleMemory([self.examples[i] for i in keep], self.vectors[keep], self.model)

    def votes(self, qvec: np.ndarray) -> dict[str, float]:
        """Service id -> vote in [0, 1]: the near judged cases' grades, weighted by nearness."""
        if not self.examples:
            return {}
        sims = self.vectors @ qvec.astype(np.float32, copy=False)
        top = np.argsort(-sims)[:NEIGHBOURS]
        out: dict[str, float] = {}
        for j in top:
            weight = (float(sims[j]) - FLOOR) / (1.0 - FLOOR)
            if weight <= 0.0:
                break  # sorted: no later neighbour is nearer
            for sid, grade in self.examples[j].relevant.items():
                out[sid] = out.get(sid, 0.0) + weight * grade / 2.0
        return out


def vectors_path(manifest: Path) -> Path:
    return manifest.with_suffix(".npy")


def digest(vectors: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(vectors, dtype=np.float16).tobytes()).hexdigest()


def save_examples(memory: ExampleMemory, manifest: Path = MANIFEST_FILE) -> None:
    vectors = memory.vectors.astype(np.float16)
    np.save(vectors_path(manifest), vectors, allow_pickle=False)
    body = {
        "model": memory.model,
        "dim": int(vectors.shape[1]) if len(vectors) else 0,
        "count": len(memory),
        "sha256": digest(vectors),
        "examples": [{"source": e.source, "relevant": dict(e.relevant)} for e in memory.examples],
    }
    manifest.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load_examples(model: str, manifest: Path = MANIFEST_FILE) -> ExampleMemory | None:
    """The shipped memory, or None (no file, another model, or vectors that do not match).
    Read once per file version: every reload builds a new searcher, the memory stays."""
    vectors = vectors_path(manifest)
    if not manifest.exists() or not vectors.exists():
        return None
    version = tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in (manifest, vectors))
    return _load(model, manifest, version)


@lru_cache(maxsize=4)
def _load(model: str, manifest: Path, _version: object) -> ExampleMemory | None:
    body = json.loads(manifest.read_text(encoding="utf-8"))
    if body["model"] != model:
        log.warning("esimerkkimuisti on mallille %s, ei %s: ei käytetä", body["model"], model)
        return None
    vectors = np.load(vectors_path(manifest), allow_pickle=False)
    if digest(vectors) != body["sha256"] or len(vectors) != body["count"]:
        log.warning("esimerkkimuistin vektorit eivät vastaa manifestia: ei käytetä")
        return None
    examples = [Example(e["source"], dict(e["relevant"])) for e in body["examples"]]
    return ExampleMemory(examples, vectors, model)
