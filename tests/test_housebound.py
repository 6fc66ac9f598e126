"""A follow-up telling that the client cannot leave home: a service taken part in only at its own
place is ranked lower, and one still first is not called a fit (index/search/housebound.py)."""

from __future__ import annotations

from bot.runtime import Runtime
from bot.terminal.render import render_text
from handlers.messages import Incoming, Reply
from index.search.facets import HOMEBOUND_NEWS, Filters
from index.search.housebound import at_a_place, housebound


def talk(rt: Runtime, conversation: str, *turns: str) -> list[Reply]:
    return [rt.router.handle(Incoming("test", "u1", conversation, t)) for t in turns]


def test_a_service_is_at_a_place_by_its_own_fields(rt: Runtime) -> None:
    exercise = rt.kb.service("naisten-kammari-hakunila-ry/somalinaisten-liikunta")
    assert exercise is not None and at_a_place(exercise)  # a gym hall, nothing remote
    for reaches_home in (
        "keravan-yhteisoapu-ry/asumisneuvonta-kerava",  # an office, but advisers visit at home
        "hopeasilta-ry/kotiystava",  # a volunteer who visits
        "keravan-mielentuki-ry/ahdistus-verkkoryhma",  # an online group
    ):
        service = rt.kb.service(reaches_home)
        assert service is not None and not at_a_place(service), reaches_home


def test_only_a_follow_up_that_tells_it_makes_the_client_housebound() -> None:
    case = Filters(online=True, evidence={"homebound": "ei pääse kotoa"})
    assert not housebound(case)  # in the first description, one detail among many
    told = Filters().merged(case)
    assert told.evidence.get(HOMEBOUND_NEWS) == "ei pääse kotoa" and housebound(told)
    assert housebound(told.merged(Filters(age=52)))  # still in force after another refinement
    assert not housebound(told.merged(Filters(online=True, evidence={"online": "etänä"})))


def test_a_housebound_client_gets_what_reaches_home_first(rt: Runtime) -> None:
    case, housebound_now = talk(
        rt,
        "hb-depression",
        "A 34-year-old Finnish woman in Tikkurila is depressed and would like to meet others "
        "recovering from depression.",
        "She can't leave her flat at the moment.",
    )
    first = rt.kb.service(case.results[0].id)
    assert first is not None and at_a_place(first)  # a peer group in a room in Tikkurila
    now = rt.kb.service(housebound_now.results[0].id)
    assert now is not None and not at_a_place(now)
    assert housebound_now.fit == "partial"  # no depression group online: said, not hidden


def test_a_place_first_for_a_housebound_client_is_said_plainly(rt: Runtime) -> None:
    case, housebound_now = talk(
        rt,
        "hb-exercise",
        "Hakunilalainen 40-vuotias somalinainen haluaisi liikkua muiden somalinaisten kanssa.",
        "Hän ei pääse nyt kotoa mihinkään.",
    )
    assert case.fit == "good"
    first = rt.kb.service(housebound_now.results[0].id)
    assert first is not None and at_a_place(first)  # nothing like it reaches her at home
    assert housebound_now.fit == "partial"
    assert "osallistutaan vain paikan päällä" in render_text(housebound_now)
