"""Teams side of referrals: the card's *Ohjaa asiakas* → an Adaptive Card form, its
submission, the receipt, and "omat ohjaukset" (the professional's own referrals).

The form's inputs are the fields of the neutral `ReferralFormView` (labels, choices,
hints, lengths in the reply's language). Teams' own checks are only a convenience: the
submission is judged by `Referrals.submit`, and a refusal comes back as the same card
with what the user typed and each message under its field; nothing is stored. The
idempotency key is the form card's message id (`replyToId` of the submit), so pressing
the button twice on one card sends one referral. The submit's conversation reference is
stored with the referral: status changes are sent proactively into the same chat or
channel thread (`bot/background/referral_notify.py`).

All text goes into `TextRun`s or input labels, which Teams shows as typed (no Markdown).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import TurnContext

from bot.runtime import Runtime
from bot.teams.activity import card_activity, text_activity
from bot.teams.cards import Element, action_sets, card, paragraph, rich, run, submit
from bot.teams.private import send_privately
from handlers.contact.views import HELSINKI
from handlers.referral.model import (
    FIELD_IDS,
    FormField,
    ReferralDraft,
    ReferralFormView,
    ReferralReceipt,
    ReferralRefused,
    ReferralView,
)
from handlers.referral.texts import text
from handlers.texts import language_code
from index.errors import BotError

log = logging.getLogger("bot.teams")
REFER_ACTION = "refer"
SUBMIT_ACTION = "referral_submit"
LIST_LIMIT = 20
# "omat ohjaukset" / "mina hänvisningar" / "my referrals" (also as the app's command).
LIST_WORDS = re.compile(
    r"^\s*(omat\s+ohjaukset|ohjaukset|mina\s+hänvisningar|hänvisningar|my\s+referrals)\s*[.!?]?\s*$",
    re.IGNORECASE,
)
LIST_LANG = {"mina": "sv", "hänvisningar": "sv", "my": "en"}
_LOCAL = {
    "reference": {"fi": "Viite", "sv": "Referens", "en": "Reference"},
    "status": {"fi": "Tila", "sv": "Status", "en": "Status"},
    "updated": {"fi": "päivitetty", "sv": "uppdaterad", "en": "updated"},
    "sent_privately": {
        "fi": "Lähetin tämän sinulle henkilökohtaiseen keskusteluusi kanssani, jotta asiakkaan "
        "tiedot eivät näy täällä.",
        "sv": "Jag skickade det här till din personliga chatt med mig, så att klientens uppgifter "
        "inte syns här.",
        "en": "I sent this to your personal chat with me, so the client's details don't show here.",
    },
    "not_private": {
        "fi": "En voinut avata henkilökohtaista keskustelua kanssasi. Lisää Järjestöbotti "
        "itsellesi Teamsissa ja kysy siellä, niin voit ohjata asiakkaan.",
        "sv": "Jag kunde inte öppna en personlig chatt med dig. Lägg till Järjestöbotti för dig "
        "själv i Teams och fråga där, så kan du hänvisa klienten.",
        "en": "I couldn't open a personal chat with you. Add Järjestöbotti for yourself in Teams "
        "and ask there to refer the client.",
    },
    "not_saved": {
        "fi": "Ohjausta ei voitu lähettää juuri nyt. Yritä hetken päästä uudelleen.",
        "sv": "Hänvisningen kunde inte skickas just nu. Försök igen om en stund.",
        "en": "The referral could not be sent just now. Please try again in a moment.",
    },
}


def _local(key: str, lang: str) -> str:
    entry = _LOCAL[key]
    return entry.get(lang) or entry["fi"]


def list_language(message: str) -> str | None:
    """The language of a "my referrals" request, or None when the text is a question."""
    match = LIST_WORDS.match(message)
    if match is None:
        return None
    first = match.group(1).split()[0].lower()
    return LIST_LANG.get(first, "fi")


def _input(f: FormField, value: str, error: str | None) -> list[Element]:
    common: dict[str, Any] = {"id": f.id, "isRequired": f.required}
    if error:
        common["errorMessage"] = error
    if f.kind == "checkbox":
        element: Element = {
            "type": "Input.Toggle",
            "title": f.label,
            "wrap": True,  # the whole consent statement, not one cut line
            "valueOn": "true",
            "valueOff": "false",
            "value": "true" if value == "true" else "false",
            **common,
        }
    elif f.kind == "choice":
        element = {
            "type": "Input.ChoiceSet",
            "label": f.label,
            "style": "expanded",
            "value": value,
            "choices": [{"title": label, "value": v} for v, label in f.options],
            **common,
        }
    else:
        element = {"type": "Input.Text", "label": f.label, "value": value, **common}
        if f.max_length:
            element["maxLength"] = f.max_length
        if f.kind == "text":
            element["isMultiline"] = True
    out = [element]
    if f.hint:
        out.append(paragraph(f.hint, isSubtle=True, size="Small"))
    if error:
        out.append(paragraph(error, color="Attention"))
    return out


def form_card(
    form: ReferralFormView,
    service_id: str,
    lang: str,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    notice: str | None = None,
) -> Element:
    """The form; with `errors`, the user's values are kept and each error shown in place."""
    values, errors = values or {}, errors or {}
    body: list[Element] = [
        paragraph(form.title, weight="Bolder", size="Large"),
        rich(run(form.service_name, weight="Bolder"), run(f" – {form.organisation}")),
    ]
    if form.intro:
        body.append(paragraph(form.intro))
    if notice:
        body.append(paragraph(notice, color="Attention", weight="Bolder"))
    for f in form.fields:
        body += _input(f, values.get(f.id, ""), errors.get(f.id))
    if form.privacy_note:
        body.append(paragraph(form.privacy_note, isSubtle=True, size="Small"))
    send = submit(form.submit_label, SUBMIT_ACTION, uuid.uuid4().hex, service=service_id, lang=lang)
    send["style"] = "positive"
    send["associatedInputs"] = "auto"
    return card([*body, *action_sets([send])], lang)


