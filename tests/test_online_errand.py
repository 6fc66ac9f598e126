"""The internet named as where an errand must be done, or what the client cannot manage, is
no wish to take part remotely (index/search/facet_remote._not_taking_part): a man who cannot
apply for jobs online needs hands-on help, and an in-person workshop must not be filtered
away."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming
from index.knowledge.loader import load_knowledge
from index.search.facet_remote import read_remote
from index.search.facets import extract_filters
from index.search.vocab_match import VocabMatcher

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@pytest.mark.parametrize(
    "text",
    [
        "Hän ei osaa täyttää lomakkeita netissä ja jättää laskut maksamatta.",
        "Isä ei ole koskaan asioinut verkossa, pankkiasiat hoiti vaimo.",
        "Nykyään kaikki ajanvaraukset pitää tehdä netissä, eikä hän tiedä mistä aloittaa.",
        "Kelan hakemukset täytyy lähettää verkossa, ja se tuntuu hänestä ylivoimaiselta.",
        "Hon har aldrig använt bankkoder och allt ska skötas på nätet nu.",
        # an errand in the passive, its modal in the clause before a list
        "Nu ska FPA, banken och hälsocentralen skötas på nätet och han ger upp.",
        "Kela-asiat hoidetaan nykyään netissä, eikä hän pärjää niiden kanssa.",
        "His bills are all paid online now and he can't keep track.",
        "She struggles with the online forms the benefit office sends her.",
        "He lost his savings to online poker last winter.",
        "Her grandson says everything is online these days, but she has no computer.",
        # work done remotely, not a service taken part in
        "Poika tekee koodarin töitä etänä kotoa käsin, mutta kaipaa ikäisiään.",
        "Vaimo on etätöissä, joten mies ei ole päivisin yksin.",
        "She avoids buses and works from home most days.",
        # a note's sentence without its subject opens with the verb
        "Keravalainen 40v mies. Työskentelee etänä kotoa eikä näe ketään päivisin.",
        "Man, 40, i Kervo. Jobbar på distans hemifrån och träffar ingen.",
        "Man, 40, Kerava. Works online for a bank and sees nobody all day.",
        # a phone call reported, and remote turned down after the word
        "Äiti kertoi puhelimessa, että tytär ei enää käy koulussa.",
        "He told me on the phone that he hardly sleeps.",
        "Puhelimessa hän ei halua puhua, vaan haluaisi tavata jonkun.",
        "Puhelin- tai nettikeskustelut eivät hänen mukaansa ole hänen juttunsa.",
        # an app the client wants to learn or cannot get to work
        "She'd like to learn to use her new tablet – video calls with the grandchildren.",
        "Hän haluaisi oppia käyttämään videopuheluita.",
        "Hon har fått en ny telefon och får inte till videosamtal.",
    ],
)
def test_an_errand_on_the_internet_is_no_remote_wish(text: str) -> None:
    assert read_remote(text)[0] is None


@pytest.mark.parametrize(
    "text",
    [
        "Tuen pitäisi onnistua kotoa, puhelimella tai netissä.",
        "Hän ei pysty lähtemään kotoa, joten jotain netissä olisi paras.",
        "Hän ei osaa suomea, mutta netissä englanniksi voisi onnistua.",
        "Det måste gå att sköta hemifrån.",
        "She has never been to a group, but she could join online.",
        "Is there a group he could join online?",
        "Hän kertoi, että voisi jutella puhelimessa iltaisin.",  # a wish, reported
        "Hän voisi osallistua videoyhteydellä.",
        "Hon kunde ringa eller ta ett videosamtal när han är på jobbet.",
    ],
)
def test_a_wish_to_take_part_remotely_is_still_read(text: str) -> None:
    assert read_remote(text)[0] is True


@pytest.mark.parametrize(
    ("text", "homebound"),
    [
        # a parent who cannot leave home, in a child's case: not the client's wish
        (
            "Yläkoululaisen pojan äiti on ollut sängyn pohjalla masennuksen takia. Mitä pojalle "
            "itselleen olisi?",
            False,
        ),
        ("14-vuotiaalla oppilaalla on poissaoloja; hänen äitinsä on vuodepotilas.", False),
        # the parent is the client: housebound still read
        ("82-vuotias äiti on vuodepotilas, tytär kysyy hänelle jotain seuraa.", True),
        ("Äiti on vuodepotilas ja haluaisi vertaistukea.", True),
    ],
)
def test_a_parent_who_cannot_leave_home_is_not_a_childs_remote_wish(
    text: str, homebound: bool
) -> None:
    kb = load_knowledge(KNOWLEDGE)
    f = extract_filters(text, kb.vocabularies, VocabMatcher(kb.vocabularies))
    assert (f.online is True) is homebound


def test_a_job_seeker_who_cannot_apply_online_is_shown_the_drop_in_workshop(rt: Runtime) -> None:
    """Before, "netissä" filtered out every service met in person, the workshop with it."""
    reply = rt.router.handle(
        Incoming(
            "test",
            "u1",
            "errand",
            "Vantaalainen 57-vuotias mies jäi työttömäksi 30 vuoden jälkeen. Hän ei osaa "
            "tehdä työhakemuksia netissä eikä hänellä ole ansioluetteloa. Mistä apua?",
        )
    )
    assert reply.filters.get("online") is not True
    ids = [r.id for r in reply.results[:5]]
    workshop = rt.kb.service("tyoverstas-vaarala-ry/avoin-tyonhakupaja")
    assert workshop is not None and not workshop.online  # met in person only
    assert workshop.id in ids
