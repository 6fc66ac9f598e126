"""A partly paid service where only the coffee, a lunch or an optional membership costs is
free to take part in; one where non-members or every visit pay is not. Asked for something
free, the first kind is a fit and the second is said to be free only in part."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from index.knowledge.loader import load_knowledge
from index.search.cost_extras import free_to_take_part
from index.search.facet_rules import met_in_part
from index.search.facets import Filters

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge(KNOWLEDGE)


def _with_text(service, fi: str):
    return dataclasses.replace(service, description={"fi": fi}, summary={"fi": "Ryhmä."})


@pytest.mark.parametrize(
    ("text", "free"),
    [
        ("Kahvi ja pulla maksavat 1 €, muuten osallistuminen on maksutonta.", True),
        ("Kävijät valmistavat yhdessä lounaan, joka maksaa 2,50 €.", True),
        (
            "Kaffet kostar 2 €. Medlemsavgiften är 15 € per år, men du är välkommen även om "
            "du inte är medlem.",
            True,
        ),
        (
            "Jäsenmaksu on 10 € vuodessa, mutta ryhmään saa tulla ilman jäsenyyttäkin. "
            "Kahvi maksaa euron.",
            True,
        ),
        ("Jäsenille maksuton, muille 10 € kerta.", False),
        ("Osallistumismaksu on 2 € kerta, kahvi on ilmainen.", False),
        ("Saattaminen on maksutonta, mutta asiakas maksaa saattajan matkakulut 5 €.", False),
        # no amount named at all: not known to be free
        ("Osa toiminnasta on maksullista.", False),
    ],
)
def test_what_the_amounts_in_a_services_text_are_for(kb, text, free):
    service = _with_text(kb.service("keravan-perhepesa-ry/perhekahvila-keskusta"), text)
    assert free_to_take_part(service) is free


def test_the_sample_knowledge_read_as_its_own_words_say(kb):
    # "Kahvi ja pulla maksavat yhteensä euron, muu toiminta on maksutonta"
    assert free_to_take_part(kb.service("keravan-kotikulma-ry/senioriolohuone"))
    # "Palvelu on jäsenille maksuton, muille 10 € kerta"
    assert not free_to_take_part(kb.service("nako-ja-kuulopiiri-ry/digiopastus-nakovammaisille"))
    # "Osallistumismaksu on 2 € kerta (kuntosalimaksu), kahvi on ilmainen"
    assert not free_to_take_part(kb.service("sydanlanka-ry/sydankuntoutujien-ryhma-kerava"))


def test_free_asked_a_cafe_whose_coffee_costs_is_met_a_members_only_service_in_part(kb):
    free = Filters(cost="free")
    cafe = kb.service("keravan-perhepesa-ry/perhekahvila-keskusta")
    members = kb.service("levollinen-uni-ry/cpap-vertaisneuvonta-kerava")
    assert cafe.cost == members.cost == "partly"
    assert "cost" not in met_in_part(cafe, free)
    assert "cost" in met_in_part(members, free)
    assert "cost" not in met_in_part(members, Filters())  # free not asked: nothing to meet
