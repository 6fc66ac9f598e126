"""Slack side of the common contact form: `/yhteydenotto`, its modal, coordinator buttons.

The modal's submission is validated and stored while Slack waits for the ack,
so an error (a field, or the database being down) is shown in the still-open
modal and nothing the user typed is lost. The request's idempotency key is
the modal's view id: a submission Slack sends twice, or a user pressing
"Lähetä" again after a timeout, finds the first request instead of making a
second one. Coordinators move requests on with the buttons of the channel
notification (`contact_take` / `contact_resolve`, value = reference).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.memory import TtlCache
from bot.slack.core import SlackBot, Target, log
from bot.slack.render import escape
from bot.slack.views import (
    CONTACT_CALLBACK,
    contact_modal,
    modal_metadata,
    submitted_values,
    view_text,
)
from handlers.contact.form import normalise_lang, validate_contact_form
from handlers.contact.service import ContactRequestResult, ContactStatusError
from handlers.contact.texts import next_steps
from handlers.contact.texts import text as contact_text
from handlers.contact.views import status_label
from index.errors import BotError, ConfigError

COORDINATOR_ACTION = re.compile(r"^contact_(take|resolve)(?::.*)?$")
NEW_STATUS = {"take": "kasittelyssa", "resolve": "ratkaistu"}
# `/yhteydenotto ruotsiksi`: the words that open the form in Swedish or English.
_LANG_WORDS = {
    "sv": ("sv", "svenska", "ruotsi", "ruotsiksi"),
    "en": ("en", "english", "englanti", "englanniksi"),
}


def open_contact_form(client: WebClient, trigger_id: str, target: Target, lang: str) -> None:
    """Open the modal (Slack allows it only within 3 s of the user's click or command)."""
    client.views_open(
        trigger_id=trigger_id,
        view=contact_modal(lang, {"channel": target.channel, "user": target.user}),
    )


def command_listener(bot: SlackBot) -> Callable[..., None]:
    def on_yhteydenotto(command: dict[str, Any], client: WebClient) -> None:
        """`/yhteydenotto [sv|en]` → the contact-form modal."""
        target = Target(
            client,
            str(command["channel_id"]),
            str(command["user_id"]),
            None,
            command.get("response_url"),
        )
        word = str(command.get("text") or "").strip().lower()
        lang = next((code for code, names in _LANG_WORDS.items() if word in names), "fi")
        bot.guarded(
            target,
            "/yhteydenotto",
            lambda: open_contact_form(client, str(command["trigger_id"]), target, lang),
        )

    return on_yhteydenotto


def _idempotency_key(view: dict[str, Any]) -> str:
    return f"slack-view:{view.get('id') or view.get('hash')}"


def _store(
    bot: SlackBot, view: dict[str, Any]
) -> tuple[ContactRequestResult | None, dict[str, str], str]:
    """Validate and store a submitted modal: (result, field errors, language)."""
    lang = normalise_lang(modal_metadata(view).get("lang"))
    form, errors = validate_contact_form(submitted_values(view), lang)
    if form is None:
        return None, errors, lang
    contacts = bot.runtime.contacts
    if contacts is None:
        raise ConfigError("yhteydenottoja ei voi tallentaa: tietokantaa ei ole määritetty")
    result = contacts.create(form, channel="slack", idempotency_key=_idempotency_key(view))
    return result, {}, lang


def _done_view(reference: str, lang: str) -> dict[str, Any]:
    lines = [
        f"*{escape(contact_text('done_title', lang))}*",
        f"{escape(contact_text('reference', lang))}: *{escape(reference)}*",
        escape(contact_text("keep_reference", lang)),
        f"*{escape(contact_text('next_title', lang))}*",
        *(f"• {escape(step)}" for step in next_steps(lang)),
    ]
    return {
        "type": "modal",
        "callback_id": f"{CONTACT_CALLBACK}_done",
        "title": {"type": "plain_text", "text": view_text("modal_title", lang)},
        "close": {"type": "plain_text", "text": "OK"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}}],
    }


Receipts = TtlCache[tuple[str, str]]  # view id → (reference, language), ack → receipt


def submission_ack(bot: SlackBot, receipts: Receipts) -> Callable[..., None]:
    def on_submit(ack: Ack, view: dict[str, Any]) -> None:
        """Store the request before acking; errors go back into the open modal."""
        lang = normalise_lang(modal_metadata(view).get("lang"))
        try:
            result, errors, lang = _store(bot, view)
        except BotError as exc:
            log.warning("slack yhteydenotto: %s: %s", type(exc).__name__, exc)
            ack(
                response_action="errors",
                errors={"message": f"{contact_text('not_saved_title', lang)}. {exc.user_message}"},
            )
            return
        except Exception:
            log.exception("slack yhteydenotto: odottamaton virhe")
            ack(response_action="errors", errors={"message": contact_text("not_saved", lang)})
            return
        if result is None:
            ack(response_action="errors", errors=errors)
            return
        log.info(
            "slack: yhteydenotto %s %s",
            result.reference,
            "tallennettu" if result.created else "oli jo tallennettu",
        )
        receipts.put(_idempotency_key(view), (result.reference, lang))
        ack(response_action="update", view=_done_view(result.reference, lang))

    return on_submit


def submission_receipt(bot: SlackBot, receipts: Receipts) -> Callable[..., None]:
    def on_submitted(view: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        """A copy of the reference in the user's DM with the bot, to keep."""
        stored = receipts.get(_idempotency_key(view))
        if stored is None:  # not stored (the modal shows why)
            return
        reference, lang = stored
        user = str(body["user"]["id"])
        target = Target(client, user, user)
        bot.guarded(
            target,
            "yhteydenoton kuittaus",
            lambda: target.send(
                f"{escape(contact_text('done_title', lang))}. "
                f"{escape(contact_text('reference', lang))}: *{escape(reference)}*. "
                f"{escape(contact_text('keep_reference', lang))}"
            ),
        )

    return on_submitted


def coordinator_listener(bot: SlackBot) -> Callable[..., None]:
    def on_coordinator(body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        """'Otan käsittelyyn' / 'Merkitse ratkaistuksi' on a request notification."""
        match = COORDINATOR_ACTION.match(str(action.get("action_id", "")))
        reference = str(action.get("value") or "")
        user = body["user"]
        channel = str((body.get("channel") or {}).get("id") or "")
        message = body.get("message") or {}
        thread = message.get("thread_ts") or message.get("ts")
        target = Target(client, channel, str(user["id"]), thread)
        contacts = bot.runtime.contacts
        if match is None or not reference or contacts is None:
            return
        actor = f"Slack: {user.get('name') or user.get('username') or user['id']}"

        def work() -> None:
            try:
                view = contacts.set_status(reference, NEW_STATUS[match.group(1)], actor=actor)
            except ContactStatusError as exc:
                target.whisper(exc.user_message)
                return
            target.send(
                f"<@{user['id']}>: {escape(view.reference)} → *{escape(status_label(view.status))}*"
            )

        bot.guarded(target, f"yhteydenotto {match.group(1)}", work)

    return on_coordinator


def register(app: App, bot: SlackBot) -> None:
    app.command("/yhteydenotto")(ack=_ack, lazy=[command_listener(bot)])
    receipts: Receipts = TtlCache(ttl=3600, max_items=1000)
    app.view(CONTACT_CALLBACK)(
        ack=submission_ack(bot, receipts), lazy=[submission_receipt(bot, receipts)]
    )
    app.action(COORDINATOR_ACTION)(ack=_ack, lazy=[coordinator_listener(bot)])


def _ack(ack: Ack) -> None:
    ack()
