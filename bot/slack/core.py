"""What every Slack listener shares: where a reply goes, and never failing silently.

Listeners (`bot/slack/events.py`, `actions.py`, `contact.py`)
translate a Slack payload into `Incoming` + `Target`, and hand the work to
`SlackBot`, which asks the router, renders Block Kit and posts. The router
turns its own failures into the apology; a failure to post (or any other in
listener work) is logged here and met with the same apology where the user
asked, so a question is never met with silence.
"""

from __future__ import annotations

import html
import logging
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.memory import SeenKeys, TtlCache
from bot.redis_memory import shared_memory
from bot.runtime import Runtime
from bot.settings import Settings
from bot.slack.client import retry_handlers
from bot.slack.render import (
    Block,
    escape,
    fallback_text,
    private_notice_blocks,
    render_blocks,
    share_actions,
)
from bot.work_pool import WorkPool
from handlers.limits import busy_text
from handlers.messages import Incoming, Reply
from handlers.privacy import identifies_client, scrub
from index.errors import BotError

log = logging.getLogger("bot.slack")
PLATFORM = "slack"
_USER_LINK = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL_LINK = re.compile(r"<#[CG][A-Z0-9]+\|([^>]*)>")
_URL_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!([a-z]+)(?:\|[^>]*)?>")
NOTICE_WORKERS = 2  # busy notes go out on their own threads, ahead of any waiting answer
NOTE_FIRST_S = 5.0  # a waiting answer starts only after its busy note was sent (or this long)


def plain_text(text: str) -> str:
    """Slack's message markup → what a person typed: @mentions dropped (the bot's own,
    and ids that mean nothing to a search), links and channel names as their labels,
    entities unescaped."""
    text = _USER_LINK.sub("", text)
    text = _CHANNEL_LINK.sub(lambda m: "#" + m.group(1), text)
    text = _URL_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _SPECIAL.sub("", text)
    return re.sub(r"[ \t]{2,}", " ", html.unescape(text)).strip()


@dataclass
class Target:
    """Where a reply goes: a channel thread / DM, or the user's ephemeral `response_url`."""

    client: WebClient
    channel: str
    user: str
    thread_ts: str | None = None
    response_url: str | None = None  # set: answers are ephemeral, only the user sees them
    shared: bool = False  # a channel others read (the privacy nudge), not a DM

    def respond_raw(self, **message: Any) -> None:
        """POST to the response_url (ephemeral by default; e.g. delete_original=True)."""
        assert self.response_url is not None
        hook = WebhookClient(self.response_url, retry_handlers=retry_handlers())
        resp = hook.send_dict({"response_type": "ephemeral", "replace_original": False, **message})
        if resp.status_code != 200:
            raise RuntimeError(f"response_url vastasi {resp.status_code}: {resp.body[:200]}")

    def send(self, text: str, blocks: list[Block] | None = None) -> str | None:
        """Post the reply; returns the message ts (None for ephemeral answers)."""
        if self.response_url:
            self.respond_raw(text=text, blocks=blocks or [])
            return None
        resp = self.client.chat_postMessage(
            channel=self.channel,
            thread_ts=self.thread_ts,
            text=text,
            blocks=blocks,
            unfurl_links=False,
            unfurl_media=False,
        )
        ts = resp.get("ts")
        return str(ts) if ts else None

    def whisper(self, text: str) -> None:
        """A note only the user sees (feedback thanks, errors on a button)."""
        if self.response_url:
            self.respond_raw(text=text)
        else:
            self.client.chat_postEphemeral(
                channel=self.channel, user=self.user, text=text, thread_ts=self.thread_ts
            )

    def incoming(self, text: str, thread: str | None = None) -> Incoming:
        return Incoming(
            PLATFORM,
            self.user,
            self.channel,
            text,
            thread if thread is not None else self.thread_ts,
            shared=self.shared,
        )


@dataclass(frozen=True)
class Shared:
    """An ephemeral answer kept for 'Jaa kanavalle'."""

    question: str
    text: str
    blocks: list[Block]
    asked: Incoming  # its buttons go on in the channel where it is shared
    language: str


