"""Slack mention injection (issue 13, finding 2): what an anonymous submitter of the public
contact form types never pings a user, a channel or @here in the coordinators' channel.

The request goes the whole way: the form's validation, the contact-request service, the
outbox and the bot's own `WebClient` against the fake Slack Web API.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session, sessionmaker

from bot.background.outbox import OutboxSender, slack_transport
from bot.settings import Settings
from handlers.contact.form import validate_contact_form
from handlers.contact.service import ContactRequests

if TYPE_CHECKING:
    from tests.fake_slack import FakeSlack

pytest_plugins = ["tests.db_fixtures", "tests.fake_slack"]

T0 = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)
# Slack's control sequences: a user or channel mention, @here/@channel, a link. (The form
# refuses `<!…>` and `<http…>` as markup; `<@…>` and `<#…>` it lets through as text.)
CONTROL = re.compile(r"<[@#!]|<https?:")
INJECTED = "Kuoro <@U0ADMIN> <#C0YLEINEN|yleinen> ry"


def mrkdwn_texts(value: Any) -> list[str]:
    """Every text Slack parses as mrkdwn in a message: `text` objects of type mrkdwn."""
    if isinstance(value, dict):
        own = [value["text"]] if value.get("type") == "mrkdwn" else []
        return own + [t for v in value.values() for t in mrkdwn_texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in mrkdwn_texts(v)]
    return []


def test_contact_notification_never_pings_what_the_public_form_typed(
    session_factory: sessionmaker[Session], fake_slack: FakeSlack
) -> None:
    form, errors = validate_contact_form(
        {
            "organisation": INJECTED,
            "contact_person": "Maija <@U0TOINEN>",
            "email": "maija@example.fi",
            "topic": "muu",
            "message": "Hei <@U0ADMIN> ja <#C0YLEINEN>, katsokaa tätä",
            "consent": "on",
        },
        "fi",
    )
    assert form is not None, errors
    service = ContactRequests(session_factory, clock=lambda: T0)
    reference = service.create(form, channel="web", idempotency_key="k1").reference
    settings = Settings(
        slack_bot_token="xoxb-testi", slack_api_url=fake_slack.url, slack_coordinator_channel="C0K"
    )
    transport = slack_transport(settings, {})
    assert transport is not None
    assert OutboxSender(service.outbox, {"slack": transport}, clock=lambda: T0).run_once() == 1

    call = fake_slack.wait_for("chat.postMessage")
    blocks = call.params["blocks"]
    texts = [call.params["text"], *mrkdwn_texts(blocks)]
    assert reference in call.params["text"]
    for text in texts:
        assert not CONTROL.search(text), text
    # What was typed is still shown, as text.
    assert "&lt;@U0ADMIN&gt;" in call.params["text"]
    assert any("&lt;#C0YLEINEN|yleinen&gt;" in t for t in texts)
