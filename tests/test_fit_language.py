"""A case described in Swedish or English is a fit from a lower probability than a Finnish one.

Their words reach the Finnish text only through the glossary and their meaning at lower
cosines, so the ranker's probabilities for them run lower (index/search/ranker.py,
OTHER_LANGUAGE_GOOD, chosen by cross-validation).
"""

from __future__ import annotations

import pytest

from index.search.ranker import OTHER_LANGUAGE_GOOD, load_ranker


@pytest.mark.parametrize(
    ("lang", "case", "best", "fit"),
    [
        ("fi", True, 0.30, "partial"),
        ("sv", True, 0.30, "good"),
        ("en", True, 0.30, "good"),
        ("en", False, 0.30, "partial"),  # a short request names its need: the shared threshold
        ("en", True, OTHER_LANGUAGE_GOOD - 0.05, "partial"),
        ("fi", False, 0.60, "good"),
        ("en", True, 0.60, "good"),
    ],
)
def test_the_fit_threshold_by_the_questions_language(
    lang: str, case: bool, best: float, fit: str
) -> None:
    ranker = load_ranker()
    assert ranker is not None
    assert ranker.good > 0.30  # the shipped ranker's own threshold, above this test's 0.30
    assert ranker.fit(best, 0.0, lang, case) == fit
