"""A service shown that the worker turns down ("ykkönen ei käy, hän on jo käynyt siellä") is
left out of the thread's answers from then on, and the answer says so."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from bot.terminal.render import render_text
from handlers.dismiss import turned_down
from handlers.messages import Incoming, Notice, Reply, ServiceCard

SHOWN = [
    ("lahteella-ry/leskien-ryhma", "Leskien vertaisryhmä Vantaalla"),
    ("soittorinki-ry/puhelinpiirit", "Puhelinpiirit kotona asuville ikäihmisille"),
    ("hopeasilta-ry/kotiystava", "Kotiystävä"),
]


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        ("Ykkönen ei käy, hän on jo käynyt siellä eikä tykännyt.", SHOWN[0][0]),
        ("toka ei sovi hänelle", SHOWN[1][0]),
        ("Hän käy jo leskien ryhmässä, se ei auttanut.", SHOWN[0][0]),
        ("Puhelinpiirissä hän on jo ollut mukana.", SHOWN[1][0]),
        ("Sinne hän ei halua enää.", SHOWN[0][0]),
        ("She already went there and didn't like it.", SHOWN[0][0]),
        ("Den tredje passar inte, hon har redan en kotiystävä.", SHOWN[2][0]),
        ("Dit vill han inte gå", SHOWN[0][0]),
        ("Kakkonen on kokeiltu, ei tykänny", SHOWN[1][0]),
        ("Number 3 is out, they've been going there for a year already", SHOWN[2][0]),
        ("sinne hän ei suostu menemään", SHOWN[0][0]),
        ("toi eka on jo tuttu, käy siellä viikottain", SHOWN[0][0]),
        ("Ykkönen ei tule kyseeseen.", SHOWN[0][0]),
        ("3. vaihtoehto oli heillä jo aiemmin, ei toiminut", SHOWN[2][0]),
        ("Hon har redan varit där.", SHOWN[0][0]),
        ("Jotain muuta kuin se ykkönen?", SHOWN[0][0]),
        ("Anything other than the second one?", SHOWN[1][0]),
        ("They tried #3 last spring.", SHOWN[2][0]),
        ("She was there before and doesn't want to go back there.", SHOWN[0][0]),
        ("Hon har provat ettan redan.", SHOWN[0][0]),
        ("He stopped going there last year.", SHOWN[0][0]),
        ("Ne kävi jo tossa toisessa eikä kokenu sitä hyödylliseksi", SHOWN[1][0]),
        ("The second one is not an option for her.", SHOWN[1][0]),
    ],
)
def test_a_service_shown_and_turned_down_is_found(text, left_out):
    assert turned_down(text, SHOWN) == [left_out]


def test_a_number_past_the_cards_shown_is_what_the_search_found_next():
    found = [sid for sid, _ in SHOWN]
    assert turned_down("Kolmonen ei käy, hän käy siellä jo.", SHOWN[:1], found) == [found[2]]
    assert turned_down("Kuutonen ei käy.", SHOWN, [*found, "x/y", "x/z", "x/w"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hän ei suostu lähtemään kotoa, onko etänä?",  # the client's refusal, no service
        "Perhe asuu Keravan Ahjossa, ja hän käy siellä yläkoulua.",  # school there
        "Hän lopetti työt keväällä, onko siellä jotain päiväksi?",  # the client's job
        "She quit her job and is at home now, anything there for her?",
        "Hon har redan en kurator där.",
        "Jotain muuta kuin ryhmää?",  # another kind, no card
        "He was there for his surgery.",
        "Other than that, is there anything online?",  # no card named
        "She's not the type to go there alone.",
        "Entä Keravalla?",
        "Hän ei käy enää ulkona, onko jotain etänä?",  # how she lives, no service pointed at
        "se ei käy enää ulkona",  # spoken "se" is the client
        "Kiitos, ykkönen sopii hyvin!",
        "Ei käy, pitää olla ilmainen.",  # a new constraint: a refinement, not a service
        "Hän asuu Vantaalla eikä käy töissä.",  # the name's place is no pointer
        # what she does not want to do, not a service: "puhelimessa" is no "Puhelinpiirit"
        "Puhuminen puhelimessa ei kiinnosta, hän haluaisi oikeaa tekemistä.",
    ],
)
def test_a_refinement_or_thanks_turns_nothing_down(text):
    assert turned_down(text, SHOWN) == []


def _say(rt: Runtime, thread: str, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", thread, text, thread="t1"))


def _cards(reply: Reply) -> list[str]:
    return [p.id for p in reply.parts if isinstance(p, ServiceCard)]


CASE = "78-vuotias leski Tikkurilasta, mies kuoli keväällä ja hän istuu kotona yksin."


def test_the_first_service_turned_down_is_left_out_and_named(rt):
    first = _say(rt, "dismiss", CASE)
    shown = [r.id for r in first.results]
    assert _cards(first) and _cards(first)[0] == shown[0], first
    again = _say(rt, "dismiss", "Ykkönen ei käy, hän on jo käynyt siellä eikä tykännyt.")
    assert again.intent == "services"
    assert shown[0] not in [r.id for r in again.results]
    assert _cards(again) and _cards(again)[0] != shown[0]
    name = rt.kb.service(shown[0]).name["fi"]
    notices = [p.text for p in again.parts if isinstance(p, Notice)]
    assert any(name in n and "Jätin pois" in n for n in notices), notices
    # the case is the same: the rest of the earlier answer is still offered
    assert set(shown[1:3]) & {r.id for r in again.results}


def test_a_service_turned_down_stays_out_after_a_refinement(rt):
    first = _say(rt, "dismiss-then-free", CASE)
    gone = _cards(first)[0]
    _say(rt, "dismiss-then-free", "Se ensimmäinen ei sovi, hän on jo käynyt siellä.")
    later = _say(rt, "dismiss-then-free", "Onko jotain ilmaista?")
    assert later.intent == "services" and later.filters.get("cost") == "free"
    assert gone not in [r.id for r in later.results]


def test_another_thread_still_gets_the_service(rt):
    first = _say(rt, "dismiss-a", CASE)
    gone = _cards(first)[0]
    _say(rt, "dismiss-a", "Ykkönen ei käy, hän on jo käynyt siellä.")
    other = _say(rt, "dismiss-b", CASE)
    assert _cards(other)[0] == gone


def test_money_said_with_a_card_turned_down_asks_for_what_is_free(rt):
    _say(rt, "dismiss-money", CASE)
    reply = _say(rt, "dismiss-money", "Ykkönen ei käy, rahat ovat tosi tiukalla.")
    assert reply.filters.get("cost") == "free"
    notices = [p.text for p in reply.parts if isinstance(p, Notice)]
    assert any("Jätin pois" in n for n in notices), notices


def test_the_rest_keep_the_order_they_had_when_a_card_is_turned_down(rt):
    # the case is the same: a service turned down leaves the answer, and the others are not
    # judged again against a pool without it (which made weaker ones look like fits)
    first = _say(rt, "dismiss-order", CASE)
    before = [r.id for r in first.results]
    again = _say(rt, "dismiss-order", "Ykkönen ei käy, hän on jo käynyt siellä eikä tykännyt.")
    after = [r.id for r in again.results]
    assert after[:4] == [i for i in before if i != before[0]][:4]


def test_a_card_turned_down_asked_about_by_its_name_is_shown_and_stays_out(rt):
    # "Missä leskien ryhmä kokoontuu?" after the widows' group was turned down: the worker
    # asks about that group, not for a new search that forgets the client's town and age
    first = _say(rt, "dismiss-asked", CASE)
    gone = _cards(first)[0]
    assert "lesk" in rt.kb.service(gone).name["fi"].lower()  # the case's own first card
    _say(rt, "dismiss-asked", "Ykkönen ei käy, hän on jo käynyt siellä.")
    asked = _say(rt, "dismiss-asked", "Missä leskien ryhmä kokoontuu?")
    cards = [p for p in asked.parts if isinstance(p, ServiceCard)]
    assert [c.id for c in cards] == [gone] and cards[0].description, asked.parts
    # not numbered as if it were one of the cards of the answer it was left out of
    assert not render_text(asked).lstrip().startswith("1.") and "\n1. " not in render_text(asked)
    notices = [p.text for p in asked.parts if isinstance(p, Notice)]
    assert any("Jätit tämän pois" in n for n in notices), notices
    assert asked.filters.get("municipality") == "vantaa" and asked.filters.get("age") == 78
    # it stays left out of the answers that follow
    more = _say(rt, "dismiss-asked", "Onko muita vaihtoehtoja?")
    assert gone not in _cards(more) and _cards(more), more.parts
