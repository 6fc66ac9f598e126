"""Texts around the contact form (titles, confirmation, what happens next), fi/sv/en.

Shared by the web page, the chat surfaces and the confirmation e-mail, so an
association reads the same promise wherever it sent the request. The
processing times are the examples of the county's guidance
(knowledge/guidance/yhteinen-yhteydenottolomake.md).
"""

from __future__ import annotations

from handlers.texts import Catalogue

__all__ = ["TEXTS", "next_steps", "text"]

_TEXTS: dict[str, dict[str, str]] = {
    "title": {
        "fi": "Yhteydenotto hyvinvointialueelle",
        "sv": "Kontakt till välfärdsområdet",
        "en": "Contact the wellbeing county",
    },
    "intro": {
        "fi": "Järjestöt voivat ottaa tällä lomakkeella yhteyttä Vantaan ja Keravan "
        "hyvinvointialueeseen: yhteistyöehdotukset, kysymykset avustuksista ja tiloista, "
        "palvelun esittely, tapahtumat ja tiedotteet. Älä kirjoita asiakkaiden tietoja. "
        "Lomake ei ole kiireellisten asioiden kanava.",
        "sv": "Föreningar kan kontakta Vanda och Kervo välfärdsområde med detta formulär: "
        "samarbetsförslag, frågor om understöd och lokaler, presentation av tjänster, "
        "evenemang och meddelanden. Skriv inga klientuppgifter. Formuläret är inte "
        "avsett för brådskande ärenden.",
        "en": "Associations can contact the Vantaa and Kerava wellbeing county with this form: "
        "proposals for cooperation, questions about grants and premises, presenting a "
        "service, events and announcements. Do not include any client's details. The "
        "form is not for urgent matters.",
    },
    "required_note": {
        "fi": "Tähdellä (*) merkityt kentät ovat pakollisia.",
        "sv": "Fält märkta med asterisk (*) är obligatoriska.",
        "en": "Fields marked with an asterisk (*) are required.",
    },
    "optional": {"fi": "vapaaehtoinen", "sv": "frivilligt", "en": "optional"},
    "choose": {"fi": "– valitse –", "sv": "– välj –", "en": "– choose –"},
    "submit": {"fi": "Lähetä yhteydenotto", "sv": "Skicka", "en": "Send"},
    "error_summary": {
        "fi": "Korjaa lomakkeen virheet",
        "sv": "Rätta felen i formuläret",
        "en": "Please correct the errors in the form",
    },
    "done_title": {
        "fi": "Kiitos, yhteydenottosi on vastaanotettu",
        "sv": "Tack, ditt ärende har tagits emot",
        "en": "Thank you, your request has been received",
    },
    "reference": {"fi": "Viitenumero", "sv": "Referensnummer", "en": "Reference number"},
    "keep_reference": {
        "fi": "Säilytä viitenumero ja mainitse se, jos otat yhteyttä samasta asiasta.",
        "sv": "Spara referensnumret och nämn det om du kontaktar oss om samma ärende.",
        "en": "Keep the reference number and mention it if you contact us about this again.",
    },
    "next_title": {
        "fi": "Mitä seuraavaksi tapahtuu?",
        "sv": "Vad händer härnäst?",
        "en": "What happens next?",
    },
    "next_1": {
        "fi": "Järjestöyhteistyön koordinaattori käy yhteydenottosi läpi (tavoite: viiden "
        "arkipäivän kuluessa) ja ohjaa sen oikealle taholle.",
        "sv": "Koordinatorn för föreningssamarbetet går igenom ärendet (mål: inom fem "
        "vardagar) och skickar det vidare till rätt person.",
        "en": "An association-cooperation coordinator reviews your request (target: within "
        "five working days) and passes it to the right people.",
    },
    "next_2": {
        "fi": "Asian hoitaja ottaa sinuun yhteyttä (tavoite: kahden viikon kuluessa). Jos "
        "vastausta ei voi vielä antaa, kerromme, missä vaiheessa asia on.",
        "sv": "Den som sköter ärendet kontaktar dig (mål: inom två veckor). Om svaret dröjer "
        "berättar vi hur långt ärendet har kommit.",
        "en": "The person handling it will contact you (target: within two weeks). If no "
        "answer can be given yet, we tell you where the matter stands.",
    },
    "next_email": {
        "fi": "Saat kuittauksen myös sähköpostiisi.",
        "sv": "Du får också en bekräftelse per e-post.",
        "en": "You will also receive a confirmation by e-mail.",
    },
    "new_request": {
        "fi": "Lähetä uusi yhteydenotto",
        "sv": "Skicka ett nytt ärende",
        "en": "Send another request",
    },
    "not_saved_title": {
        "fi": "Yhteydenottoasi EI tallennettu",
        "sv": "Ditt ärende sparades INTE",
        "en": "Your request was NOT saved",
    },
    "not_saved": {
        "fi": "Tietokantaan ei juuri nyt saada yhteyttä, joten yhteydenottoasi ei tallennettu "
        "eikä lähetetty. Täyttämäsi tiedot ovat tallessa alla: yritä hetken päästä "
        "uudelleen.",
        "sv": "Databasen kan inte nås just nu, så ditt ärende sparades inte och skickades inte. "
        "Uppgifterna finns kvar nedan: försök igen om en stund.",
        "en": "The database cannot be reached right now, so your request was not saved or "
        "sent. What you typed is kept below: please try again in a moment.",
    },
    "rate_limited": {
        "fi": "Tästä osoitteesta on lähetetty liian monta yhteydenottoa lyhyessä ajassa. "
        "Yritä myöhemmin uudelleen.",
        "sv": "För många ärenden har skickats från denna adress på kort tid. Försök senare.",
        "en": "Too many requests have been sent from this address recently. Try again later.",
    },
    "csrf": {
        "fi": "Lomakkeen tarkiste puuttuu tai on vanhentunut. Avaa lomake uudelleen ja lähetä "
        "se uudestaan.",
        "sv": "Formulärets kontrollkod saknas eller har gått ut. Öppna formuläret på nytt.",
        "en": "The form's security token is missing or has expired. Open the form again.",
    },
    "too_large": {
        "fi": "Lomakkeen tiedot ovat liian suuret.",
        "sv": "Formulärets uppgifter är för stora.",
        "en": "The form data is too large.",
    },
    "skip": {"fi": "Siirry sisältöön", "sv": "Till innehållet", "en": "Skip to content"},
    "language_nav": {"fi": "Kieli", "sv": "Språk", "en": "Language"},
    "error_prefix": {"fi": "Virhe", "sv": "Fel", "en": "Error"},
    "honeypot": {
        "fi": "Jätä tämä kenttä tyhjäksi",
        "sv": "Lämna detta fält tomt",
        "en": "Leave this field empty",
    },
    "email_subject": {
        "fi": "Yhteydenottosi on vastaanotettu ({reference})",
        "sv": "Ditt ärende har tagits emot ({reference})",
        "en": "Your request has been received ({reference})",
    },
    "email_greeting": {"fi": "Hei {name},", "sv": "Hej {name},", "en": "Hello {name},"},
    "email_body": {
        "fi": "kiitos yhteydenotostasi Vantaan ja Keravan hyvinvointialueelle. Viitenumero "
        "on {reference} (aihe: {topic}).",
        "sv": "tack för ditt ärende till Vanda och Kervo välfärdsområde. Referensnumret är "
        "{reference} (ämne: {topic}).",
        "en": "thank you for contacting the Vantaa and Kerava wellbeing county. Your reference "
        "number is {reference} (topic: {topic}).",
    },
    "email_footer": {
        "fi": "Tähän viestiin ei voi vastata. Järjestöyhteistyön tiimi",
        "sv": "Det går inte att svara på detta meddelande. Teamet för föreningssamarbete",
        "en": "This message cannot be replied to. The association-cooperation team",
    },
}


TEXTS = Catalogue("contact", _TEXTS)


def text(key: str, lang: str, **params: object) -> str:
    """The text in `lang` (Finnish when missing), with `{params}` filled in."""
    return TEXTS.get(key, lang, **params)


def next_steps(lang: str) -> list[str]:
    return [text("next_1", lang), text("next_2", lang)]
