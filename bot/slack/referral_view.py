"""Block Kit for referrals: the *Ohjaa asiakas* modal, its receipt, the professional's list
and the status message in the thread.

The modal is built from the platform-neutral `ReferralFormView` (fields, labels, hints,
choices already in the reply's language), so Slack asks exactly what the web form asks;
block ids are the field ids, so the service's `ReferralRefused.errors` go straight back
into the open modal (`response_action: errors`). Every text from the knowledge or a user
passes through the one mrkdwn `escape`, or goes into `plain_text`, which Slack shows as
typed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC
from typing import Any
from zoneinfo import ZoneInfo

from bot.slack.render import Block, context, escape, sections
from bot.slack.views import MAX_INPUT, MAX_OPTION, view_text
from handlers.referral.model import (
    FIELD_IDS,
    FormField,
    ReferralFormView,
    ReferralMessage,
    ReferralReceipt,
    ReferralView,
)
from handlers.referral.texts import text
from handlers.safe_text import clip
from handlers.texts import Catalogue

REFERRAL_CALLBACK = "referral_form"
MAX_METADATA = 3000
MAX_TITLE = 24  # modal title, submit and close labels
HELSINKI = ZoneInfo("Europe/Helsinki")

TEXTS = Catalogue(
    "slack referral",
    {
        "reference": {"fi": "Viite", "sv": "Referens", "en": "Reference"},
        "status": {"fi": "Tila", "sv": "Status", "en": "Status"},
        "updated": {"fi": "päivitetty", "sv": "uppdaterad", "en": "updated"},
        "list_more": {
            "fi": "Näytetään {n} uusinta ohjausta.",
            "sv": "De {n} senaste hänvisningarna visas.",
            "en": "Showing the {n} most recent referrals.",
        },
        "answer_button": {"fi": "Vastaa ohjaukseen"},
        "confirm": {"fi": "Vahvistan", "sv": "Jag bekräftar", "en": "I confirm"},
        "not_saved": {
            "fi": "Ohjausta ei voitu lähettää juuri nyt. Yritä hetken päästä uudelleen.",
            "sv": "Hänvisningen kunde inte skickas just nu. Försök igen om en stund.",
            "en": "The referral could not be sent just now. Please try again in a moment.",
        },
    },
)


def referral_text(key: str, lang: str, **values: str) -> str:
    return TEXTS.get(key, lang, **values)


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text, limit) or "…", "emoji": True}


def _element(f: FormField, lang: str) -> dict[str, Any]:
    if f.kind == "choice":
        return {
            "type": "radio_buttons",
            "action_id": "value",
            "options": [
                {"text": _plain(label, MAX_OPTION), "value": value} for value, label in f.options
            ],
        }
    if f.kind == "checkbox":  # the statement is the block's label (Slack's options: 75 chars)
        return {
            "type": "checkboxes",
            "action_id": "value",
            "options": [
                {"text": _plain(referral_text("confirm", lang), MAX_OPTION), "value": "on"}
            ],
        }
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": "value"}
    if f.max_length:
        element["max_length"] = min(f.max_length, MAX_INPUT)
    if f.kind == "text":
        element["multiline"] = True
    return element


def _input(f: FormField, lang: str) -> Block:
    block: Block = {
        "type": "input",
        "block_id": f.id,
        "optional": not f.required,
        "label": _plain(f.label, 2000),
        "element": _element(f, lang),
    }
    if f.hint:
        block["hint"] = _plain(f.hint, 2000)
    return block


def referral_modal(
    form: ReferralFormView, lang: str, metadata: Mapping[str, str | None]
) -> dict[str, Any]:
    """The form as a modal; `metadata` (service id, where the button was pressed) travels
    back with the submission in `private_metadata`."""
    head = f"*{escape(form.service_name)}* – {escape(form.organisation)}"
    blocks: list[Block] = sections(head)
    if form.intro:
        blocks.append(context(escape(form.intro)))
    blocks += [_input(f, lang) for f in form.fields]
    if form.privacy_note:
        blocks.append(context(escape(form.privacy_note)))
    data = {"lang": lang, **{k: v for k, v in metadata.items() if v}}
    return {
        "type": "modal",
        "callback_id": REFERRAL_CALLBACK,
        "title": _plain(form.title, MAX_TITLE),
        "submit": _plain(form.submit_label, MAX_TITLE),
        "close": _plain(view_text("close", lang), MAX_TITLE),
        "private_metadata": json.dumps(data)[:MAX_METADATA],
        "blocks": blocks,
    }


def submitted(view: Mapping[str, Any]) -> dict[str, str]:
    """The modal's state → field id → text (`consent`: "on" or "")."""
    values = view.get("state", {}).get("values", {})
    out: dict[str, str] = {}
    for field_id in FIELD_IDS:
        element = values.get(field_id, {}).get("value") or {}
        if "selected_options" in element:
            out[field_id] = "on" if element.get("selected_options") else ""
        elif "selected_option" in element:
            out[field_id] = str((element.get("selected_option") or {}).get("value") or "")
        else:
            out[field_id] = str(element.get("value") or "")
    return out


