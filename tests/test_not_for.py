"""A client said not to belong to a group is not offered that group's services.

"Hän ei ole veteraani eikä veteraanin leski": staff write it because the veterans' home help is
the obvious near miss. The services named for that group are left out, the answer says that
nothing fits exactly and says whom the client is not, and a follow-up keeps it. What the
client lacks or has not done ("ei ole varaa", "ei ole uskaltanut") is no such statement.
A group named for parents is not for a client in whose case no child, parent or family appears
(an adult with ADHD is not the parent a "nepsy" parents' group gathers).
"""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming, Notice, Reply, ServiceCard
from index.search.facet_not_for import names_no_child, not_the_client
from index.search.facet_rules import age_range


@pytest.mark.parametrize(
    ("question", "lang", "said"),
    [
        (
            "Rouva ei ole veteraani eikä veteraanin leski – sota-aikana hän oli lapsi.",
            "fi",
            "veteraani, veteraanin leski",
        ),
        ("Hän ei ole itse veteraani, vaikka mies oli rintamalla.", "fi", "veteraani"),
        # the adverb before the verb: "ei itse ole", "ei kuitenkaan ole"
        (
            "Hän oli sotalapsena Ruotsissa, mutta ei itse ole veteraani eikä veteraanin leski.",
            "fi",
            "veteraani, veteraanin leski",
        ),
        ("Mies ei kuitenkaan ole sotaveteraani.", "fi", "sotaveteraani"),
        ("Hän ei itse ole uskaltanut soittaa.", "fi", None),
        ("Hon är själv inte veteran, men maken var det.", "sv", "veteran"),
        ("She is not herself a veteran or a veteran's widow.", "en", "veteran"),
        ("Hän ei ole minkään yhdistyksen jäsen.", "fi", "yhdistyksen jäsen"),
        ("Asiakas ei ole työtön vaan osa-aikatyössä.", "fi", "työtön"),
        # the past tense, and a participle that names a group
        ("Mies kuoli viime vuonna eikä ollut sotaveteraani.", "fi", "sotaveteraani"),
        ("isä ei oo eronnut, perhe voi hyvin", "fi", "eronnut"),
        ("Heillä ei ollut varaa harrastuksiin.", "fi", None),
        ("Hän ei ollut uskaltanut kertoa kenellekään.", "fi", None),
        ("Han är inte veteran men behöver hjälp med snöskottningen.", "sv", "veteran"),
        ("He is not a veteran, he just needs help with the snow.", "en", "veteran"),
        ("He's doing well otherwise, no mental health concerns.", "en", "mental health"),
        # lacking something, not having done something, a place: not who the client is
        ("Perheellä ei ole varaa kausimaksuihin.", "fi", None),
        ("Mies ei ole uskaltanut lähteä ulos kaatumisen jälkeen.", "fi", None),
        ("Hänellä ei ole täällä sukulaisia eikä ystäviä.", "fi", None),
        ("ei oo mitään tekemistä eikä kavereita", "fi", None),
        ("Omaishoidon tukea ei ole haettu.", "fi", None),
        ("Mitään muistitutkimuksia ei ole tehty.", "fi", None),
        ("rahaa ei oo kausimaksuihi eikä ees kenkiin", "fi", None),
        # where one is, not who: "kun kumpikaan ei ole kotona"
        ("Lapsille tarvittaisiin aikuinen illoiksi, kun kumpikaan ei ole kotona.", "fi", None),
        ("She is not sure where to start.", "en", None),
    ],
)
def test_who_the_client_is_said_not_to_be(question: str, lang: str, said: str | None) -> None:
    found = not_the_client(question, lang)
    assert (found.evidence if found else None) == said


