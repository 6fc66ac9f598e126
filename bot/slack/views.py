"""Slack views: the App Home tab and the contact-form modal.

The modal is built from `handlers.contact.form.FIELDS`, so Slack asks for
exactly what the web form asks, and its answers are judged by the same
`validate_contact_form`. Block ids are the field names: a validation error
per field goes straight back to the modal (`response_action: errors`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.slack.render import Block, escape
from handlers.contact.form import FIELDS, FormField, normalise_lang
from handlers.contact.texts import text as contact_text
from handlers.help import EXAMPLES, HELP_TEXT
from handlers.safe_text import clip
from handlers.texts import Catalogue

CONTACT_CALLBACK = "contact_form"
MAX_INPUT = 3000  # Slack's limit for plain_text_input max_length
MAX_OPTION = 75
# The App Home tab is one page for everyone, in Finnish (it has no reply language).
_HOME_USAGE = (
    "*Näin kysyt*\n"
    "• Mainitse minut kanavalla (@Järjestöbotti ja kysymys) – vastaan viestiketjuun, ja "
    "ketjussa voit jatkaa ilman mainintaa.\n"
    "• Kirjoita minulle yksityisviesti.\n"
    "• `/jarjesto kysymys` – vastaus näkyy vain sinulle; voit jakaa sen kanavalle.\n"
    "• `/yhteydenotto` – avaa järjestöjen yhteisen yhteydenottolomakkeen.\n"
    "• Palvelukortin *Ohjaa asiakas* -painike lähettää asiakkaan ohjauksen järjestölle; "
    "`/ohjaukset` näyttää omat ohjauksesi ja järjestöjen vastaukset.\n"
    "Vastaan kysymyksen kielellä: suomeksi, ruotsiksi tai englanniksi."
)
_HOME_PRIVACY = (
    "Älä kirjoita asiakkaan nimeä, henkilötunnusta tai muita tunnistetietoja: "
    "kuvaa tilanne yleisesti (ikä, kunta, kieli, tarve)."
)
VIEW_TEXTS = Catalogue(
    "slack views",
    {
        "modal_title": {"fi": "Yhteydenotto", "sv": "Kontakt", "en": "Contact"},
        "submit": {"fi": "Lähetä", "sv": "Skicka", "en": "Send"},
        "close": {"fi": "Peruuta", "sv": "Avbryt", "en": "Cancel"},
        "home_usage": {"fi": _HOME_USAGE},
        "home_privacy": {"fi": _HOME_PRIVACY},
        "home_examples": {"fi": "Esimerkkikysymyksiä"},
    },
)


def view_text(key: str, lang: str) -> str:
    return VIEW_TEXTS.get(key, lang)


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text, limit), "emoji": True}


def home_view() -> dict[str, Any]:
    """What the bot can do, how to ask, and example questions (Finnish first)."""
    examples = [*EXAMPLES["fi"], *EXAMPLES["sv"][:1], *EXAMPLES["en"][:1]]
    blocks: list[Block] = [
        {"type": "header", "text": _plain("Järjestöbotti", 150)},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": escape(HELP_TEXT.get("help", "fi"))},
        },
        {"type": "section", "text": {"type": "mrkdwn", "text": view_text("home_usage", "fi")}},
        {"type": "divider"},
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "\n".join(
                    [f"*{view_text('home_examples', 'fi')}*", *(f"• {escape(q)}" for q in examples)]
                ),
            },
        },
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": view_text("home_privacy", "fi")}],
        },
    ]
    return {"type": "home", "blocks": blocks}


def _element(f: FormField, lang: str) -> dict[str, Any]:
    if f.kind == "select":
        return {
            "type": "static_select",
            "action_id": "value",
            "placeholder": _plain(contact_text("choose", lang), 150),
            "options": [
                {"text": _plain(c.label(lang), MAX_OPTION), "value": c.id} for c in f.choices
            ],
        }
    if f.kind == "checkbox":
        return {
            "type": "checkboxes",
            "action_id": "value",
            "options": [{"text": _plain(f.label(lang), MAX_OPTION), "value": "on"}],
        }
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "value",
        "max_length": min(f.max_length, MAX_INPUT),
    }
    if f.kind == "textarea":
        element["multiline"] = True
    return element


def contact_modal(lang: str, metadata: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The contact form as a modal; `metadata` travels back with the submission."""
    lang = normalise_lang(lang)
    blocks: list[Block] = [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": escape(contact_text("intro", lang))},
        },
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": escape(contact_text("required_note", lang))}],
        },
    ]
    for f in FIELDS:
        block: Block = {
            "type": "input",
            "block_id": f.name,
            "optional": not f.required,
            "label": _plain(f.label(lang) + (" *" if f.required else ""), 2000),
            "element": _element(f, lang),
        }
        if f.hint(lang):
            block["hint"] = _plain(f.hint(lang), 2000)
        blocks.append(block)
    return {
        "type": "modal",
        "callback_id": CONTACT_CALLBACK,
        "title": _plain(view_text("modal_title", lang), 24),
        "submit": _plain(view_text("submit", lang), 24),
        "close": _plain(view_text("close", lang), 24),
        "private_metadata": json.dumps({"lang": lang, **(metadata or {})})[:3000],
        "blocks": blocks,
    }


def submitted_values(view: Mapping[str, Any]) -> dict[str, str]:
    """The modal's state → the field → text mapping `validate_contact_form` takes."""
    values = view.get("state", {}).get("values", {})
    out: dict[str, str] = {}
    for f in FIELDS:
        element = values.get(f.name, {}).get("value") or {}
        if f.kind == "select":
            option = element.get("selected_option") or {}
            out[f.name] = str(option.get("value") or "")
        elif f.kind == "checkbox":
            out[f.name] = "on" if element.get("selected_options") else ""
        else:
            out[f.name] = str(element.get("value") or "")
    return out


def modal_metadata(view: Mapping[str, Any]) -> dict[str, str]:
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
