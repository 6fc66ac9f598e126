"""A language community's service (the Arabic-speaking women's group, a Ukrainian seniors'
meeting) is ranked below others when the case gives no sign of another language or origin,
and keeps its place when it does (index/search/community.py, facet_rules.demotion)."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from index.search.community import community_service

CARER = (
    "{who} hoitaa kotona miestään, jolla on pitkälle edennyt Parkinsonin tauti. Hän on aivan "
    "loppu ja sanoi, ettei ole puhunut kenellekään omasta jaksamisestaan."
)
ARABIC_WOMEN = "ikasilta-ry/arabiankieliset-naiset"
CARERS_GROUP = "omaishoitajien-tukirengas-ry/vertaisryhma-myyrmaki"


def _order(rt: Runtime, question: str) -> list[str]:
    return [h.id for h in rt.searcher.search(question, kinds=["service"], k=10).hits]


def test_a_finnish_carer_is_not_offered_the_arabic_womens_group_first(rt: Runtime) -> None:
    order = _order(rt, CARER.format(who="Myyrmäkeläinen 63-vuotias nainen"))
    assert order[0] != ARABIC_WOMEN
    assert CARERS_GROUP in order[:5]
    if ARABIC_WOMEN in order:
        assert order.index(ARABIC_WOMEN) > order.index(CARERS_GROUP)


@pytest.mark.parametrize(
    "who",
    [
        "Syyriasta kotoisin oleva 63-vuotias myyrmäkeläinen nainen",  # a country of origin
        "Myyrmäkeläinen 63-vuotias nainen, joka tuli Suomeen pakolaisena,",  # newcomer words
        "Myyrmäkeläinen 63-vuotias arabiankielinen nainen",  # a stated language
    ],
)
def test_a_sign_of_another_language_keeps_the_community_group_in_view(
    rt: Runtime, who: str
) -> None:
    order = _order(rt, CARER.format(who=who))
    assert ARABIC_WOMEN in order[:3]


def test_which_services_are_a_language_communitys(rt: Runtime) -> None:
    services = rt.searcher.kb.services_by_id
    # for newcomers, held in their language
    assert community_service(services[ARABIC_WOMEN])
    assert community_service(services["kulttuurisilta-perheille-ry/perhekerho-ukraina-kerava"])
    # newcomers among others with a need of their own: the unemployed
    assert not community_service(services["arjen-ahkerat-ry/tyonhakupaja"])
    # a newcomers' homework club held in Finnish is for every child who needs it
    assert not community_service(services["kerho-kompassi-ry/laksykerho-myyrmaki"])
    # no newcomers at all
    assert not community_service(services[CARERS_GROUP])
