"""Reading what a question asks for: the service word and its qualifiers."""

from __future__ import annotations

import pytest

from index.search.request_terms import requested_qualifiers


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Onko Vantaalla dialyysipotilaiden vertaisryhmää?", ["dialyysipotilaiden"]),
        ("Onko elinsiirron saaneiden vertaistukea?", ["saaneiden", "elinsiirron"]),
        (
            "Hän toivoisi vertaisryhmää ostoriippuvuudesta kärsiville",
            ["ostoriippuvuudesta", "kärsiville"],
        ),
        ("Löytyykö parkinsonryhmää?", ["parkinson"]),
        ("Onko psoriaasista kärsiville vertaistukea?", ["kärsiville", "psoriaasista"]),
        ("Onko tällaista ryhmää muille?", []),
        ("Hän kaipaisi ryhmää, jossa olisi muita kaksosten vanhempia.", ["kaksosten", "vanhempia"]),
        ("Onko ryhmää, jossa voisi tavata muita eroperheiden lapsia?", ["eroperheiden", "lapsia"]),
        ("Onko parkinsonia sairastaville vertaisryhmää?", ["sairastaville", "parkinsonia"]),
        ("Finns det kamratstöd för unga som stammar?", ["unga"]),
        ("Is there free legal counsel for asylum appeals?", ["asylum", "appeals"]),
        # adverbs, illatives, places and short verbs are not qualifiers
        ("Somalinkielinen liikuntaryhmä pelkästään naisille Vantaalla?", ["liikunta", "naisille"]),
        ("Etsin vertaisryhmää Keravalla", []),
        ("Pääsisikö hän ryhmään kotiin?", []),
    ],
)
def test_qualifiers_of_the_service_asked_for(question, expected):
    assert requested_qualifiers(question) == expected
