"""A child's own peers asked for: a group for the parents or relatives first is not what was
asked, and the answer says so (index/search/child_peers.py, facet_rules.met_in_part)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runtime import Runtime
from bot.terminal.render import render_text
from handlers.messages import Incoming, Reply
from index.search.child_peers import asks_for_peers, not_for_the_child
from index.search.facets import extract_filters
from tests.runtime_fixtures import make_runtime


@pytest.fixture(scope="module")
def rt(knowledge_index_dir: Path) -> Iterator[Runtime]:
    yield make_runtime(knowledge_index_dir, None)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Olisiko hänelle ryhmää, jossa hän tapaisi muita lapsia, joilla on sama tilanne?", "fi"),
        ("Äiti toivoo, että poika pääsisi puhumaan tästä ikäistensä kanssa.", "fi"),
        ("ois kiva et se pääsis muiden samanlaisten nuorten kaa johonki", "fi"),
        ("Finns det en grupp där hon kan träffa andra barn i samma situation?", "sv"),
        ("Is there a group where he could meet other kids going through the same?", "en"),
        ("She would like to talk with kids her own age who have lost a parent.", "en"),
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
