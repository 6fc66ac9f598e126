"""A service for older people first in a young family's case is not called a fit, and the
answer says so (index/search/life_stage.py, facet_rules.met_in_part)."""

from __future__ import annotations

from bot.runtime import Runtime
from bot.terminal.render import render_text
from handlers.labels import label
from handlers.messages import Incoming, Reply
from index.search.facet_rules import MINORITIES
from index.search.facets import extract_filters
from index.search.life_stage import for_older_only, young_family

SWEDISH_MOTHER = (
    "Hej! Jag är hälsovårdare på rådgivningen. En mamma med en fyra månader gammal bebis bor i "
    "Dickursby, sitter mest ensam hemma och säger att hon inte känner någon. Hon är "
    "svenskspråkig. Finns det någon verksamhet på svenska där hon kunde träffa andra föräldrar?"
)


def test_a_service_is_for_older_people_only_by_its_groups_or_its_age_limit(rt: Runtime) -> None:
    for older in (
        "soittorinki-ry/puhelinpiirit",
        "seniortraffen-i-vanda-rf/vanverksamhet",
        "soittorinki-ry/english-coffee-call",  # for older newcomers: still older people only
    ):
        service = rt.kb.service(older)
        assert service is not None and for_older_only(service)
    for other in (
        "vanda-svenska-familjeforening-rf/familjecafe-dickursby",
        "mielenmajakka-ry/samtalsgrupp-pa-svenska",
        "yksin-ja-yhdessa-ry/vertaisilta-tikkurila",
    ):
        service = rt.kb.service(other)
        assert service is not None and not for_older_only(service), other


def test_a_young_familys_case_is_read_without_an_age_of_its_own(rt: Runtime) -> None:
    vocab, matcher = rt.kb.vocabularies, rt.searcher.matcher
    assert young_family(extract_filters(SWEDISH_MOTHER, vocab, matcher))
    grandmother = "75-vuotias mummo hoitaa lapsenlapsiaan eikä jaksa enää."
    assert not young_family(extract_filters(grandmother, vocab, matcher))  # an age of her own
    carer = "Omaishoitaja hoitaa miestään kotona, ja lapset käyvät harvoin."
    assert not young_family(extract_filters(carer, vocab, matcher))
    # an older client's grown children, named in passing, make no young family
    widow = "Tikkurilassa yksin asuva leski, jonka lapset asuvat Oulussa, on yksinäinen."
    assert not young_family(extract_filters(widow, vocab, matcher))


def say(rt: Runtime, thread: str, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", thread, text))


def test_a_seniors_circle_first_after_a_move_is_not_a_fit_for_a_mother(rt: Runtime) -> None:
    first = say(rt, "mother-moves", SWEDISH_MOTHER)
    assert first.results[0].id == "vanda-svenska-familjeforening-rf/familjecafe-dickursby"
    moved = say(rt, "mother-moves", "Förlåt, de bor i Savio i Kervo, inte i Dickursby.")
    # nothing in Swedish for families in Kerava: what is left first is not for this mother —
    # a circle for older people, or (on an index where it ranks first) the rainbow families'
    # meetings with no sign of one in the case — and the answer says which
    shown = rt.kb.service(moved.results[0].id)
    assert shown is not None
    assert moved.fit == "partial"
    said = render_text(moved)
    older = for_older_only(shown) and label("older_people_first", "sv") in said
    rainbow = MINORITIES in shown.target_groups and label("minority_group", "sv") in said
    assert older or rainbow, shown.id
    # and the family café of the case follows, saying the place it does not meet
    ids = [r.id for r in moved.results]
    assert "vanda-svenska-familjeforening-rf/familjecafe-dickursby" in ids
