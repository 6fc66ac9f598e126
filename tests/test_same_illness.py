"""A case asking for peers with the same illness: a peer group of an illness no service names
is not offered as a fit (index/search/same_condition.py, unknown_terms.py)."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.labels import label
from handlers.messages import Incoming, Reply, ServiceCard
from index.search.same_condition import same_illness


@pytest.mark.parametrize(
    ("case", "lang", "illnesses"),
    [
        (
            "Mies sai viime vuonna Parkinsonin taudin diagnoosin. Hän haluaisi tutustua muihin "
            "samaa tautia sairastaviin.",
            "fi",
            ["parkinsonin"],
        ),
        (
            "Asiakas sai aikuisena ADHD-diagnoosin ja haluaisi tavata muita aikuisia, joilla on "
            "sama diagnoosi.",
            "fi",
            ["adhd"],
        ),
        ("Hän etsii muita lupusta sairastavia, joiden kanssa jakaa kokemuksia.", "fi", ["lupusta"]),
        (
            "She was diagnosed with lupus and would like to meet others with the same condition.",
            "en",
            ["lupus"],
        ),
        (
            "Han har Parkinsons sjukdom och vill träffa andra med samma diagnos.",
            "sv",
            ["parkinson"],
        ),
        (
            "Hän sai aikuisena ADHD-diagnoosin ja haluaisi tavata muita aikuisena diagnoosin "
            "saaneita.",
            "fi",
            ["adhd"],
        ),
        # a word after the diagnosis is no illness: "samma diagnos och höra …"
        (
            "Hon fick nyss diagnosen ADHD som vuxen och vill träffa andra vuxna med samma "
            "diagnos och höra hur de klarar vardagen.",
            "sv",
            ["adhd"],
        ),
        # one other: "ketään toista samaa sairautta sairastavaa"
        (
            "Hänellä todettiin Parkinsonin tauti. Hän ei ole koskaan tavannut ketään toista "
            "samaa sairautta sairastavaa.",
            "fi",
            ["parkinsonin"],
        ),
        # peers named by their illness
        ("Hän haluaisi jutella muiden diabeetikoiden kanssa.", "fi", ["diabe"]),
        ("Hän haluaisi tavata muita MS-potilaita.", "fi", ["ms"]),
        ("Hän haluaisi tutustua toisiin reumaatikkoihin.", "fi", ["reuma"]),
        ("Hän haluaisi tavata muita nuoria.", "fi", []),
        # an illness named beside another need asks for no peers of that illness
        ("Hän sairastaa MS-tautia ja on yksinäinen. Onko jotain seuraa?", "fi", []),
        # peers of the same experience, no illness: nothing to read
        ("Hän haluaisi tavata muita, joilla on sama kokemus erosta.", "fi", []),
    ],
)
def test_the_illness_of_a_peer_request(case: str, lang: str, illnesses: list[str]) -> None:
    assert list(same_illness(case, lang)) == illnesses


def _ask(rt: Runtime, text: str, thread: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", thread, text))


def _said(reply: Reply) -> str:
    return " ".join(getattr(p, "text", "") for p in reply.parts)


def test_peers_of_an_illness_no_service_names_are_not_offered_as_a_fit(rt: Runtime) -> None:
    # No knowledge text names Parkinson's disease: the nearest peer groups are shown,
    # said plainly not to fit exactly, and the answer names the illness.
    reply = _ask(
        rt,
        "Keravalla yksin asuva 72-vuotias mies sai viime vuonna Parkinsonin taudin diagnoosin. "
        "Hän pärjää vielä hyvin, mutta haluaisi tutustua muihin samaa tautia sairastaviin ja "
        "kuulla heidän kokemuksiaan lääkityksestä ja liikkumisesta.",
        "parkinson-case",
    )
    assert reply.fit == "partial" and not reply.abstained
    said = _said(reply)
    assert label("fit_partial", "fi") in said
    assert label("unknown_words", "fi", words="”parkinsonin”") in said
    assert any(isinstance(p, ServiceCard) for p in reply.parts)


def test_peers_of_an_illness_a_service_serves_are_a_fit(rt: Runtime) -> None:
    # The same wording for an illness the knowledge has a peer group for: a fit, no notice.
    reply = _ask(
        rt,
        "Vantaalainen 45-vuotias nainen sai keväällä rintasyöpädiagnoosin. Hän haluaisi "
        "tutustua muihin samaa sairautta sairastaviin naisiin.",
        "cancer-case",
    )
    assert reply.fit == "good"
    assert "”" not in _said(reply)


def test_peers_of_an_illness_the_first_service_does_not_name_are_not_an_exact_fit(
    rt: Runtime,
) -> None:
    # ADHD is in the knowledge (groups for children and their parents), but no service for
    # adults names it: what is shown first is some other peer or drop-in group, said plainly.
    reply = _ask(
        rt,
        "Hakunilassa asuva 32-vuotias nainen sai juuri aikuisena ADHD-diagnoosin. Hän "
        "haluaisi tavata muita aikuisena diagnoosin saaneita ja vaihtaa vinkkejä arkeen.",
        "adult-adhd-case",
    )
    assert reply.fit == "partial" and not reply.abstained
    assert label("illness_not_named", "fi") in _said(reply)
    # peers of diabetes: the diabetes groups name it, and they are a fit
    diabetes = _ask(
        rt,
        "Vantaalainen 58-vuotias mies etsii muita diabetesta sairastavia, joiden kanssa "
        "jakaa kokemuksia.",
        "diabetes-case",
    )
    assert diabetes.fit == "good"
    assert label("illness_not_named", "fi") not in _said(diabetes)


def test_peers_of_an_illness_asked_in_swedish_the_first_service_does_not_name(
    rt: Runtime,
) -> None:
    # The same adult ADHD case in Swedish: ADHD is the same word in the Finnish text, and no
    # service for adults names it, so what is shown first is not said to fit.
    reply = _ask(
        rt,
        "Jag är socialhandledare i Myrbacka. En 34-årig kvinna fick nyss diagnosen ADHD som "
        "vuxen. Hon har ingen att dela det med. Hon skulle vilja träffa andra vuxna med samma "
        "diagnos och höra hur de får vardagen att fungera. Finskspråkig.",
        "adult-adhd-sv",
    )
    assert reply.fit == "partial" and not reply.abstained
    assert label("illness_not_named", "sv") in _said(reply)


def test_peers_named_by_their_illness_where_no_group_of_it_is_open(rt: Runtime) -> None:
    # The diabetes groups are all in Vantaa: a Kerava client who wants to talk with other
    # diabetics is shown the nearest Kerava services, said plainly not to be that.
    kerava = _ask(
        rt,
        "Keravalainen 66-vuotias mies sai tyypin 2 diabeteksen, ja hän haluaisi jutella "
        "muiden diabeetikoiden kanssa. Löytyykö Keravalta sellaista?",
        "diabetics-kerava",
    )
    assert kerava.fit == "partial"
    assert label("illness_not_named", "fi") in _said(kerava)
    vantaa = _ask(
        rt,
        "Tikkurilalainen 66-vuotias mies sai tyypin 2 diabeteksen, ja hän haluaisi jutella "
        "muiden diabeetikoiden kanssa.",
        "diabetics-vantaa",
    )
    assert vantaa.fit == "good"
