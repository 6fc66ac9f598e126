"""A case description the ranker is sure of is answered as fitting, not hedged.

Word coverage (how many of the question's words the closest services hold) says little about
a long colloquial case full of incidental words; in a short request it still marks a need no
service serves, and off topic is still off topic (index/search/abstain.py).
"""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.labels import label
from handlers.messages import Incoming, Reply, ServiceCard
from index.search.abstain import CASE_WORDS, unless_ranker_sure
from index.search.facets import Filters
from index.search.service_kind import age_near_miss

CASE = " ".join(["sana"] * CASE_WORDS)
SHORT = "Onko vertaisryhmää harvinaista tautia sairastaville?"
GOOD = 0.35  # the ranker's own threshold for a fit


def _ask(rt: Runtime, text: str, thread: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", thread, text))


@pytest.mark.parametrize(
    ("weak", "best", "question", "verdict"),
    [
        ("partial", GOOD + 0.1, CASE, None),  # a case the ranker is sure of: its verdict
        ("partial", GOOD - 0.1, CASE, "partial"),  # the ranker unsure: coverage stands
        ("partial", GOOD + 0.1, SHORT, "partial"),  # a short request: coverage stands
        # nothing near enough by words, but a case the ranker is sure of: shown as near
        ("none", GOOD + 0.1, CASE, "partial"),
        ("none", GOOD - 0.1, CASE, "none"),  # the ranker unsure: off topic stands
        ("none", 0.99, SHORT, "none"),  # a short question off topic stays off topic
        (None, 0.99, CASE, None),
    ],
)
def test_when_word_coverage_decides(
    weak: str | None, best: float, question: str, verdict: str | None
) -> None:
    probs = {"a/first": best, "a/second": best / 2}
    assert unless_ranker_sure(weak, probs, question, GOOD) == verdict  # type: ignore[arg-type]
    assert unless_ranker_sure(weak, None, question, GOOD) == weak  # type: ignore[arg-type]


def test_a_colloquial_case_with_a_fitting_service_is_not_hedged(rt: Runtime) -> None:
    reply = _ask(
        rt,
        "mun asiakas, keravalainen 15v tyttö jännittää tosi paljon esiintymistä ja pelkää et "
        "muut nauraa sille, on alkanu jäädä pois koulusta eikä uskalla sanoo opettajille mitää",
        "sure-case",
    )
    assert reply.fit == "good" and not reply.abstained
    assert any(isinstance(p, ServiceCard) for p in reply.parts)
    first = rt.kb.service(reply.results[0].id)
    assert first is not None and "nuoret" in first.target_groups
    assert "mielenterveys" in first.themes, "a young people's mental-health group comes first"


def test_the_writers_own_title_is_no_need_the_knowledge_lacks(rt: Runtime) -> None:
    # "sydänpoliklinikan" names where the nurse works, not what the client asks for: the
    # cardiac rehabilitation group in Kerava fits, and no word is said to be unknown.
    reply = _ask(
        rt,
        "Olen sydänpoliklinikan kuntoutushoitaja. 62-vuotias keravalainen mies toipuu "
        "ohitusleikkauksesta ja haluaisi liikkua turvallisesti muiden sydänkuntoutujien kanssa.",
        "own-title",
    )
    assert reply.fit == "good"
    said = " ".join(getattr(p, "text", "") for p in reply.parts)
    assert "sydänpoliklinikan" not in said
    first = rt.kb.service(reply.results[0].id)
    assert first is not None and "kerava" in first.municipalities


def test_a_colloquial_case_gets_the_young_peoples_service_first(rt: Runtime) -> None:
    # Before the language-community rule this case was "good" through a sports hour for
    # newcomer girls; now the young people's mental-health drop-in comes first, said "not
    # exact" (the ranker's 0.344 against its 0.35): docs/evaluation.md, eleventh stop.
    reply = _ask(
        rt,
        "16v tyttö myyrmäest ei oo käyny koulus kuukauteen, sanoo et ahdistaa ja jännittää "
        "ihan hirveesti mennä luokkaan, ei oo kavereita",
        "sure-case-vantaa",
    )
    assert not reply.abstained and any(isinstance(p, ServiceCard) for p in reply.parts)
    first = rt.kb.service(reply.results[0].id)
    assert first is not None and "nuoret" in first.target_groups
    assert "mielenterveys" in first.themes


def test_a_short_request_for_a_need_no_service_names_still_does_not_fit(rt: Runtime) -> None:
    reply = _ask(rt, "Onko vertaisryhmää Sjögrenin oireyhtymää sairastaville?", "sure-short")
    assert reply.fit == "partial"
    weather = _ask(rt, "Miten saan huomisen sään Keravalle?", "sure-off")
    assert weather.fit == "none" and weather.abstained


def test_a_case_the_ranker_calls_a_fit_is_not_overruled_by_word_coverage(rt: Runtime) -> None:
    # Spoken words no service holds ("lyöny", "heittäny", "hillitsemään ittensä") leave the
    # word coverage low; the ranker gives the violence prevention chat its own fit threshold
    # or more, so the answer is a fit, not a hedge.
    reply = _ask(
        rt,
        "asiakas 38v keravalt kerto et on lyöny vaimoo riidois ja heittäny tavaroita seinään, "
        "häpee ja pelkää itteään ja haluis oppia hillitsemään ittensä, mihin vois ohjata",
        "ranker-good-case",
    )
    assert reply.fit == "good" and not reply.abstained
    shown = [p.id for p in reply.parts if isinstance(p, ServiceCard)]
    assert shown and shown[0].startswith("vakivallaton-arki-ry/")


def test_a_client_just_too_young_for_the_service_asked_about_is_not_an_exact_fit(
    rt: Runtime,
) -> None:
    # The volunteering service takes volunteers from 16: for a 14-year-old what is shown
    # instead is not of its kind, and the answer says the age limit is why.
    young = _ask(
        rt,
        "Olen opinto-ohjaaja Martinlaaksossa. 14-vuotias oppilas haluaisi päästä "
        "vapaaehtoiseksi, esimerkiksi ulkoiluttamaan vanhuksia, ja tarvitsisi järjestön, joka "
        "perehdyttää.",
        "volunteer-14",
    )
    said = " ".join(getattr(p, "text", "") for p in young.parts)
    assert young.fit == "partial" and label("age_near_miss", "fi") in said
    old_enough = _ask(
        rt, "16-vuotias vantaalainen haluaisi päästä vapaaehtoiseksi auttamaan vanhuksia.", "v16"
    )
    assert old_enough.fit == "good"
    assert label("age_near_miss", "fi") not in " ".join(
        getattr(p, "text", "") for p in old_enough.parts
    )


def test_no_near_miss_when_the_first_service_shown_is_the_nearest_of_all(rt: Runtime) -> None:
    # the rainbow youth evening is the service nearest in meaning and shown first; another
    # youth service with an age limit a 15-year-old just misses does not make it inexact
    case = (
        "Tikkurilalainen 15-vuotias kertoi olevansa poika eikä tyttö ja haluaisi tavata muita "
        "samanlaisia nuoria."
    )
    result = rt.searcher.search(case, kinds=("service",))
    assert result.hits[0].dense >= rt.searcher.best_dense_by_kind(case)["service"] - 1e-4
    assert "age" not in result.partly
    reply = _ask(rt, case, "rainbow-15")
    assert reply.fit == "good"
    assert label("age_near_miss", "fi") not in " ".join(getattr(p, "text", "") for p in reply.parts)


def test_only_a_few_years_outside_its_own_limit_and_nothing_of_its_kind_shown(
    rt: Runtime,
) -> None:
    kb = rt.searcher.kb
    volunteering = kb.service("hyvan-tekijat-ry/vapaaehtoiseksi")
    assert volunteering is not None and volunteering.age_min == 16
    other = ["kerho-kompassi-ry/laksykerho-myyrmaki"]
    assert age_near_miss(kb, volunteering, other, Filters(age=14))
    assert not age_near_miss(kb, volunteering, other, Filters(age=9))  # not asking for it
    assert not age_near_miss(kb, volunteering, other, Filters(age=30))  # within its limit
    assert not age_near_miss(kb, volunteering, [volunteering.id], Filters(age=14))  # its kind


def test_an_english_case_far_from_the_finnish_text_is_shown_not_hidden(rt: Runtime) -> None:
    # English case descriptions sit further from the Finnish passages than any threshold set
    # for short questions: a man who wants to stop using violence is shown the change
    # programme, said plainly not to be an exact fit, not told that nothing is on topic.
    reply = _ask(
        rt,
        "A dad I'm working with admitted he threw a plate at the wall and grabbed his wife hard "
        "by the arm last weekend. He's scared of what he might do next and wants to stop before "
        "it gets worse.",
        "en-violence-case",
    )
    assert not reply.abstained and reply.fit in ("good", "partial")
    cards = [p for p in reply.parts if isinstance(p, ServiceCard)]
    assert cards and cards[0].id == "vakivallaton-arki-ry/muutosohjelma"
    # a short off-topic question is still off topic
    off = _ask(rt, "How do I get rid of ants in my kitchen?", "en-off-topic")
    assert off.abstained or off.intent != "services"


def test_an_english_case_asking_for_a_drop_in_place_finds_the_meeting_place(rt: Runtime) -> None:
    reply = _ask(
        rt,
        "A 41-year-old client from Kerava was discharged from the psychiatric ward last week. "
        "Her days are empty; she needs a low-threshold drop-in place where she could be around "
        "people.",
        "drop-in-kerava",
    )
    cards = [p for p in reply.parts if isinstance(p, ServiceCard)]
    assert cards[0].id == "keravan-mielentuki-ry/kohtaamispaikka-tupa"
