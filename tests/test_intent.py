"""Telling a question about services for a client from one about the cooperation itself.

Both kinds name associations: "does some association help people with X" asks for
services; "is there support for associations" asks about the county's cooperation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from handlers.intent import guess_intent, intent_of
from index.search.engine import Searcher
from index.search.facets import Filters
from tests.runtime_fixtures import make_runtime


@pytest.mark.parametrize(
    "question",
    [
        "Sen vaimo on alkanu unohdella asioita. Mitä niille vois ehdottaa?",
        "Hänen puolisonsa on uupunut, mitä voisi ehdottaa?",
        "His wife has started forgetting things, what could they do?",
        "A young guy has a pile of unopened envelopes. Where can he sort this out?",
        # "pitkälle edennyt" is how far an illness has gone, not how a roadmap action stands
        "Kävi rouva, jonka miehellä on pitkälle edennyt Alzheimer. Rouva hoitaa kaiken yksin.",
    ],
)
def test_a_spouse_in_the_case_is_a_question_about_services(question):
    assert guess_intent(question, Filters()).intent == "services"


@pytest.mark.parametrize(
    "question",
    [
        "Onko järjestöillä tukea lapsettomuudesta kärsiville pariskunnille?",
        "Onko jokin järjestö, joka auttaa pienyrittäjää kirjanpidossa?",
        "Auttaako jokin yhdistys etuushakemuksissa ja valituksissa?",
        # money for the client, and an association that would give it
        "Asiakas tarvitsee rahaa vuokraan, onko yhdistystä joka auttaa?",
        "Onko järjestöillä apua päihteitä käyttävien läheisille?",
    ],
)
def test_help_from_an_association_for_people_is_a_question_about_services(question):
    assert guess_intent(question, Filters()).intent == "services"


@pytest.mark.parametrize(
    "question",
    [
        "Onko järjestöille tukea toiminnan kuvaamiseen?",
        "Onko järjestöille apua avustushakemuksen tekemiseen?",
        "Auttaako hyvinvointialue järjestöjä tilojen löytämisessä?",
        "Kuka auttaa järjestöjä PTV-kuvausten tekemisessä?",
        # an association wanting money from the county, though it names its club
        "Tuttu pieni yhdistys haluais hyvinvointialueelta rahaa kerhotoimintaansa. Mistä hakee?",
        "Where and how often does the network of NGO key contacts get together?",
        # an association that keeps asking, and whether the rules are decided yet
        "Yhdistys kyselee taas, saisiko tiloja iltaryhmälle. Onko säännöt jo päätetty?",
    ],
)
def test_support_for_associations_is_not_read_as_services(question):
    assert guess_intent(question, Filters()).intent != "services"


@pytest.fixture(scope="module")
def searcher(knowledge_index_dir: Path) -> Iterator[Searcher]:
    yield make_runtime(knowledge_index_dir, None).searcher


@pytest.mark.parametrize(
    "question",
    [
        # how staff refer a client, and whether a referral is needed: guidance, though a
        # client and a group are named
        "Miten mä ohjaan asiakkaan järjestön ryhmään, tarvitaanko siihen lähete?",
        "Miten me ohjataan asiakas järjestön toimintaan?",
        # an association asking how to go about meeting in the county's premises
        "Vår förening vill ha en stödgrupp i välfärdsområdets lokaler. Hur går vi till väga?",
    ],
)
def test_how_to_questions_are_not_read_as_services(searcher: Searcher, question: str) -> None:
    assert intent_of(searcher, question, searcher.filters_for(question)) == "knowledge"


@pytest.mark.parametrize(
    "question",
    [
        "Tarviiks asiakkaalle kirjottaa joku lähete, jos haluun ohjata sen jonkun yhdistyksen "
        "vertaisryhmään?",
        "ei löydy asiakkaalle sopivaa järjestöä mistään, mitä nyt teen",
    ],
)
def test_a_how_to_question_naming_a_client_is_decided_on_its_words(question: str) -> None:
    # as many cues of procedure as of a case, and at least two: not left to the scores
    guess = guess_intent(question, Filters())
    assert guess.knowledge_cues >= 2 and guess.intent == "knowledge"


def test_a_word_beginning_like_a_cue_is_not_the_cue():
    # "vastaanotolle" (to the appointment) is not "vastaa" (answers for)
    guess = guess_intent("Opiskelija tuli vastaanotolle itkien.", Filters())
    assert guess.knowledge_cues == 0
    assert guess_intent("Kuka vastaa tästä?", Filters()).knowledge_cues == 1
