"""A client who lives outside the county is told apart, and the answer says so.

Staff in Vantaa meet clients from Espoo or Sipoo (a hospital discharge, a move). No service of
the knowledge is for them: the answer is "nothing fits exactly", names the place and the
county's municipalities, and keeps every other constraint (the age, the language) in force.
Someone close who lives elsewhere ("the only daughter lives in Oulu") is not the client.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming, Notice, Reply, ServiceCard
from index.knowledge.loader import load_knowledge
from index.search.facets import extract_filters

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@pytest.mark.parametrize(
    ("question", "municipality"),
    [
        # where the client lives, outside the county
        ("Kotiutan rouvaa, joka asuu yksin Espoon Leppävaarassa.", "espoo"),
        ("Vantaan sairaalan sosiaalityöntekijä: potilas asuu Tuusulassa.", "tuusula"),
        ("En 88-årig änkling i Söderkulla i Sibbo är ensam.", "sipoo"),
        ("My client lives in Helsinki and would like a peer group.", "helsinki"),
        ("Järvenpääläinen 40-vuotias äiti kysyy perhekerhoa.", "jarvenpaa"),
        ("Helsingissä asuva opiskelija", "helsinki"),  # not Vantaa's old "Helsinge"
        ("Entä jos hän asuisi Espoossa?", "espoo"),
        # someone close lives there; a move from there; work there; an ordinary word
        ("Keravalainen 84-vuotias nainen on yksinäinen, ja ainoa tytär asuu Oulussa.", "kerava"),
        ("Tytär asuu itse Oulussa ja hoitaa asiaa puhelimessa.", None),
        ("Perhe muutti Espoosta Keravalle kesällä.", "kerava"),
        ("Helsingissä töissä käyvä vantaalainen isä", "vantaa"),
        ("16v lukiolainen, asuu Helsingissä mut koulu Tikkurilassa.", "helsinki"),
        ("Korsossa asuvan miehen poika istuu vankilassa Riihimäellä.", "vantaa"),
        ("yh-äiti keravan kalevasta, isovanhemmat asuu kuopiossa.", "kerava"),
        (
            "Käyn rouvan luona Korsossa. Hän juttelee pitkään Porissa asuvan siskonsa kanssa.",
            "vantaa",
        ),
        ("Tikkurilalainen mies, grandparents live in Tampere.", "vantaa"),
        ("lahden rannalla kävelee kotkan näköinen mies", None),
    ],
)
def test_where_the_client_lives(question: str, municipality: str | None) -> None:
    vocab = load_knowledge(KNOWLEDGE).vocabularies
    assert extract_filters(question, vocab).municipality == municipality


def _ask(rt: Runtime, text: str, thread: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", thread, text, thread="t1"))


def _notices(reply: Reply) -> str:
    return "\n".join(p.text for p in reply.parts if isinstance(p, Notice))


def test_a_client_from_espoo_gets_nothing_fits_exactly_with_the_place_named(rt: Runtime) -> None:
    reply = _ask(
        rt,
        "Vantaan sairaalan sosiaalityöntekijä: kotiutan 81-vuotiasta rouvaa, joka asuu yksin "
        "Espoon Leppävaarassa. Kukaan ei käy hänen luonaan, ja hän toivoisi juttuseuraa.",
        "elsewhere-fi",
    )
    assert reply.fit == "partial" and not reply.abstained
    said = _notices(reply)
    assert "Espoo" in said and "Vantaa" in said and "Kerava" in said
    cards = [p for p in reply.parts if isinstance(p, ServiceCard)]
    assert cards, "the nearest services are still shown"
    # the age still holds: the nearest is for older people, not a youth service
    first = rt.kb.service(cards[0].id)
    assert first is not None and "ikaantyneet" in first.target_groups


def test_a_swedish_question_names_the_place_in_swedish(rt: Runtime) -> None:
    reply = _ask(
        rt,
        "En 88-årig svenskspråkig änkling i Söderkulla i Sibbo har inga besökare och önskar "
        "en vän som kommer hem och pratar svenska med honom.",
        "elsewhere-sv",
    )
    assert reply.fit == "partial"
    said = _notices(reply)
    assert "Sibbo" in said and "Vanda" in said and "Kervo" in said


def test_a_follow_up_moving_the_client_away_and_back(rt: Runtime) -> None:
    thread = "elsewhere-followup"
    first = _ask(rt, "Onko Vantaalla vertaisryhmää leskeksi jääneille?", thread)
    assert first.fit == "good" and first.filters["municipality"] == "vantaa"
    away = _ask(rt, "Entä jos hän asuisi Espoossa?", thread)
    assert away.filters["municipality"] == "espoo" and away.fit == "partial"
    assert "Espoo" in _notices(away)
    back = _ask(rt, "entä Vantaalla?", thread)
    assert back.filters["municipality"] == "vantaa" and back.fit == "good"
