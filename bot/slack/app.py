"""The Slack app (slack-bolt), in HTTP or Socket Mode, from settings.

HTTP mode: events, interactions and slash commands all arrive at
`POST /slack/events` of the `serve` app (a route handed to `create_app`);
bolt checks the signature (`v0:timestamp:body`, HMAC-SHA256 with the signing
secret) and rejects timestamps older than five minutes with 401.
Socket Mode: `serve` connects out to Slack with the app-level token, for
deployments without a public URL. The Web API base URL comes from settings,
so tests point the very same client at a fake server.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from slack_bolt import App, BoltResponse
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk.errors import SlackApiError
from starlette.concurrency import run_in_threadpool

from bot.runtime import Runtime
from bot.settings import PREFIX, Settings
from bot.slack import actions as slack_actions
from bot.slack import contact as slack_contact
from bot.slack import events as slack_events
from bot.slack import referral as slack_referral
from bot.slack.client import slack_client
from bot.slack.core import SlackBot
from index.errors import ConfigError

log = logging.getLogger("bot.slack")
EVENTS_PATH = "/slack/events"


def slack_configured(settings: Settings) -> bool:
    """Slack is on when any of its secrets is set (then all it needs must be)."""
    return bool(
        settings.slack_bot_token
        or settings.slack_signing_secret
        or settings.slack_app_token
        or settings.slack_mode == "socket"
    )


def check_slack_settings(settings: Settings) -> None:
    """Name every missing variable at once, so one restart fixes them all."""
    missing = []
    if not settings.slack_bot_token:
        missing.append(f"{PREFIX}SLACK_BOT_TOKEN")
    if settings.slack_mode == "socket":
        if not settings.slack_app_token:
            missing.append(f"{PREFIX}SLACK_APP_TOKEN (Socket Mode tarvitsee xapp-tunnuksen)")
    elif not settings.slack_signing_secret:
        missing.append(f"{PREFIX}SLACK_SIGNING_SECRET")
    if missing:
        raise ConfigError(
            "Slack-yhteydestä puuttuu asetus: "
            + ", ".join(missing)
            + f" ({PREFIX}SLACK_MODE={settings.slack_mode})"
        )


def drop_repeats(bot: SlackBot) -> Any:
    """Middleware: an event already taken on (Slack retry, same `event_id`) is acked, not
    answered again. Runs after bolt's signature check, so forged ids can't block real ones."""

    def middleware(body: dict[str, Any], next_: Any, request: Any) -> BoltResponse | None:
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id and not bot.claim(f"event:{event_id}"):
            retry = request.headers.get("x-slack-retry-num", [""])
            log.info(
                "slack: toistettu tapahtuma %s ohitettu (retry %s)",
                event_id,
                retry[0] if retry else "",
            )
            return BoltResponse(status=200, body="")
        next_()
        return None

    return middleware


def build_slack_app(settings: Settings, runtime: Runtime) -> tuple[App, SlackBot]:
    check_slack_settings(settings)
    client = slack_client(settings)
    socket = settings.slack_mode == "socket"
    app = App(
        name="jarjestobotti",
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        request_verification_enabled=not socket,
        process_before_response=False,  # ack first, lazy listeners do the work
        token_verification_enabled=False,  # start even when Slack is briefly unreachable
    )
    bot = SlackBot(runtime, settings)
    app.middleware(drop_repeats(bot))
    slack_events.register(app, bot)
    slack_actions.register(app, bot)
    slack_contact.register(app, bot)
    slack_referral.register(app, bot)

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("slack: käsittelemätön virhe (%s): %s", body.get("type"), error)

    return app, bot


def slack_router(app: App) -> APIRouter:
    """`POST /slack/events`: bolt's dispatch (signature check, ack) off the event loop."""
    router = APIRouter()

    @router.post(EVENTS_PATH, include_in_schema=False)
    async def slack_events_endpoint(request: Request) -> Response:
        body = await request.body()  # size and shape checked by `bot.guards.BodyGuard`
        bolt_response = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(bolt_response)

    return router


@dataclass
class SlackSurface:
    """What `serve` needs: routes to mount, and start/stop for Socket Mode."""

    app: App | None = None
    bot: SlackBot | None = None
    mode: str = "off"
    routes: list[APIRouter] = field(default_factory=list)
    app_token: str | None = None
    _handler: Any = None

    def start(self) -> None:
        if self.mode == "socket" and self.app is not None:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            handler = SocketModeHandler(self.app, self.app_token)
            try:
                handler.connect()  # type: ignore[no-untyped-call]  # returns at once; runs in threads
            except SlackApiError as exc:
                raise ConfigError(
                    f"Slackin Socket Mode -yhteys ei auennut "
                    f"({exc.response.get('error')}): tarkista "
                    f"{PREFIX}SLACK_APP_TOKEN"
                ) from None
            self._handler = handler
            log.info("slack: Socket Mode -yhteys avattu")

    def stop(self) -> None:
        if self._handler is not None:
            self._handler.close()
            self._handler = None


def slack_surface(settings: Settings, runtime: Runtime) -> SlackSurface:
    """Slack as `serve` runs it: off, an HTTP route, or a Socket Mode connection."""
    if not slack_configured(settings):
        return SlackSurface()
    app, bot = build_slack_app(settings, runtime)
    if settings.slack_mode == "socket":
        return SlackSurface(app, bot, "socket", app_token=settings.slack_app_token)
    return SlackSurface(app, bot, "http", [slack_router(app)])
