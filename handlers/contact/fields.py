"""The fields of the county's common contact form: names, kinds, labels, choices.

The web page, the Slack modal and the Teams card all render these fields
(`handlers.contact.form` validates what comes back). Labels come in Finnish,
Swedish and English; an unknown language falls back to Finnish.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from handlers.texts import LANGUAGES as LANGS
from handlers.texts import Catalogue
from handlers.texts import language_code as normalise_lang

__all__ = [
    "FIELDS",
    "LANGS",
    "MESSAGE_MAX",
    "TOPICS",
    "UNITS",
    "Choice",
    "FormField",
    "choice_label",
    "field_by_name",
    "labels",
    "normalise_lang",
]

MESSAGE_MAX = 5000
FieldKind = Literal["text", "email", "tel", "textarea", "select", "checkbox"]


@dataclass(frozen=True)
class Choice:
    id: str
    labels: Mapping[str, str]  # fi, sv, en

    def label(self, lang: str) -> str:
        return self.labels.get(normalise_lang(lang), self.labels["fi"])


def _choices(file_name: str) -> tuple[Choice, ...]:
    """The choices in a YAML catalogue beside this file, in the file's order."""
    catalogue = Catalogue.from_file(Path(__file__).with_name(file_name))
    return tuple(Choice(key, catalogue.entries[key]) for key in catalogue)


TOPICS = _choices("topics.yaml")
# Where in the county the request is aimed; optional ("don't know" is fine).
UNITS = _choices("units.yaml")


@dataclass(frozen=True)
class FormField:
    name: str
    kind: FieldKind
    labels: Mapping[str, str]
    required: bool
    max_length: int
    hints: Mapping[str, str] = field(default_factory=dict)
    choices: tuple[Choice, ...] = ()
    autocomplete: str = "off"

    def label(self, lang: str) -> str:
        return self.labels.get(normalise_lang(lang), self.labels["fi"])

    def hint(self, lang: str) -> str:
        return self.hints.get(normalise_lang(lang), self.hints.get("fi", ""))


def labels(fi: str, sv: str, en: str) -> dict[str, str]:
    return {"fi": fi, "sv": sv, "en": en}


FIELDS: tuple[FormField, ...] = (
    FormField(
        "organisation",
        "text",
        labels("Järjestön nimi", "Föreningens namn", "Name of the association"),
        True,
        200,
        autocomplete="organization",
    ),
    FormField(
        "business_id",
        "text",
        labels("Y-tunnus", "FO-nummer", "Business ID (Y-tunnus)"),
        False,
        12,
        labels(
            "Vapaaehtoinen, muodossa 1234567-8.",
            "Frivilligt, i formen 1234567-8.",
            "Optional, in the form 1234567-8.",
        ),
    ),
    FormField(
        "contact_person",
        "text",
        labels("Yhteyshenkilö", "Kontaktperson", "Contact person"),
        True,
        200,
        autocomplete="name",
    ),
    FormField(
        "email", "email", labels("Sähköposti", "E-post", "E-mail"), True, 254, autocomplete="email"
    ),
    FormField(
        "phone",
        "tel",
        labels("Puhelin", "Telefon", "Phone"),
        False,
        30,
        labels("Vapaaehtoinen.", "Frivilligt.", "Optional."),
        autocomplete="tel",
    ),
    FormField("topic", "select", labels("Aihe", "Ämne", "Topic"), True, 40, choices=TOPICS),
    FormField(
        "target_unit",
        "select",
        labels(
            "Mitä palveluja asia koskee?",
            "Vilka tjänster gäller ärendet?",
            "Which services does it concern?",
        ),
        False,
        40,
        labels(
            "Vapaaehtoinen. Jätä tyhjäksi, jos et tiedä.",
            "Frivilligt. Lämna tomt om du inte vet.",
            "Optional. Leave empty if you don't know.",
        ),
        choices=UNITS,
    ),
    FormField(
        "message",
        "textarea",
        labels("Viesti", "Meddelande", "Message"),
        True,
        MESSAGE_MAX,
        labels(
            f"Kerro asiasi lyhyesti, enintään {MESSAGE_MAX} merkkiä. Älä kirjoita "
            "asiakkaiden tietoja.",
            f"Beskriv ärendet kort, högst {MESSAGE_MAX} tecken. Skriv inga klientuppgifter.",
            f"Describe your matter briefly, at most "
            f"{MESSAGE_MAX} characters. Do not include any client's details.",
        ),
    ),
    FormField(
        "consent",
        "checkbox",
        labels(
            "Annan luvan käsitellä lomakkeen tietoja yhteydenottoni hoitamiseksi.",
            "Jag ger tillstånd att behandla uppgifterna för att sköta mitt ärende.",
            "I consent to the processing of this information to handle my request.",
        ),
        True,
        10,
    ),
)


def field_by_name(name: str) -> FormField:
    for f in FIELDS:
        if f.name == name:
            return f
    raise KeyError(name)


def choice_label(choices: tuple[Choice, ...], choice_id: str | None, lang: str) -> str:
    """The label of `choice_id`, or the id itself when unknown (old rows, typos)."""
    for choice in choices:
        if choice.id == choice_id:
            return choice.label(lang)
    return choice_id or ""
