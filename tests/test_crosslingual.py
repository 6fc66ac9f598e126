"""Finnish search words for needs named in Swedish or English (index/language/crosslingual.py).

The knowledge is written in Finnish, so a Swedish or English question reaches it through
these words: a Swedish compound has to be read by its last part, and a word that only
happens to contain another must not be.
"""

from __future__ import annotations

import pytest

from index.language.crosslingual import finnish_terms


@pytest.mark.parametrize(
    ("question", "finnish"),
    [
        ("Vem ansvarar för föreningsbidragen?", "avustus"),  # a kind of "bidrag"
        ("Finns det möteslokaler för föreningar?", "tilat"),
        ("Han är långtidsarbetslös", "työtön"),
    ],
)
def test_swedish_compounds_are_read_by_their_last_part(question, finnish):
    assert finnish in finnish_terms(question, "sv").split()


def test_the_service_tray_by_its_english_name() -> None:
    question = "Some association info on the wellbeing tray looks outdated. Who do I tell?"
    assert "hyvinvointitarjotin" in finnish_terms(question, "en").split()


def test_a_word_inside_another_is_not_a_compound_part():
    # "gemensam" (shared) holds "ensam" (alone) but is no compound of it
    assert "yksinäisyys" not in finnish_terms("En förening med gemensam odling", "sv").split()


@pytest.mark.parametrize(
    ("question", "not_meant"),
    [
        # "slags" is "kind of": asking for the same kind of help is not about violence
        ("Hon flyttar till Kervo. Kan hon få samma slags hjälp där?", "väkivalta"),
        ("Hennes man fick ett slaganfall i våras", "väkivalta"),  # a stroke
        ("En 79-åring i Dickursby vill lära sig surfplattan", "nuoret"),  # an old woman
        ("Hon jobbar deltid och är ensam på kvällarna", "työtön"),  # working, not jobless
        # English words that are Swedish ones: "hit" is "here", "rent" is "clean"
        ("En 15-årig pojke flyttade hit från Jakobstad i somras", "väkivalta"),
        ("Hon kom hit som flykting för tre år sedan", "väkivalta"),
        ("Hon orkar inte längre hålla rent hemma", "asuminen"),
    ],
)
def test_swedish_words_that_only_look_like_a_need(question, not_meant):
    assert not_meant not in finnish_terms(question, "sv").split()


@pytest.mark.parametrize(
    ("question", "finnish"),
    [
        ("Hennes man slår henne när han druckit", "väkivalta"),
        ("Hon blir slagen hemma", "väkivalta"),
        ("Hennes man fick ett slaganfall i våras", "aivoverenkiertohäiriö"),
        ("En 15-åring i Dickursby", "nuoret"),
        ("Han har förlorat sitt jobb", "työtön"),
    ],
)
def test_swedish_needs_still_found(question, finnish):
    assert finnish in finnish_terms(question, "sv").split()


def test_falls_and_weak_legs_in_english_and_swedish_reach_the_balance_groups() -> None:
    from index.language.crosslingual import finnish_terms

    assert "tasapaino" in finnish_terms("She fell twice last winter and her legs are weak.", "en")
    assert "tasapaino" in finnish_terms("Hon har ramlat två gånger i vinter.", "sv")
    assert "tasapaino" not in finnish_terms("He fell ill last autumn.", "en")


@pytest.mark.parametrize(
    ("question", "lang", "finnish"),
    [
        ("Föräldrarna gick isär i juni och hon bor varannan vecka hos pappa.", "sv", "ero"),
        ("En 19-årig förstagångsmamma med en bebis på tre månader.", "sv", "äidit"),
        ("Hon är sjukskriven för utmattning.", "sv", "uupumus"),
        ("Her parents split up and she lives in two homes.", "en", "ero"),
        ("She's a young mum with a newborn.", "en", "äidit"),
        ("The only time she moves without pain is in a warm pool.", "en", "vesijumppa"),
    ],
)
def test_everyday_life_events_in_swedish_and_english(question, lang, finnish) -> None:
    from index.language.crosslingual import finnish_terms

    assert finnish in finnish_terms(question, lang).split()


