"""Personal data in realistic chat messages is replaced; everything else stays."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from store.redact import RedactingFilter, hetu_is_valid, install_log_redaction, redact

REDACTED = [
    # (what staff type, what may be stored)
    (
        "Matti Meikäläinen 131052-308T, p. 040 123 4567, asuu Sillitie 5 B 12 Vantaa",
        "Matti Meikäläinen [henkilötunnus], p. [puhelinnumero], asuu [osoite] Vantaa",
    ),
    (
        "asiakkaan hetu 010101A123N, tarvitsee kotiapua",
        "asiakkaan hetu [henkilötunnus], tarvitsee kotiapua",
    ),
    ("syntynyt 1800-luvulla? 010199+1234 ei ole", "syntynyt 1800-luvulla? [henkilötunnus] ei ole"),
    # a typo in the check character is still a person
    ("hetu 131052-308U (näppäilyvirhe)", "hetu [henkilötunnus] (näppäilyvirhe)"),
    ("henkilötunnus 131052-308t pienellä", "henkilötunnus [henkilötunnus] pienellä"),
    # without the century sign only when the checksum proves it is one
    ("tunnus 131052308T", "tunnus [henkilötunnus]"),
    ("soita hänelle 0401234567", "soita hänelle [puhelinnumero]"),
    ("numero +358 40 123 4567 iltaisin", "numero [puhelinnumero] iltaisin"),
    ("whatsapp +358401234567", "whatsapp [puhelinnumero]"),
    ("tytär soittaa numerosta 09 1234 5678", "tytär soittaa numerosta [puhelinnumero]"),
    ("kotipuhelin (09) 123 456.", "kotipuhelin [puhelinnumero]."),
    ("gsm 040-1234567, ei tekstiviestejä", "gsm [puhelinnumero], ei tekstiviestejä"),
    ("ruotsalainen numero +46 70 123 45 67", "ruotsalainen numero [puhelinnumero]"),
    ("puh. 876 5432 (vanha lankapuhelin)", "puh. [puhelinnumero] (vanha lankapuhelin)"),
    ("laita viestiä matti.meikalainen@example.fi", "laita viestiä [sähköposti]"),
    ("omainen: liisa(at)posti.fi", "omainen: [sähköposti]"),
    ("asuu Sillitiellä 5 A 3 yksin", "asuu [osoite] yksin"),
    ("osoite Kauppakartanonkatu 7 as. 4, 00930 Helsinki", "osoite [osoite] Helsinki"),
    ("bor på Sillvägen 3, 01300 Vanda", "bor på [osoite] Vanda"),
    ("Tikkurilantie 10a, 3. kerros", "[osoite], 3. kerros"),
    ("Myyrmäenraitti 2 B 14 on lähellä kirjastoa", "[osoite] on lähellä kirjastoa"),
    ("Asolanväylä 48 A 2", "[osoite]"),
    ("Stora Robertsgatan 5", "Stora [osoite]"),
    ("rivitalo Kielotie 7–9, ovi auki", "rivitalo [osoite], ovi auki"),
    ("puh\u00a0040\u00a0123\u00a04567 (kopioitu)", "puh\u00a0[puhelinnumero] (kopioitu)"),
    ("+358 (0)40 123 4567 tai 09 8392 4000", "[puhelinnumero] tai [puhelinnumero]"),
]

UNCHANGED = [
    "78-vuotias mies muistisairas, asuu yksin Korsossa",
    "Mitä palveluita on yli 65-vuotiaille vuonna 2025?",
    "Ryhmä kokoontuu 12.6.2025 ja seuraavan kerran 18.3.",
    "Avoinna ma–pe klo 10–14, la 9.30-12",
    "Toimisto on postinumeroalueella 01300",
    "Kurssin hinta 50 € tai 5 euroa kerta, 3 kertaa viikossa",
    "Bussilinja 5 ja 615 pysähtyvät lähellä",
    "Kuntien 65-vuotiaille on tarjolla liikuntaa",
    "Y-tunnus 1234567-8 löytyy järjestön sivuilta",
    "Tikkurila ja Myyrmäki: 2 ryhmää, 15 paikkaa",
    "Vantaan ja Keravan hyvinvointialue, tiimi 4, huone 204",
    "Päivystys klo 09-16 tai 09.00–16.00, lapset 0-6 v ja 7-12 v",
    "Ajetaan Tuusulanväylälle 5 km, sitten Kehä III",
    "Kriisipuhelin 116 117 on maksuton",
    "",
]


@pytest.mark.parametrize(("text", "expected"), REDACTED)
def test_personal_data_is_replaced(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact(text) == text


def test_checksum_is_validated() -> None:
    assert hetu_is_valid("131052-308T")
    assert hetu_is_valid("131052A308T") is True  # same digits, 2000s: same checksum
    assert not hetu_is_valid("131052-308U")
    assert not hetu_is_valid("321352-308T")  # no such date


def test_phone_number_that_looks_like_identity_digits_is_still_a_phone() -> None:
    # 10 digits starting with 0 go to the phone pattern even if a checksum fits.
    assert redact("0501234567") == "[puhelinnumero]"


@pytest.fixture
def redacted_log() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger writing to a buffer through a handler with redaction installed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("tests.redact")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    installed = install_log_redaction("tests.redact")
    yield logger, stream
    logger.removeHandler(handler)
    for h in logging.getLogger().handlers:  # don't leave it on pytest's handlers
        h.removeFilter(installed)


def test_log_lines_are_redacted(redacted_log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = redacted_log
    logger.info("kysymys: %s", "asiakas 131052-308T, p. 040 123 4567")
    logger.info("tallennettu %(who)s", {"who": "matti@example.fi"})
    try:
        raise ValueError("ei voitu tallentaa: Sillitie 5 B 12")
    except ValueError:
        logger.exception("virhe käsittelyssä")
    output = stream.getvalue()
    assert "kysymys: asiakas [henkilötunnus], p. [puhelinnumero]" in output
    assert "tallennettu [sähköposti]" in output
    assert "ValueError: ei voitu tallentaa: [osoite]" in output
    for secret in ["131052", "040 123 4567", "matti@example.fi", "Sillitie 5"]:
        assert secret not in output


def test_install_is_idempotent(redacted_log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, _ = redacted_log
    install_log_redaction("tests.redact")
    for handler in logger.handlers:
        assert sum(isinstance(f, RedactingFilter) for f in handler.filters) == 1
