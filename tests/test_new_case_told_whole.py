"""A new case told whole in the same thread, without "toinen asiakas": someone the message
brings in with an age and a story ("68-vuotias isä sai juuri Alzheimer-diagnoosin …") starts
over instead of being read as the old case with a new age (handlers/turn_words.
introduces_someone, handlers/case.read_turn)."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming
from handlers.turn_words import introduces_someone

MEMORY_CASE = (
    "62-vuotias tikkurilalainen mies on alkanut unohdella tapaamisia ja eksyi viime viikolla "
    "kauppareissulla. Vaimo on huolissaan eikä tiedä, mistä saisi tukea."
)


@pytest.mark.parametrize(
    ("text", "someone"),
    [
        ("68-vuotias isä sai juuri Alzheimer-diagnoosin.", True),
        ("Asiakkaani on 45-vuotias nainen, jonka mies kuoli keväällä.", True),
        ("En 35-årig kvinna i Dickursby vars bror dog.", True),
        ("A 40-year-old woman in Korso told me her husband hits her.", True),
        ("Hän on muuten 15-vuotias ja pelaa öisin.", False),  # the case's client, an age said
        ("Hänen 24-vuotias isoveljensä sairastaa diabetesta.", False),  # a relative of the case
        ("Perheen 13-vuotias tytär haluaisi myös liikkua.", False),
        ("His 24-year-old brother has diabetes too.", False),
    ],
)
def test_someone_brought_in_with_an_age(text: str, someone: bool) -> None:
    assert (introduces_someone(text) is not None) is someone


def test_a_new_case_about_the_same_need_starts_over(rt: Runtime) -> None:
    first = rt.router.handle(Incoming("test", "u1", "whole", MEMORY_CASE))
    assert first.filters["municipality"] == "vantaa" and first.filters["age"] == 62
    second = rt.router.handle(
        Incoming(
            "test",
            "u1",
            "whole",
            "68-vuotias isä sai juuri Alzheimer-diagnoosin. Tytär kysyy, mistä omaiset "
            "saisivat tukea ja tietoa sairaudesta.",
        )
    )
    # a new client: the first case's place does not follow, the new one's age holds
    assert second.filters["municipality"] is None and second.filters["age"] == 68
    assert second.intent == "services"


def test_a_pronoun_after_the_new_client_is_theirs(rt: Runtime) -> None:
    rt.router.handle(Incoming("test", "u1", "whole-2", MEMORY_CASE))
    second = rt.router.handle(
        Incoming(
            "test",
            "u1",
            "whole-2",
            "Asiakkaani on 45-vuotias nainen, jonka mies kuoli keväällä. Hän ei jaksa käydä "
            "töissä ja itkee paljon.",
        )
    )
    assert second.filters["municipality"] is None and second.filters["age"] == 45


def test_an_age_said_of_the_case_client_still_refines_it(rt: Runtime) -> None:
    rt.router.handle(Incoming("test", "u1", "whole-3", MEMORY_CASE))
    second = rt.router.handle(
        Incoming("test", "u1", "whole-3", "Hän on muuten jo 68-vuotias ja jäänyt eläkkeelle.")
    )
    assert second.filters["municipality"] == "vantaa" and second.filters["age"] == 68


def test_a_case_without_an_age_told_more_fully_goes_on(rt: Runtime) -> None:
    first = rt.router.handle(
        Incoming(
            "test",
            "u1",
            "whole-4",
            "Tikkurilassa asuva nainen on ollut miehensä kuoleman jälkeen hyvin yksinäinen "
            "eikä jaksa lähteä kotoa.",
        )
    )
    assert first.filters["municipality"] == "vantaa" and first.filters["age"] is None
    second = rt.router.handle(
        Incoming(
            "test",
            "u1",
            "whole-4",
            "Kyseessä on 45-vuotias nainen, joka asuu yksin eikä hänellä ole sukulaisia lähellä.",
        )
    )
    # the same client, told more fully: her place still holds, and now her age
    assert second.filters["municipality"] == "vantaa" and second.filters["age"] == 45
