"""What a service says it does not do, read against what a case asks for
(index/search/exclusions.py): the nearest service that says so is not offered as a fit."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.labels import label
from handlers.messages import Incoming, Notice
from index.search.exclusions import asked, excluded, exclusions_of


def _sentences(rt: Runtime, service_id: str) -> list[str]:
    service = rt.kb.service(service_id)
    assert service is not None
    return [e.sentence for e in exclusions_of(service, rt.index.tokenizer.tokenize)]


def test_a_service_says_what_it_is_not(rt: Runtime) -> None:
    said = _sentences(rt, "keravan-perhepesa-ry/perheystava")
    assert any(s.startswith("Perheystävä ei ole lastenhoitaja") for s in said)
    friend = _sentences(rt, "hopeasilta-ry/kotiystava")
    assert any("ei tee kotitöitä eikä hoida lääkkeitä" in s for s in friend)


def test_what_is_not_compulsory_is_no_exclusion(rt: Runtime) -> None:
    said = _sentences(rt, "keravan-kansainvalinen-naapuruus-ry/vironkielinen-neuvonta")
    assert any(s.startswith("Neuvoja ei tee päätöksiä") for s in said)
    assert not any(s.startswith("Ilmoittautuminen ei ole pakollista") for s in said)


def test_thresholds_and_whom_a_service_is_for_exclude_nothing(rt: Runtime) -> None:
    # "ei tarvita lähetettä", "joilla ei ole muuta harrastusta", "Yläkoululaisille emme pysty
    # tarjoamaan läksyapua" (only for some) say nothing the service leaves out for everyone;
    # nor does a question to the reader ("Haluatko soittaa bändissä, mutta ei ole omaa
    # soitinta tai porukkaa?")
    for sid in (
        "tukiranta-ry/kriisikeskustelut",
        "harrastustasku-ry/kokeilukerhot-kerava",
        "monikielinen-tikkurila-ry/laksykerho",
        "nuorisokipina-ry/bandikerho-korso",
    ):
        assert _sentences(rt, sid) == [], sid


@pytest.mark.parametrize(
    ("case", "service_id", "hit"),
    [
        (
            "Isä kysyy, mistä saisi jonkun hoitamaan sairasta lasta kotona päiväksi.",
            "keravan-perhepesa-ry/perheystava",
            True,
        ),
        # the same words told, not asked for: the family's life, not a request
        (
            "Äiti hoitaa lapsia yksin ja on uupunut. Olisiko hänelle juttuseuraa?",
            "keravan-perhepesa-ry/perheystava",
            False,
        ),
        (
            "Tytär kysyi, mistä saisi apua ilman, että tarvitsee jonottaa kuulokeskukseen.",
            "nako-ja-kuulopiiri-ry/kuulokojeneuvonta",
            False,
        ),
        (
            "Tarvittaisiin joku, joka tulisi mukaan vastaanotolle tulkkaamaan.",
            "sininen-vehnapelto-ry/neuvonta-ukrainaksi",
            True,
        ),
        # "Emme edusta asiakasta oikeudenkäynneissä": representing itself is left out, in any
        # hearing the case names
        (
            "Valitus on käräjillä. Tarvitsisiko hän jonkun edustamaan häntä istunnossa?",
            "etuusluotsi-ry/muutoksenhakuapu",
            True,
        ),
        (
            "Hän tarvitsisi apua valituksen kirjoittamiseen kuljetuspalvelupäätöksestä.",
            "etuusluotsi-ry/muutoksenhakuapu",
            False,
        ),
        # "Neuvonta ei korvaa uniapneahoitajan käyntiä": the nurse's visit is left out, not
        # every visit; help before the next one is what the advice is for
        (
            "Mistä hän voisi saada apua jo ennen seuraavaa käyntiä?",
            "levollinen-uni-ry/cpap-vertaisneuvonta-kerava",
            False,
        ),
        (
            "Voisiko neuvonta korvata uniapneahoitajan käynnin?",
            "levollinen-uni-ry/cpap-vertaisneuvonta-kerava",
            True,
        ),
        # "Vapaaehtoiset eivät kuitenkaan anna lääkkeitä": medicines a negated clause of the
        # asking sentence tells the client no longer has are not asked for
        (
            "Vaimon kuoltua hän ei tiedä, mitä tekisi, kun ei ole lääkkeitä jaettavana eikä "
            "ketään autettavana.",
            "keravan-hoivaverkko-ry/hengahdyshetki",
            False,
        ),
        (
            "Tarvittaisiin joku, joka antaisi miehelle lääkkeet, kun vaimo on töissä.",
            "keravan-hoivaverkko-ry/hengahdyshetki",
            True,
        ),
    ],
)
def test_an_exclusion_meets_only_what_the_case_asks(
    rt: Runtime, case: str, service_id: str, hit: bool
) -> None:
    service = rt.kb.service(service_id)
    assert service is not None
    tokenize = rt.index.tokenizer.tokenize
    found = excluded(asked(case, tokenize), exclusions_of(service, tokenize))
    assert (found is not None) == hit


def _notices(reply: object) -> str:
    return " ".join(p.text for p in getattr(reply, "parts", []) if isinstance(p, Notice))


def test_the_nearest_service_that_does_not_do_it_is_said_plainly(rt: Runtime) -> None:
    reply = rt.router.handle(
        Incoming(
            "test",
            "u1",
            "excl-medicines",
            "Keravalainen 79-vuotias nainen hoitaa miestään kotona. Mies tarvitsee apua "
            "wc-käynneissä ja lääkkeet on annettava aamulla ja illalla. Nainen joutuu itse "
            "leikkaukseen; löytyisikö yhdistyksestä joku, joka antaisi miehelle lääkkeet ja "
            "auttaisi häntä sen viikon?",
        )
    )
    assert reply.fit == "partial" and not reply.abstained
    said = _notices(reply)
    assert "eivät kuitenkaan anna lääkkeitä" in said  # the service's own words, quoted
    assert label("service_excludes", "fi", sentence="").split("”")[0] in said
    # respite for the carer, which the same service does give: a fit, nothing quoted
    fits = rt.router.handle(
        Incoming(
            "test",
            "u1",
            "excl-respite",
            "Keravalainen 79-vuotias nainen hoitaa muistisairasta miestään kotona eikä pääse "
            "koskaan omiin menoihinsa. Löytyisikö joku, joka olisi miehen seurana pari tuntia?",
        )
    )
    assert fits.fit == "good"
    assert "eivät kuitenkaan anna lääkkeitä" not in _notices(fits)


@pytest.mark.parametrize(
    ("case", "hit"),
    [
        ("She needs someone to interpret at the police next week.", True),
        ("Hon behöver någon som kan tolka på mötet med socialen.", True),
        ("Is there anyone who could come and interpret for him?", True),
        # told, not asked: the interpreter is what happened, not what the case wants
        ("The booked interpreter cancelled last week.", False),
        ("She needs help with Kela forms in Ukrainian.", False),
    ],
)
def test_a_swedish_or_english_case_meets_what_a_service_does_not_do(
    rt: Runtime, case: str, hit: bool
) -> None:
    service = rt.kb.service("sininen-vehnapelto-ry/neuvonta-ukrainaksi")
    assert service is not None
    found = rt.searcher.exclusions.excluded(case, service, "sv" if " som " in case else "en")
    assert (found is not None) == hit
    if hit:
        assert found is not None and "Emme tulkkaa" in found  # the service's own words
