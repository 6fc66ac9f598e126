"""BM25's term × document scores, each document's terms counted once per process.

bm25s's own `BM25.index` turns every document's terms into ids, counts them and scores
them in a Python loop on every build: most of a second at 10,000 services, for a one-file
edit. Here each document's term counts are remembered by its term sequence
(`index.memo.TextMemo`; the very list a refit hands back for an unchanged text is known by
identity, without hashing its terms), so a rebuild counts only the edited documents, and
the scores of all documents are computed at once with NumPy. The arithmetic is bm25s's
"lucene" BM25, operation by operation (lengths and the average in float64, idf by
`math.log` per term, products in float64, stored as float32), so every score equals
bm25s's bit for bit;
`tests/test_bm25_matrix.py` compares them with `bm25s.BM25.index` term by term.
Term ids are this module's (bm25s numbers terms in a set's order, which varies between
processes anyway): what the index holds is each term's documents and scores.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from index.memo import LastCall, TextMemo

__all__ = ["bm25_matrix"]

Counted = tuple[np.ndarray, np.ndarray, int]  # term numbers, their counts, document length

# every term met in this process, numbered in first-seen order (grows with the vocabulary)
_NUMBER: dict[str, int] = {}
_TERMS: list[str] = []
_NUMBER_LOCK = threading.Lock()

# each document's counted terms, up to 5 million terms (~60 MB with the arrays)
_COUNTED: TextMemo[tuple[str, ...], Counted] = TextMemo(5_000_000, lambda key, _: len(key))


def _count(terms: tuple[str, ...]) -> Counted:
    counts = Counter(terms)
    with _NUMBER_LOCK:
        for term in counts:
            if term not in _NUMBER:
                _NUMBER[term] = len(_TERMS)
                _TERMS.append(term)
        numbers = np.fromiter((_NUMBER[t] for t in counts), dtype=np.int64, count=len(counts))
    return numbers, np.fromiter(counts.values(), dtype=np.float32, count=len(counts)), len(terms)


# the last call's term lists by identity: a refit hands back an unchanged text's list itself
_BY_LIST: LastCall[Sequence[str], Counted] = LastCall()
MAX_REMEMBERED = 5_000_000  # terms, as the tokenizer remembers its lists


def _counted(docs_tokens: Sequence[Sequence[str]]) -> list[Counted]:
    """Each document's counted terms: the last call's for the same list object, else the
    memo's for the same terms, else counted now."""
    _COUNTED.new_pass()
    return _BY_LIST.map(
        docs_tokens,
        lambda terms: _COUNTED.get(tuple(terms), _count),
        keep=lambda counted: sum(c[2] for c in counted) <= MAX_REMEMBERED,
    )


def bm25_matrix(
    docs_tokens: Sequence[Sequence[str]], k1: float, b: float
) -> tuple[dict[str, int], dict[str, Any]]:
    """bm25s's `vocab_dict` (with its empty term last) and `scores` (CSC: `data`,
    `indices`, `indptr`, `num_docs`) for `docs_tokens`, scored as bm25s's lucene BM25."""
    counted = _counted(docs_tokens)
    n_docs = len(counted)
    lengths = np.array([c[2] for c in counted])
    avg_doc_len = lengths.mean()  # as bm25s: the mean of an integer array
    per_doc = np.array([len(c[0]) for c in counted], dtype=np.int64)
    numbers = np.concatenate([c[0] for c in counted]) if counted else np.zeros(0, np.int64)
    tf = np.concatenate([c[1] for c in counted]) if counted else np.zeros(0, np.float32)
    rows = np.repeat(np.arange(n_docs, dtype=np.int32), per_doc)
    with _NUMBER_LOCK:
        used = np.zeros(len(_TERMS), dtype=bool)
    used[numbers] = True
    present = np.flatnonzero(used)  # the terms of these documents, in number order
    cols = (np.cumsum(used) - 1)[numbers]
    doc_freqs = np.bincount(cols, minlength=len(present))
    idf = np.array(
        [math.log(1 + (n_docs - df + 0.5) / (df + 0.5)) for df in doc_freqs.tolist()],
        dtype=np.float32,
    )
    # bm25s, per document: tf / (k1 * ((1 - b) + b * l_d / l_avg) + tf), times idf
    l_d = lengths[rows].astype(np.float64)
    tfc = tf / (k1 * ((1 - b) + b * l_d / avg_doc_len) + tf.astype(np.float64))
    scores = (idf[cols].astype(np.float64) * tfc).astype(np.float32)
    indptr = np.zeros(len(present) + 1, dtype=np.int64)
    np.cumsum(np.bincount(cols, minlength=len(present)), out=indptr[1:])
    sorter = np.argsort(cols, kind="stable")  # by term, then document (rows ascend)
    with _NUMBER_LOCK:
        vocab = {_TERMS[number]: i for i, number in enumerate(present.tolist())}
    vocab[""] = len(vocab)  # bm25s's empty term, after the real ones
    matrix = {
        "data": scores[sorter],
        "indices": rows[sorter],
        "indptr": indptr,
        "num_docs": n_docs,
    }
    return vocab, matrix
