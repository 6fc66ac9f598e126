"""How a short follow-up is read: other options, a question about one card, thanks alone."""

from __future__ import annotations

import pytest

from handlers.followups import asks_for_others, item_asked
from handlers.turn_words import says_thanks


@pytest.mark.parametrize(
    "text",
    [
        "Onko muita vaihtoehtoja?",
        "Entäs muita?",
        "oisko vielä jotain muuta tarjolla",
        "eiks ollu muuta ku nää kolme?",
        "lisää vaihtoehtoja pliis",
        "show me more pls",
        "har ni nåt mer?",
        "Voisitko listata muita vaihtoehtoja?",
        "Could you list some alternatives?",
    ],
)
def test_asking_for_other_options_is_read_in_everyday_words(text):
    assert asks_for_others(text)


@pytest.mark.parametrize(
    "text",
    ["Muita ryhmiä Keravalla?", "Mitä muuta hänelle?", "kerro lisää kakkosesta", "tell me more"],
)
def test_other_options_with_a_constraint_or_a_pointer_are_not_more(text):
    assert not asks_for_others(text)


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Mikä on ykkösen puhelinnumero?", 1),
        ("Tarviiko ykköseen lähetteen?", 1),
        ("Paljonko 2 maksaa?", 2),
        ("What's the phone number for #3?", 3),
        ("when does option 1 meet, and is it free?", 1),
        ("Miten ton toisen kanssa pääsee yhteyteen, soitetaanko vai meilataanko?", 2),
        ("Vad är adressen till nummer 2?", 2),
        ("Behövs det remiss till den första?", 1),
        ("Mihin aikaan kakkonen on auki?", 2),
        ("What's the website of the first one?", 1),
    ],
)
def test_a_question_about_one_card_names_its_number(text, n):
    assert item_asked(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "Hän on 2-vuotias, maksaako se?",  # an age, not a card
        "Onko toinen ryhmä ilmainen?",  # "toinen" alone is "another"
        "Onko jotain ilmaista?",
        "How about if she is 5?",  # an age asked about
        "Hän on ensimmäistä kertaa mukana, miten ilmoittautuminen toimii?",  # a first time
        "on lukion kolmannella, pääseekö mukaan?",  # a school year
        "neljä lasta, paljonko maksaa?",  # children counted
    ],
)
def test_an_age_another_or_no_number_is_no_card(text):
    assert item_asked(text) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Mahtavaa, kiitos nopeesta vastauksesta", "fi"),
        ("Kiitos paljon, välitän nämä asiakkaalle.", "fi"),
        ("Loistavaa, just tällasta etsin", "fi"),
        ("tosi hyvä lista 👍", "fi"),
        ("Great, thanks a lot!", "en"),
        ("perfect, cheers", "en"),
        ("Tack, det här hjälper!", "sv"),
        ("Tusen tack!", "sv"),
        ("kiitti 🙏", "fi"),
    ],
)
def test_thanks_and_praise_alone_are_read_in_their_language(text, lang):
    assert says_thanks(text) == lang


@pytest.mark.parametrize(
    "text",
    [
        "Kiitos! Hänellä on myös masennus.",  # news of the case
        "Kiitos, entä Keravalla?",  # a question
        "Ei etänä, kiitos",  # a constraint
        "Kiitos, hän haluaisi ryhmän ruotsiksi",
    ],
)
def test_thanks_with_news_or_a_question_is_no_thanks_alone(text):
    assert says_thanks(text) is None
