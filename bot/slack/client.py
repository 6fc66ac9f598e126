"""The one way to build a Slack Web API client from settings.

The bot token and the API base URL come from settings, so the Slack app, the
contact-request outbox and the knowledge-reload notifier all reach the same
Slack (in tests, the same fake server).
"""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.settings import Settings


def retry_handlers() -> list[Any]:
    """Connection resets are retried; 429 waits for `Retry-After` and tries again."""
    return [ConnectionErrorRetryHandler(), RateLimitErrorRetryHandler(max_retry_count=3)]


def slack_client(settings: Settings, *, timeout: int = 30, wait_on_429: bool = True) -> WebClient:
    """A client with the bot token. Without `wait_on_429`, a rate limit raises at once (the
    outbox schedules its own later attempt instead of blocking its worker)."""
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=retry_handlers() if wait_on_429 else None,  # None: the SDK's default
    )
