"""Finnish search words for needs named in Swedish or English (index/language/crosslingual.py).

The knowledge is written in Finnish, so a Swedish or English question reaches it through
these words: a Swedish compound has to be read by its last part, and a word that only
happens to contain another must not be.
"""

from __future__ import annotations

import pytest

from index.language.crosslingual import finnish_terms


@pytest.mark.parametrize(
    ("question", "finnish"),
    [
        ("Vem ansvarar för föreningsbidragen?", "avustus"),  # a kind of "bidrag"
        ("Finns det möteslokaler för föreningar?", "tilat"),
        ("Han är långtidsarbetslös", "työtön"),
    ],
)
def test_swedish_compounds_are_read_by_their_last_part(question, finnish):
    assert finnish in finnish_terms(question, "sv").split()


def test_a_word_inside_another_is_not_a_compound_part():
    # "gemensam" (shared) holds "ensam" (alone) but is no compound of it
    assert "yksinäisyys" not in finnish_terms("En förening med gemensam odling", "sv").split()