class SlackBot:
    """The adapter's state: runtime, dedup memory, answers waiting to be shared."""

    def __init__(self, runtime: Runtime, settings: Settings) -> None:
        self.runtime = runtime
        self.router = runtime.router
        self.settings = settings
        self.seen = SeenKeys(ttl=3600, memory=shared_memory(settings), namespace="slack:seen")
        self.shares: TtlCache[Shared] = TtlCache(ttl=24 * 3600, max_items=2000)
        waiting = settings.slack_answer_queue
        self.answers = WorkPool("slack-vastaukset", settings.slack_answer_workers, waiting)
        self.notices = WorkPool("slack-kiire", NOTICE_WORKERS, max(100, 2 * waiting))

    def claim(self, key: str) -> bool:
        return self.seen.claim(key)

    def deliver(self, reply: Reply, target: Target, msg: Incoming | None = None) -> str | None:
        """Render and post a reply; ephemeral answers get a 'Jaa kanavalle' button."""
        text = fallback_text(reply)
        if reply.failure is not None:  # the apology: plain text, nothing to share
            return target.send(text)
        extra: list[Block] = []
        if target.response_url and msg is not None and reply.intent != "feedback":
            key = uuid.uuid4().hex
            # "Jaa kanavalle" quotes the question in the channel: never a client's details.
            asked = scrub(msg.text) if identifies_client(msg.text) else msg.text
            self.shares.put(key, Shared(asked, text, render_blocks(reply), msg, reply.language))
            extra = share_actions(key, reply.language)
        ts = target.send(text, render_blocks(reply, extra))
        if reply.private_notice is not None:  # the privacy nudge: only the sender sees it
            target.client.chat_postEphemeral(
                channel=target.channel,
                user=target.user,
                thread_ts=target.thread_ts,
                text=escape(reply.private_notice.text),
                blocks=private_notice_blocks(reply.private_notice),
            )
        return ts

    def answer(
        self, msg: Incoming, target: Target, work: Callable[[], Reply] | None = None
    ) -> None:
        """Ask the router (`work`, by default the question in `msg`) and post what it says."""
        self.deliver(self.router.answer(msg, work), target, msg)

    def later(self, target: Target, what: str, fn: Callable[[], object]) -> None:
        """Answering work (`fn`: the router, posting) into the bounded answer queue. A question
        that has to wait is told so at once; one the queue has no room for, to ask again."""
        noted = threading.Event()

        def answer() -> None:
            noted.wait(NOTE_FIRST_S)  # the busy note comes before the answer
            self.guarded(target, what, fn)

        admitted = self.answers.submit(answer)
        if admitted == "started":
            noted.set()
            return
        if admitted == "refused":
            log.warning(
                "slack %s: vastausjono täynnä (%d odottaa), pyydetään kysymään uudelleen",
                what,
                self.answers.waiting,
            )
        key = "busy" if admitted == "queued" else "too_busy"

        def tell() -> None:
            try:
                target.whisper(busy_text(key, self.router.language_of(target.incoming(""))))
            except Exception as exc:
                log.warning("slack: kiireilmoitus epäonnistui (kanava %s): %s", target.channel, exc)
            finally:
                noted.set()

        if self.notices.submit(tell) == "refused":
            noted.set()
            log.warning("slack %s: kiireilmoituksia jonossa liikaa, tämä jäi lähettämättä", what)

    def guarded(self, target: Target | None, what: str, fn: Callable[[], object]) -> None:
        """Run listener work; on any error (posting failed…) log it and apologise."""
        try:
            fn()
        except BotError as exc:
            log.warning("slack %s: %s: %s", what, type(exc).__name__, exc)
            self._apologise(target, exc)
        except Exception as exc:
            log.exception("slack %s: odottamaton virhe", what)
            self._apologise(target, exc)

    def _apologise(self, target: Target | None, error: Exception) -> None:
        if target is None:
            return
        try:
            target.send(fallback_text(self.router.apology(target.incoming(""), error)))
        except Exception:
            log.exception("slack: pahoittelun lähetys epäonnistui (kanava %s)", target.channel)
