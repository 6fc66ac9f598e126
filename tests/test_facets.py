"""Facets read from how staff actually write: places, languages, ages, cost, remote."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.knowledge.loader import load_knowledge
from index.language.detect import detect_language
from index.search.facets import Filters, extract_filters
from index.search.vocab_match import VocabMatcher

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@pytest.fixture(scope="module")
def read() -> object:
    kb = load_knowledge(KNOWLEDGE)
    matcher = VocabMatcher(kb.vocabularies)

    def _read(question: str) -> Filters:
        return extract_filters(question, kb.vocabularies, matcher)

    return _read


@pytest.mark.parametrize(
    ("question", "municipality"),
    [
        ("78-vuotias leski Keravalta", "kerava"),
        ("keravalainen mies", "kerava"),
        ("asuu Tikkurilassa", "vantaa"),
        ("onks vantaal mitää", "vantaa"),
        ("ukrainalainen äiti myyrmäes yksin", "vantaa"),
        ("muutti juuri hakunilaan", "vantaa"),
        ("gärna i Myrbacka", "vantaa"),
        ("bor i Kervo", "kerava"),
        ("lives in Vantaa", "vantaa"),
        ("ruokajako Saviossa", "kerava"),
        ("Vantaalla tai Keravalla", None),  # both named: no filter
        ("vaarallinen tilanne kotona", None),  # not Vaarala
    ],
)
def test_municipality_from_places_and_districts(read, question, municipality):
    assert read(question).municipality == municipality


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("78-vuotias leski, puhuu ruotsia", "sv"),
        ("Ruotsinkielinen iltapäiväkerho", "sv"),
        ("asiakas puhuu vain venäjää", "ru"),
        ("Venäjää puhuva mies", "ru"),
        ("persiankielistä vertaistukea", "fa"),
        ("Vi söker gympa på svenska", "sv"),
        ("Is there a course in English?", "en"),
        ("He speaks very little Finnish and is isolated", "en"),
        ("asiakas ei puhu ruotsia", None),  # negated
        ("haluaa harjoitella suomen puhumista", None),  # learning Finnish is a need
    ],
)
def test_service_language(read, question, language):
    assert read(question).language == language


@pytest.mark.parametrize(
    ("question", "age"),
    [
        ("84-vuotias mies", 84),
        ("62-vuotiaalla asiakkaalla", 62),
        ("hänen isänsä (68) sai diagnoosin", 68),
        ("Vi har en 15-åring som mår dåligt", 15),
        ("Min klient är 45 och känner sig ensam", 45),
        ("an 80-year-old woman", 80),
        ("iltapäiväkerho ekaluokkalaiselle", 7),
        ("muistiryhmät ovat täynnä kasikymppisiä", None),
        ("Äiti soitti: 17-vuotias poika polttaa pilveä", None),  # the parent seeks help
        ("vuonna 2024 alkanut ryhmä", None),
    ],
)
def test_age(read, question, age):
    assert read(question).age == age


def test_cost_online_and_hints(read):
    f = read("Maksuton etäryhmä keravalaiselle yksinhuoltajalle, joka ei pääse kotoa")
    assert f.cost == "free"
    assert f.online is True
    assert f.municipality == "kerava"
    assert "perheet" in f.target_groups  # "yksinhuoltajat" is a synonym
    assert read("Onko Vantaalla vertaisryhmää leskeksi jääneille?").themes == ("vertaistuki",)
    assert read("Löytyykö hyvinvointialueen nettisivuilta koontisivu?").online is None


def test_evidence_names_the_words(read):
    f = read("Venäjänkielistä digiopastusta 75-vuotiaalle Vantaalla, maksutonta?")
    assert f.as_json() == {
        "municipality": "vantaa",
        "language": "ru",
        "age": 75,
        "cost": "free",
        "online": None,
    }
    assert f.evidence["municipality"] == "vantaalla"
    assert f.evidence["cost"].lower() == "maksutonta"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Onko Vantaalla vertaisryhmää leskeksi jääneille?", "fi"),
        ("onks vantaal mitää eläkeläisporukkaa", "fi"),
        ("Finns det någon stödgrupp på svenska i Vanda?", "sv"),
        ("Is there anything for an elderly man in Kerava?", "en"),
    ],
)
def test_question_language(text, lang):
    assert detect_language(text) == lang
