"""A case told of a relative's illness or addiction: services for the ill themselves are
ranked lower, the relatives' services are hinted (index/search/relative_case.py)."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming, Reply
from index.language.detect import detect_language
from index.search.facets import extract_filters
from index.search.relative_case import for_the_ill, relatives_condition


def read(rt: Runtime, text: str) -> str:
    f = extract_filters(text, rt.kb.vocabularies, rt.searcher.matcher)
    return f.evidence.get("relative", "") if f.relative else ""


@pytest.mark.parametrize(
    "text",
    [
        "Asiakkaan mies on pelannut koko perheen säästöt nettikasinolla, ja nyt tulee laskuja.",
        "Tikkurilalainen 27-vuotias nainen kertoi, että hänen isänsä juo joka ilta.",
        "Vaimolla todettiin keväällä Alzheimerin tauti, ja mies hoitaa häntä kotona.",
        "Keravalainen isä, jonka tytär sairastui masennukseen, ei nuku öisin.",
        "Hennes man har ett alkoholberoende och dricker varje kväll.",
        "Her husband was diagnosed with dementia last spring and she is exhausted.",
        "Their son has been using drugs for a year and she cannot sleep.",
    ],
)
def test_a_relatives_condition_is_read(rt: Runtime, text: str) -> None:
    assert read(rt, text)


@pytest.mark.parametrize(
    "text",
    [
        # the client's own condition, the relative only in another role
        "Tikkurilalainen asiakas on pelannut koko palkkansa ja salannut sen vaimoltaan.",
        "Asiakas on pelannut nettikasinolla kaikki säästöt.",
        # a person introduced with an age is the client, or a new one asked about
        "63-vuotiaalla miehellä todettiin tyypin 2 diabetes, ja hän aloitti lääkityksen.",
        "Hänen 24-vuotias isoveljensä on sairastanut tyypin 1 diabetesta jo vuosia.",
        "Her 30-year-old brother has struggled with depression for years.",
        # the relative only tells of the client's condition
        "Hänen vaimonsa mukaan mies juo joka ilta.",
        "Enligt hans fru dricker han varje kväll.",
        "According to her husband she drinks every night.",
        "A 23-year-old man lives in his room. His mum says he panics if he has to take a bus.",
        # a child's case is the child's
        "Keravalainen 9-vuotias poika: hänen äitinsä sairastaa masennusta.",
    ],
)
def test_the_clients_own_condition_is_not_a_relatives(rt: Runtime, text: str) -> None:
    assert not read(rt, text)


def test_the_reader_needs_a_condition_in_the_relatives_own_clause() -> None:
    def needs(text: str) -> tuple[set[str], set[str]]:
        return (set(), {"paihteet"}) if "juo" in text else (set(), set())

    told = "Hänen isänsä kertoo, että poika juo."  # the father only tells
    assert relatives_condition(told, detect_language(told), needs) == ""
    drinks = "Hänen isänsä juo joka ilta."
    assert (
        relatives_condition(drinks, detect_language(drinks), needs) == "Hänen isänsä juo joka ilta"
    )


def ask(rt: Runtime, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", text[:30], text))


def test_a_gamblers_wife_is_not_sent_to_the_gamblers_group(rt: Runtime) -> None:
    own = ask(rt, "Keravalainen asiakas on pelannut nettikasinolla kaikki perheen säästöt.")
    first = rt.kb.service(own.results[0].id)
    assert first is not None and for_the_ill(first)  # the gambler's own help, nearest
    wife = ask(
        rt,
        "Keravalainen asiakas kertoi, että hänen miehensä on pelannut nettikasinolla kaikki "
        "perheen säästöt. Hän on ihan loppu, mitä hänelle itselleen löytyisi?",
    )
    first = rt.kb.service(wife.results[0].id)
    assert first is not None and not for_the_ill(first)
    assert "omaiset" in first.target_groups  # help for those close to a gambler


def test_a_husband_of_a_cancer_patient_is_not_sent_to_the_patients_group(rt: Runtime) -> None:
    reply = ask(
        rt,
        "Vantaalaisen asiakkaan vaimo aloitti syksyllä sytostaattihoidot rintasyövän vuoksi. "
        "Mies valvoo öisin eikä halua kuormittaa vaimoa omilla peloillaan. Kenelle hän voisi "
        "puhua?",
    )
    first = rt.kb.service(reply.results[0].id)
    assert first is not None and not for_the_ill(first)
    top3 = [rt.kb.service(r.id) for r in reply.results[:3]]
    assert any(s is not None and "omaiset" in s.target_groups for s in top3)


@pytest.mark.parametrize(
    "text",
    [
        # a spouse by the bare word, when the case names the client as the other first
        "Keravalainen rouva soitti: mies juo joka ilta ja viikonloput menevät sekaisin.",
        "Asiakas 45v mies Korsosta, vaimo sai aivoinfarktin kuukausi sitten.",
    ],
)
def test_a_spouse_by_the_bare_word_is_the_clients(rt: Runtime, text: str) -> None:
    assert read(rt, text)


def test_a_man_who_drinks_is_the_client_himself(rt: Runtime) -> None:
    assert not read(rt, "Tikkurilalainen mies juo joka ilta, ja vaimo on uhannut erolla.")


def test_a_follow_up_that_turns_to_the_relative_makes_him_the_client(rt: Runtime) -> None:
    case = extract_filters(
        "Koivukyläläinen 66-vuotias nainen kertoi, että mies juo joka päivä.",
        rt.kb.vocabularies,
        rt.searcher.matcher,
    )
    assert case.relative
    himself = extract_filters("Mites itse miehelle?", rt.kb.vocabularies, rt.searcher.matcher)
    assert not case.merged(himself).relative
    # the client by a spouse's word is still the client
    herself = extract_filters("Entä vaimolle itselleen?", rt.kb.vocabularies, rt.searcher.matcher)
    assert case.merged(herself).relative
