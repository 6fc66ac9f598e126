"""When to say "nothing fits" instead of listing poor matches.

Cosine similarity alone separates poorly with a small multilingual model: an
off-topic question ("veneen perämoottorin korjaus") still scores ~0.85 against
some service. So the decision also asks whether the best services *contain*
the question's informative words (IDF-weighted lexical coverage) and whether
the question names any need the vocabulary knows. Coverage only means
something for Finnish questions (the knowledge text is Finnish); Swedish and
English questions fall back to similarity alone. Thresholds were set on the
dev questions plus off-topic probes; see docs/evaluation.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.search.documents import Document
from index.search.pair_features import TermStats

DENSE_FLOOR = 0.83  # below this nothing is on topic, in any language
EVIDENCE_FLOOR_FI = 0.885  # dense + 0.1·coverage + 0.02·(need named), Finnish questions
COVERAGE_WEIGHT = 0.10
HINT_WEIGHT = 0.02


class CoverageModel:
    """IDF coverage of a question by a few documents (token sets shared with the ranker)."""

    def __init__(self, terms: TermStats):
        self._terms = terms

    def coverage(self, question: str, top: Sequence[Document]) -> float:
        """Share of the question's IDF mass found in the given documents."""
        return self._terms.coverage(self._terms.weights(question), [d.key for d in top])


def should_abstain(best_dense: float, coverage: float, need_named: bool, lang: str) -> bool:
    if best_dense < DENSE_FLOOR:
        return True
    if lang != "fi":
        return False
    evidence = best_dense + COVERAGE_WEIGHT * coverage + HINT_WEIGHT * need_named
    return evidence < EVIDENCE_FLOOR_FI
