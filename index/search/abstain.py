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

import math
from collections.abc import Sequence

from index.language.tokens import Tokenizer
from index.search.documents import Document

DENSE_FLOOR = 0.83  # below this nothing is on topic, in any language
EVIDENCE_FLOOR_FI = 0.885  # dense + 0.1·coverage + 0.02·(need named), Finnish questions
COVERAGE_WEIGHT = 0.10
HINT_WEIGHT = 0.02


class CoverageModel:
    """Per-document token sets and IDF, built once per loaded index."""

    def __init__(self, docs: Sequence[Document], texts: Sequence[str], tokenizer: Tokenizer):
        self._tokenizer = tokenizer
        self._sets = {
            d.key: frozenset(tokenizer.tokenize(t)) for d, t in zip(docs, texts, strict=True)
        }
        self._n = len(docs)
        df: dict[str, int] = {}
        for s in self._sets.values():
            for w in s:
                df[w] = df.get(w, 0) + 1
        self._df = df

    def coverage(self, question: str, top: Sequence[Document]) -> float:
        """Share of the question's IDF mass found in the given documents."""
        toks = [
            w
            for w in dict.fromkeys(self._tokenizer.tokenize(question))
            if len(w) > 2 and not w.isdigit()
        ]
        if not toks:
            return 0.0
        idf = {w: math.log((self._n + 1) / (self._df.get(w, 0) + 0.5)) for w in toks}
        covered: set[str] = set()
        for d in top:
            covered |= self._sets.get(d.key, frozenset())
        total = sum(idf.values())
        return sum(v for w, v in idf.items() if w in covered) / total if total else 0.0


def should_abstain(best_dense: float, coverage: float, need_named: bool, lang: str) -> bool:
    if best_dense < DENSE_FLOOR:
        return True
    if lang != "fi":
        return False
    evidence = best_dense + COVERAGE_WEIGHT * coverage + HINT_WEIGHT * need_named
    return evidence < EVIDENCE_FLOOR_FI
