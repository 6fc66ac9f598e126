"""A type 2 diabetes group is no exact answer for type 1 (index/search/illness_type.py)."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from bot.terminal.render import render_text
from handlers.messages import Incoming, Reply
from index.search.illness_type import types_named


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("on sairastanut tyypin 1 diabetesta lapsesta asti", ("1",)),
        ("ykköstyypin diabeetikko", ("1",)),
        ("1-tyypin diabetes todettiin keväällä", ("1",)),
        ("todettiin viime kuussa tyypin kaksi sokeri tauti", ("2",)),
        ("kakkosdiabetes", ("2",)),
        ("en 16-årig pojke fick typ 1-diabetes", ("1",)),
        ("a woman with type 2 diabetes", ("2",)),
        ("Tyypin 2 diabeteksen vertaisryhmä", ("2",)),
        ("tyypin 1 ja tyypin 2 diabeetikoille", ("1", "2")),
        ("diabetes todettiin keväällä", ()),
        ("tyypin 12 lomake", ()),  # a number, not a type
        ("what type of group", ()),
    ],
)
def test_the_type_named(text: str, types: tuple[str, ...]) -> None:
    assert types_named(text) == types


def _ask(rt: Runtime, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", text[:20], text))


def _first(rt: Runtime, reply: Reply) -> str:
    first = rt.kb.service(reply.results[0].id)
    assert first is not None
    return " ".join(first.name.values())


def test_a_type_1_client_shown_a_type_2_group_is_told_it_is_not_exact(rt: Runtime) -> None:
    reply = _ask(
        rt,
        "Myyrmäkeläinen 45-vuotias nainen on sairastanut tyypin 1 diabetesta kouluikäisestä "
        "asti ja kaipaa juttuseuraa muista diabeetikoista.",
    )
    assert types_named(_first(rt, reply)) == ("2",)  # the nearest peer group, still first
    assert reply.fit == "partial"
    assert "eri tyypille" in render_text(reply)


def test_a_type_2_client_gets_the_type_2_group_as_a_fit(rt: Runtime) -> None:
    reply = _ask(
        rt,
        "Tikkurilalaisella 61-vuotiaalla miehellä todettiin juuri tyypin 2 diabetes. Hän "
        "haluaisi tavata muita, jotka opettelevat samaa ruokavaliota.",
    )
    assert types_named(_first(rt, reply)) == ("2",)
    assert reply.fit == "good"
    assert "eri tyypille" not in render_text(reply)
