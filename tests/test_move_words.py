"""A move told in a follow-up is news, not more of the need: its words ("asuu tyttären
osoitteessa", "uuteen kotiin") do not pull the search to services about moving on, a new job
or a new home's devices; the need the case told is searched in the new place."""

from __future__ import annotations

from bot.runtime import Runtime
from handlers.messages import Incoming, Reply, ServiceCard


def _talk(rt: Runtime, thread: str, *turns: str) -> list[Reply]:
    return [rt.router.handle(Incoming("test", "u1", thread, t, thread="t1")) for t in turns]


def _shown(rt: Runtime, reply: Reply) -> list:
    return [rt.kb.service(p.id) for p in reply.parts if isinstance(p, ServiceCard)]


def test_a_carers_move_keeps_to_carers_services_in_the_new_place(rt: Runtime) -> None:
    first, moved = _talk(
        rt,
        "move-words-carer",
        "Asiakkaani on 76-vuotias rouva Myyrmäestä. Hän hoitaa kotona miestään, jolla on "
        "pitkälle edennyt Parkinsonin tauti, eikä ole nukkunut kunnolla kuukausiin. Hänestä "
        "olisi helpottavaa puhua muiden samaa elävien kanssa.",
        "Huomasin juuri, että Myyrmäen osoite on tyttären – pariskunta itse asuu Keravalla "
        "Saviossa. Mikä olisi silloin lähin vaihtoehto?",
    )
    assert "omaishoitajat" in _shown(rt, first)[0].target_groups
    assert moved.filters["municipality"] == "kerava"
    shown = _shown(rt, moved)
    # the first two are for carers in Kerava; nothing about work or studies for a 76-year-old
    assert all("omaishoitajat" in s.target_groups for s in shown[:2])
    assert all("kerava" in s.municipalities for s in shown[:2])
    assert not any("tyollistyminen" in s.themes for s in shown)


def test_a_move_to_a_new_home_is_not_a_need_for_help_at_home(rt: Runtime) -> None:
    _, moved = _talk(
        rt,
        "move-words-exercise",
        "Vantaalainen 70-vuotias mies on kaatuillut ja jalat ovat heikot. Hän haluaisi "
        "ohjattua liikuntaa muiden ikäistensä kanssa.",
        "Hän muutti juuri tyttärensä luo Keravalle, uuteen kotiin. Mitä sieltä löytyisi?",
    )
    assert moved.filters["municipality"] == "kerava"
    shown = _shown(rt, moved)
    # the need is moving about with others: the first service shown is about exercise
    assert shown and "liikunta" in shown[0].themes
    assert "digi" not in " ".join(shown[0].themes)
