"""What the privacy nudge takes for a client's identity, and what `scrub` leaves of it."""

from __future__ import annotations

import pytest

from handlers.privacy import identifies_client, scrub


@pytest.mark.parametrize(
    "text",
    [
        "Matti Meikäläinen 131052-308T tarvitsisi ruoka-apua",
        "131052-308T tarvitsee kotiapua",  # an identity code alone is enough
        "Liisa Virtanen, p. 040 123 4567, kaipaa seuraa",  # name + phone
        "Liisa Virtanen asuu Sillitie 5 B 12, tarvitsee kuljetusta",  # name + address
        "Aino Korhonen sai dementiadiagnoosin, mistä vertaistukea?",  # name + diagnosis
        "Pekka Nieminen (F32.1) kaipaa keskusteluapua",  # name + ICD-10 code
    ],
)
def test_identifying_messages_are_noticed_and_scrubbed(text: str) -> None:
    assert identifies_client(text)
    cleaned = scrub(text)
    for piece in ("Meikäläinen", "131052", "Virtanen", "4567", "Sillitie", "Korhonen", "Nieminen"):
        assert piece not in cleaned
    assert "[" in cleaned


@pytest.mark.parametrize(
    "text",
    [
        "Onko Vantaalla vertaisryhmää leskeksi jääneille?",
        "Asiakkaalla on dementia, mistä vertaistukea Keravalla?",  # a diagnosis, no name
        "Liisa Virtanen kysyi ruoka-avusta",  # a name, nothing more about the client
        "Keravan Setlementti puh 09 1234567",  # a place-named organisation and its phone
        "Tikkurilan Kirjasto on auki iltaisin",  # a place, not a person
    ],
)
def test_ordinary_questions_are_not_taken_for_identity(text: str) -> None:
    assert not identifies_client(text)


def test_a_name_next_to_a_place_is_still_a_name() -> None:
    text = "Matti Meikäläinen Keravalta, puh. 040 765 4321, tarvitsee kauppa-apua"
    assert identifies_client(text)
    assert scrub(text) == "[nimi] Keravalta, puh. [puhelinnumero], tarvitsee kauppa-apua"
