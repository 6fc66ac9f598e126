"""Meeting in person asked for: a phone line or an online group is not what was asked
(index/search/facet_remote.read_in_person, facet_rules.remote_only)."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from bot.terminal.render import render_text
from handlers.messages import Incoming, Reply
from index.knowledge.model import Service
from index.search.facet_remote import read_in_person, read_remote
from index.search.facet_rules import met_in_part, remote_only
from index.search.facets import Filters


@pytest.mark.parametrize(
    "text",
    [
        "Hän haluaisi tavata muita samassa tilanteessa ihan kasvokkain.",
        "haluis tavata ikäisiään kasvotusten",
        "Leskien ryhmä Keravalla kiinnostaisi, puhelin- tai nettiryhmä ei kiinnosta.",
        "Puhelimessa juttelu ei oikein suju, hän haluaa nähdä ihmisiä.",
        "Hon vill träffa andra föräldrar ansikte mot ansikte.",
        "Telefonsamtal passar henne dåligt eftersom barnet inte somnar.",
        "Where could he get help, preferably face to face?",
        "Phone calls don't suit him, he is hard of hearing.",
        "Ja ei mitään nettiryhmiä, hän istuu koneella koko työpäivän.",
        "Inga telefongrupper, hon hör dåligt.",
        "No online groups please, she is on screens all day.",
    ],
)
def test_meeting_in_person_is_read(text: str) -> None:
    assert read_in_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hän häpeää niin, ettei halua mennä kasvotusten mihinkään.",  # the opposite wish
        "Han klarar inte av att prata om sina tankar ansikte mot ansikte.",
        "Mieluiten kasvokkain, mutta puhelinkin käy.",  # remote will do after all
        "He could only take part online, not in person.",
        "Hän kaipaa vertaistukea muilta omaishoitajilta.",  # nothing said about the way
    ],
)
def test_no_in_person_wish_where_none_is_made(text: str) -> None:
    assert not read_in_person(text)


def _ask(rt: Runtime, text: str, conversation: str = "c1") -> Reply:
    return rt.router.handle(Incoming("test", "u1", conversation, text))


def _service(rt: Runtime, sid: str) -> Service:
    s = rt.kb.service(sid)
    assert s is not None
    return s


def test_an_in_person_wish_when_the_service_of_the_need_is_only_remote_is_not_exact(
    rt: Runtime,
) -> None:
    # the relatives' group for gamblers meets only online: the wish makes the answer partial
    case = (
        "Keravalaisen 40-vuotiaan äidin poika pelaa rahapelejä velaksi. Äiti haluaisi tavata "
        "muita pelaajien läheisiä"
    )
    wish = _ask(rt, case + " kasvotusten.", "wish")
    assert wish.filters.get("in_person") is True
    assert any(remote_only(_service(rt, r.id)) for r in wish.results[:3])  # still shown
    assert wish.fit == "partial"
    text = render_text(wish)
    assert "Rajaukset:" in text and "kasvokkain +" in text
    assert "vain puhelimitse tai verkossa" in text
    plain = _ask(rt, case + ".", "plain")
    assert "vain puhelimitse tai verkossa" not in render_text(plain)


def test_a_remote_only_service_first_makes_the_answer_partial(rt: Runtime) -> None:
    phone = _service(rt, "sinivuokko-ry/vertaistukipuhelin")
    group = _service(rt, "sinivuokko-ry/sairastuneiden-vertaisryhma")
    assert remote_only(phone) and not remote_only(group)
    wish = Filters(in_person=True)
    assert "in_person" in met_in_part(phone, wish, group)
    assert "in_person" in met_in_part(group, wish, phone)  # the nearest is the phone line
    assert "in_person" not in met_in_part(group, wish, group)
    assert "in_person" not in met_in_part(phone, Filters(), phone)


def test_the_same_case_without_the_wish_keeps_remote_services_where_they_were(
    rt: Runtime,
) -> None:
    case = (
        "Myyrmäkeläinen 62-vuotias nainen hoitaa kotona miestään, jolla on Parkinsonin tauti, "
        "ja kaipaisi muita omaishoitajia juttuseuraksi."
    )
    plain = _ask(rt, case, "carers-plain")
    wish = _ask(rt, case + " Hän haluaa tavata heitä kasvokkain.", "carers-wish")
    assert "in_person" not in plain.filters and wish.filters["in_person"] is True
    remote_plain = [r.id for r in plain.results[:5] if remote_only(_service(rt, r.id))]
    remote_wish = [r.id for r in wish.results[:5] if remote_only(_service(rt, r.id))]
    assert remote_plain  # the online carers' group is near for this case ...
    assert len(remote_wish) <= len(remote_plain)
    ranks_plain = [r.id for r in plain.results].index(remote_plain[0])
    ranks_wish = [r.id for r in wish.results].index(remote_plain[0])
    assert ranks_wish > ranks_plain  # ... and lower once meeting in person is asked


def test_a_follow_up_asking_remote_drops_the_in_person_wish() -> None:
    first = Filters(in_person=True, evidence={"in_person": "kasvokkain"})
    assert first.merged(Filters(online=True)).in_person is False
    later = Filters(online=True).merged(Filters(in_person=True))
    assert later.in_person is True and later.online is None
    assert first.merged(Filters(municipality="kerava")).in_person is True


@pytest.mark.parametrize(
    ("text", "remote"),
    [
        ("Vaimo hermostuu, kun televisio on täysillä ja puhelimessa pitää huutaa.", None),
        ("Puhelimessa ei kuule mitään, ja kuulokojeet vinkuvat.", None),
        ("Hän voisi osallistua puhelimessa.", True),
    ],
)
def test_the_phone_as_where_something_is_hard_is_no_remote_wish(
    text: str, remote: bool | None
) -> None:
    assert read_remote(text)[0] is remote
