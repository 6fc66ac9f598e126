"""Facets read from how staff actually write: places, languages, ages, cost, remote."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.knowledge.loader import load_knowledge
from index.language.detect import detect_language
from index.search.everyday import everyday_notes
from index.search.facet_rules import remote_wanted
from index.search.facets import Filters, extract_filters
from index.search.vocab_match import VocabMatcher

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@pytest.fixture(scope="module")
def read() -> object:
    kb = load_knowledge(KNOWLEDGE)
    matcher = VocabMatcher(kb.vocabularies)

    def _read(question: str) -> Filters:
        return extract_filters(question, kb.vocabularies, matcher)

    return _read


@pytest.mark.parametrize(
    ("question", "municipality"),
    [
        ("78-vuotias leski Keravalta", "kerava"),
        ("keravalainen mies", "kerava"),
        ("asuu Tikkurilassa", "vantaa"),
        ("onks vantaal mitää", "vantaa"),
        ("ukrainalainen äiti myyrmäes yksin", "vantaa"),
        ("muutti juuri hakunilaan", "vantaa"),
        ("gärna i Myrbacka", "vantaa"),
        ("bor i Kervo", "kerava"),
        ("lives in Vantaa", "vantaa"),
        ("ruokajako Saviossa", "kerava"),
        ("Vantaalla tai Keravalla", None),  # both named: no filter
        ("vaarallinen tilanne kotona", None),  # not Vaarala
        ("Kalevassa asuva mies", "kerava"),  # a name only when written as one
        ("hän asuu Ahjossa", "kerava"),
        ("Kalevalan päivänä luettiin runoja", None),  # the epic, not Kaleva
        ("sepän ahjossa", None),  # a forge
        ("mies keravan ahjosta, infarkti elokuussa", "kerava"),  # after its town's name
        ("41-vuotias leineläläinen nainen", "vantaa"),
        # a number is no district: "kuusikymmentä" is not Kuusikko
        ("kuusikymmentäkuusi vuotias mies keravan ahjosta", "kerava"),
        ("kuusikymmentä vuotias mies", None),
        ("Hän asui ennen Keravalla, nyt Vantaalla", "vantaa"),  # where the client lives now
        ("asuu Keravan rajalla Vantaan puolella", "vantaa"),
    ],
)
def test_municipality_from_places_and_districts(read, question, municipality):
    assert read(question).municipality == municipality


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("78-vuotias leski, puhuu ruotsia", "sv"),
        ("Ruotsinkielinen iltapäiväkerho", "sv"),
        ("asiakas puhuu vain venäjää", "ru"),
        ("Venäjää puhuva mies", "ru"),
        ("persiankielistä vertaistukea", "fa"),
        ("Vi söker gympa på svenska", "sv"),
        ("Is there a course in English?", "en"),
        ("He speaks very little Finnish and is isolated", "en"),
        ("asiakas ei puhu ruotsia", None),  # negated
        ("haluaa harjoitella suomen puhumista", None),  # learning Finnish is a need
    ],
)
def test_service_language(read, question, language):
    assert read(question).language == language


@pytest.mark.parametrize(
    ("question", "age"),
    [
        ("84-vuotias mies", 84),
        ("62-vuotiaalla asiakkaalla", 62),
        ("hänen isänsä (68) sai diagnoosin", 68),
        ("Vi har en 15-åring som mår dåligt", 15),
        ("Min klient är 45 och känner sig ensam", 45),
        ("an 80-year-old woman", 80),
        ("iltapäiväkerho ekaluokkalaiselle", 7),
        ("muistiryhmät ovat täynnä kasikymppisiä", None),
        ("Äiti soitti: 17-vuotias poika polttaa pilveä", None),  # the parent seeks help
        ("Yksinhuoltajaäiti on uupunut, lapset 6- ja 9-vuotiaita", None),  # a parent, compounded
        ("kaksivuotiaan äiti kaipaa seuraa", None),  # the child's age names the mother
        ("2-vuotiaan isä on työtön", None),
        # "vanhempi" is also "older": the older son is the client, not a parent
        ("kyse on perheen vanhemmasta pojasta, joka täytti juuri 13", 13),
        # the client's children, counted, are not the client
        ("Hänellä on kaksi alakouluikäistä lasta ja iltavuorot.", None),
        ("She has two 8-year-old kids and works nights.", None),
        ("Alakouluikäinen tyttö jää välitunneilla yksin.", 9),
        ("Vanhemmat ovat huolissaan 9-vuotiaasta pojasta.", None),
        ("vuonna 2024 alkanut ryhmä", None),
        ("Mitä nyt teen, kun asiakas ei halua ryhmään?", None),  # "teen" = I do, not a teen
        ("a teen girl who skips school", 15),
        ("En tioårig flicka har ont i magen varje morgon.", 10),  # Swedish, in words
        ("Kurator i Kervo: pojke 14 år, vill inte gå hem", 14),
        ("Han flyttade hit för 14 år sedan.", None),
        ("Hemvården här: gumma 88 år i Korso, bor ensam", 88),  # a person's word, then the age
        ("Änkling 79 år, svenskspråkig, sörjer fortfarande", 79),
        ("Mannen dog för 40 år sedan.", None),
        # dictated: the number apart from "vuotias"; Swedish tens and units
        ("kotihoidon käynti kahdeksankymmentäkaksi vuotias mies", 82),
        ("tyttö on neljätoista vuotta vanha", 14),
        ("on asunut täällä 14 vuotta", None),
        ("jag dikterar fyrtiotvå år gammal kvinna från västerkulla", 42),
        # a note's shorthand
        ("hi, SW here. client 35F, moved from India 2 yrs ago", 35),
        ("hej! kund 84 år, blev änka för tre år sedan", 84),
        ("23yo guy came from Tampere a month ago", 23),
        ("client 3 times a week", None),
        ("klient 32 i kervo, har ångest o panikattacker", 32),
        ("client 41 in Vantaa just got out of prison", 41),
        # a babysitter the client lacks is no baby: the client keeps no age
        ("She can't go out in the evenings, no babysitter and no money for one.", None),
        ("The babysitting cost is too much for him.", None),
        ("Hon tar hand om en baby ensam, 24 år.", 24),
        ("babyn kanssa kotona", 0),
    ],
)
def test_age(read, question, age):
    assert read(question).age == age


def test_cost_online_and_hints(read):
    f = read("Maksuton etäryhmä keravalaiselle yksinhuoltajalle, joka ei pääse kotoa")
    assert f.cost == "free"
    assert f.online is True
    assert f.municipality == "kerava"
    assert "perheet" in f.target_groups  # "yksinhuoltajat" is a synonym
    # "vertaisryhmä" is a synonym; being widowed is a sign of grief (index/language/signs.yaml)
    widowed = read("Onko Vantaalla vertaisryhmää leskeksi jääneille?")
    assert widowed.themes == ("vertaistuki", "suru")
    assert read("Löytyykö hyvinvointialueen nettisivuilta koontisivu?").online is None


@pytest.mark.parametrize(
    ("question", "theme"),
    [
        # the vocabulary lists the base form ("masennus", "ahdistus", "uupumus", "jaksaminen");
        # a case inflects it, and the stemmer alone leaves the consonant change unmatched
        ("Hän kaipaisi vertaistukea muilta, jotka ovat toipuneet masennuksesta.", "mielenterveys"),
        ("Äiti kärsii ahdistuksesta iltaisin.", "mielenterveys"),
        ("Hän puhui uupumuksestaan ensimmäistä kertaa.", "mielenterveys"),
        ("Hän ei ole puhunut kenellekään omasta jaksamisestaan.", "mielenterveys"),
    ],
)
def test_a_needs_word_inflected_in_the_case_still_names_its_theme(read, question, theme):
    assert theme in read(question).themes


@pytest.mark.parametrize(
    "question",
    [
        "keravalainen 79v pappa on alkanu unohtaa kaikkee, vaimo on ihan hermona",
        "Hon orkar inte med något längre och alla dagar är likadana.",
        "She says everyone at work noticed she is exhausted.",
    ],
)
def test_a_word_for_everything_or_everyone_is_no_client_group(read, question):
    # the vocabulary's group "kaikki" is a service open to everyone, not a need a case names
    assert "kaikki" not in read(question).target_groups


@pytest.mark.parametrize(
    "question",
    [
        # the vocabulary lists the plural ("eläkeläiset", "ikäihmiset"); a case names one client
        "Keravalainen eläkeläinen rouva kertoo, että päivät ovat pitkiä.",
        "Ikäihminen asuu yksin Hakunilassa eikä jaksa enää siivota.",
    ],
)
def test_a_group_named_in_the_singular_is_read_like_its_plural(read, question):
    assert "ikaantyneet" in read(question).target_groups


@pytest.mark.parametrize(
    "question",
    [
        "Mies on pelannut nettikasinoilla vuosia ja velkaa on kertynyt",
        "Nainen tilaa pakonomaisesti vaatteita verkkokaupoista",
        "Tytär on joutunut nettikiusaamisen kohteeksi",
        "Isä on etääntynyt perheestä eron jälkeen",
        # where the client spends time, not a way of taking part
        "Oppilas itse pelaa iltaisin kavereiden kanssa netissä ihan normaalisti.",
        "Poikaa kiusataan netissä, olisiko jotain ryhmää?",
        "He plays games online all night.",
        # records to look at online: an errand, not a way of taking part
        "Got her first smartphone, also wants to see her lab results online.",
        "Hon vill kunna se sina provsvar på nätet.",
        # home as where the client is, not a way of taking part
        "She is at home with the kids all day and feels lonely.",
        "Kotona hän osallistuu kaikkiin kotitöihin.",
        "Äidin mukaan kotona kaikki on hyvin, ja hän pelaa iltaisin.",
        # a remote group someone already takes part in
        "Äiti on jo ilmoittautunut leskien verkkoryhmään, mutta poika ei puhu kenellekään.",
        "She already joined an online group for widows; her son has nobody.",
    ],
)
def test_the_internet_as_a_topic_is_not_a_wish_to_take_part_remotely(read, question):
    assert read(question).online is None


@pytest.mark.parametrize(
    "question",
    [
        "Onko jotain verkkoryhmää masentuneille nuorille?",
        "Sopisiko hänelle nettikurssi?",
        "Hän osallistuisi mieluiten verkkotapaamisiin",
        "Onko etänä jotain?",
        "Äiti toivoisi jotain, mihin ei tarvitse lähteä kotoa",
        "Finns det hjälp per telefon?",
        "Sellainen mihin voisi osallistua omalta koneelta olisi paras.",
        "Hän voisi osallistua tietokoneen välityksellä",
        "She could join from her own computer",
        "pystyy osallistumaan vain puhelimella",
        "Can it be on the phone?",
        "Hän ei halua tavata ketään kasvokkain.",
        # taking part from home or from one's phone
        "It would have to be something she joins from her phone at home.",
        "Löytyisikö jotain, mihin hän voisi osallistua suoraan kotoa?",
        "Olisiko jotain, missä voisi olla mukana kotisohvalta?",
        "Hon vill helst delta hemma från datorn.",
        "He'd rather take part at home.",
    ],
)
def test_remote_forms_of_taking_part_are_read(read, question):
    assert read(question).online is True


@pytest.mark.parametrize(
    "question",
    [
        "Ei etänä, kiitos",
        "etäosallistuminen ei käy, hän haluaa tavata ihmisiä",
        "Verkkoryhmä ei kiinnosta häntä",
        "Not online please, she wants to meet people",
        "ei tarvitse olla etänä",
        "Mieluiten kasvokkain, ei etänä.",  # face to face is the wish here
        "Hän haluaisi tavata muita säännöllisesti kasvokkain.",
    ],
)
def test_remote_turned_down_is_not_asked_for(read, question):
    assert read(question).online is None


@pytest.mark.parametrize(
    ("question", "required"),
    [
        # remote as one way among others: preferred, a local group as good
        ("Onko Keravalla tai netissä jotain ryhmää?", False),
        ("finns det nåt här i kervo eller på nätet?", False),
        ("anything here in Kerava or online?", False),
        ("kasvokkain tai etänä, kumpi vaan", False),
        # remote either way, or asked outright: required
        ("Onnistuisiko puhelimitse tai netissä?", True),
        ("Finns det hjälp hemma eller per telefon?", True),
        ("Tuen pitäisi siis onnistua kotoa, puhelimella tai netissä.", True),
        ("Onko jotain etänä?", True),
    ],
)
def test_remote_as_an_alternative_to_a_place_is_preferred_not_required(read, question, required):
    f = read(question)
    assert f.online is True and remote_wanted(f) is required


def test_no_need_to_leave_home_is_a_wish_not_a_refusal(read):
    f = read("Äiti toivoisi jotain, mihin ei tarvitse lähteä kotoa")
    assert f.online is True and "homebound" not in f.evidence  # asked for, not only implied


@pytest.mark.parametrize(
    ("question", "language", "not_language"),
    [
        ("Hän ei puhu suomea, vain venäjää.", "ru", "fi"),
        ("Asiakas ei puhu suomea vaan arabiaa", "ar", "fi"),
        ("Hän ymmärtää vain vähän suomea", None, "fi"),
        ("Suomen kielen taito on vielä heikko", None, "fi"),
        ("Puhuu huonosti suomea", None, "fi"),
        ("Hän ei puhu venäjää.", None, None),
        ("Puhuu sujuvasti suomea ja ruotsia", "fi", None),
        ("Hon är finskspråkig men förstår svenska", "fi", None),
        ("hän on suomenruotsalainen", "sv", None),
        ("He doesn't speak Finnish, only Russian.", "ru", "fi"),
        # where the client comes from names the language only when Finnish is weak
        ("Somalialainen äiti, suomea hän puhuu vasta vähän.", "so", "fi"),
        ("Ukrainasta paennut mies, ei puhu suomea.", "uk", "fi"),
        ("Somalialainen äiti puhuu sujuvasti suomea.", "fi", None),
        ("Somalialainen äiti etsii perhekerhoa.", None, None),
        # sign language is the client's language too, though no service may offer it
        ("Kuuro nainen käyttää viittomakieltä.", "sgn", None),
        ("Hän haluaisi ryhmän, jossa puhutaan viittomakielellä.", "sgn", None),
        ("En döv man som är teckenspråkig.", "sgn", None),
        ("Han är en teckenspråkig man.", "sgn", None),  # "en" is the article, no "not"
        ("He is deaf and uses sign language.", "sgn", None),
        ("Hän ei osaa viittomakieltä, kuulee kuulokojeella.", None, None),
        # a language no service of the sample offers is still the client's
        ("Asiakas puhuu vain tigrinjaa.", "ti", None),
        ("He only speaks Mandarin.", "zh", None),
        ("Hon talar bara thailändska.", "th", None),
        ("Hän ei puhu suomea, vain nepalia.", "ne", "fi"),
        ("Hän muutti Kiinasta viime vuonna.", None, None),  # a country is not a language
        ("Puolan kautta tullut perhe etsii kerhoa.", None, None),
        # Finnish named to say it is not enough: the language the client does speak wins
        ("Selvisi, ettei hänen suomen kielen taitonsa riitä. Hän puhuu arabiaa.", "ar", "fi"),
        ("Hänen suomen kielen taitonsa ei riitä asiointiin.", None, "fi"),
        (
            "Hon känner sig inte alls hemma på finska. Stödet borde finnas på svenska.",
            "sv",
            "fi",
        ),
        ("Hän ymmärtää suomea hyvin, ettei hän tarvitse tulkkia.", None, None),
        # a language turned down after it is named, and the one that must be
        ("På finska blir det inget, det måste vara svenska.", "sv", None),
        ("Suomeksi se ei onnistu, hän puhuu arabiaa.", "ar", None),
        # "ei käy" of the next clause is not the language turned down
        ("78-vuotias leski Keravalta, puhuu ruotsia, ei käy enää kotoa ulkona", "sv", None),
        # the client's language said with "kieli" in any person
        ("Hänen kielensä on ukraina, suomea ei vielä lainkaan.", "uk", "fi"),
        ("Kotikieli on somali.", "so", None),
        ("Hänen kielensä on tärkeä asia hänelle.", None, None),
        # the language that works, named as the client's
        (
            "Mies ei oikeasti pärjää suomeksi, venäjä on se kieli, jolla asiat menee perille.",
            "ru",
            "fi",
        ),
        ("Suomi ei suju lainkaan. Arabia on hänen kielensä.", "ar", "fi"),
        ("She's from the Philippines, English is her strongest language.", "en", None),
        (
            "He never really learned Finnish. English is the only language he's comfortable in.",
            "en",
            "fi",
        ),
        ("Svenska är hennes språk.", "sv", None),
        ("Her English is much better than her Finnish, so English would be ideal.", "en", None),
        ("Hänen kotikielensä on ruotsi ja suomeksi puhuminen väsyttää häntä.", "sv", "fi"),
        ("His English is minimal – he's Kurdish, speaks Sorani.", "ku", None),
        ("Kotikieli on dari ja suomea hän osaa vain muutaman sanan.", "fa", "fi"),
        # the writer's language is not the client's
        ("Sorry for writing in English. He lives in Myyrmäki and speaks only Finnish.", "fi", None),
        # Finnish the client cannot manage for this: the question's own language
        ("Han säger att han inte orkar förklara hur han mår på finska.", "sv", None),
        ("Hon klarar inte av att prata om sorgen på finska.", "sv", None),
        ("She can't explain how she feels in Finnish.", "en", None),
        ("She only speaks Finnish.", "fi", None),
        # "almost no Finnish" is not Finnish: a Swedish speaker who manages little in it
        ("Han är finlandssvensk och pratar nästan ingen finska.", "sv", "fi"),
        ("Hon pratar knappt finska, det är svenska som gäller.", "sv", "fi"),
        ("Han kan nästan ingen finska.", "sv", "fi"),
        # weak Finnish said in more ways: the question's language, or the client's country's
        ("Irakilainen rouva istuu kotona, eikä hän suomea oikein puhu.", "ar", "fi"),
        ("Home care client, 74, British. Barely speaks any Finnish.", "en", "fi"),
        ("His English is good, his Finnish basic.", "en", "fi"),
        ("Student 17, speaks good English, Finnish around A1.", "en", "fi"),
        ("Hon är änka och finskan har hon nästan glömt.", "sv", "fi"),
        # the country said in Swedish or English names the language, not the writer's
        ("A Ukrainian client (39), her Finnish is still basic.", "uk", "fi"),
        ("En somalisk mamma i Dickursby, hon pratar knappt finska.", "so", "fi"),
        ("An Iraqi father who barely speaks any Finnish.", "ar", "fi"),
        ("He came from Syria two years ago and his Finnish is weak.", "ar", "fi"),
        ("A Ukrainian client who speaks only English.", "en", None),
        ("An Afghan dad never learned to swim.", None, None),
        # the language spoken well said after it, and Finnish spoken badly said the same way
        ("Hän puhuu suomea vain vähän, mutta somalia sujuvasti.", "so", "fi"),
        ("Hon talar finska dåligt men somaliska flytande.", "so", "fi"),
        ("She speaks Finnish poorly but Arabic fluently.", "ar", "fi"),
        ("Han talar finska mycket dåligt.", "sv", "fi"),
        ("He speaks Finnish fluently.", "fi", None),
    ],
)
def test_what_the_client_speaks(read, question, language, not_language):
    f = read(question)
    assert (f.language, f.not_language) == (language, not_language)


@pytest.mark.parametrize(
    ("question", "language", "or_language"),
    [
        ("Hän puhuu arabiaa tai somalia, onko ryhmää?", "ar", "so"),
        ("Ryhmä arabiaksi tai somaliksi naisille?", "ar", "so"),
        ("Is there a group in Arabic or Somali for women?", "ar", "so"),
        ("Finns det en grupp på arabiska eller somaliska?", "ar", "so"),
        ("Hän puhuu vain venäjää tai ukrainaa.", "ru", "uk"),
        ("Onko ryhmää venäjäksi, tai jotain muuta?", "ru", None),
        # Finnish will do: no language is required
        ("Ruotsiksi tai suomeksi käy.", None, None),
        ("Ryhmä saisi olla ruotsin- tai suomenkielinen.", None, None),  # elided compound
        # a client who speaks two manages in either; Finnish spoken poorly is not one of them
        ("Hän puhuu vain ukrainaa ja venäjää.", "uk", "ru"),
        ("Puhuu venäjää ja suomea huonosti.", "ru", None),
    ],
)
def test_either_of_two_languages(read, question, language, or_language):
    f = read(question)
    assert (f.language, f.or_language) == (language, or_language)


@pytest.mark.parametrize(
    ("question", "municipality"),
    [
        ("Ai niin, hän asuukin oikeastaan Keravalla eikä Vantaalla.", "kerava"),
        ("Perhe muuttaa Vantaalta Keravalle syksyllä.", "kerava"),
        ("Hon flyttar från Vanda till Kervo.", "kerava"),
        ("Onko Vantaalla tai Keravalla ryhmää?", None),  # either: no filter
        # where the client lives, not where they work
        ("Keravalainen 45-vuotias nainen, mutta käy töissä Vantaalla.", "kerava"),
        ("Vantaalla töissä oleva keravalainen mies etsii sururyhmää.", "kerava"),
        ("Asiakas asuu Keravalla ja työskentelee Tikkurilassa.", "kerava"),
        ("A man who lives in Vantaa but works in Kerava needs peer support.", "vantaa"),
        ("En kvinna bor i Kervo men arbetar i Vanda.", "kerava"),
        # where the client lives, not where she cannot get to
        ("Keravalla asuva äiti. Vantaalle hän ei pääse, bussiin ei ole rahaa.", "kerava"),
        ("Ryhmä nimenomaan Keravalla, väsyttää eikä hän jaksa matkustaa Vantaalle.", "kerava"),
        ("Vantaalle hän ei enää pääse. Hän asuu Keravalla.", "kerava"),
        # a place negated past a verb or two is not where they live
        ("Isä Keravan Sompiosta, ei halua lähteä Vantaan puolelle.", "kerava"),
        ("Muuttivat Keravalle, eivät pysty kuljettamaan Tikkurilaan päivittäin.", "kerava"),
        # a Swedish article is no negation: "en kvinna i Vanda" lives in Vantaa
        ("En kvinna i Vanda vars man är sjuk.", "vantaa"),
    ],
)
def test_the_place_meant_among_several(read, question, municipality):
    assert read(question).municipality == municipality


@pytest.mark.parametrize(
    ("question", "age"),
    [
        ("Tarkennus: ikää on 67 vuotta.", 67),
        ("Asiakas on itse asiassa vasta 19.", 19),
        ("Iältään 54, asuu yksin.", 54),
        ("Hän on kohta 70.", 70),
        ("My client is seventy-two and lives in Korso.", 72),
        ("She's fifteen.", 15),
        # the parent's own age, told after the child's, is the client's
        ("Lapsi on 3-vuotias, äiti 25.", 25),
        ("The boy is 4, his mother 29.", 29),
        # the one a service is asked for is the client, whoever asks
        ("40-vuotias äiti kysyy 8-vuotiaalle pojalleen harrastusta.", 8),
        # the client does something for a relative of their own: not asked for the relative
        ("15-vuotias poika tekee ruoat 7-vuotiaalle siskolleen joka ilta.", 15),
        ("52-vuotias mies miettii, miten kertoisi sairaudestaan 9-vuotiaalle pojalleen.", 52),
        ("Yksinhuoltajaisä 35v haluaisi lapsilleen (6 ja 9) kerhotoimintaa.", 6),
        ("A 38-year-old father looks for a hobby for his 10-year-old son.", 10),
        ("En 40-årig mamma söker något för sin 10-åriga son.", 10),
        ("Hän on käynyt ryhmässä 12 kertaa.", None),
        # a school year says the age: year N is about N + 6
        ("Poika on ysiluokkalainen ja jättää koulupäiviä väliin.", 15),
        ("7.lk poika Myyrmäestä, numerot romahtaneet.", 13),
        ("Hän on 8. luokalla.", 14),
        ("Hon går i fjärde klass och är ensam på rasterna.", 10),
        ("She is in fifth grade and has no friends at school.", 11),
    ],
)
def test_ages_stated_in_passing(read, question, age):
    assert read(question).age == age


@pytest.mark.parametrize(
    "question",
    [
        "Kaikki maksulliset on poissuljettu.",
        "Ei maksullisia, kiitos.",
        "onks ilmasii",  # spoken "ilmaisia"
        "onko jotain minne voi mennä ilman rahaa",
    ],
)
def test_paid_services_ruled_out_means_free(read, question):
    assert read(question).cost == "free"


@pytest.mark.parametrize(
    "question",
    [
        "Ilmastoahdistus vie nuoren yöunet",  # the climate, not free of charge
        "halpaa pitää olla mut ilmasta ei tarvi",
        "Ilmaista ei tarvitse olla, kunhan on lähellä",
        "ei välttämättä ilmainen mutta halpa",
    ],
)
def test_free_not_asked_for(read, question):
    assert read(question).cost is None


def test_paying_by_phone_is_not_taking_part_by_phone(read):
    assert read("Hän haluaisi oppia maksamaan puhelimella").online is None


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Kielitaito: vain somali.", "so"),
        ("Hänen äidinkielensä on arabia eikä suomi suju.", "ar"),
    ],
)
def test_language_named_in_the_nominative(read, question, language):
    assert read(question).language == language


def test_evidence_names_the_words(read):
    f = read("Venäjänkielistä digiopastusta 75-vuotiaalle Vantaalla, maksutonta?")
    assert f.as_json() == {
        "municipality": "vantaa",
        "language": "ru",
        "age": 75,
        "cost": "free",
        "online": None,
    }
    assert f.evidence["municipality"] == "vantaalla"
    assert f.evidence["cost"].lower() == "maksutonta"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Onko Vantaalla vertaisryhmää leskeksi jääneille?", "fi"),
        ("onks vantaal mitää eläkeläisporukkaa", "fi"),
        ("Finns det någon stödgrupp på svenska i Vanda?", "sv"),
        ("Is there anything for an elderly man in Kerava?", "en"),
    ],
)
def test_question_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("question", "language", "not_language"),
    [
        ("Asiakas puhuu vain suomea", "fi", None),
        ("Asiakas ei puhu suomea", None, "fi"),
        ("hän ei osaa suomea ollenkaan", None, "fi"),
        ("suomi on vielä heikkoa, venäjäksi menisi paremmin", "ru", "fi"),
        ("arabiankielinen perhe", "ar", None),
        ("puhuu vain arabiaa", "ar", None),
        ("he puhuvat daria", "fa", None),
        ("hän puhuu parhaiten viroa", "et", None),
        ("Hon pratar bara svenska", "sv", None),
        ("He speaks only English", "en", None),
        ("She does not speak Finnish", "en", "fi"),
        ("se puhuu vaa venäjää", "ru", None),  # spoken "vain"
        ("Hän ei puhu ku somalia", "so", None),  # spoken "ei puhu kuin"
        ("puhuu englantia paremmin kuin suomea", "en", None),
        # Finnish that goes over his head is not his language; Estonian would go best
        ("hän on Virosta ja suomeksi asiat menee usein ohi, viroksi sujuisi parhaiten", "et", None),
        # a language spoken all along, and not one a negation names
        ("Han har alltid talat svenska hemma.", "sv", None),
        ("Hemma pratar de svenska.", "sv", None),
        ("Pappan pratar inte alls svenska.", None, None),
        # a language that makes it hard is not the client's
        ("Hon vill prata på sitt eget språk – på finska blir allt så stelt.", None, None),
    ],
)
def test_everyday_language(read, question, language, not_language):
    f = read(question)
    assert (f.language, f.not_language) == (language, not_language)
    if not_language:
        assert "ei suomi" in " ".join(everyday_notes(f, "fi"))


@pytest.mark.parametrize(
    ("question", "homebound"),
    [
        ("hän ei pääse kotoa", True),
        ("liikkuu nykyään huonosti", True),
        ("vuodepotilas kotihoidon asiakkaana", True),
        ("liikkuminen on vaikeaa ja kotoa pääsee harvoin", True),
        ("She is bedridden", True),
        ("Han tar sig inte ut", True),
        # cannot get, or face going, anywhere; spoken forms as staff jot them down
        ("ei oo päässy kotoo viikkoihin", True),
        ("iltaisin hän ei pääse mihinkään, koska lapsille ei ole hoitajaa", True),
        ("ei jaksa lähtee mihinkään porukkaan", True),
        ("ei pääse mihinkään ilman saattajaa", False),  # an escort is asked, not remote
        # the hard word belongs to another clause: a weak hand, a dislike of groups
        ("oikea käsi on heikko ja hän kävelee rollaattorilla", False),
        ("liikkuu kotona hyvin mut ei tykkää isoista ryhmistä", False),
        ("liikkuu rollaattorilla ja haluaa esteettömän paikan", False),
        ("haluaisi liikkua enemmän", False),
    ],
)
def test_poor_mobility_asks_for_remote_or_home_visits(read, question, homebound):
    f = read(question)
    assert (f.online is True) == homebound
    assert ("kotikäynnit" in " ".join(everyday_notes(f, "fi"))) == homebound


@pytest.mark.parametrize(
    "question",
    [
        "Eläke on pieni",
        "eläkkeeni on tosi pieni",
        "rahat ovat tiukalla",
        "pienituloinen yksinhuoltaja",
        "perheellä ei ole varaa kausimaksuun",
        "Hon har en liten pension",
        "they can't afford a membership fee",
    ],
)
def test_low_income_is_a_reported_preference(read, question):
    f = read(question)
    assert f.cost is None  # fees may be reduced: not a filter on its own
    assert "pienituloinen" in " ".join(everyday_notes(f, "fi"))


def test_little_money_is_not_read_into_everything(read):
    for question in ("pieni vauva tulossa", "raha-asioiden neuvontaa", "eläkkeelle jäänyt mies"):
        assert "low_income" not in read(question).evidence, question


@pytest.mark.parametrize(
    ("question", "age"),
    [
        ("hän on muuten 15", 15),
        ("Hon är 8 och går i skolan", 8),
        ("asiakas on vasta 17", 17),
        ("hän täyttää kyllä kohta 14", 14),
        ("Poika täytti juuri 19.", 19),
        ("Hon fyller snart 14", 14),
        ("He just turned 70", 70),
        ("Hän täyttää 14 ensi kuussa", 14),
        # a birthday month after the age, and an age the writer had wrong
        ("Tarkistin, hän täytti jo 18 syyskuussa – luulin että on 16.", 18),
        ("I thought she was 16, but she turned 19 in May.", 19),
        ("Täyttää 3 lomaketta viikossa", None),
        ("Hän täyttää 2 hakemusta viikossa", None),
        ("Kymmenvuotias poika jää usein yksin", 10),
        ("kaksitoistavuotiaalle tytölle jotain", 12),
        ("Vi har en sexåring i Dickursby", 6),
        ("My client has a six-year-old", 6),
        ("En svenskspråkig kvinna i Håkansböle, 70 år, sköter sin man", 70),
        ("Hon har bott här i 30 år och trivs", None),
        ("Myyrmäkeläinen nainen, 40, masentunut ja työkyvytön", 40),
        ("Min klient i Myrbacka är 40 år och deprimerad", 40),
        ("En klient på 65 år i Korso", 65),
        ("She's 15 and lives in Korso", 15),
        ("She's 3 years older than her brother", None),
        ("Hän täytti viime viikolla 18", 18),
        ("She turned 70 last week", 70),
        ("Det är 3 år sedan han flyttade", None),
        ("Lapset ovat 2, 5 ja 7 vuotta vanhoja", None),
        # a birthday in words
        ("Korjaus: hän täytti vasta yhdeksän.", 9),
        ("Tyttö täyttää kohta kaksitoista ja kaipaa kavereita", 12),
        ("Hän täytti kaksi lomaketta.", None),
        ("Ikä vielä: kolmasluokkalainen, täytti yhdeksän elokuussa.", 9),
        # an age joined to another predicate, and a count that is not one
        ("Tyttö on kasiluokalla ja vasta 14. Onko hänelle jotain?", 14),
        ("Hon går i åttan och bara 14.", 14),
        ("Kurssi maksaa 20 euroa ja vasta 3 paikkaa on jäljellä.", None),
        ("Lapsia on kaksi.", None),
    ],
)
def test_age_said_in_passing(read, question, age):
    assert read(question).age == age


def test_the_second_language_goes_with_the_first_in_a_follow_up():
    before = Filters(language="ar", or_language="so")
    assert before.merged(Filters(age=40)).or_language == "so"  # nothing said of language
    assert before.merged(Filters(language="ru")).or_language is None  # a new language


@pytest.mark.parametrize(
    "question",
    [
        "Det får helst inte kosta något.",
        "Det ska inte kosta pengar, och helst utan avgift.",
        "It shouldn't cost anything, money is tight.",
    ],
)
def test_free_asked_in_swedish_and_english(read, question):
    assert read(question).cost == "free"


def test_a_family_that_has_it_knapert_has_little_money(read):
    f = read("Familjen har det knapert just nu.")
    assert "low_income" in f.evidence and f.cost is None  # a preference, not a filter


@pytest.mark.parametrize(
    ("question", "cost", "low_income"),
    [
        ("Hän on toimeentulotuen varassa, joten kausimaksut ei tule kysymykseen.", "free", True),
        ("Eläkkeestä ei jää mitään. Kaikki, missä on osallistumismaksu, karsiutuu.", "free", True),
        ("eläke on pieni nii maksullisii juttui ei kannata ees ehottaa", "free", True),
        ("Onko järjestö, joka tekisi sen maksutta?", "free", False),
        ("She can't pay for any course, she's on the minimum pension.", None, True),
        ("Hän on työmarkkinatuella. Maksullinen ei siis käy.", "free", True),
        (
            "Edunvalvoja sanoi, ettei hänen käyttövaroistaan irtoa mitään harrastusmaksuihin.",
            None,
            True,
        ),
        ("Pensionen är minimal och han vägrar gå dit där man måste betala något.", None, True),
        ("Kausimaksu ei ole ongelma.", None, False),
    ],
)
def test_fees_ruled_out_and_money_that_runs_out(read, question, cost, low_income):
    f = read(question)
    assert f.cost == cost and ("low_income" in f.evidence) == low_income


@pytest.mark.parametrize(
    "question",
    [
        "Hänelle tehtiin lonkkaleikkaus eikä hän pääse kotoa mihinkään. Puhelin toimii.",
        "Just nu orkar hon inte ta sig hemifrån alls. Det måste gå per telefon eller video.",
        "Mihinkään lähteminen on poissuljettu. Onnistuisiko joku juttu koneen tai puhelimen "
        "kautta?",
        "She can't go to any appointments. It'd have to be phone calls while he's at work.",
        "ois hyvä jos vois osallistuu johonki kotoo käsin iltasin",
        "Efter det orkar hon knappast ta sig någonstans under behandlingarna.",
        "He lives alone and hardly leaves the flat because of his knees.",
        "Hän on osastolla vielä ainakin kolme viikkoa, mutta haluaisi päästä alkuun jo nyt.",
        "Hon knappt tar sig ut ur lägenheten just nu.",
        "Lääkäri on kieltänyt ryhmätilaisuudet ja julkiset kulkuneuvot koko hoitojakson ajaksi.",
        "She just had a hip replacement and won't be leaving the flat for six weeks.",
        "Hän lähtee laitoskuntoutukseen, ja sieltä käsin onnistuu vain netti tai puhelin.",
    ],
)
def test_remote_wished_for_in_passing(read, question):
    assert read(question).online is True


def test_remote_asked_outright_is_more_than_a_housebound_hint(read):
    case = read("Hän ei juuri uskalla lähteä kotoa.")
    assert case.online is True and "homebound" in case.evidence
    asked = case.merged(read("Onko jotain, mihin voisi osallistua etänä kotoa käsin?"))
    assert asked.online is True and "homebound" not in asked.evidence


@pytest.mark.parametrize(
    ("question", "age"),
    [
        ("Anteeksi, katsoin väärän henkilön tiedot – hän onkin vasta 16.", 16),
        ("se onki jo 70", 70),
        ("Ikää hänellä on neljäkymmentäseitsemän, ja kotona kaksi teiniä.", 47),
        ("Oh wait, I checked – they're actually 18 already.", 18),
        ("Ikää viiskytkaks, eli ei mikään senioriasiakas.", 52),
        # spoken tens that stand only before "kyt"
        ("Ikää on seitkytneljä, ja kävelee vielä ihan reippaasti.", 74),
        ("Äijä täytti juuri seiskytkaks.", 72),
        ("nelkytkaks vuotias mies Korsosta", 42),
        ("hän on kolkytviisvuotias", 35),
        ("A retired British gentleman, seventy-four, living in Kerava.", 74),
        ("Ikä puuttui: hän täytti viime kuussa kaksikymmentä.", 20),
        ("Ikä vielä: hän täytti keväällä 13.", 13),
        ("Ai niin, ikä: neljäkymmentäkaksi.", 42),
        ("Rouva on itse 76.", 76),
        ("En av mina klienter, en svenskspråkig dam på 77, har blivit stel.", 77),
        # the age in words after "på": "en man på trettio"
        ("Jag har en klient i Dickursby, en man på trettio som har varit nedstämd.", 30),
        ("En änka på åttiotvå i Myrbacka vill träffa folk.", 82),
        ("Ai niin, hän on jo täysi-ikäinen – täytti elokuussa kahdeksantoista.", 18),
    ],
)
def test_ages_added_or_corrected_in_a_follow_up(read, question, age):
    assert read(question).age == age


@pytest.mark.parametrize(
    "question",
    [
        "Hän kertoo, ettei ole puhunut kenenkään kanssa sitten edellisen käyntini.",
        "eikä oo ketää kenen kaa puhuu",
        "Hon har inte växlat ett ord med någon sedan grannen flyttade.",
        "She hasn't talked to anyone in weeks.",
    ],
)
def test_no_one_to_talk_to_is_loneliness(read, question):
    assert "yksinaisyys" in read(question).themes


@pytest.mark.parametrize(
    ("question", "theme"),
    [
        ("Viinipullo menee joka ilta, sanoo asiakas itse.", "paihteet"),
        ("Poika tulee yöllä kotiin pupillit isoina, ja äidin lompakosta katoaa rahaa.", "paihteet"),
        ("Äiti muutti keväällä turvakodin kautta lasten kanssa omaan asuntoon.", "vakivalta"),
        ("Sambon läser hennes meddelanden och bestämmer över hennes pengar.", "vakivalta"),
        ("He takes her whole salary and won't let her see friends.", "vakivalta"),
        ("Han har spelat bort stora summor på nätkasinon och har sms-lån.", "paihteet"),
    ],
)
def test_everyday_signs_of_drinking_drugs_and_control(read, question, theme):
    assert theme in read(question).themes


def test_a_threat_of_what_may_happen_is_no_violence(read):
    # "vaimo uhkaa lähteä": his wife says she will leave; "uhkasi tappaa" is a threat
    leaving = read("Mies pelaa koko palkkansa nettikasinolla ja vaimo uhkaa lähteä.")
    assert "vakivalta" not in leaving.themes and "paihteet" in leaving.themes
    assert "vakivalta" in read("Mies uhkasi tappaa hänet.").themes


def test_someone_the_client_cannot_leave_alone_does_not_keep_the_client_home(read):
    # a carer who can't leave his wife alone for long still asks for a group to go to
    going = read("He can't leave his wife alone for long, but he'd like a group he could go to.")
    assert going.online is None
    assert read("She cannot leave her husband alone, so she never goes anywhere.").online is True
    assert read("He can't leave the house any more.").online is True


@pytest.mark.parametrize(
    ("text", "memory"),
    [
        # beside a shock: how news was taken
        ("Äiti soitti minulle järkyttyneenä ja sekavana: poika oli kertonut olevansa homo.", False),
        (
            "Hon ringde upprörd och förvirrad efter att dottern berättat att hon vill byta namn.",
            False,
        ),
        ("The father came in upset and confused after his son told him he is gay.", False),
        # beside fear, sorrow or anger: an emotion, not a memory's decline
        ("Mamman älskar sitt barn men är förvirrad och rädd, och pappan vägrar prata.", False),
        ("Isä on peloissaan ja sekava, kun tytär kertoi olevansa lesbo.", False),
        # fear of the nights, or being lost, beside it: a memory patient
        ("Äiti on sekava ja peloissaan öisin eikä tunnista kotiaan.", True),
        ("She gets confused and lost on her way back from the shop.", True),
        # beside restlessness or worry, or alone: a memory patient
        ("Han är ofta orolig och förvirrad på kvällarna och hittar inte hem.", True),
        ("Mies on iltaisin levoton ja sekava, eikä tunnista enää naapuria.", True),
        ("She has been confused for months and forgets to eat.", True),
    ],
)
def test_confusion_is_memory_loss_unless_said_beside_a_shock_or_fear(read, text, memory):
    assert ("muisti" in read(text).themes) == memory
