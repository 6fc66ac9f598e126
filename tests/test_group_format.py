"""A group turned down: groups are ranked lower, and one shown first is not called a fit
(index/search/group_format.py, facet_rules.demotion and met_in_part "no_group")."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from bot.terminal.render import render_text
from handlers.messages import Incoming, Reply
from index.search.group_format import declines_groups, group_service


@pytest.mark.parametrize(
    "text",
    [
        "Ryhmiin hän ei halua mennä.",
        "Kysyin tarkemmin: kerhoihin tai ryhmiin hän ei lähde.",
        "se ei jaksa lähtee mihinkään ryhmään",
        "Hon vill inte gå till någon grupp ännu.",
        "He won't go to any group, he says.",
        "Groups aren't for him.",
    ],
)
def test_a_group_turned_down_is_read(text: str) -> None:
    assert declines_groups(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hon vågar inte gå till de finska grupperna.",  # the language, not the group
        "Maksullinen ryhmä ei käy, rahat ovat tiukalla.",  # the price
        "Keravan ryhmiin hän ei enää ehdi kiinnittyä.",  # the place
        "Mies ei pääse kotoa mihinkään ryhmiin.",  # housebound: facet_remote reads it
        "She feels that groups full of pensioners wouldn't suit him.",  # a kind of group
        "Hän haluaisi ryhmään, jossa ei tarvitse puhua suomea.",  # a group asked for
        "Poika ei puhu kenellekään. Onko lapsille jotain ryhmää?",
        # a past told, not a refusal
        "Hän ei ole koskaan käynyt missään ryhmässä, mutta nyt haluaisi kokeilla.",
        "She has never been to a group before but is willing to try one.",
        "Han har aldrig varit med i någon grupp men vill pröva.",
        "Hän ei halua ryhmään, jossa on miehiä.",  # a kind of group: without men
        "Hän ei tunne ketään ja haluaisi ryhmään.",  # the negation is another verb's
    ],
)
def test_a_kind_of_group_or_a_group_asked_for_is_no_group_turned_down(text: str) -> None:
    assert declines_groups(text) is None


def test_a_service_is_a_group_by_its_own_name(rt: Runtime) -> None:
    for group in ("lahteella-ry/leskien-ryhma", "keravan-ruskaseniorit-ry/ruskakerho"):
        service = rt.kb.service(group)
        assert service is not None and group_service(service), group
    for other in ("hopeasilta-ry/kotiystava", "tukiranta-ry/kriisikeskustelut"):
        service = rt.kb.service(other)
        assert service is not None and not group_service(service), other


def ask(rt: Runtime, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", text[:30], text))


WIDOW = (
    "Tikkurilassa asuva 78-vuotias leski on ollut miehensä kuoleman jälkeen hyvin "
    "yksinäinen{} ja kaipaisi jotakuta juttuseuraa."
)


def test_a_group_turned_down_is_not_shown_first_where_one_to_one_help_exists(rt: Runtime) -> None:
    told = ask(rt, WIDOW.format(""))
    first = rt.kb.service(told.results[0].id)
    assert first is not None and group_service(first)  # a widows' group, nearest in meaning
    declined = ask(rt, WIDOW.format(". Ryhmiin hän ei halua mennä,"))
    first = rt.kb.service(declined.results[0].id)
    assert first is not None and not group_service(first)
    assert declined.fit == "good"
    text = render_text(declined)
    assert "ei ryhmiä" in text  # the wish is shown among the constraints read
    assert "ei halua ryhmään" not in text


def test_a_group_first_after_groups_were_turned_down_is_said_plainly(rt: Runtime) -> None:
    reply = ask(
        rt,
        "Myyrmäkeläinen 45-vuotias mies juo liikaa ja haluaisi lopettaa. Ryhmiin hän ei "
        "halua mennä.",
    )
    first = rt.kb.service(reply.results[0].id)
    assert first is not None and group_service(first)  # every service near it is a group
    assert reply.fit == "partial"
    assert "ei halua ryhmään" in render_text(reply)
