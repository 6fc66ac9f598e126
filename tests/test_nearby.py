"""'Onko jotain lähempänä?': the case's services near the client's district first."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.labels import label
from handlers.messages import Incoming, Notice, Reply, Text
from handlers.nearby import asks_closer, client_district, is_near, near_first


@pytest.mark.parametrize(
    "text",
    [
        "Onko jotain lähempänä?",
        "Anything closer to home?",
        "Finns det något närmare?",
        "tarttis jotain ihan kävelymatkan päästä kotoa",
    ],
)
def test_asking_for_something_closer_is_read(text):
    assert asks_closer(text)


def test_a_district_of_the_cases_own_town_asked_about_is_closer():
    assert asks_closer("Onks Saviossa mitään?", "kerava")
    assert not asks_closer("Onks Saviossa mitään?", "vantaa")  # a move to Kerava
    # another matter with a need of its own, in a district of the same town
    assert not asks_closer("Kiitos. Toinen asia: tiedätkö ruoka-apua Saviossa?", "kerava", True)


@pytest.mark.parametrize(
    "text",
    [
        "Mites Keravan puolella, jos hän muuttaa tyttären lähelle?",  # a move to a town
        "Tytär asuu lähellä.",
        "Entä lähempänä Keravaa?",  # a town: the municipality facet's
    ],
)
def test_a_move_or_a_relative_living_near_is_not_asking_for_closer(text):
    assert not asks_closer(text)


def test_a_district_of_the_town_the_case_moved_from_is_not_the_clients():
    assert client_district("78-vuotias mies Tikkurilasta", "kerava") == ""
    assert client_district("78-vuotias mies Tikkurilasta", "vantaa") == "tikkurila"


def test_a_long_new_case_that_mentions_nearness_is_no_follow_up():
    assert not asks_closer(
        "Uusi asiakas: 80-vuotias mies Korsosta, tytär asuu lähellä mutta käy harvoin, "
        "ja hän toivoisi seuraa."
    )


@pytest.mark.parametrize(
    ("case", "district"),
    [
        ("Tikkurilassa asuva 70-vuotias nainen", "tikkurila"),
        ("asuu Keravan Saviolla yksin", "savio"),
        ("keravalainen mies, 60 v", ""),  # a town, no district
    ],
)
def test_the_clients_district_is_read_from_the_case(case, district):
    assert client_district(case) == district


def _say(rt: Runtime, thread: str, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", thread, text, thread="t1"))


CASE = "Tikkurilassa asuva 70-vuotias nainen hoitaa muistisairasta miestään ja on uupunut."


def test_the_services_near_the_clients_district_come_first_and_the_case_stays(rt):
    first = _say(rt, "closer", CASE)
    assert first.intent == "services" and first.results
    reply = _say(rt, "closer", "Onko jotain lähempänä?")
    assert reply.intent == "services" and reply.filters["municipality"] == "vantaa"
    near = [is_near(rt.kb.service(r.id), "tikkurila") for r in reply.results]
    # the first service is near the district (or remote), and was already in the answer
    assert near[0], [r.id for r in reply.results]
    assert reply.results[0].id in [r.id for r in first.results]
    # the same case: what the case was first answered with near the district is still shown
    kept = [r.id for r in first.results if is_near(rt.kb.service(r.id), "tikkurila")]
    assert kept and kept[0] in [r.id for r in reply.results]
    notices = [p.text for p in reply.parts if isinstance(p, Notice)]
    assert label("closer", "fi", place="Tikkurila") in notices


def test_without_a_district_the_bot_asks_where_the_client_lives(rt):
    _say(rt, "closer-where", "Keravalainen 70-vuotias nainen hoitaa muistisairasta miestään.")
    reply = _say(rt, "closer-where", "Onko jotain lähempänä?")
    texts = [p.text for p in reply.parts if isinstance(p, Text)]
    assert texts == [label("closer_where", "fi")]
    named = _say(rt, "closer-where", "Entä lähempänä Savioa?")
    notices = [p.text for p in named.parts if isinstance(p, Notice)]
    assert any("Savio" in n for n in notices), notices


def test_after_a_move_to_the_other_town_the_district_no_longer_orders(rt):
    _say(rt, "closer-move", CASE)
    _say(rt, "closer-move", "Onko jotain lähempänä?")
    moved = _say(rt, "closer-move", "Hän muuttaa ensi kuussa Keravalle.")
    assert moved.filters["municipality"] == "kerava"
    _say(rt, "closer-move-fresh", CASE)
    again = _say(rt, "closer-move-fresh", "Hän muuttaa ensi kuussa Keravalle.")
    assert [r.id for r in moved.results] == [r.id for r in again.results]


def test_a_near_service_that_fits_the_case_badly_does_not_come_first(rt):
    result = rt.searcher.search(CASE, kinds=("service",), k=30)
    ordered = near_first(result.hits, rt.kb, "tikkurila", "vantaa")
    best = max(h.fit_score or 0.0 for h in result.hits)
    lifted = [h for h in ordered[:3] if h.id not in [x.id for x in result.hits[:3]]]
    assert all((h.fit_score or 0.0) >= 0.5 * best for h in lifted)
    assert sorted(h.id for h in ordered) == sorted(h.id for h in result.hits)
