"""Everyday signs of a need are read as the need (index/language/signs.py, signs.yaml).

Staff write what they see ("unohtelee, eksyi kauppareissulla"), not the service
category ("muistisairaus"). The signs add the vocabulary's theme or group as a hint,
so the services for that need come forward and the card can say why.
"""

from __future__ import annotations

import pytest

from index.errors import ConfigError
from index.language.signs import load_signs, signs_of
from index.search.facets import extract_filters


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Isä unohtelee syödä ja eksyi eilen kauppareissulla.", "muisti"),
        ("hella jäi taas päälle ja se ei enää tunnista naapuria", "muisti"),
        ("Hänellä oli mustelmia käsivarsissa, ja mies uhkailee häntä.", "vakivalta"),
        ("mies ei anna hänelle omaa rahaa", "vakivalta"),
        ("on pelannut koko palkkansa nettikasinolla", "paihteet"),
        ("iskä juo joka ilta", "paihteet"),
        ("Kukaan ei käy hänen luonaan, päivät yksin kotona.", "yksinaisyys"),
        ("pöydällä kasa perintäkirjeitä ja pikavippejä", "talous"),
        ("ei ole maksanut vuokraa keväästä asti", "asuminen"),
        ("vanhemmat muuttivat erilleen ja lapsi asuu kahdessa kodissa", "vanhemmuus"),
        ("Hon glömmer allt och gick vilse i affären.", "muisti"),
        ("She had bruises and her partner threatens her.", "vakivalta"),
        ("He was laid off last month.", "tyollistyminen"),
        ("Maken dog i vintras och hon är änka nu.", "suru"),
        ("oli jättänyt kahvinkeittimen päälle, eikä löytänyt eilen kotiin", "muisti"),
        ("Hän aloitti juuri sytostaattihoidot.", "terveys"),
        ("Vaimo sai halvauksen, ja puhe takkuaa.", "terveys"),
        # chat typed without apostrophes
        ("been crashing on a mates couch for weeks", "asuminen"),
        ("she cant afford food by the end of the month", "ruoka-apu"),
        ("he hasnt paid the rent since march", "asuminen"),
        # diabetes by its everyday name
        ("just todettu aikuistyypin sokeritauti", "terveys"),
        ("Han fick veta att han är sockersjuk.", "terveys"),
        ("Aikuinen poika otti oman henkensä viime syksynä.", "kriisituki"),
        ("pankki lopetti paperilaskut eikä hän oo ikinä käyttäny konetta", "digituki"),
        ("jääkaapissa pelkkää ketsuppia, mistä sais syötävää?", "ruoka-apu"),
        ("sai lapsilta älyluurin mut ei osaa avata sitä", "digituki"),
        # falls and frailty: keeping on one's feet is the exercise services' need
        ("Äiti kaatui kahdesti talven aikana, ja nyt hän pelkää lähteä ulos.", "liikunta"),
        ("jalat on ihan heikot ja välil huimaa", "liikunta"),
        ("Lonkkamurtuman jälkeen kunto on heikentynyt.", "liikunta"),
        ("Hon har ramlat två gånger och har svaga ben.", "liikunta"),
        # what a parent finds in a teenager's room
        ("pojan huoneesta löytyi grinderi ja pieniä minigrip-pusseja", "paihteet"),
        ("Dad found weed and some pills in his son's room.", "paihteet"),
        ("Roskiksessa oli taas tyhjiä viinapulloja.", "paihteet"),
        # a wish or advice to move more: the exercise services' need
        ("Keravalainen 70-vuotias nainen haluaisi liikkua enemmän, polvet huonot.", "liikunta"),
        ("lääkäri käski liikkumaan enemmän ja yksin asuessa seuraakin kaipais", "liikunta"),
        ("She would like to get more active but her knees are bad.", "liikunta"),
        ("Hon skulle vilja röra lite mer på sig.", "liikunta"),
        # wanting to be of use to others: the volunteering services' need
        ("Hän kaipaa tunnetta, että hänestä olisi jollekulle hyötyä.", "vapaaehtoistyo"),
        ("eläkkeellä nyt ja haluis auttaa muita jotenkin", "vapaaehtoistyo"),
        ("Since retiring he says he wants to feel useful again.", "vapaaehtoistyo"),
        ("Han vill känna sig behövd igen.", "vapaaehtoistyo"),
        # nothing to do, a hobby left: the hobby and culture services' need
        ("Ennen hän harrasti kuorolaulua, nyt päivät kuluvat sohvalla.", "harrastukset"),
        ("poika kaipais jotain omaa tekemistä iltoihin", "harrastukset"),
        ("She is bored at home and needs something to do.", "harrastukset"),
        ("Han har tråkigt och saknar något att göra.", "harrastukset"),
        # waiting for psychiatric care, the curtains kept shut
        ("psykalle jonoo vielä pari kk, ollu kotona koko syksyn", "mielenterveys"),
        ("Verhot ovat kiinni vielä iltapäivälläkin.", "mielenterveys"),
    ],
)
def test_an_everyday_sign_is_read_as_the_need_it_shows(text, theme):
    assert theme in signs_of(text)[1]


