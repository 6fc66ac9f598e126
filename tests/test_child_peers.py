"""A child's own peers asked for: a group for the parents or relatives first is not what was
asked, and the answer says so (index/search/child_peers.py, facet_rules.met_in_part)."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from bot.terminal.render import render_text
from handlers.messages import Incoming, Reply
from index.search.child_peers import asks_for_peers, not_for_the_child, not_for_the_young
from index.search.facets import extract_filters


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Olisiko hänelle ryhmää, jossa hän tapaisi muita lapsia, joilla on sama tilanne?", "fi"),
        ("Äiti toivoo, että poika pääsisi puhumaan tästä ikäistensä kanssa.", "fi"),
        ("ois kiva et se pääsis muiden samanlaisten nuorten kaa johonki", "fi"),
        ("Finns det en grupp där hon kan träffa andra barn i samma situation?", "sv"),
        ("Is there a group where he could meet other kids going through the same?", "en"),
        ("She would like to talk with kids her own age who have lost a parent.", "en"),
        # spoken Finnish drops the i of "samanikäisiä"; an adult's "people his age"
        ("onks keravalla mitään missä ois muita samanikäsiä?", "fi"),
        ("He would like to meet other people his age who have been through it.", "en"),
        # children who share the situation, named without "other"
        (
            "Is there somewhere she could spend time with kids who have the same kind of family?",
            "en",
        ),
        ("Hon skulle må bra av att träffa barn som har det likadant.", "sv"),
        ("Pääsisikö hän sellaisten lasten seuraan, joilla on sama tilanne?", "fi"),
        ("Poika haluaisi olla lasten kanssa, joilla on myös vammainen sisarus.", "fi"),
    ],
)
def test_a_childs_own_peers_asked_for_are_read(text: str, lang: str) -> None:
    assert asks_for_peers(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Päiväkodissa poika on lyönyt muita lapsia.", "fi"),  # told, not asked for
        ("Tyttö ei enää leiki muiden lasten kanssa välitunnilla.", "fi"),  # a symptom
        ("Äiti haluaisi tavata muiden lasten vanhempia.", "fi"),  # other children's parents
        ("Hon vill inte längre träffa andra barn.", "sv"),
        ("He doesn't play with other kids anymore.", "en"),
        ("Äiti haluaisi tutustua sellaisten lasten vanhempiin.", "fi"),  # the children's parents
        # children the client lives with, not peers asked for
        ("A single mother with children who are 3 and 5 would like to meet other mums.", "en"),
        ("En mamma med barn som går i skolan vill träffa andra.", "sv"),
        ("Äiti asuu lasten kanssa, jotka ovat 3 ja 5, ja haluaisi tavata muita.", "fi"),
    ],
)
def test_peers_told_of_or_their_parents_are_not_a_request_for_peers(text: str, lang: str) -> None:
    assert not asks_for_peers(text, lang)


def test_only_a_childs_case_asks_for_a_childs_peers(rt: Runtime) -> None:
    vocab, matcher = rt.kb.vocabularies, rt.searcher.matcher
    child = "9-vuotias poika haluaisi ryhmään, jossa tapaisi muita lapsia."
    adult = "45-vuotias leski haluaisi ryhmään, jossa tapaisi muita samanikäisiä."
    assert extract_filters(child, vocab, matcher).child_peers
    assert not extract_filters(adult, vocab, matcher).child_peers
    # a young adult (the vocabulary's young people are 13–29) asks for his own peers too
    young = "19v äiti, vauva 3kk. Onko jotain, missä hän tapaisi muita samanikäisiä?"
    assert extract_filters(young, vocab, matcher).child_peers


YOUNG_MOTHER = (
    "Neuvolasta: 20-vuotias äiti {place}, vauva on kaksikuinen. Kaverit opiskelevat ja "
    "juhlivat, eikä kukaan käy enää. Onko {where}jotain, missä hän tapaisi muita samanikäisiä "
    "äitejä?"
)


def test_a_young_mother_asking_for_peers_her_age_is_not_given_a_club_for_all_ages(
    rt: Runtime,
) -> None:
    # Kerava has baby clubs for every parent, and no young mothers' group
    text = YOUNG_MOTHER.format(place="Keravan Ahjosta", where="Keravalla ")
    reply = rt.router.handle(Incoming("test", "u1", "young-kerava", text))
    first = rt.kb.service(reply.results[0].id)
    assert first is not None and not_for_the_young(first)
    assert reply.fit == "partial"
    assert "nuori aikuinen tapaisi samanikäisiä" in render_text(reply)
    # Vantaa has one: it comes first, and it fits
    text = YOUNG_MOTHER.format(place="Tikkurilasta", where="")
    reply = rt.router.handle(Incoming("test", "u1", "young-vantaa", text))
    first = rt.kb.service(reply.results[0].id)
    assert first is not None and not not_for_the_young(first)
    assert reply.fit == "good"
    assert "samanikäisiä, mutta" not in render_text(reply)


def test_a_service_is_the_childs_own_by_its_groups_or_its_age_range(rt: Runtime) -> None:
    kb = rt.kb
    for own in ("eroperheiden-silta-ry/lasten-eroryhma-kerava", "nuorten-mielitila-ry/chat"):
        service = kb.service(own)
        assert service is not None and not not_for_the_child(service)
    for adults in (
        "kerhokeidas-ry/erityislasten-vanhempien-ryhma",
        "sinivuokko-ry/laheisten-ryhma",
        "yksin-ja-yhdessa-ry/vertaisilta-tikkurila",
    ):
        service = kb.service(adults)
        assert service is not None and not_for_the_child(service)


def ask(rt: Runtime, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", text[:24], text))


def test_a_parents_group_first_for_a_childs_own_peers_is_not_called_a_fit(rt: Runtime) -> None:
    # no children's grief group in the knowledge: the nearest are for adults
    reply = ask(
        rt,
        "Perheneuvolasta: tikkurilalaisen 11-vuotiaan tytön isä kuoli keväällä onnettomuudessa. "
        "Tyttö on vetäytynyt ja sanoo, ettei kukaan luokalla ymmärrä. Äiti kysyy, olisiko "
        "hänelle jotain ryhmää, jossa hän tapaisi muita lapsia, joiden vanhempi on kuollut.",
    )
    first = rt.kb.service(reply.results[0].id)
    assert first is not None and not_for_the_child(first)
    assert reply.fit == "partial"
    assert "ei lapselle itselleen" in render_text(reply)


def test_a_childrens_group_for_a_childs_own_peers_is_a_fit(rt: Runtime) -> None:
    reply = ask(
        rt,
        "Keravan Saviolta: 10-vuotiaan pojan vanhemmat erosivat kesällä, ja poika asuu nyt "
        "vuoroviikoin kahdessa kodissa. Hän on hiljainen ja itkee iltaisin. Olisiko hänelle "
        "ryhmää, jossa hän tapaisi muita lapsia, joiden vanhemmat ovat eronneet?",
    )
    assert reply.results[0].id == "eroperheiden-silta-ry/lasten-eroryhma-kerava"
    assert reply.fit == "good"
    assert "ei lapselle itselleen" not in render_text(reply)
