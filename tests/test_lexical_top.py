"""The lexical signal's top-k: best first, only documents that share a term, ties in document
order (index/search/lexical.top_positive)."""

from __future__ import annotations

import numpy as np

from index.search.lexical import top_positive


def test_the_best_k_best_first_and_only_positive() -> None:
    scores = np.array([0.0, 3.0, 1.0, 0.0, 5.0, 2.0], dtype=np.float32)
    got = top_positive(scores, np.flatnonzero(scores > 0), 3)
    assert [i for i, _ in got] == [4, 1, 5]
    assert [s for _, s in got] == [5.0, 3.0, 2.0]
    # fewer hits than k: every positive one
    assert [i for i, _ in top_positive(scores, np.flatnonzero(scores > 0), 10)] == [4, 1, 5, 2]


def test_ties_at_the_cut_keep_the_earlier_documents() -> None:
    scores = np.array([1.0, 2.0, 2.0, 2.0, 2.0, 3.0], dtype=np.float32)
    got = [i for i, _ in top_positive(scores, np.flatnonzero(scores > 0), 3)]
    assert got == [5, 1, 2]  # of the four tied at 2.0, the two earliest


def test_a_large_index_with_a_common_term() -> None:
    rng = np.random.default_rng(7)
    scores = np.zeros(50_000, dtype=np.float32)
    scores[rng.choice(50_000, 40_000, replace=False)] = rng.random(40_000).astype(np.float32) + 0.1
    got = top_positive(scores, np.flatnonzero(scores > 0), 200)
    best = np.sort(scores)[::-1][:200]
    assert len(got) == 200
    assert np.allclose([s for _, s in got], best)