@pytest.mark.parametrize(
    "text",
    [
        "käy töissä kuin automaatti",  # not a slot machine
        "toivottavasti löytyy jotain",  # hopefully, not hopelessness
        "poika pelaa jalkapalloa ja sählyä",  # a game, not gambling
        "Onko Keravalla kuoroa eläkeläisille?",
        "Hon pratar bara svenska.",
        "Hän juo aamulla kahvia ja lukee lehden.",  # coffee, not alcohol
        "She is quite confused about how daycare works here.",  # not memory loss
        "Yritys kaatui keväällä.",  # a company, not a fall
        "Kotiapu olisi hänelle tarpeellinen.",  # help needed, not a wish to help
        "It would be useful to know the opening hours.",
    ],
)
def test_ordinary_words_are_not_read_as_signs(text):
    assert signs_of(text) == ((), ())


@pytest.mark.parametrize(
    ("text", "carer"),
    [
        ("voiks 23v tyttö joka hoitaa äitiään (ms-tauti) päästä johonki porukkaan", True),
        ("Hän huolehtii miehestään, jolla on Parkinson.", True),
        ("Äiti hoitaa lastaan kotona sairauslomalla.", False),  # a parent with her own child
    ],
)
def test_a_spouse_or_parent_cared_for_makes_the_client_a_carer(text, carer):
    assert ("omaishoitajat" in signs_of(text)[0]) is carer


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("12-vuotias tyttö kertoi, että iskä juo joka ilta", True),
        ("Hänen äitinsä on ollut pitkään masentunut.", True),
        ("Asiakkaan poikaystävä pelaa rahapelejä.", True),
        ("Her husband drinks every night.", True),
        ("Äiti huomasi, että hänen 16-vuotias poikansa polttaa kannabista.", True),
        ("16-vuotias poika käyttää huumeita.", False),  # the boy himself is the client
        ("Asiakas juo liikaa viikonloppuisin.", False),
    ],
)
def test_a_sign_in_someone_close_makes_the_client_a_family_member(text, relative):
    assert ("omaiset" in signs_of(text)[0]) is relative


def test_the_hint_names_only_what_the_knowledges_vocabulary_holds(rt):
    f = extract_filters("Hän unohtelee ja eksyi kaupassa.", rt.kb.vocabularies, rt.searcher.matcher)
    assert "muisti" in f.themes
    assert set(f.themes) <= set(rt.kb.vocabularies.themes)


def test_a_client_who_forgets_and_gets_lost_is_shown_memory_services(rt):
    # No word of the memory vocabulary ("muisti", "dementia", "muistisairaus") is used.
    r = rt.searcher.search(
        "Korsolainen 80-vuotias mies unohtelee syödä ja eksyi viime viikolla "
        "kauppareissulla. Vaimo on huolissaan.",
        kinds=["service"],
        k=5,
    )
    shown = [rt.kb.service(h.doc.key.removeprefix("service:")) for h in r.hits]
    assert any("muisti" in s.themes for s in shown[:3])


def test_a_broken_sign_names_the_entry_and_the_sign(tmp_path):
    bad = tmp_path / "signs.yaml"
    bad.write_text(
        "- about: memory\n  themes: [muisti]\n  signs:\n    - 'unohtel\\w*'\n"
        "- about: money\n  themes: [talous]\n  signs:\n    - 'pikavip(\\w*'\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as err:
        load_signs(bad)
    assert "kohta 2 (money)" in str(err.value)
    assert "pikavip(" in str(err.value)


def test_the_bundled_signs_compile_and_name_known_ids(rt):
    vocab = rt.kb.vocabularies
    for sign in load_signs():
        assert set(sign.themes) <= set(vocab.themes), sign.about
        assert set(sign.target_groups) <= set(vocab.target_groups), sign.about
        assert sign.themes or sign.target_groups, sign.about


@pytest.mark.parametrize(
    ("text", "group", "theme"),
    [
        ("She hasn't had a proper conversation with another adult in weeks.", "", "yksinaisyys"),
        (
            "He speaks hardly any Finnish and got his residence permit in spring.",
            "maahanmuuttajat",
            "",
        ),
        ("Hon har glömt spisen på två gånger den här veckan.", "", "muisti"),
        ("Han träffar ingen längre och sitter hemma hela dagarna.", "", "yksinaisyys"),
    ],
)
def test_a_sign_told_in_english_or_swedish_is_read_as_in_finnish(text, group, theme):
    groups, themes = signs_of(text)
    assert (not group or group in groups) and (not theme or theme in themes)
    assert group or theme


@pytest.mark.parametrize(
    "text",
    [
        "Mies tönäisi häntä niin, että hän kaatui.",  # a blow's doing: violence, not frailty
        "Hänellä oli mustelmia, ja hän sanoo kaatuneensa portaissa.",  # a cover story
        "neuvolassa sano et seinät kaatuu päälle päivisin",  # the walls closing in
        "He pushed her so hard that she fell.",
    ],
)
def test_a_fall_pushed_told_or_figurative_is_no_sign_of_frailty(text):
    assert "liikunta" not in signs_of(text)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Hän liikkuu rollaattorilla ja pääsee liikkumaan bussilla.",  # how she gets about
        "Ei pysty liikkumaan kotoa ilman apua.",
        "He is active in the residents' association.",
    ],
)
def test_getting_about_is_no_wish_to_move_more(text):
    assert "liikunta" not in signs_of(text)[1]
