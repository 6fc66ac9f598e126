"""Who uses violence in a case, and the services for the other side of it ranked lower
(index/search/violence_role.py, facet_rules.demotion)."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from index.search.violence_role import for_victims, for_violent, uses_violence, violence_unsaid

PROGRAMME = "vakivallaton-arki-ry/muutosohjelma"  # for those who have used violence
VICTIMS_HELP = "tyyni-ry/keskusteluapu-vakivaltaa-kokeneille"


@pytest.mark.parametrize(
    ("case", "uses"),
    [
        ("Asiakas myönsi lyöneensä avovaimoaan humalassa ja haluaa apua.", True),
        ("Isä kertoi tönineensä vaimoaan riitatilanteissa.", True),  # reported: his own act
        ("mies sano et on tönässy vaimoo ja potkinu ovia", True),
        ("Hän on huolissaan omasta vihastaan.", True),
        ("He pushed his wife last week and wants to change.", True),
        ("Han har slagit sin fru och vill ha hjälp.", True),
        # the act told by the partner, and the client who wants to learn to control himself
        (
            "Puoliso kertoi, että isä on huutanut ja kerran tönäissyt häntä. Isä haluaa oppia "
            "hallitsemaan itsensä.",
            True,
        ),
        ("Naisen mies on tönäissyt häntä, ja nainen haluaa muuttaa pois.", False),
        # the partner is the one who acts
        ("Naisella oli mustelmia. Avomies kuristi häntä riidan aikana.", False),
        ("Hänen miehensä lyö lapsia, ja äiti pelkää.", False),
        ("Her partner shouts at her and once pushed her against the wall.", False),
        ("Äiti muutti pois, koska mies löi äitiä vuosien ajan.", False),
    ],
)
def test_who_uses_the_violence(case: str, uses: bool) -> None:
    assert uses_violence(case) is uses


def _order(rt: Runtime, question: str) -> list[str]:
    return [h.id for h in rt.searcher.search(question, kinds=["service"], k=10).hits]


def test_the_sides_in_the_knowledge(rt: Runtime) -> None:
    services = rt.searcher.kb.services_by_id
    assert for_violent(services[PROGRAMME]) and not for_victims(services[PROGRAMME])
    assert for_victims(services[VICTIMS_HELP]) and not for_violent(services[VICTIMS_HELP])
    # supervised meetings of a child and a parent are about violence, for families
    assert not for_violent(services["eroperheiden-silta-ry/valvotut-tapaamiset"])


def test_one_who_used_violence_gets_the_programme_before_victims_help(rt: Runtime) -> None:
    order = _order(
        rt,
        "Asiakkaani on 38-vuotias vantaalainen mies, joka myönsi lyöneensä avovaimoaan "
        "humalassa. Hän häpeää tekoaan ja haluaa apua, ettei se toistu.",
    )
    assert order[0] == PROGRAMME
    assert VICTIMS_HELP not in order[:5]


def test_one_who_suffers_violence_gets_victims_help_before_the_programme(rt: Runtime) -> None:
    order = _order(
        rt,
        "Vantaalaisella 34-vuotiaalla naisella oli vastaanotolla mustelmia olkavarsissa. Hän "
        "kertoi, että mies on tönäissyt häntä ja kontrolloi hänen rahojaan.",
    )
    assert VICTIMS_HELP in order[:3]
    assert PROGRAMME not in order[:5]


VIOLENCE_ONLY = {
    PROGRAMME,
    VICTIMS_HELP,
    "vakivallaton-arki-ry/ennen-kuin-lyot-chat",
    "tyyni-ry/naisten-vertaisryhma-kerava",
}


@pytest.mark.parametrize(
    "case",
    [
        # a spouse, a prison, a divorce: the words of a violence service, and no violence
        "Vantaalaisen 50-vuotiaan naisen mies sairastaa syöpää. Hän haluaisi jutella muiden "
        "syöpäpotilaiden läheisten kanssa.",
        "Asiakkaani mies istuu vankilassa kolme vuotta. Hän kaipaisi tukea muilta vankien "
        "läheisiltä.",
        "Tikkurilalainen 40-vuotias mies erosi vaimostaan keväällä ja näkee lapsiaan joka toinen "
        "viikonloppu. Hän on yksinäinen ja riidat exän kanssa uuvuttavat.",
    ],
)
def test_no_violence_service_leads_a_case_that_names_no_violence(rt: Runtime, case: str) -> None:
    order = _order(rt, case)
    assert not VIOLENCE_ONLY & set(order[:3])


@pytest.mark.parametrize(
    "case",
    [
        "A 35-year-old woman in Kerava told me her partner checks her phone every evening and "
        "last week pushed her against the wall.",
        "Saviolla asuva 41-vuotias nainen lähti väkivaltaisesta liitosta viime vuonna ja häpeää "
        "yhä.",
        "En kvinna i Dickursby har upptäckt att maken tagit snabblån i hennes namn.",
    ],
)
def test_everyday_signs_of_violence_keep_victims_help_near(rt: Runtime, case: str) -> None:
    f = rt.searcher.filters_for(case)
    assert f.violence == "experiences"
    services = rt.searcher.kb.services_by_id
    assert not violence_unsaid(services[VICTIMS_HELP], f.violence, f.themes, f.target_groups)
    assert VICTIMS_HELP in _order(rt, case)[:5]


def test_a_violence_service_is_unsaid_only_without_any_sign(rt: Runtime) -> None:
    services = rt.searcher.kb.services_by_id
    assert violence_unsaid(services[PROGRAMME], None, (), ())
    assert not violence_unsaid(services[PROGRAMME], "uses", ("vakivalta",), ())
    assert not violence_unsaid(services[PROGRAMME], None, ("vakivalta",), ())
    # a family service about violence (supervised meetings) is not only about violence
    assert not violence_unsaid(services["eroperheiden-silta-ry/valvotut-tapaamiset"], None, (), ())
    assert not violence_unsaid(services["sinivuokko-ry/vertaistukipuhelin"], None, (), ())
