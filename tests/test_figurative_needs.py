"""Need words used in another sense are no sign of a need (index/language/figurative.py):
confusion said beside a shock is how someone took news, not memory loss, in the needs read,
the glossary's Finnish words and the lexical search alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming, ServiceCard
from index.knowledge.loader import load_knowledge
from index.search.facets import Filters, extract_filters
from index.search.vocab_match import VocabMatcher
from tests.runtime_fixtures import make_runtime

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@pytest.fixture(scope="module")
def read() -> object:
    kb = load_knowledge(KNOWLEDGE)
    matcher = VocabMatcher(kb.vocabularies)

    def _read(question: str) -> Filters:
        return extract_filters(question, kb.vocabularies, matcher)

    return _read


@pytest.fixture(scope="module")
def rt(knowledge_index_dir: Path) -> Iterator[Runtime]:
    yield make_runtime(knowledge_index_dir, None)


@pytest.mark.parametrize(
    "text",
    [
        "Äiti soitti minulle järkyttyneenä ja sekavana: poika oli kertonut olevansa homo.",
        "Hon ringde upprörd och förvirrad efter att dottern berättat att hon vill byta namn.",
        "The father came in upset and confused after his son told him he is gay.",
    ],
)
def test_confusion_beside_a_shock_is_how_news_was_taken_not_memory_loss(read, text):
    assert "muisti" not in read(text).themes


@pytest.mark.parametrize(
    "text",
    [
        "Han är ofta orolig och förvirrad på kvällarna och hittar inte hem.",
        "Mies on iltaisin levoton ja sekava, eikä tunnista enää naapuria.",
        "She has been confused for months and forgets to eat.",
    ],
)
def test_confusion_of_a_memory_patient_is_still_read(read, text):
    assert "muisti" in read(text).themes


def test_a_shocked_mothers_confusion_does_not_lead_a_trans_youths_case_to_memory_services(rt):
    reply = rt.router.handle(
        Incoming(
            "test",
            "u",
            "confused-mother",
            "Skolkurator i Håkansböle. En 15-åring säger att hen är trans och vill bli kallad "
            "med ett nytt namn. Pappan ringde mig, chockad och förvirrad, och vet inte hur han "
            "ska stötta sitt barn. Finns det något för dem?",
            thread="t",
        )
    )
    shown = [rt.kb.service(p.id) for p in reply.parts if isinstance(p, ServiceCard)]
    assert shown and not any("muisti" in s.themes for s in shown[:5])
