"""BM25 over pre-tokenised documents (bm25s), saved as JSON + .npy without pickle.

Tokenisation is ours (`index.language.tokens`), so bm25s only sees lists of terms. It
precomputes a sparse term × document score matrix; a query's scores are a
sum of rows, fast enough to score every document on each query.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import IndexCorruptError
from index.search.bm25_matrix import bm25_matrix

META_FILE = "lexical.json"
_NONE = np.zeros(0, dtype=np.int64)


class LexicalIndex:
    """BM25 scores of documents by position (0..n-1, the order given to `build`)."""

    def __init__(self, retriever: Any, num_docs: int) -> None:
        self._bm25 = retriever  # None when there are no documents
        self.num_docs = num_docs

    @classmethod
    def build(cls, docs_tokens: Sequence[Sequence[str]]) -> LexicalIndex:
        if not docs_tokens:
            return cls(None, 0)
        import bm25s

        retriever = bm25s.BM25()
        if retriever.method != "lucene" or retriever.idf_method != "lucene":
            retriever.index([list(t) for t in docs_tokens], show_progress=False)
            return cls(retriever, len(docs_tokens))
        # the same scores, with each document's terms counted once per process
        retriever.vocab_dict, retriever.scores = bm25_matrix(docs_tokens, retriever.k1, retriever.b)
        retriever.unique_token_ids_set = set(retriever.vocab_dict.values())
        retriever.nonoccurrence_array = None
        return cls(retriever, len(docs_tokens))

    def __len__(self) -> int:
        return self.num_docs

    def search(self, query_tokens: Sequence[str], k: int) -> list[tuple[int, float]]:
        """Top-k (position, score), best first; only documents sharing a term with the query."""
        scores = self.scores(query_tokens) if k > 0 else None
        if scores is None:
            return []
        return top_positive(scores, np.flatnonzero(scores > 0), k)

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray | None:
        """BM25 score of every document (None when no query term is in the vocabulary)."""
        if self._bm25 is None:
            return None
        vocab: dict[str, int] = self._bm25.vocab_dict
        ids = [vocab[t] for t in query_tokens if t in vocab and t != ""]
        if not ids:
            return None
        return np.asarray(self._bm25.get_scores_from_ids(ids), dtype=np.float32)

    def terms(self) -> list[str]:
        """Every indexed term (the empty term bm25s adds left out)."""
        if self._bm25 is None:
            return []
        return [t for t in self._bm25.vocab_dict if t]

    def postings(self, term: str) -> np.ndarray:
        """Positions (ascending) of the documents holding `term`; empty when none do."""
        tid = None if self._bm25 is None else self._bm25.vocab_dict.get(term)
        if tid is None or term == "":
            return _NONE
        sc = self._bm25.scores
        return np.asarray(sc["indices"][sc["indptr"][tid] : sc["indptr"][tid + 1]])

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / META_FILE).write_text(
            json.dumps({"num_docs": self.num_docs}), encoding="utf-8"
        )
        if self._bm25 is not None:
            self._bm25.save(str(directory), allow_pickle=False, show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """Read a saved index; anything missing or malformed is `IndexCorruptError`."""
        try:
            meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
            num_docs = int(meta["num_docs"])
            if num_docs == 0:
                return cls(None, 0)
            import bm25s

            # bm25s logs chatter at INFO while loading; keep it out of the bot's log
            logging.getLogger("bm25s").setLevel(logging.WARNING)
            retriever = bm25s.BM25.load(
                str(directory), allow_pickle=False, mmap=False, show_progress=False
            )
        except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
            raise IndexCorruptError(
                f"Hakuhakemiston sanahakuosa ({directory}) on vioittunut: {exc}. "
                "Rakenna hakemisto uudelleen: jarjestobotti index build"
            ) from exc
        scores = retriever.scores
        indptr = scores.get("indptr")
        max_id = max((v for t, v in retriever.vocab_dict.items() if t), default=-1)
        if (
            int(scores.get("num_docs") or 0) != num_docs
            or indptr is None
            or len(indptr) < max_id + 2
            or int(indptr[-1]) != len(scores["data"])
            or len(scores["data"]) != len(scores["indices"])
        ):
            raise IndexCorruptError(
                f"Hakuhakemiston sanahakuosa ({directory}) on ristiriitainen: "
                "asiakirjamäärä tai sanaston koko ei täsmää. "
                "Rakenna hakemisto uudelleen: jarjestobotti index build"
            )
        return cls(retriever, num_docs)


def top_positive(scores: np.ndarray, hits: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The `k` best of positions `hits` (ascending) by `scores`, best first."""
    hits = hits[scores[hits] > 0]
    if hits.size > k:
        # the k-th best score by partitioning the values alone (no index array: at 100,000
        # documents a common term hits most of them, and this costs half an argpartition)
        held = scores[hits]
        hits = hits[held >= np.partition(held, hits.size - k)[hits.size - k]]
    # stable: equal scores keep document order, so results are reproducible (ties at the
    # k-th score included, then cut)
    order = hits[np.lexsort((hits, -scores[hits]))][:k]
    return [(int(i), float(scores[i])) for i in order]
