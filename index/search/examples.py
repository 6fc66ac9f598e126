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
second stage, which scores a service voted for wherever the first stage ranked
it (measured: the case sets' nDCG@5 0.776 → 0.797); the ranker's fit reads the
probabilities alone, but a doubtful fit is good when the votes for the first
service shown reach `verdict.VOUCH` (what the verdict reads of the first service
follows the new order); no vote brings back a service the facets ruled out, and a
vote counts at the service's own demotion (another language, the other gender,
remote only when meeting in person is asked).

The vectors are only valid for the model that made them: with another model the
memory is not used (and the log says so). An evaluation leaves out the examples
of the set it scores (`without`), so no question votes for itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from index.search.vector_files import file_version, read_vectors, write_vectors

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


def save_examples(memory: ExampleMemory, manifest: Path = MANIFEST_FILE) -> None:
    examples = [{"source": e.source, "relevant": dict(e.relevant)} for e in memory.examples]
    write_vectors(manifest, memory.vectors, memory.model, {"examples": examples})


def load_examples(model: str, manifest: Path = MANIFEST_FILE) -> ExampleMemory | None:
    """The shipped memory, or None (no file, another model, or vectors that do not match).
    Read once per file version: every reload builds a new searcher, the memory stays."""
    version = file_version(manifest)
    return None if version is None else _load(model, manifest, version)


@lru_cache(maxsize=4)
def _load(model: str, manifest: Path, _version: object) -> ExampleMemory | None:
    saved = read_vectors(manifest, model, "esimerkkimuisti")
    if saved is None:
        return None
    body, vectors = saved
    examples = [Example(e["source"], dict(e["relevant"])) for e in body["examples"]]
    return ExampleMemory(examples, vectors, model)