def modal_errors(errors: Mapping[str, str], fallback: str) -> dict[str, str]:
    """Refusal messages keyed by the modal's block ids; one about something not in the
    modal (the service, a henkilötunnus anywhere) is shown under the need."""
    out: dict[str, str] = {}
    for key, message in errors.items():
        block = key if key in FIELD_IDS else "need"
        out[block] = f"{out[block]} {message}" if block in out else message
    return out or {"need": fallback}


def _receipt_lines(receipt: ReferralReceipt, lang: str) -> list[str]:
    return [
        escape(receipt.message),
        f"{escape(referral_text('reference', lang))}: *{escape(receipt.reference)}*",
        f"{escape(referral_text('status', lang))}: {escape(receipt.status_label)}",
    ]


def receipt_modal(receipt: ReferralReceipt, form_title: str, lang: str) -> dict[str, Any]:
    """What the modal turns into once the referral is stored."""
    return {
        "type": "modal",
        "callback_id": f"{REFERRAL_CALLBACK}_done",
        "title": _plain(form_title, MAX_TITLE),
        "close": _plain("OK", MAX_TITLE),
        "blocks": sections("\n".join(_receipt_lines(receipt, lang))),
    }


def receipt_message(receipt: ReferralReceipt, lang: str) -> tuple[str, list[Block]]:
    """The receipt in the thread (or DM) where the button was pressed: text and blocks."""
    head = f":outbox_tray: *{escape(receipt.service_name)}* – {escape(receipt.organisation)}"
    text = "\n".join([head, *_receipt_lines(receipt, lang)])
    return escape(receipt.message), sections(text)


def _when(view: ReferralView) -> str:
    """The day of the last change, in Finnish time (stored times are UTC)."""
    moment = view.updated_at
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return f"{moment.astimezone(HELSINKI):%-d.%-m.%Y}"


def list_blocks(views: Sequence[ReferralView], lang: str, limit: int) -> list[Block]:
    """The professional's own referrals, newest first: reference, service, status, note."""
    title = f"*{escape(text('mine_title', lang))}*"
    if not views:
        return sections(f"{title}\n{escape(text('mine_empty', lang))}")
    blocks: list[Block] = sections(title)
    for v in views:
        lines = [
            f"*{escape(v.reference)}* · {escape(v.service_name)} – {escape(v.organisation)}",
            f"{escape(referral_text('status', lang))}: *{escape(v.status_label)}* "
            f"({escape(referral_text('updated', lang))} {_when(v)})",
        ]
        if v.note:
            lines.append(escape(text("note_line", lang, note=v.note)))
        blocks += sections("\n".join(lines))
    if len(views) >= limit:
        blocks.append(context(escape(referral_text("list_more", lang, n=str(limit)))))
    return blocks[:50]


def status_blocks(message: ReferralMessage) -> tuple[str, list[Block]]:
    """A status change, for the thread (or DM) where the referral was made."""
    body = escape(message.text)
    head = f":incoming_envelope: *{escape(message.reference)}* · {escape(message.status_label)}"
    return body, [*sections(head), *sections(body)]


def association_blocks(message: ReferralMessage) -> tuple[str, list[Block]]:
    """The new referral in the association's own Slack channel, with its answer link."""
    button: Block = {
        "type": "button",
        "action_id": "referral_answer_link",
        "url": message.link[:3000],
        "style": "primary",
        "text": {"type": "plain_text", "text": clip(referral_text("answer_button", "fi"), 75)},
    }
    blocks: list[Block] = [
        {"type": "header", "text": _plain(message.subject, 150)},
        *sections(escape(message.text)),
        {"type": "actions", "elements": [button]},
    ]
    return escape(message.subject), blocks
