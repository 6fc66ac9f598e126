"""A service near every Swedish or English question is not put first for a need it does not serve.

The few services with long English or Swedish text (the rainbow families' meetings, the
English-speaking seniors' coffee call, the stroke relatives' group in Swedish) are near any
question in those languages. When the question points at neither their group nor their topic,
the service that serves the need comes before them; when it does point at them, they stay.
"""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming, Reply
from index.search.facets import Filters
from index.search.hubs import HUB_Z


def _ask(rt: Runtime, text: str, conversation: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", conversation, text))


def _ids(rt: Runtime, reply: Reply) -> list[str]:
    return [r.id for r in reply.results if rt.kb.service(r.id) is not None]


def test_services_with_english_or_swedish_text_are_that_languages_hubs(rt: Runtime) -> None:
    hubs, searcher = rt.searcher.hubs, rt.searcher
    at = searcher.position
    assert hubs.z["en"][at["kaikki-varit-ry/sateenkaariperheet"]] >= HUB_Z
    assert hubs.z["en"][at["soittorinki-ry/english-coffee-call"]] >= HUB_Z
    assert hubs.z["sv"][at["sydanlanka-ry/avh-laheisten-ryhma"]] >= HUB_Z
    # a Finnish-only exercise group is near what it is about, not near every question
    assert hubs.z["en"][at["seniorivoima-ry/tuolijumppa"]] < HUB_Z
    assert hubs.z["sv"][at["seniorivoima-ry/tuolijumppa"]] < HUB_Z
    assert "fi" not in hubs.z  # the text is Finnish: a Finnish question is left as it is


def test_an_english_sibling_case_gets_the_siblings_group_not_the_hubs(rt: Runtime) -> None:
    reply = _ask(
        rt,
        "I'm a school social worker in Kerava. A 9-year-old girl's younger brother has severe "
        "autism, and the whole family's life revolves around his meltdowns and therapies. She "
        "feels invisible at home. Is there something for her?",
        "hub-sibling",
    )
    ids = _ids(rt, reply)
    assert "erityisperheiden-kaari-ry/sisarusryhma-kerava" in ids[:3]
    assert "kaikki-varit-ry/sateenkaariperheet" not in ids[:5]
    assert "soittorinki-ry/english-coffee-call" not in ids[:5]


def test_a_swedish_senior_who_wants_to_exercise_gets_the_gym_before_the_stroke_group(
    rt: Runtime,
) -> None:
    reply = _ask(
        rt,
        "Jag är socialarbetare i Myrbacka. En 70-årig kvinna vill börja röra på sig i grupp "
        "efter en höftoperation, hon talar svenska.",
        "hub-gym",
    )
    ids = _ids(rt, reply)
    gym, stroke = "seniortraffen-i-vanda-rf/seniorgympa", "sydanlanka-ry/avh-laheisten-ryhma"
    assert gym in ids[:3]
    assert stroke not in ids or ids.index(gym) < ids.index(stroke)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        (
            "Two mums in Tikkurila are expecting their first baby and would like to meet other "
            "rainbow families. Is there anything for them?",
            "kaikki-varit-ry/sateenkaariperheet",
        ),
        (
            "Min klients man fick en stroke i våras och hon orkar inte längre. Hon vill träffa "
            "andra anhöriga till strokepatienter, på svenska.",
            "sydanlanka-ry/avh-laheisten-ryhma",
        ),
    ],
)
def test_a_hub_the_question_points_at_keeps_its_place(
    rt: Runtime, question: str, first: str
) -> None:
    assert _ids(rt, _ask(rt, question, f"hub-{first}"))[0] == first


def test_a_service_held_in_the_clients_own_language_about_the_need_is_no_hub(
    rt: Runtime,
) -> None:
    searcher = rt.searcher
    at = searcher.position
    friend = at["seniortraffen-i-vanda-rf/vanverksamhet"]  # Swedish only; loneliness
    talks = at["mielenmajakka-ry/samtalsgrupp-pa-svenska"]  # Swedish only; mental health
    ranked = [(friend, 1.0), (talks, 0.9)]

    def scores(f: Filters) -> dict[int, float]:
        return dict(searcher.hubs.demote(ranked, "sv", f))

    # a lonely widow who speaks only Swedish: the Swedish friend service is what she needs
    assert scores(Filters(language="sv", themes=("yksinaisyys",)))[friend] == 1.0
    # the same service when the client's language is not said: a hub of the language
    assert scores(Filters(themes=("yksinaisyys",)))[friend] < 1.0
    # a Swedish-speaking client who wants to exercise: the conversation group is still a hub
    assert scores(Filters(language="sv", themes=("liikunta",)))[talks] < 0.9


def test_a_swedish_speaking_widow_who_no_longer_goes_out_gets_the_swedish_friend_service(
    rt: Runtime,
) -> None:
    reply = _ask(
        rt,
        "Min klient är en 88-årig änka i Dickursby som bara talar svenska. Hon går inte längre "
        "ut och har inte pratat med någon på flera veckor. Vad kunde passa henne?",
        "hub-widow",
    )
    assert _ids(rt, reply)[0] == "seniortraffen-i-vanda-rf/vanverksamhet"