def _ask(rt: Runtime, text: str, thread: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", thread, text, thread="t1"))


def _names(reply: Reply) -> list[str]:
    return [p.name.lower() for p in reply.parts if isinstance(p, ServiceCard)]


def _notices(reply: Reply) -> str:
    return "\n".join(p.text for p in reply.parts if isinstance(p, Notice))


def test_a_non_veteran_is_not_offered_the_veterans_home_help(rt: Runtime) -> None:
    plain = _ask(rt, "Vantaalainen 90-vuotias rouva tarvitsisi apua kotitöihin.", "nf-plain")
    assert any("veteraan" in n for n in _names(plain)), "the near miss this test is about"
    reply = _ask(
        rt,
        "Vantaalainen 90-vuotias rouva tarvitsisi apua kotitöihin. Hän ei ole veteraani eikä "
        "veteraanin leski.",
        "nf-neg",
    )
    assert _names(reply) and not any("veteraan" in n for n in _names(reply))
    assert reply.fit == "partial" and not reply.abstained
    assert "asiakas ei ole: veteraani, veteraanin leski" in _notices(reply)
    assert reply.filters["not_for"] == "veteraani, veteraanin leski"  # ask --json, /api/chat
    assert "not_for" not in plain.filters


def test_a_veterans_widow_still_gets_it(rt: Runtime) -> None:
    reply = _ask(rt, "Vantaalainen sotaveteraanin leski, 90 v, tarvitsisi apua kotitöihin.", "nf")
    assert "veteraan" in _names(reply)[0]


def test_a_father_who_is_not_divorced_is_not_offered_the_divorced_fathers_group(
    rt: Runtime,
) -> None:
    case = "Keravalainen isä kaipaa muiden isien vertaistukea."
    plain = _ask(rt, case, "nf-father-plain")
    divorce = [n for n in _names(plain) if n.startswith("ero")]
    assert divorce, "the near miss this test is about"
    reply = _ask(rt, f"{case} Hän ei oo eronnut, perhe voi hyvin.", "nf-father")
    assert _names(reply) and not any(n.startswith("ero") for n in _names(reply))
    assert reply.fit == "partial"
    assert "asiakas ei ole: eronnut" in _notices(reply)


def test_said_in_a_follow_up_it_holds_for_the_rest_of_the_case(rt: Runtime) -> None:
    thread = "nf-followup"
    _ask(rt, "Keravalainen 88-vuotias rouva tarvitsisi apua lumitöihin ja ikkunanpesuun.", thread)
    reply = _ask(rt, "Hän ei ole veteraani eikä veteraanin leski.", thread)
    assert reply.filters["municipality"] == "kerava", "the case is kept"
    assert _names(reply) and not any("veteraan" in n for n in _names(reply))
    again = _ask(rt, "Entä Vantaalla?", thread)
    assert _names(again) and not any("veteraan" in n for n in _names(again))


@pytest.mark.parametrize(
    ("question", "no_child"),
    [
        ("32-vuotias asiakas sai vasta aikuisena ADHD-diagnoosin.", True),
        ("A 35-year-old client is starting gender reassignment and wants peers.", True),
        ("Äiti kysyy 8-vuotiaalle pojalleen kerhoa.", False),
        ("löytyykö yksinhuoltajille vertaisryhmiä Vantaalta?", False),
        ("Föräldrarna till en femårig pojke i Kervo fick veta att han har autism.", False),
        ("My client's daughter was diagnosed with autism.", False),
        ("Perhe elää toimeentulotuella.", False),
        ("Asiakas on raskaana ja muutti juuri Keravalle.", False),
    ],
)
def test_whether_a_child_or_parent_appears_in_the_case(question: str, no_child: bool) -> None:
    assert names_no_child(question) is no_child


def _parents_groups(rt: Runtime, reply: Reply) -> list[str]:
    ids = [p.id for p in reply.parts if isinstance(p, ServiceCard)]
    return [i for i in ids if (s := rt.kb.service(i)) and "vanhem" in s.name["fi"].lower()]


def test_an_adult_with_adhd_is_not_offered_a_group_for_parents(rt: Runtime) -> None:
    own = _ask(
        rt,
        "Vantaalainen 40-vuotias asiakas sai juuri ADHD-diagnoosin ja haluaisi vertaistukea "
        "muilta aikuisilta, joilla on sama diagnoosi.",
        "nc-adult",
    )
    assert own.fit == "partial" and not own.abstained
    assert not _parents_groups(rt, own)
    assert "lasta ei mainita" in _notices(own)
    parent = _ask(
        rt,
        "Vantaalaisen 40-vuotiaan äidin pojalla todettiin ADHD, ja äiti kaipaisi vertaistukea "
        "muilta samassa tilanteessa olevilta.",
        "nc-parent",
    )
    assert _parents_groups(rt, parent), "a parent still gets the parents' group"


def test_a_child_named_in_a_follow_up_brings_the_parents_groups_back(rt: Runtime) -> None:
    thread = "nc-followup"
    first = _ask(rt, "Vantaalainen 40-vuotias asiakas kaipaa vertaistukea ADHD:hen.", thread)
    assert not _parents_groups(rt, first)
    later = _ask(rt, "Kyse on hänen 9-vuotiaasta pojastaan, jolla on ADHD.", thread)
    assert _parents_groups(rt, later)


def test_a_deaf_signer_is_told_no_service_signs_and_keeps_the_age(rt: Runtime) -> None:
    reply = _ask(
        rt,
        "Keravalainen 63-vuotias kuuro mies käyttää viittomakieltä eikä kuulokoje auta. Hän "
        "kaipaisi porukkaa, jossa voisi jutella omalla kielellään.",
        "sign",
    )
    assert reply.filters["language"] == "sgn"
    assert reply.fit == "partial" and not reply.abstained
    assert "kieli" in _notices(reply), "the language not met is named"
    cards = [rt.kb.service(p.id) for p in reply.parts if isinstance(p, ServiceCard)]
    assert cards and all(s is not None for s in cards)
    # the language can't be met, so only it is walked back: the age still holds
    assert all(age_range(s)[0] <= 63 <= age_range(s)[1] for s in cards if s is not None)


def test_a_group_for_signers_is_not_an_exact_fit(rt: Runtime) -> None:
    reply = _ask(rt, "Onko Keravalla viittomakielisille kuuroille omaa vertaisryhmää?", "sgn2")
    assert reply.intent == "services"
    assert reply.fit == "partial" and not reply.abstained
    assert "kieli (viittomakielisille)" in _notices(reply)


def test_a_language_no_service_offers_is_named_as_not_met(rt: Runtime) -> None:
    reply = _ask(
        rt, "Keravalainen 70-vuotias rouva puhuu vain kiinaa ja on hyvin yksinäinen.", "zh"
    )
    assert reply.filters["language"] == "zh"
    assert reply.fit == "partial" and not reply.abstained
    assert "kieli (puhuu vain kiinaa)" in _notices(reply)
    russian = _ask(
        rt, "Keravalainen 70-vuotias rouva puhuu vain venäjää ja on hyvin yksinäinen.", "ru"
    )
    cards = [rt.kb.service(p.id) for p in russian.parts if isinstance(p, ServiceCard)]
    assert cards and all(s is not None and "ru" in s.languages for s in cards[:1])


@pytest.mark.parametrize(
    ("question", "children_hinted"),
    [
        # an older client's children are grown: no hint at children's services, no card
        # saying "lapset" for an 80-year-old
        (
            "Keravalainen 80-vuotias mies sai lapsiltaan uuden puhelimen eikä osaa käyttää sitä.",
            False,
        ),
        ("En 81-årig änka i Dickursby; barnen bor i Sverige och hon är mycket ensam.", False),
        # a grandchild's age said: the child is there to be helped too
        (
            "63-vuotias isoäiti hoitaa lapsenlastaan, joka on 2-vuotias, ja etsii lapsille kerhoa.",
            True,
        ),
        # a younger parent's children are children
        ("35-vuotias äiti jäi yksin kolmen lapsen kanssa ja kaipaa tukea.", True),
    ],
)
def test_an_older_clients_children_are_no_hint_at_childrens_services(
    rt: Runtime, question: str, children_hinted: bool
) -> None:
    hints = rt.searcher.filters_for(question).target_groups
    assert ("lapset" in hints) == children_hinted


@pytest.mark.parametrize(
    ("question", "families_hinted"),
    [
        # grown children make no family with children: no hint at family cafés
        ("En 81-årig änka i Dickursby; barnen bor i Sverige och hon är mycket ensam.", False),
        (
            "Vantaalainen 78-vuotias leski on yksinäinen, kun lasten perheet asuvat ulkomailla.",
            False,
        ),
        # a grandchild of two in the grandmother's care: families with children fit
        (
            "63-vuotias isoäiti hoitaa 2-vuotiasta lapsenlastaan, koska perhe ei saanut "
            "päiväkotipaikkaa.",
            True,
        ),
        ("35-vuotias yksinhuoltaja jäi yksin kolmen lapsen kanssa ja kaipaa tukea.", True),
    ],
)
def test_an_older_clients_family_is_no_hint_at_services_for_families_with_children(
    rt: Runtime, question: str, families_hinted: bool
) -> None:
    hints = rt.searcher.filters_for(question).target_groups
    assert ("perheet" in hints) == families_hinted
