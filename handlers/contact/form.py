"""Validating the county's common contact form, the same rules for every surface.

The web page, the Slack modal and the Teams card all call
`validate_contact_form`, so a request is judged by the same rules wherever it
was typed. Error messages come in Finnish, Swedish and English. The fields
themselves are in `handlers.contact.fields` (re-exported here).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from handlers.contact.fields import (
    FIELDS,
    LANGS,
    TOPICS,
    UNITS,
    FormField,
    choice_label,
    normalise_lang,
)
from handlers.texts import Catalogue
from store.redact import has_hetu

__all__ = [
    "FIELDS",
    "LANGS",
    "TOPICS",
    "UNITS",
    "ContactForm",
    "FormField",
    "choice_label",
    "clean_text",
    "form_values",
    "normalise_business_id",
    "normalise_lang",
    "normalise_phone",
    "validate_contact_form",
]

_ERRORS = Catalogue.from_file(Path(__file__).with_name("errors.yaml"))

# C0/C1 controls (except tab and newline), bidi overrides, BOM: invisible and abusable.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>|<\s*script", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]{1,64}@[^@\s<>()\[\],;:\"_]+\.[^@\s<>()\[\],;:\".]{2,}$")
_Y_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_TRUE = frozenset({"on", "1", "true", "yes", "kylla", "kyllä"})


@dataclass(frozen=True)
class ContactForm:
    """A validated request, normalised (phone as +358…, Y-tunnus as 1234567-8)."""

    organisation: str
    contact_person: str
    email: str
    topic: str  # an id from TOPICS
    message: str
    consent: bool
    language: str = "fi"
    business_id: str | None = None
    phone: str | None = None
    target_unit: str | None = None  # an id from UNITS


def clean_text(value: str, *, multiline: bool = False) -> str:
    """NFC, no control characters; single-line fields get one line. Not stripped."""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value if multiline else re.sub(r"[\n\t]+", " ", value)


def form_values(data: Mapping[str, str]) -> dict[str, str]:
    """What the user typed, cleaned of control characters only: for showing the form again."""
    return {
        f.name: clean_text(str(data.get(f.name, "")), multiline=f.kind == "textarea")
        for f in FIELDS
    }


def normalise_business_id(value: str) -> str | None:
    """`1234567-8` if well formed with a valid check digit, else None.

    Raises ValueError("format") or ValueError("check") so the caller can say which."""
    compact = re.sub(r"[\s-]", "", value)
    if not re.fullmatch(r"\d{7,8}", compact):
        raise ValueError("format")
    if len(compact) == 7:  # old six-digit ids are written with a leading zero
        compact = "0" + compact
    body, check = compact[:7], int(compact[7])
    remainder = sum(int(d) * w for d, w in zip(body, _Y_WEIGHTS, strict=True)) % 11
    if remainder == 1 or (0 if remainder == 0 else 11 - remainder) != check:
        raise ValueError("check")
    return f"{body}-{check}"


def normalise_phone(value: str) -> str | None:
    """International form without spaces (+358401234567), or None if not a phone number."""
    compact = re.sub(r"[\s().-]", "", value)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    elif compact.startswith("0"):
        compact = "+358" + compact[1:]
    elif not compact.startswith("+"):
        compact = "+" + compact
    return compact if re.fullmatch(r"\+[1-9]\d{6,14}", compact) else None


def _message(key: str, lang: str, **params: object) -> str:
    return _ERRORS.get(key, lang, **params)


def validate_contact_form(
    data: Mapping[str, str], lang: str
) -> tuple[ContactForm | None, dict[str, str]]:
    """Check every field; return the form, or None and an error per field (in `lang`)."""
    lang = normalise_lang(lang)
    values = {name: value.strip() for name, value in form_values(data).items()}
    errors: dict[str, str] = {}
    for f in FIELDS:
        value = values[f.name]
        label = f.label(lang)
        if f.kind == "checkbox":
            if f.required and value.lower() not in _TRUE:
                errors[f.name] = _message("consent", lang)
        elif not value:
            if f.required:
                errors[f.name] = _message("choose" if f.choices else "required", lang, label=label)
        elif f.choices:
            if value not in {c.id for c in f.choices}:
                errors[f.name] = _message("choose", lang, label=label)
        elif len(value) > f.max_length:
            errors[f.name] = _message("too_long", lang, length=len(value), max=f.max_length)
        elif _MARKUP.search(value):
            errors[f.name] = _message("markup", lang)
        elif has_hetu(value):
            errors[f.name] = _message("hetu", lang)
    if "email" not in errors and values["email"] and not _EMAIL.match(values["email"]):
        errors["email"] = _message("email", lang)
    business_id = phone = None
    if "business_id" not in errors and values["business_id"]:
        try:
            business_id = normalise_business_id(values["business_id"])
        except ValueError as exc:
            errors["business_id"] = _message(
                "business_id" if str(exc) == "format" else "business_id_check", lang
            )
    if "phone" not in errors and values["phone"]:
        phone = normalise_phone(values["phone"])
        if phone is None:
            errors["phone"] = _message("phone", lang)
    if errors:
        return None, errors
    return ContactForm(
        organisation=values["organisation"],
        contact_person=values["contact_person"],
        email=values["email"],
        topic=values["topic"],
        message=values["message"],
        consent=True,
        language=lang,
        business_id=business_id,
        phone=phone,
        target_unit=values["target_unit"] or None,
    ), errors
