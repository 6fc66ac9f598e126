"""The services of a specific need the case implies reach the first stage
(index/search/need_ranking.py)."""

from __future__ import annotations

from bot.runtime import Runtime
from index.search.need_ranking import specific_themes

WIDOWS = "lahteella-ry/leskien-ryhma"
CASE = (
    "rouva 80v korsosta, ukko kuoli keväällä. soittaa meille kotihoitoon päivittäin ihan vaan "
    "jutellakseen, liikkuu kyllä bussilla."
)


def test_only_themes_few_services_carry_are_specific(rt: Runtime) -> None:
    counts, n = rt.kb.theme_counts, len(rt.kb.services)
    assert specific_themes(("suru", "vertaistuki", "yksinaisyys"), counts, n) == {"suru"}
    assert specific_themes(("vertaistuki",), counts, n) == frozenset()
    assert specific_themes(("no-such-theme",), counts, n) == frozenset()


def _fused_rank(rt: Runtime, need: frozenset[str]) -> int:
    s = rt.searcher
    ranked, _, _ = s._fuse(CASE, s.embed_query(CASE), "fi", "hybrid", ("service",), need)
    return [s.index.docs[i].id for i, _ in ranked].index(WIDOWS)


def test_a_grief_implied_by_a_death_brings_the_widows_group_forward(rt: Runtime) -> None:
    # "ukko kuoli" is a sign of grief; to the dense model and BM25 the widows' group is far
    assert "suru" in rt.searcher.filters_for(CASE).themes
    without, with_need = _fused_rank(rt, frozenset()), _fused_rank(rt, frozenset({"suru"}))
    assert with_need < without and with_need < 10


def _pool_rank(rt: Runtime, lean: bool) -> int:
    judged = rt.searcher.search(CASE, kinds=["service"], k=10, lean=lean).judged
    assert judged is not None
    return judged.ids.index(WIDOWS) if WIDOWS in judged.ids else len(judged.ids)


def test_no_third_ranking_after_a_move(rt: Runtime) -> None:
    # a refinement after a move searches with lean=False: the earlier answer's kind decides
    assert _pool_rank(rt, lean=True) < _pool_rank(rt, lean=False)
