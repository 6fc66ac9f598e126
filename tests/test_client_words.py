"""Words that describe the client ("mies", "45-vuotias") do not decide which services come up.

The facets read the client's age and gender; in the lexical search those words only favoured
services whose text happens to say "miehille" (index/search/lexical.CLIENT_WORDS).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runtime import Runtime
from tests.runtime_fixtures import make_runtime

VIOLENCE_PROGRAMME = "vakivallaton-arki-ry/muutosohjelma"  # for people who used violence


@pytest.fixture(scope="module")
def rt(knowledge_index_dir: Path) -> Iterator[Runtime]:
    yield make_runtime(knowledge_index_dir, None)


@pytest.mark.parametrize(
    "question",
    [
        "Tikkurilalainen 30-vuotias mies irtisanottiin keväällä, eikä hän ole sen jälkeen "
        "hakenut töitä.",
        "Keravalainen 45-vuotias mies on ollut pitkään työttömänä ja kaipaa tekemistä päiviinsä.",
    ],
)
def test_a_man_out_of_work_is_not_offered_the_programme_for_those_who_used_violence(rt, question):
    r = rt.searcher.search(question, kinds=["service"], k=5)
    shown = [h.doc.key.removeprefix("service:") for h in r.hits]
    assert VIOLENCE_PROGRAMME not in shown
    assert any("tyollistyminen" in rt.kb.service(s).themes for s in shown[:3])


def test_a_man_who_hit_his_wife_still_finds_the_programme(rt):
    r = rt.searcher.search(
        "Vantaalainen 40-vuotias mies löi vaimoaan ja haluaa oppia hallitsemaan vihansa.",
        kinds=["service"],
        k=5,
    )
    shown = [h.doc.key.removeprefix("service:") for h in r.hits]
    assert VIOLENCE_PROGRAMME in shown[:3]
