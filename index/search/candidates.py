"""The first stage's candidates: the best documents by vector and by BM25, per query.

Up to `DEPTH` documents every document is ranked by both signals, as before the
index grew (the sample knowledge has a few hundred). Past that, ranking all of
100,000 documents on every query costs more than the whole search budget, and
nothing below the first couple of hundred ranks can reach the results anyway: RRF
(k = 20) gives rank 200 a tenth of rank 1's weight, facets look at the first 25
services and the second stage at the first 20. So a large index returns the best
`DEPTH` of each signal. A search limited to a few kinds of documents (roadmap,
roles, guidance: a few hundred beside 100,000 services) scores exactly those
documents instead of hoping they reach the top of the whole; a search limited to
most of the index (services) asks the vector index for a few more and drops the rest.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np

from index.search.artifact import SearchIndex
from index.search.lexical import top_positive

DEPTH = 200  # candidates per signal in a large index
SUBSET_EXACT = 5_000  # a kind-limited search over at most this many documents (and at most
# half of the index) scores its documents exactly


class Candidates:
    """Dense and BM25 candidates of one loaded index, optionally limited to kinds."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.n = len(index.docs)
        self.kinds = [d.kind for d in index.docs]
        kinds = np.array(self.kinds)
        self.by_kind = {k: np.flatnonzero(kinds == k) for k in dict.fromkeys(kinds.tolist())}
        self.by_id: dict[str, list[int]] = {}
        for i, d in enumerate(index.docs):
            self.by_id.setdefault(d.id, []).append(i)
        self._masks: dict[frozenset[str], np.ndarray] = {}
        self._counts: dict[int, int] = {}

    @property
    def small(self) -> bool:
        return self.n <= DEPTH

    def _exact(self, count: int) -> bool:
        return count <= SUBSET_EXACT and 2 * count <= self.n

    def allowed(self, kinds: Collection[str] | None) -> np.ndarray | None:
        """A boolean mask of the positions of `kinds`, or None for every document. Kept:
        built over every document, they are the linear part. (Services turned down are
        scored with the rest and left out after: `without`.)"""
        if kinds is None:
            return None
        key = frozenset(kinds)
        mask = self._masks.get(key)
        if mask is None:
            mask = np.zeros(self.n, dtype=bool)
            for k in key:
                mask[self.by_kind.get(k, [])] = True
            self._masks[key] = mask
        return mask

    def without(
        self, ranked: list[tuple[int, float]], exclude: Collection[str]
    ) -> list[tuple[int, float]]:
        """`ranked` without the documents of the ids in `exclude`."""
        dropped = {i for x in exclude for i in self.by_id.get(x, ())}
        return [(i, s) for i, s in ranked if i not in dropped] if dropped else ranked

    def dense(self, qvec: np.ndarray, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        """(position, cosine) best first."""
        vector = self.index.vector
        if self.small:
            hits = vector.search(qvec, self.n)
            return hits if allowed is None else [(i, s) for i, s in hits if allowed[i]]
        count = self.n if allowed is None else self._count(allowed)
        if allowed is not None and self._exact(count):
            pos = np.flatnonzero(allowed)
            sims = self.index.embeddings[pos] @ np.asarray(qvec, dtype=np.float32)
            k = min(DEPTH, len(sims))
            if k == 0:
                return []
            top = np.argpartition(-sims, k - 1)[:k] if k < len(sims) else np.arange(len(sims))
            top = top[np.lexsort((top, -sims[top]))]
            return [(int(pos[j]), float(sims[j])) for j in top]
        # ask for more than DEPTH when some positions will be filtered away
        hits = vector.search(qvec, DEPTH + min(self.n - count, 4 * DEPTH))
        if allowed is not None and count < self.n:
            hits = [(i, s) for i, s in hits if allowed[i]]
        return hits[:DEPTH]

    def _count(self, mask: np.ndarray) -> int:
        """How many positions a mask allows (kept per mask: every mask is a kept one)."""
        if (n := self._counts.get(id(mask))) is None:
            n = self._counts[id(mask)] = int(mask.sum())
        return n

    def lexical(self, tokens: Sequence[str], allowed: np.ndarray | None) -> dict[int, float]:
        """Position → BM25 score (> 0), best first."""
        lex = self.index.lexical
        if self.small:
            hits = lex.search(tokens, self.n)
            return {i: s for i, s in hits if (allowed is None or allowed[i]) and s > 0}
        scores = lex.scores(tokens)
        if scores is None:
            return {}
        hit = scores > 0 if allowed is None else (scores > 0) & allowed
        return dict(top_positive(scores, np.flatnonzero(hit), DEPTH))

    def best_by_kind(self, qvec: np.ndarray) -> dict[str, float]:
        """Highest cosine between the query and any document, per kind."""
        emb = self.index.embeddings
        if self.small:
            sims = emb @ qvec
            return {k: float(sims[pos].max()) for k, pos in self.by_kind.items()}
        out: dict[str, float] = {}
        big = [k for k, pos in self.by_kind.items() if not self._exact(len(pos))]
        for k, pos in self.by_kind.items():
            if k not in big:
                out[k] = float((emb[pos] @ qvec).max())
        if big:
            for i, s in self.index.vector.search(qvec, DEPTH):
                if self.kinds[i] in big and self.kinds[i] not in out:
                    out[self.kinds[i]] = s
        return out
