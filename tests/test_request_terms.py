"""Reading what a question asks for: the service word and its qualifiers."""

from __future__ import annotations

import pytest

from index.language.crosslingual import glossary_knows
from index.search.request_terms import names_service_kind, requested_qualifiers


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Onko Vantaalla dialyysipotilaiden vertaisryhmää?", ["dialyysipotilaiden"]),
        ("Onko elinsiirron saaneiden vertaistukea?", ["saaneiden", "elinsiirron"]),
        (
            "Hän toivoisi vertaisryhmää ostoriippuvuudesta kärsiville",
            ["ostoriippuvuudesta", "kärsiville"],
        ),
        ("Löytyykö parkinsonryhmää?", ["parkinson"]),
        ("Onko psoriaasista kärsiville vertaistukea?", ["kärsiville", "psoriaasista"]),
        ("Onko tällaista ryhmää muille?", []),
        # "same"-compounds say whom like, not what for (also spoken: "samanikäsille")
        ("Onko porukkaa samanikäisille?", []),
        # the client by a spouse's word is who, not a kind of service
        ("Etsin tukea nimenomaan vaimolle.", []),
        ("onks jotain porukkaa samanikäsille", []),
        # "of some kind", "of any kind", "what kind" name no kind of their own
        ("Hän kaipaisi seuraa, ehkä jonkinlaista kerhoa.", []),
        ("Olisiko minkäänlaista tukea?", []),
        ("Millaista ryhmää suosittelisit?", []),
        ("Onko jonkinlaista ryhmää kaksosten vanhemmille?", ["kaksosten", "vanhemmille"]),
        ("Hän kaipaisi ryhmää, jossa olisi muita kaksosten vanhempia.", ["kaksosten", "vanhempia"]),
        ("Onko ryhmää, jossa voisi tavata muita eroperheiden lapsia?", ["eroperheiden", "lapsia"]),
        ("Onko parkinsonia sairastaville vertaisryhmää?", ["sairastaville", "parkinsonia"]),
        # the last part of a compound names the kind; what comes before it, the need
        ("Järjestääkö jokin yhdistys lasten ensiapukurssia?", ["lasten", "ensiapu"]),
        ("Onko liikuntakerhotoimintaa?", ["liikunta"]),
        # what an association would do for the client
        (
            "Löytyykö järjestöä, joka hoitaisi lemmikin hoitojakson ajan?",
            ["lemmikin", "hoitojakson"],
        ),
        # adverbs, illatives, places and short verbs are not qualifiers
        ("Somalinkielinen liikuntaryhmä pelkästään naisille Vantaalla?", ["liikunta", "naisille"]),
        ("Etsin vertaisryhmää Keravalla", []),
        ("Pääsisikö hän ryhmään kotiin?", []),
        # the writer's own title and visits are not services asked for; a carer sought is
        ("Olen sydänpoliklinikan kuntoutushoitaja ja soitin miehelle.", []),
        ("Kotihoidon lähihoitajana käyn rouvan luona aamuisin.", []),
        ("Asiakas kysyi vertaistukea. Terveisin,\ntyöterveyshoitaja", []),  # a signature
        ("Tapasin miehen verenpaineen seurantakäynnillä.", []),
        # monitoring, "next", an insufficiency and function are no services either
        ("Liikakasvua seurataan urologian poliklinikalla kerran vuodessa.", []),
        ("Kuulokeskuksen seuraava tarkastus on vasta keväällä.", []),
        ("Hänellä on kilpirauhasen vajaatoiminta.", []),
        ("Miehen toimintakyky on heikentynyt.", []),
        # when and how soon are not what kind: "-isin" times, "-mmin" comparatives
        ("Tarvitsisi lastenhoitajaa iltaisin.", ["lasten"]),
        ("Mistä hän saisi apua nopeammin?", []),
        ("Hän toivoisi ryhmää arkiaamuisin.", []),
        ("Hän kaipaa seuraa muista leskistä.", ["leskistä"]),
        # the object of a participle after the service word, past a place
        (
            "Onko vertaistukea Keravalla keliakiaa sairastaville lapsille?",
            ["keliakiaa", "sairastaville", "lapsille"],
        ),
        # whom the group would gather, said before "such a group" is asked for
        ("Hän etsii muita MS-tautia sairastavia. Onko sellaista vertaisryhmää?", ["ms-tautia"]),
        # help with something; from whom peer support comes; a relative clause without a comma
        ("Auttaako joku yhdistys eläinlääkärikuluissa?", ["eläinlääkärikuluissa"]),
        ("Hän kaipaa vertaistukea muilta ADHD-aikuisilta.", ["adhd-aikuisilta"]),
        ("onks jotain järjestöä joka tekee käännöksiä", ["käännöksiä"]),
        # helping is not a place: "Vantaalla" is not a qualifier
        ("Auttaako joku järjestö Vantaalla velka-asioissa?", ["velka-asioissa"]),
        # a neighbour, a stairwell or a party is no help ("naapuri" holds "apu"), and pictures
        # are no participle: a case that asks for no service has no qualifiers
        ("Hän ei halua naapureiden näkevän hänen jonottavan.", []),
        ("Rapussa asuva osapuoli taputteli roskapussin kiinni.", []),
        ("Poika piirtää koulussa synkkiä kuvia. Onko sellaista ryhmää?", []),
        ("Löytyisikö hänelle läksyapua?", ["läksy"]),
        # how much or how near is no kind of help
        ("Mistä hän saisi kädestä pitäen apua kohtuullisen läheltä kotia?", []),
        ("Onko vertaistukea melko pian muilta leskiltä?", ["leskiltä"]),
        # "such" in spoken forms says whom like, not what for
        ("onks mitään porukkaa tällasille nuorille", ["nuorille"]),
        ("Onko semmosta kerhoa tai sellasta ryhmää?", []),
        # a benefit applied for is no kind of service asked; what support is for may be
        ("Hän haki toimeentulotukea sähkölaskuun.", []),
        ("Onko synnytyspelkoon vertaistukea?", ["synnytyspelkoon"]),
        # a club he will not go to asks for nothing; what he would want instead does
        ("mihinkää mummojen kerhoon se ei kuulemma lähe", []),
        (
            "Hän ei halua ryhmään vaan kaipaisi tukea muilta ADHD-aikuisilta.",
            ["adhd-aikuisilta"],
        ),
    ],
)
def test_qualifiers_of_the_service_asked_for(question, expected):
    assert requested_qualifiers(question) == expected


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("Is there free legal counsel for asylum appeals?", "en", ["asylum", "appeals"]),
        # the person is linked to what qualifies it: the need is the linked word
        ("Is there a support group for people with tinnitus?", "en", ["tinnitus"]),
        ("Is there a peer group for parents of twins?", "en", ["twins"]),
        # whom like is no need: "someone like him"
        ("Is there a group for someone like him?", "en", []),
        # a kind of group turned down asks for nothing
        ("He won't go to any group for pensioners.", "en", []),
        ("Han vill inte gå till någon grupp för pensionärer.", "sv", []),
        ("Is there a support group for people with tinnitus like her?", "en", ["tinnitus"]),
        ("Finns det kamratstöd för föräldrar till tvillingar?", "sv", ["tvillingar"]),
        ("Finns det kamratstöd för unga som stammar?", "sv", ["stammar"]),
        # a longer clause leaves the need to the person words
        ("Finns det en grupp för pensionärer som vill dansa?", "sv", ["pensionärer"]),
        ("Does any association offer help with tax returns?", "en", ["tax", "returns"]),
        # Finnish case endings mean nothing in English: "conversation" is no genitive
        ("Is there a Finnish conversation group for immigrants?", "en", ["immigrants"]),
        # a place between the service word and whom it is for
        ("Finns det en kamratgrupp i Kervo för personer med psoriasis?", "sv", ["psoriasis"]),
        # what the people are doing links them to the need
        ("Is there a peer group for parents expecting twins?", "en", ["twins"]),
        ("Is there an association that runs chess evenings?", "en", ["chess", "evenings"]),
        # a place that holds a service word is no service ("Dickursby" holds "kurs")
        ("Hon bor i Dickursby själv och talar svenska.", "sv", []),
        ("Finns det en kurs för pensionärer i Dickursby?", "sv", ["pensionärer"]),
    ],
)
def test_qualifiers_in_swedish_and_english(question, lang, expected):
    assert requested_qualifiers(question, lang) == expected


def test_asking_for_a_kind_of_service_is_told_from_small_talk():
    assert names_service_kind("Is there a group for people recovering from depression?")
    assert names_service_kind("Finns det stöd för änkor?")
    assert not names_service_kind("How do I fix my boat engine?")
    assert not names_service_kind("Can you recommend a good pizza place in Tikkurila?")
    assert not names_service_kind("Hon bor i Dickursby med sin man.")
    assert not names_service_kind("Naapuri soitti poliisille rapusta.")


@pytest.mark.parametrize(
    ("word", "lang", "expected"),
    [
        ("widows", "en", True),
        ("änkor", "sv", True),
        ("skolbarn", "sv", True),  # a compound's last part, without the linking -s-
        ("föreningsbidragen", "sv", True),  # after the linking -s-
        ("gemensam", "sv", False),  # holds "ensam", but is no kind of it
        ("tinnitus", "en", False),
    ],
)
def test_the_glossary_knows_a_word(word, lang, expected):
    assert glossary_knows(word, lang) is expected
