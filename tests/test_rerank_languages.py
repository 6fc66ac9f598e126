"""The ranker sets the order of the services for Swedish and English cases too.

An English case about a Finnish-speaking mother with a baby in Kerava used to keep the first
stage's order, where a Finnish conversation group for newcomers stood second because its text
is the nearest to English words; the ranker, which weighs whom a service is for, shows the
families' services first (index/search/ranker.py, RERANK_LANGS).
"""

from __future__ import annotations

import numpy as np

from bot.runtime import Runtime
from index.search.ranker import display_order

MUM = (
    "A mum in Savio, Kerava, has a four-month-old baby. Her partner works long shifts and she "
    "has no adult company during the day. Finnish is her language. Where could she meet other "
    "parents?"
)


def test_an_english_case_shows_the_families_services_first(rt: Runtime) -> None:
    result = rt.searcher.search(MUM)
    first_two = [h.id for h in result.hits if h.kind == "service"][:2]
    for sid in first_two:
        service = rt.kb.service(sid)
        assert service is not None
        assert "perheet" in service.target_groups, (sid, first_two)
        assert "kerava" in service.municipalities, (sid, first_two)


def test_swedish_and_english_are_ordered_by_the_ranker() -> None:
    probs = np.array([0.1, 0.9, 0.5])
    for lang in ("fi", "sv", "en"):
        assert display_order(probs, lang) == [1, 2, 0]
    assert display_order(probs, "other") == [0, 1, 2]  # a language the ranker never saw
