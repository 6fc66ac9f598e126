"""Every surface `serve` mounts (web chat, Slack over HTTP, Teams in anonymous dev mode,
the contact form) on one live server, for tests of what all of them share.

Use from a test module:

    from tests import all_surfaces
    with all_surfaces.serve(runtime, fake_slack, slack_answer_workers=1) as s:
        s.http.post("/api/chat", ...); s.slack.event(...); s.bot.answers ...
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from bot.runtime import Runtime
from bot.slack.app import slack_surface
from bot.slack.core import SlackBot
from bot.teams.app import teams_surface
from bot.web.app import create_app
from bot.web.contact import contact_routes
from tests import slack_requests
from tests.fake_slack import FakeSlack
from tests.runtime_fixtures import live_server


@dataclass
class Served:
    http: httpx.Client  # on the app's base URL
    slack: slack_requests.Slack  # signed Slack requests to /slack/events
    bot: SlackBot  # the Slack adapter (its answer queue)


@contextmanager
def serve(runtime: Runtime, fake_slack: FakeSlack, **settings: Any) -> Iterator[Served]:
    """The app with every surface, its Slack Web API at `fake_slack` (Teams replies go to
    each activity's `serviceUrl`); `settings` override the runtime's."""
    conf = runtime.settings.model_copy(
        update={
            "slack_bot_token": slack_requests.TOKEN,
            "slack_signing_secret": slack_requests.SECRET,
            "slack_api_url": fake_slack.url,
            "teams_allow_anonymous": True,
            **settings,
        }
    )
    slack, teams = slack_surface(conf, runtime), teams_surface(conf, runtime)
    assert slack.bot is not None
    routes = [*slack.routes, *teams.routes, *contact_routes(runtime)]
    with (
        live_server(create_app(runtime, extra_routes=routes)) as base,
        httpx.Client(base_url=base, timeout=60) as http,
    ):
        yield Served(http, slack_requests.Slack(http, fake_slack), slack.bot)
