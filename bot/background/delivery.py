"""What the outbox senders share: when to try again, and Slack posts a retry can find.

Both the contact requests' sender (`outbox.py`) and the referrals' (`referral_notify.py`)
post to Slack with the row's outbox key in the message metadata, look a post up by that
key before an uncertain retry, read Slack's refusals the same way (429 → wait as asked)
and back off alike.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError


class RetryLater(Exception):
    """The far end asked us to wait `retry_after` seconds (Slack 429)."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def backoff(attempts: int, base: float, most: float) -> float:
    """Seconds before attempt `attempts` + 1: `base`, doubling each time, at most `most`."""
    return float(min(most, base * 2 ** max(0, attempts - 1)))


def slack_failure(exc: SlackApiError) -> Exception:
    """429 → `RetryLater` (as long as Retry-After asks); anything else a plain error."""
    status = exc.response.status_code
    if status == 429:
        retry = exc.response.headers.get("Retry-After") or exc.response.headers.get("retry-after")
        try:
            seconds: float | None = float(retry) if retry else None
        except ValueError:
            seconds = None
        return RetryLater(f"Slack 429 (Retry-After {retry})", seconds)
    return RuntimeError(f"Slack {status}: {exc.response.get('error')}")


def keyed_ts(messages: Any, key: str) -> str | None:
    """The ts of the Slack message among `messages` whose metadata carries outbox `key`."""
    for message in messages or []:
        payload = (message.get("metadata") or {}).get("event_payload") or {}
        if payload.get("outbox_key") == key:
            return str(message.get("ts") or "") or None
    return None


def post_keyed(
    client: Any,
    *,
    channel: str,
    text: str,
    blocks: list[dict[str, Any]],
    event_type: str,
    key: str,
    reference: str,
    thread: str | None = None,
) -> str | None:
    """Post with the outbox key in the message metadata (so a retry can find it); the ts.
    Slack's refusals become `slack_failure`'s errors."""
    try:
        response = client.chat_postMessage(
            channel=channel,
            thread_ts=thread,
            text=text,
            blocks=blocks,
            metadata={
                "event_type": event_type,
                "event_payload": {"outbox_key": key, "reference": reference},
            },
            unfurl_links=False,
            unfurl_media=False,
        )
    except SlackApiError as exc:
        raise slack_failure(exc) from None
    ts = response.get("ts")
    return str(ts) if ts else None
