"""Teams settings → the Agents SDK's authentication: what is checked, and with what.

Teams is on when its app id (or any credential) is set, or in anonymous dev
mode; the credentials then come as a set (app id, password, tenant). The SDK
validates incoming Bot Framework tokens against the same configuration that
MSAL uses for the replies' outgoing tokens.
"""

from __future__ import annotations

import logging

from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import (
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    ClaimsIdentity,
    ConnectionManager,
    Connections,
    OutboundHostValidator,
)
from microsoft_agents.hosting.core.authorization.jwt import _authorize_request
from microsoft_agents.hosting.core.http import HttpResponse

from bot.settings import PREFIX, Settings
from index.errors import ConfigError

log = logging.getLogger("bot.teams")
SERVICE_CONNECTION = "SERVICE_CONNECTION"
# Where Azure Bot Service's connector lives (an activity's `serviceUrl`): Teams in the
# public cloud and GCC / GCC High / DoD, and the Bot Framework channels. Narrower than the
# SDK's default list, which also trusts hosts anyone can rent a name under
# (`*.blob.core.windows.net`, `*.sharepoint.com`, …): our reply token must never go there.
SERVICE_URL_HOSTS = (
    "smba.trafficmanager.net",
    "botframework.com",
    "botframework.azure.us",
    "smba.infra.gcc.teams.microsoft.com",
    "smba.infra.gov.teams.microsoft.us",
    "smba.infra.dod.teams.microsoft.us",
)
REFUSED = {"error": "Invalid token or authentication failed."}


def teams_configured(settings: Settings) -> bool:
    """Teams is on when its app id (or any credential) is set, or in anonymous dev mode."""
    return bool(
        settings.teams_app_id
        or settings.teams_app_password
        or settings.teams_tenant_id
        or settings.teams_allow_anonymous
    )


def check_teams_settings(settings: Settings) -> None:
    """Credentials come as a set: name every missing one at once."""
    given = (settings.teams_app_id, settings.teams_app_password, settings.teams_tenant_id)
    if settings.teams_allow_anonymous and not any(given):
        return
    missing = [
        f"{PREFIX}TEAMS_{name}"
        for name, value in zip(("APP_ID", "APP_PASSWORD", "TENANT_ID"), given, strict=True)
        if not value
    ]
    if missing:
        raise ConfigError("Teams-yhteydestä puuttuu asetus: " + ", ".join(missing))


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    """What the SDK validates incoming tokens against (and MSAL gets outgoing ones with)."""
    return AgentAuthConfiguration(
        client_id=settings.teams_app_id,
        tenant_id=settings.teams_tenant_id,
        client_secret=settings.teams_app_password,
        connection_name=SERVICE_CONNECTION,
        anonymous_allowed=settings.teams_allow_anonymous,
    )


async def authorize(header: str | None, config: AgentAuthConfiguration) -> ClaimsIdentity | int:
    """The caller's identity, or the HTTP status to refuse it with (401; 500 only when
    the configuration is missing). The SDK's own check turns a bad signature, audience or
    issuer into 401, but lets other errors of a malformed token escape (a header without
    `kid` raises `KeyError`): any of them is one log line and 401 here, never a traceback."""
    try:
        outcome = await _authorize_request(header, config)
    except Exception as exc:  # an attacker's token: refuse it, don't crash
        log.warning("teams: tunniste hylätty (%s)", type(exc).__name__)
        return 401
    if isinstance(outcome, HttpResponse):
        return outcome.status_code
    return outcome


def connection_manager(config: AgentAuthConfiguration) -> Connections:
    """MSAL client credentials for replies; without a secret (anonymous dev mode) none."""
    if config.CLIENT_SECRET:
        return MsalConnectionManager(connections_configurations={SERVICE_CONNECTION: config})
    return ConnectionManager(
        lambda _c: AnonymousTokenProvider(), connections_configurations={SERVICE_CONNECTION: config}
    )


def service_url_validator(settings: Settings) -> OutboundHostValidator:
    """Which `serviceUrl`s the bot answers to: with a client secret (replies carry our
    token) only https on `SERVICE_URL_HOSTS`, anything else is refused with 401 before the
    bot runs; without one (anonymous dev mode: no token to leak) any, e.g. a local emulator."""
    return OutboundHostValidator(
        list(SERVICE_URL_HOSTS),
        enabled=bool(settings.teams_app_password),
        include_default_microsoft_hosts=False,
    )
