"""Telling a question about services for a client from one about the cooperation itself.

Both kinds name associations: "does some association help people with X" asks for
services; "is there support for associations" asks about the county's cooperation.
"""

from __future__ import annotations

import pytest

from handlers.intent import guess_intent
from index.search.facets import Filters


@pytest.mark.parametrize(
    "question",
    [
        "Onko järjestöillä tukea lapsettomuudesta kärsiville pariskunnille?",
        "Onko jokin järjestö, joka auttaa pienyrittäjää kirjanpidossa?",
        "Auttaako jokin yhdistys etuushakemuksissa ja valituksissa?",
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
    ],
)
def test_support_for_associations_is_not_read_as_services(question):
    assert guess_intent(question, Filters()).intent != "services"
