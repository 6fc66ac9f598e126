"""News about someone the case already has, named without a pronoun ("Miestä ei voi jättää
hetkeksikään yksin, eikä rouva aja autoa"), goes on with the case instead of starting over
(handlers/turn_words.names_case_people, handlers/case.read_turn)."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming
from handlers.turn_words import names_case_people

CASE = (
    "Muistihoitajalta: 74-vuotias rouva Länsimäestä hoitaa kotona miestään, jolla on pitkälle "
    "edennyt Alzheimer. Rouva itki vastaanotolla, ettei kukaan tiedä millaista arki on."
)


@pytest.mark.parametrize(
    ("text", "same"),
    [
        ("Miestä ei voi jättää hetkeksikään yksin, eikä rouva aja autoa.", True),
        ("Rouvalla on tabletti, jota hän osaa käyttää.", True),
        ("Onko velkaneuvontaa nuorille?", False),  # no one of the case
        ("Toisen asiakkaan poika pelaa rahapelejä.", False),  # a son the case never had
    ],
)
def test_people_of_the_case_named_again(text: str, same: bool) -> None:
    assert names_case_people(text, CASE) is same


def test_news_of_the_husband_keeps_the_case_and_its_place(rt: Runtime) -> None:
    first = rt.router.handle(Incoming("test", "u1", "people", CASE))
    assert first.filters["municipality"] == "vantaa" and first.filters["age"] == 74
    news = rt.router.handle(
        Incoming(
            "test", "u1", "people", "Miestä ei voi jättää hetkeksikään yksin, eikä rouva aja autoa."
        )
    )
    # the case goes on: the place and the age still hold, and its need is still answered
    assert news.filters["municipality"] == "vantaa" and news.filters["age"] == 74
    assert news.intent == "services"


def test_another_matter_of_the_same_family_keeps_the_familys_place(rt: Runtime) -> None:
    rt.router.handle(
        Incoming(
            "test",
            "u1",
            "family",
            "Tikkurilalainen 45-vuotias mies on ollut pitkään työttömänä, ja laskut ovat "
            "kasautuneet. Mistä saisi apua raha-asioiden selvittämiseen?",
        )
    )
    daughter = rt.router.handle(
        Incoming(
            "test",
            "u1",
            "family",
            "Toinen asia samasta perheestä: hänen 16-vuotias tyttärensä on ollut pitkään "
            "ahdistunut ja yksinäinen. Onko nuorelle jotain?",
        )
    )
    # a new need and a new age, the family's place
    assert daughter.filters["municipality"] == "vantaa"
    assert daughter.filters["age"] == 16
    # a new client of another family does not inherit it
    other = rt.router.handle(
        Incoming("test", "u1", "family", "Toinen asiakas: 30-vuotias nainen kaipaa vertaistukea.")
    )
    assert other.filters["municipality"] is None