@pytest.mark.parametrize(
    ("question", "finnish"),
    [
        ("Her partner hit her again last week", "väkivalta"),
        ("He is three months behind on rent", "asuminen"),
    ],
)
def test_english_words_kept_out_of_swedish_still_read_in_english(question, finnish):
    assert finnish in finnish_terms(question, "en").split()


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Her father has dementia and she is exhausted.", "en"),
        ("His mother died in the spring and he lives alone.", "en"),
        ("Hennes pappa har fått demens.", "sv"),
        ("Hans föräldrar bor i Vasa och han är ensam här.", "sv"),
    ],
)
def test_the_clients_own_parent_is_no_family_with_children(question, lang):
    assert "lapset" not in finnish_terms(question, lang).split()


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("The mother of a 6-year-old says the evenings are chaos.", "en"),
        ("Both parents work shifts and the kids are alone in the evenings.", "en"),
        ("En mamma till en sexåring orkar inte längre.", "sv"),
    ],
)
def test_a_parent_of_children_is_still_read_as_a_family(question, lang):
    assert "lapset" in finnish_terms(question, lang).split()


@pytest.mark.parametrize(
    "question",
    [
        "A 41-year-old client needs a low-threshold place to drop in. She speaks Finnish fine.",
        "The family speaks Finnish.",
        "What could I refer her to? She speaks Finnish and English.",
    ],
)
def test_a_client_who_speaks_finnish_is_no_wish_to_learn_it(question):
    # the client's language stated is no need of integration or of Finnish lessons
    terms = finnish_terms(question, "en").split()
    assert "kotoutuminen" not in terms and "kielikahvila" not in terms


@pytest.mark.parametrize(
    "question",
    [
        "She wants to practise Finnish somewhere relaxed.",
        "He would like to learn Finnish.",
        "Somewhere she could speak Finnish with others?",
    ],
)
def test_a_wish_to_learn_or_speak_finnish_still_is(question):
    assert "kotoutuminen" in finnish_terms(question, "en").split()


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("She needs a low-threshold place where she can drop in and be around people.", "en"),
        ("Is there a drop-in centre for young people in Tikkurila?", "en"),
        ("Somewhere teens can hang out after school?", "en"),
        ("Finns det en träffpunkt i Dickursby där hon kan gå in utan att anmäla sig?", "sv"),
    ],
)
def test_a_place_to_drop_in_is_the_knowledges_meeting_place(question, lang):
    # the knowledge names these places "kohtaamispaikka" and "olohuone", never "drop-in"
    terms = finnish_terms(question, lang).split()
    assert "kohtaamispaikka" in terms and "olohuone" in terms


@pytest.mark.parametrize(
    "question",
    [
        "Hon har fått en smarttelefon men förstår sig inte på den.",
        "Han har ingen aning om hur datorn fungerar.",
        "Nätbanken och e-tjänsterna är för svåra för henne.",
    ],
)
def test_a_device_to_manage_in_swedish_is_digital_help(question):
    assert "digituki" in finnish_terms(question, "sv").split()


def test_a_swedish_smartphone_case_gets_digital_help_first(rt) -> None:
    from handlers.messages import Incoming

    reply = rt.router.handle(
        Incoming(
            "test",
            "u1",
            "sv-smartphone",
            "En 74-årig finskspråkig kvinna i Kervo har fått en smarttelefon av sonen men "
            "förstår sig inte på den. Finns det någon som kan hjälpa henne?",
        )
    )
    first = rt.kb.service(reply.results[0].id)
    assert first is not None and "digituki" in first.themes  # not the phone circles


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("He took payday loans and now a collection agency calls every day.", "en"),
        ("The enforcement authority is taking part of her wages.", "en"),
        ("She is behind on her credit card and the arrears keep growing.", "en"),
        ("Han har fått inkassobrev och kronofogden har hört av sig.", "sv"),
        ("Hon tog flera snabblån i höstas.", "sv"),
    ],
)
def test_debts_said_in_other_words_reach_debt_advice(question, lang):
    assert "velkaneuvonta" in finnish_terms(question, lang).split()


@pytest.mark.parametrize(
    ("question", "lang", "finnish"),
    [
        ("She has been cutting herself since the spring.", "en", "kriisituki"),
        ("Hon har börjat skada sig själv, säger skolan. Hon skär sig.", "sv", "kriisituki"),
        ("His dad found weed in his room.", "en", "päihteet"),
        ("Han dricker varje kväll och spriten tar över.", "sv", "päihteet"),
        ("Hon halkade på isen och har inte vågat gå ut sedan dess.", "sv", "ulkoiluystävä"),
        ("Since the fall she is afraid to go out alone.", "en", "ulkoiluystävä"),
    ],
)
def test_everyday_words_for_a_need_in_english_and_swedish(question, lang, finnish):
    assert finnish in finnish_terms(question, lang).split()


def test_coffee_is_no_drinking_problem():
    assert "päihteet" not in finnish_terms("Hon dricker kaffe med grannen varje dag.", "sv")
