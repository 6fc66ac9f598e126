"""Background work of `serve`: the outbox sender (contact requests; the referrals'
e-mail) and the daily retention purge (contact requests, referrals, query log).

One daemon thread does both, so a slow SMTP server can delay the purge a
little but nothing else; the web app never waits for either. Every failure
is logged and tried again on the next round.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.background.outbox import OutboxSender, Transport, email_transport, slack_transport
from bot.background.referral_mail import referral_email_transport
from bot.background.referral_notify import ReferralSender, chat_transports
from bot.runtime import Runtime
from bot.settings import Settings
from handlers.contact.service import ContactRequests
from index.errors import BotError
from store.models import utcnow
from store.querylog import purge_query_log
from store.referrals import ReferralStore

log = logging.getLogger(__name__)

__all__ = [
    "PurgeResult",
    "build_referral_sender",
    "build_sender",
    "months_before",
    "run_purge",
    "start_background_jobs",
]

PURGE_EVERY = timedelta(days=1)


@dataclass(frozen=True)
class PurgeResult:
    contact_requests: int  # anonymised
    query_log: int  # deleted
    referrals: int = 0  # need text and client contact erased


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (clamped to the month's end)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=moment.tzinfo)
    last_day = (next_month - timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def run_purge(
    contacts: ContactRequests,
    query_log: sessionmaker[Session],
    settings: Settings,
    *,
    now: datetime | None = None,
) -> PurgeResult:
    """Anonymise contact requests closed before the retention period, erase the need
    text and client contact of referrals older than theirs
    (JARJESTOBOTTI_REFERRAL_RETENTION_DAYS) and delete query-log rows older than theirs.
    Raises `StorageError`."""
    now = now or contacts.clock()
    anonymised = contacts.purge_closed(months_before(now, settings.contact_retention_months))
    deleted = purge_query_log(query_log, now - timedelta(days=settings.query_log_retention_days))
    referral_cutoff = now - timedelta(days=settings.referral_retention_days)
    erased = ReferralStore(query_log).purge(referral_cutoff, now)
    return PurgeResult(anonymised, deleted, erased)


def build_sender(runtime: Runtime, settings: Settings) -> OutboxSender | None:
    """A sender for the transports that are configured (Slack, SMTP), or None."""
    if runtime.contacts is None:
        return None
    role_names = {r.id: r.name for r in runtime.kb.roles.values()}
    transports: dict[str, Transport] = {}
    slack = slack_transport(settings, role_names)
    if slack is not None:
        transports["slack"] = slack
    email = email_transport(settings)
    if email is not None:
        transports["email"] = email
    if not transports:
        log.warning(
            "ilmoitusjono: Slack-kanavaa tai SMTP:tä ei ole määritetty; "
            "ilmoitukset odottavat jonossa"
        )
    return OutboxSender(runtime.contacts.outbox, transports, clock=runtime.ctx.clock)


def build_referral_sender(runtime: Runtime, settings: Settings) -> ReferralSender | None:
    """The referrals' sender: the association's e-mail (SMTP) and the chat notifications
    (`bot.background.referral_notify`: the association's Slack channel, status messages to
    the professional in Slack or Teams); None without a database."""
    if runtime.referrals is None:
        return None
    transports = dict(chat_transports(settings))
    email = referral_email_transport(settings)
    if email is not None:
        transports["referral_email"] = email
    else:
        log.warning("ohjaukset: SMTP:tä ei ole määritetty; järjestöjen ohjaussähköpostit odottavat")
    return ReferralSender(runtime.referrals, transports)


def start_background_jobs(runtime: Runtime, settings: Settings) -> Callable[[], None]:
    """Start the senders and the daily purge in a daemon thread; returns `stop()`."""
    factory, contacts = runtime.ctx.session_factory, runtime.contacts
    if factory is None or contacts is None:
        return lambda: None
    sender = build_sender(runtime, settings)
    referral_sender = build_referral_sender(runtime, settings)
    stop = threading.Event()

    def loop() -> None:
        next_purge = utcnow()
        while not stop.is_set():
            try:
                if sender is not None and sender.transports:
                    while sender.run_once() and not stop.is_set():
                        pass  # a full batch went out: look again at once
                if referral_sender is not None:
                    while referral_sender.run_once() and not stop.is_set():
                        pass
                if utcnow() >= next_purge:
                    result = run_purge(contacts, factory, settings)
                    log.info(
                        "säilytysaika: %d yhteydenottoa anonymisoitu, %d ohjausta tyhjennetty, "
                        "%d kyselylokiriviä poistettu",
                        result.contact_requests,
                        result.referrals,
                        result.query_log,
                    )
                    next_purge = utcnow() + PURGE_EVERY
            except BotError as exc:
                log.warning("taustatyö: %s", exc)
            except Exception:
                log.exception("taustatyö: odottamaton virhe")
            stop.wait(settings.outbox_interval_seconds)

    thread = threading.Thread(target=loop, name="jarjestobotti-jobs", daemon=True)
    thread.start()

    def stop_jobs() -> None:
        stop.set()
        thread.join(timeout=30)

    return stop_jobs
