"""A parent's case that asks something for the children too: the parent is the client by age,
and a service for children is then for the children of the case, not one the parent is too old
for (index/search/facet_age.asks_for_child, facet_rules.facet_ok)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.knowledge.loader import load_knowledge
from index.search.facet_age import asks_for_child
from index.search.facet_rules import facet_ok
from index.search.facets import Filters, extract_filters
from index.search.vocab_match import VocabMatcher

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@pytest.mark.parametrize(
    "text",
    [
        "Äiti toivoi, että lapset saisivat jotain omaa tukea.",
        "Tärkeintä olisi, että lapset pääsisivät johonkin harrastukseen.",
        "Mitä pojalle voisi olla tarjolla?",
        "Isä kysyi, onko lapsille jotain ryhmää.",
        "Hon söker något för barnen på svenska.",
        "Is there a group for her kids?",
        "Yh-äiti 36v, lapset 6v ja 10v. 10v poika haluis sählyyn, mutta kausimaksu on liikaa.",
        "Äiti muutti 8-vuotiaan poikansa kanssa turvakotiin. Mitä heille voisi ehdottaa?",
    ],
)
def test_something_asked_for_the_children_is_read(text: str) -> None:
    assert asks_for_child(text)


@pytest.mark.parametrize(
    "text",
    [
        "Äiti on uupunut ja kaipaa vertaistukea itselleen.",
        "She bought winter clothes for the kids with a payday loan.",
        "She has to stay strong for the kids.",
        "Lapset ovat jo aikuisia ja asuvat Oulussa.",
        "Pariskunta riitelee paljon. Mitä heille voisi ehdottaa?",  # no child in the case
    ],
)
def test_no_child_asked_for_where_none_is(text: str) -> None:
    assert not asks_for_child(text)


def test_a_childrens_group_passes_the_age_of_a_parent_who_asks_for_the_children() -> None:
    kb = load_knowledge(KNOWLEDGE)
    matcher = VocabMatcher(kb.vocabularies)
    group = kb.service("tyyni-ry/tuulensuoja-lapsiryhma")
    assert group is not None and group.age_max is not None and group.age_max < 18
    case = (
        "35-vuotias keravalainen äiti lähti lasten kanssa väkivaltaisen miehen luota. Lapset "
        "ovat 8 ja 10, ja heillä on painajaisia."
    )
    plain = extract_filters(case, kb.vocabularies, matcher)
    asked = extract_filters(
        case + " Äiti toivoo, että lapset saisivat omaa tukea.", kb.vocabularies, matcher
    )
    assert plain.age == asked.age == 35
    assert not facet_ok(group, "age", plain)  # the mother alone: a children's group is not hers
    assert facet_ok(group, "age", asked)
    # a follow-up that asks for the children keeps it
    assert Filters(age=35).merged(Filters(for_child=True)).for_child
    adults = kb.service("tyyni-ry/naisten-vertaisryhma-kerava")
    assert adults is not None and not facet_ok(adults, "age", Filters(age=12, for_child=True))
