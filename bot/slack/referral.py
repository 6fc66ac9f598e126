"""Slack side of referrals: a card's *Ohjaa asiakas* button, the modal, `/ohjaukset`.

The button opens the modal at once (Slack's trigger lasts 3 s); the modal remembers the
service and where the button was pressed (channel and thread, or the user's DM for an
ephemeral `/jarjesto` answer), which is where the receipt and every later status change
go. The submission is checked and stored by `Referrals.submit` while Slack waits for the
ack, so a refusal (no consent, a henkilötunnus, a malformed phone) is shown in the still
open modal and nothing is stored. The idempotency key is the modal's view id: a second
press of the submit button finds the first referral.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack.core import SlackBot, Target, log
from bot.slack.referral_view import (
    REFERRAL_CALLBACK,
    list_blocks,
    modal_errors,
    receipt_message,
    receipt_modal,
    referral_modal,
    referral_text,
    submitted,
)
from bot.slack.render import escape
from bot.slack.views import modal_metadata
from handlers.referral.model import ReferralDraft, ReferralReceipt, ReferralRefused
from handlers.referral.texts import text
from handlers.texts import language_code
from index.errors import BotError

LIST_COMMAND = "/ohjaukset"
LIST_LIMIT = 20
WAIT_FOR_ACK = 10.0  # seconds; Slack waits 3 s for the ack
_LANG_WORDS = {
    "sv": ("sv", "svenska", "ruotsi", "ruotsiksi"),
    "en": ("en", "english", "englanti", "englanniksi"),
}
Outcome = tuple[ReferralReceipt, str, dict[str, str]]  # receipt, language, where to post it


class Receipts:
    """View key → the submission's outcome (None: refused or sent before), from the ack
    listener to the lazy one that posts the receipt. Bolt starts the lazy listener at the
    same time as the ack listener, so the lazy one waits for the outcome."""

    def __init__(self, max_items: int = 1000) -> None:
        self._done = threading.Condition()
        self._items: dict[str, Outcome | None] = {}
        self.max_items = max_items

    def put(self, key: str, outcome: Outcome | None) -> None:
        with self._done:
            self._items[key] = outcome
            while len(self._items) > self.max_items:
                del self._items[next(iter(self._items))]
            self._done.notify_all()

    def wait(self, key: str, timeout: float = WAIT_FOR_ACK) -> Outcome | None:
        with self._done:
            self._done.wait_for(lambda: key in self._items, timeout)
            return self._items.pop(key, None)


def address_of(target: Target) -> dict[str, str]:
    """Where the receipt and status changes go: the thread of the button in a direct
    message; from a channel others read (or an ephemeral answer, which can't be replied
    to), the user's DM with the bot: an association's note about the client is not for the
    channel (as in Teams, where a channel's referral goes on in the personal chat)."""
    if target.response_url or not target.channel.startswith("D"):
        return {"channel": target.user}
    return {
        "channel": target.channel,
        **({"thread_ts": target.thread_ts} if target.thread_ts else {}),
    }


def open_referral_form(
    bot: SlackBot, client: WebClient, trigger_id: str, target: Target, service_id: str, lang: str
) -> None:
    """The modal for one service; a service that can't take referrals is told privately."""
    try:
        form = bot.runtime.referral_service().form(service_id, lang)
    except ReferralRefused as exc:
        target.whisper(escape(exc.user_message))
        return
    where = address_of(target)
    meta = {"service": service_id, "channel": where["channel"], "thread": where.get("thread_ts")}
    client.views_open(trigger_id=trigger_id, view=referral_modal(form, lang, meta))


def _key(view: dict[str, Any]) -> str:
    return f"slack-view:{view.get('id') or view.get('hash')}"


def _draft(view: dict[str, Any], user: str) -> tuple[ReferralDraft, dict[str, str]]:
    meta = modal_metadata(view)
    values = submitted(view)
    address = {"channel": meta.get("channel") or user}
    if meta.get("thread"):
        address["thread_ts"] = meta["thread"]
    draft = ReferralDraft(
        service_id=meta.get("service", ""),
        need=values["need"],
        contact_method=values["contact_method"],
        client_contact=values["client_contact"].strip() or None,
        consent=values["consent"] == "on",
        channel="slack",
        professional=user,
        address=dict(address),
        idempotency_key=_key(view),
        language=language_code(meta.get("lang")),
    )
    return draft, address


def submission_ack(bot: SlackBot, receipts: Receipts) -> Callable[..., None]:
    def on_submit(ack: Ack, view: dict[str, Any], body: dict[str, Any]) -> None:
        """Store the referral before acking; a refusal goes back into the open modal."""
        draft, address = _draft(view, str(body["user"]["id"]))
        outcome: Outcome | None = None
        try:
            outcome = _submit(bot, ack, draft, address)
        finally:
            receipts.put(_key(view), outcome)  # the lazy listener waits for it

    return on_submit


def _submit(
    bot: SlackBot, ack: Ack, draft: ReferralDraft, address: dict[str, str]
) -> Outcome | None:
    """Submit and ack: the receipt modal, or the errors in the open one."""
    lang = draft.language
    try:
        receipt = bot.runtime.referral_service().submit(draft)
    except ReferralRefused as exc:
        log.info("slack ohjaus hylätty: %s", ", ".join(sorted(exc.errors)) or "lomake")
        ack(response_action="errors", errors=modal_errors(exc.errors, exc.user_message))
        return None
    except BotError as exc:
        log.warning("slack ohjaus: %s: %s", type(exc).__name__, exc)
        message = f"{referral_text('not_saved', lang)} {exc.user_message}".strip()
        ack(response_action="errors", errors={"need": message})
        return None
    except Exception:
        log.exception("slack ohjaus: odottamaton virhe")
        ack(response_action="errors", errors={"need": referral_text("not_saved", lang)})
        return None
    log.info(
        "slack: ohjaus %s %s",
        receipt.reference,
        "tallennettu" if receipt.created else "oli jo tallennettu",
    )
    ack(response_action="update", view=receipt_modal(receipt, text("refer", lang), lang))
    return (receipt, lang, address) if receipt.created else None


def submission_receipt(bot: SlackBot, receipts: Receipts) -> Callable[..., None]:
    def on_submitted(view: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        """The receipt where the button was pressed: the card's thread, or the DM."""
        stored = receipts.wait(_key(view))
        if stored is None:  # refused (the modal shows why), or sent before
            return
        receipt, lang, address = stored
        user = str(body["user"]["id"])
        target = Target(client, address["channel"], user, address.get("thread_ts"))
        fallback, blocks = receipt_message(receipt, lang)
        bot.guarded(target, "ohjauksen kuittaus", lambda: target.send(fallback, blocks))

    return on_submitted


def list_listener(bot: SlackBot) -> Callable[..., None]:
    def on_ohjaukset(command: dict[str, Any], client: WebClient) -> None:
        """`/ohjaukset [sv|en]` → the user's own referrals, only the user sees them."""
        user = str(command["user_id"])
        target = Target(client, str(command["channel_id"]), user, None, command.get("response_url"))
        word = str(command.get("text") or "").strip().lower()
        lang = next((code for code, names in _LANG_WORDS.items() if word in names), "fi")

        def work() -> None:
            views = bot.runtime.referral_service().mine("slack", user, lang, limit=LIST_LIMIT)
            blocks = list_blocks(views, lang, LIST_LIMIT)
            target.respond_raw(text=escape(text("mine_title", lang)), blocks=blocks)

        bot.guarded(target, LIST_COMMAND, work)

    return on_ohjaukset


def register(app: App, bot: SlackBot) -> None:
    receipts = Receipts()
    app.view(REFERRAL_CALLBACK)(
        ack=submission_ack(bot, receipts), lazy=[submission_receipt(bot, receipts)]
    )
    app.command(LIST_COMMAND)(ack=_ack, lazy=[list_listener(bot)])


def _ack(ack: Ack) -> None:
    ack()
