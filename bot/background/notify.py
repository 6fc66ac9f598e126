"""Telling coordinators that a saved change was not taken into use, and why.

The message goes to the log always and to the coordinators' Slack channel
(`JARJESTOBOTTI_SLACK_COORDINATOR_CHANNEL`) when Slack is configured. It lists
every problem as file:line, field, what is wrong and how to fix it, so the
person who saved the file can fix it without asking anyone.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot.background.status import ReloadStatus
from bot.settings import Settings
from bot.slack.render import escape

log = logging.getLogger(__name__)

Notify = Callable[[str], None]
HELSINKI = ZoneInfo("Europe/Helsinki")
MAX_LISTED = 25  # a Slack message stays readable; the status page lists them all


def local_time(iso_or_dt: str | dt.datetime | None) -> str:
    """`12.3.2025 klo 14.05` in Finnish time, or "ei tiedossa"."""
    if not iso_or_dt:
        return "ei tiedossa"
    try:
        moment = (
            iso_or_dt
            if isinstance(iso_or_dt, dt.datetime)
            else dt.datetime.fromisoformat(iso_or_dt)
        )
    except ValueError:
        return str(iso_or_dt)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(HELSINKI)
    return f"{local.day}.{local.month}.{local.year} klo {local.hour}.{local.minute:02d}"


def failure_message(status: ReloadStatus) -> str:
    """Finnish, plain text (Slack mrkdwn-safe): what failed and what is still served."""
    head = "Tietopohjan muutosta ei otettu käyttöön"
    if status.problems:
        count = len(status.problems)
        head += f": {'1 virhe' if count == 1 else f'{count} virhettä'}."
    else:
        head += f": hakemiston rakentaminen epäonnistui ({status.error})."
    lines = [
        head,
        f"Botti vastaa edelleen edellisellä versiolla (rakennettu "
        f"{local_time(status.built_at)}). Korjaa tiedosto ja tallenna uudelleen:",
    ]
    for problem in status.problems[:MAX_LISTED]:
        lines.append(f"• {problem}")
    if len(status.problems) > MAX_LISTED:
        lines.append(f"… ja {len(status.problems) - MAX_LISTED} muuta (ks. /admin/tila).")
    return escape("\n".join(lines))


def recovery_message(status: ReloadStatus) -> str:
    return escape(
        f"Tietopohja on taas kunnossa ja käytössä: {status.documents} dokumenttia, "
        f"rakennettu {local_time(status.built_at)}."
    )


def slack_notifier(settings: Settings) -> Notify | None:
    """Posts to the coordinators' channel; None when Slack or the channel isn't set."""
    channel, token = settings.slack_coordinator_channel, settings.slack_bot_token
    if not channel or not token:
        return None
    from slack_sdk.errors import SlackApiError

    from bot.slack.client import slack_client

    client = slack_client(settings)

    def post(text: str) -> None:
        try:
            client.chat_postMessage(channel=channel, text=text, unfurl_links=False)
        except (SlackApiError, OSError) as exc:
            log.warning("tietopohjan tilaviestiä ei saatu Slackiin: %s", exc)

    return post
