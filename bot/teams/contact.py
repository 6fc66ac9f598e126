"""Teams side of the common contact form: the form as an Adaptive Card, and its submission.

The card's inputs are the fields of `handlers/contact/form.py` (same labels,
required fields, lengths; a regex where Teams can check the shape before
sending). Teams' own checks are only a convenience: the submission is judged
by `validate_contact_form`, as on the web and in Slack, and written through the
contact-request service (`runtime.contacts.create(..., channel="teams")`). Errors
come back as the same card with what the user typed and a message under each wrong field. The
idempotency key is the form card's message id (`replyToId` of the submit), so
pressing "Lähetä" twice on one card stores one request.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from typing import Any

from bot.runtime import Runtime
from bot.settings import Settings
from bot.teams.cards import Element, action_sets, card, paragraph, rich, run, submit
from handlers.contact.form import FIELDS, FormField, form_values, validate_contact_form
from handlers.contact.texts import next_steps
from handlers.contact.texts import text as contact_text
from index.errors import BotError, ConfigError

log = logging.getLogger("bot.teams")
SUBMIT_ACTION = "contact_submit"
# Shapes Teams checks before sending (the server checks them properly).
REGEX: dict[str, str] = {
    "email": r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$",
    "business_id": r"^\s*\d{6,7}\s*-?\s*\d\s*$",
    "phone": r"^[\s+()0-9-]{6,30}$",
}


def _input(f: FormField, lang: str, value: str, error: str | None) -> list[Element]:
    caption = f.label(lang) if f.required else f"{f.label(lang)} ({contact_text('optional', lang)})"
    common: dict[str, Any] = {"id": f.name, "isRequired": f.required}
    if error:
        common["errorMessage"] = error
    if f.kind == "checkbox":
        element: Element = {
            "type": "Input.Toggle",
            "title": f.label(lang),
            "valueOn": "true",
            "valueOff": "false",
            "value": "true" if value == "true" else "false",
            **common,
        }
    elif f.kind == "select":
        element = {
            "type": "Input.ChoiceSet",
            "label": caption,
            "style": "compact",
            "placeholder": contact_text("choose", lang),
            "value": value,
            "choices": [{"title": c.label(lang), "value": c.id} for c in f.choices],
            **common,
        }
    else:
        element = {
            "type": "Input.Text",
            "label": caption,
            "maxLength": f.max_length,
            "value": value,
            **common,
        }
        if f.kind == "textarea":
            element["isMultiline"] = True
        if f.kind in ("email", "tel"):
            element["style"] = "Email" if f.kind == "email" else "Tel"
        if f.name in REGEX:
            element["regex"] = REGEX[f.name]
    out = [element]
    if f.hint(lang):
        out.append(paragraph(f.hint(lang), isSubtle=True, size="Small"))
    if error:
        out.append(paragraph(error, color="Attention"))
    return out


def contact_card(
    lang: str,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    notice: str | None = None,
) -> Element:
    """The form; with `errors`, the user's values are kept and each error shown in place."""
    values = values or {}
    errors = errors or {}
    body: list[Element] = [
        paragraph(contact_text("title", lang), weight="Bolder", size="Large"),
        paragraph(contact_text("intro", lang)),
        paragraph(contact_text("required_note", lang), isSubtle=True),
    ]
    if notice:
        body.append(paragraph(notice, color="Attention", weight="Bolder"))
    if errors:
        body.append(
            rich(
                run(contact_text("error_summary", lang) + ": ", weight="Bolder", color="Attention"),
                run(" ".join(errors.values()), color="Attention"),
            )
        )
    for f in FIELDS:
        body += _input(f, lang, values.get(f.name, ""), errors.get(f.name))
    send = submit(contact_text("submit", lang), SUBMIT_ACTION, uuid.uuid4().hex, lang=lang)
    send["style"] = "positive"
    send["associatedInputs"] = "auto"
    return card([*body, *action_sets([send])], lang)


def done_card(reference: str, lang: str, emailed: bool) -> Element:
    steps = [*next_steps(lang), *([contact_text("next_email", lang)] if emailed else [])]
    return card(
        [
            paragraph(contact_text("done_title", lang), weight="Bolder", size="Large"),
            rich(run(f"{contact_text('reference', lang)}: "), run(reference, weight="Bolder")),
            paragraph(contact_text("keep_reference", lang)),
            paragraph(contact_text("next_title", lang), weight="Bolder"),
            *(paragraph(f"• {step}") for step in steps),
        ],
        lang,
    )


def submitted_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The card's input values (Teams merges them into the submit's `value`)."""
    out: dict[str, str] = {}
    for f in FIELDS:
        raw = data.get(f.name)
        out[f.name] = raw if isinstance(raw, str) else ""
    return out


def submission_card(
    runtime: Runtime, settings: Settings, data: Mapping[str, Any], lang: str, key: str
) -> Element:
    """Validate and store a submitted card; the receipt card, or the form again with errors.

    Runs in a worker thread (database work)."""
    values = submitted_values(data)
    form, errors = validate_contact_form(values, lang)
    if form is None:
        return contact_card(lang, form_values(values), errors)
    try:
        contacts = runtime.contacts
        if contacts is None:
            raise ConfigError("yhteydenottoja ei voi tallentaa: tietokantaa ei ole määritetty")
        result = contacts.create(form, channel="teams", idempotency_key=key)
    except BotError as exc:
        log.warning("teams yhteydenotto: %s: %s", type(exc).__name__, exc)
        notice = f"{contact_text('not_saved_title', lang)}. {exc.user_message}"
        return contact_card(lang, form_values(values), notice=notice)
    log.info(
        "teams: yhteydenotto %s %s",
        result.reference,
        "tallennettu" if result.created else "oli jo tallennettu",
    )
    return done_card(result.reference, lang, emailed=bool(settings.smtp_host))