def receipt_card(receipt: ReferralReceipt, lang: str) -> Element:
    return card(
        [
            paragraph(text("refer", lang), weight="Bolder", size="Large"),
            paragraph(receipt.message),
            rich(run(f"{_local('reference', lang)}: "), run(receipt.reference, weight="Bolder")),
            rich(run(f"{_local('status', lang)}: "), run(receipt.status_label, weight="Bolder")),
        ],
        lang,
    )


def list_card(views: Sequence[ReferralView], lang: str) -> Element:
    body: list[Element] = [paragraph(text("mine_title", lang), weight="Bolder", size="Large")]
    if not views:
        body.append(paragraph(text("mine_empty", lang)))
    for v in views:
        items = [
            rich(
                run(v.reference, weight="Bolder"),
                run(f" · {v.service_name} – {v.organisation}"),
            ),
            rich(
                run(f"{_local('status', lang)}: "),
                run(v.status_label, weight="Bolder"),
                run(f" ({_local('updated', lang)} {v.updated_at.astimezone(HELSINKI):%-d.%-m.%Y})"),
            ),
        ]
        if v.note:
            items.append(paragraph(text("note_line", lang, note=v.note), isSubtle=True))
        body.append({"type": "Container", "separator": True, "items": items})
    return card(body, lang)


def refer_card(runtime: Runtime, service_id: str, lang: str) -> Element:
    """The form for a card's button; a service that can't take referrals says so instead."""
    try:
        form = runtime.referral_service().form(service_id, lang)
    except ReferralRefused as exc:
        return card([paragraph(exc.user_message, color="Attention")], lang)
    return form_card(form, service_id, lang)


async def send_card(context: TurnContext, card: Element, lang: str, shared: bool) -> None:
    """A referral card where only the professional sees it: here in a personal chat; from a
    channel or group chat, in their personal chat with the bot, so what they type (and the
    form sent back with an error, with what they typed) never reaches the others. Status
    changes then go to that personal chat too (its conversation reference is stored)."""
    if not shared:
        await context.send_activity(card_activity(card))
        return
    try:
        sent = await send_privately(context, card_activity(card))
    except Exception:
        log.exception("teams: ohjauskorttia ei voitu lähettää henkilökohtaiseen keskusteluun")
        sent = False
    await context.send_activity(
        text_activity(_local("sent_privately" if sent else "not_private", lang))
    )


def submitted_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The card's input values (Teams merges them into the submit's `value`)."""
    return {f: data[f] if isinstance(data.get(f), str) else "" for f in FIELD_IDS}


def _again(
    runtime: Runtime,
    service_id: str,
    lang: str,
    values: Mapping[str, str],
    errors: Mapping[str, str],
    notice: str,
) -> Element:
    """The form again with what was typed, each error under its field and `notice` on top;
    just the notice if the service can no longer take referrals."""
    try:
        form = runtime.referral_service().form(service_id, lang)
    except BotError as exc:
        return card([paragraph(exc.user_message, color="Attention")], lang)
    return form_card(form, service_id, lang, values, errors, notice)


def submission_card(
    runtime: Runtime, activity: Activity, data: Mapping[str, Any], user: str
) -> Element:
    """Check and store a submitted form; the receipt card, or the form again with errors.
    The idempotency key is the form card's message id (`replyToId`), else the form's own
    random id. Runs in a worker thread (database work)."""
    card_id = activity.reply_to_id or str(data.get("value") or "") or activity.id
    key = f"{activity.conversation.id}|{card_id}"
    lang = language_code(str(data.get("lang") or ""))
    service_id = str(data.get("service") or "")
    values = submitted_values(data)
    reference = activity.get_conversation_reference()
    draft = ReferralDraft(
        service_id=service_id,
        need=values["need"],
        contact_method=values["contact_method"],
        client_contact=values["client_contact"].strip() or None,
        consent=values["consent"] == "true",
        channel="teams",
        professional=user,
        address={
            "conversation_reference": reference.model_dump(
                mode="json", by_alias=True, exclude_none=True
            )
        },
        idempotency_key=key,
        language=lang,
    )
    try:
        receipt = runtime.referral_service().submit(draft)
    except ReferralRefused as exc:
        log.info("teams ohjaus hylätty: %s", ", ".join(sorted(exc.errors)) or "lomake")
        return _again(runtime, service_id, lang, values, exc.errors, exc.user_message)
    except BotError as exc:  # e.g. the database is down: the form stays, with what was typed
        log.warning("teams ohjaus: %s: %s", type(exc).__name__, exc)
        notice = f"{_local('not_saved', lang)} {exc.user_message}".strip()
        return _again(runtime, service_id, lang, values, {}, notice)
    log.info(
        "teams: ohjaus %s %s",
        receipt.reference,
        "tallennettu" if receipt.created else "oli jo tallennettu",
    )
    return receipt_card(receipt, lang)


def mine_card(runtime: Runtime, user: str, lang: str) -> Element:
    """The user's own referrals (runs in a worker thread)."""
    return list_card(runtime.referral_service().mine("teams", user, lang, limit=LIST_LIMIT), lang)
