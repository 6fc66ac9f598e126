"""The outbox sender against a fake Slack Web API and a real local SMTP server (aiosmtpd).

Time is a test clock the sender reads, so backoff and Retry-After are checked
exactly instead of by sleeping.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.background.outbox import OutboxSender, Transport, email_transport, slack_transport
from bot.settings import Settings
from handlers.contact.form import ContactForm
from handlers.contact.outbox import ContactOutbox
from handlers.contact.service import ContactRequests
from store.contact_models import Outbox
from tests.clocks import DateClock
from tests.contact_helpers import T0, contact_form
from tests.http_fakes import free_port
from tests.mail_fakes import Mailbox, smtp_server

if TYPE_CHECKING:
    from tests.fake_slack import FakeSlack

# Fixtures: db_url/session_factory (SQLite + PostgreSQL), fake_slack.
pytest_plugins = ["tests.db_fixtures", "tests.fake_slack"]

FORM = contact_form(
    "Keravan <Kuoro> & co ry",
    "avustukset",
    "Kysymys avustushausta.",
    language="sv",
    phone="+358401234567",
    target_unit="ikaantyneet",
)
ROLE_NAMES = {"avustusvalmistelu": "Järjestöavustusten valmistelu"}


def slack_settings(fake: FakeSlack) -> Settings:
    return Settings(
        slack_bot_token="xoxb-testi", slack_api_url=fake.url, slack_coordinator_channel="C0KOORD"
    )


def slack_sender(factory: sessionmaker[Session], fake: FakeSlack, clock: DateClock) -> OutboxSender:
    transport = slack_transport(slack_settings(fake), ROLE_NAMES)
    assert transport is not None
    return OutboxSender(outbox(factory), {"slack": transport}, clock=clock)


def outbox(factory: sessionmaker[Session]) -> ContactOutbox:
    return ContactRequests(factory, clock=lambda: T0).outbox


def new_request(factory: sessionmaker[Session], key: str = "k1", form: ContactForm = FORM) -> str:
    service = ContactRequests(factory, clock=lambda: T0)
    return service.create(form, channel="web", idempotency_key=key).reference


def rows(factory: sessionmaker[Session], kind: str) -> list[Outbox]:
    with factory() as session:
        return list(session.scalars(select(Outbox).where(Outbox.kind == kind).order_by(Outbox.id)))


def after_failed_post(
    factory: sessionmaker[Session], fake: FakeSlack, status: int, **failure: int
) -> tuple[OutboxSender, DateClock, Outbox]:
    """A new request whose first Slack post answered `status`: its sender, clock and row."""
    new_request(factory)
    clock = DateClock(T0)
    sender = slack_sender(factory, fake, clock)
    fake.fail_next("chat.postMessage", status, **failure)
    assert sender.run_once() == 0
    [row] = rows(factory, "slack")
    return sender, clock, row


def test_new_request_is_posted_with_both_buttons(
    session_factory: sessionmaker[Session], fake_slack: FakeSlack
) -> None:
    reference = new_request(session_factory)
    clock = DateClock(T0)
    assert slack_sender(session_factory, fake_slack, clock).run_once() == 1
    call = fake_slack.wait_for("chat.postMessage")
    assert call.params["channel"] == "C0KOORD"
    assert reference in call.params["text"]
    blocks: list[dict[str, Any]] = call.params["blocks"]
    actions = next(b for b in blocks if b["type"] == "actions")["elements"]
    assert [(a["action_id"], a["value"], a["text"]["text"]) for a in actions] == [
        ("contact_take", reference, "Ota käsittelyyn"),
        ("contact_resolve", reference, "Merkitse ratkaistuksi"),
    ]
    shown = str(blocks)
    assert "Järjestöavustusten valmistelu" in shown and "Avustukset" in shown
    assert "Keravan &lt;Kuoro&gt; &amp; co ry" in shown  # Slack markup escaped
    [row] = rows(session_factory, "slack")
    assert (row.status, row.attempts, row.sent_at) == ("sent", 1, T0)
    assert row.external_id is not None and row.external_id.startswith("1700000000.")  # ts
    # Nothing more to send: a second pass posts nothing.
    assert slack_sender(session_factory, fake_slack, clock).run_once() == 0
    assert len(fake_slack.calls_of("chat.postMessage")) == 1
    # The e-mail row waits untouched while no SMTP server is configured.
    [email_row] = rows(session_factory, "email")
    assert (email_row.status, email_row.attempts) == ("pending", 0)


def test_server_error_is_retried_with_backoff_and_sent_once(
    session_factory: sessionmaker[Session], fake_slack: FakeSlack
) -> None:
    sender, clock, row = after_failed_post(session_factory, fake_slack, 500, times=2)
    assert (row.status, row.attempts, row.next_attempt_at) == (
        "pending",
        1,
        T0 + timedelta(seconds=5),
    )
    assert "500" in (row.last_error or "")
    assert sender.run_once() == 0  # not due yet: no call at all
    assert len(fake_slack.calls) == 1
    clock.advance(5)
    assert sender.run_once() == 0
    [row] = rows(session_factory, "slack")  # second failure: twice as long
    assert row.next_attempt_at == clock.now + timedelta(seconds=10)
    clock.advance(10)
    assert sender.run_once() == 1
    assert len(fake_slack.calls_of("chat.postMessage")) == 1
    assert [c.status for c in fake_slack.calls] == [500, 500, 200]
    assert rows(session_factory, "slack")[0].status == "sent"


def test_rate_limit_waits_as_long_as_retry_after_says(
    session_factory: sessionmaker[Session], fake_slack: FakeSlack
) -> None:
    sender, clock, row = after_failed_post(session_factory, fake_slack, 429, retry_after=30)
    assert row.next_attempt_at == T0 + timedelta(seconds=30)  # not the 5 s backoff
    clock.advance(29)
    assert sender.run_once() == 0 and len(fake_slack.calls) == 1
    clock.advance(1)
    assert sender.run_once() == 1
    assert len(fake_slack.calls_of("chat.postMessage")) == 1


def test_slack_outage_delays_but_loses_nothing(
    session_factory: sessionmaker[Session], fake_slack: FakeSlack
) -> None:
    first, second = new_request(session_factory, "a"), new_request(session_factory, "b")
    clock = DateClock(T0)
    with socket.socket() as closed:  # a port where nothing listens: Slack is down
        closed.bind(("127.0.0.1", 0))
        down = Settings(
            slack_bot_token="xoxb-testi",
            slack_coordinator_channel="C0KOORD",
            slack_api_url=f"http://127.0.0.1:{closed.getsockname()[1]}/api/",
        )
        transport = slack_transport(down, ROLE_NAMES)
        assert transport is not None
        assert (
            OutboxSender(outbox(session_factory), {"slack": transport}, clock=clock).run_once() == 0
        )
    assert [r.status for r in rows(session_factory, "slack")] == ["pending", "pending"]
    clock.advance(3600)
    assert slack_sender(session_factory, fake_slack, clock).run_once() == 2
    posted = [c.params["text"] for c in fake_slack.calls_of("chat.postMessage")]
    assert [first in posted[0], second in posted[1]] == [True, True]


def test_a_claimed_row_is_not_sent_by_another_sender(
    session_factory: sessionmaker[Session], fake_slack: FakeSlack
) -> None:
    new_request(session_factory)
    clock = DateClock(T0)
    seen: list[str] = []

    def crashing(view: Any, item: Any) -> str | None:  # a sender that dies mid-send
        seen.append(view.reference)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        OutboxSender(outbox(session_factory), {"slack": crashing}, clock=clock).run_once()
    assert slack_sender(session_factory, fake_slack, clock).run_once() == 0  # leased
    clock.advance(121)  # the lease ran out: the row is picked up again
    assert slack_sender(session_factory, fake_slack, clock).run_once() == 1
    assert len(seen) == 1 and len(fake_slack.calls_of("chat.postMessage")) == 1


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    with smtp_server(Mailbox()) as served:
        yield served


def mail_transport(port: int) -> Transport:
    transport = email_transport(
        Settings(
            smtp_host="127.0.0.1",
            smtp_port=port,
            smtp_security="none",
            smtp_from="botti@example.fi",
        )
    )
    assert transport is not None
    return transport


def test_confirmation_email_in_the_senders_language(
    session_factory: sessionmaker[Session], smtp: tuple[Mailbox, int]
) -> None:
    mailbox, port = smtp
    reference = new_request(session_factory)
    sender = OutboxSender(
        outbox(session_factory), {"email": mail_transport(port)}, clock=DateClock(T0)
    )
    assert sender.run_once() == 1
    [mail] = mailbox.messages
    assert mailbox.recipients == [["maija@example.fi"]]
    assert mail["To"] == "maija@example.fi" and mail["From"] == "botti@example.fi"
    assert reference in str(mail["Subject"]) and "ärende" in str(mail["Subject"])
    body = mail.get_content()
    assert "Hej Maija Mehiläinen" in body and reference in body and "Understöd" in body
    assert rows(session_factory, "email")[0].status == "sent"
    assert rows(session_factory, "slack")[0].status == "pending"  # Slack not configured here


def test_email_waits_while_the_smtp_server_is_down(session_factory: sessionmaker[Session]) -> None:
    new_request(session_factory, form=replace(FORM, language="fi"))
    clock, port = DateClock(T0), free_port()
    sender = OutboxSender(outbox(session_factory), {"email": mail_transport(port)}, clock=clock)
    assert sender.run_once() == 0
    [row] = rows(session_factory, "email")
    assert row.status == "pending" and "Connection" in (row.last_error or "")
    with smtp_server(Mailbox(), port=port) as (mailbox, _port):
        clock.advance(5)
        assert sender.run_once() == 1
    assert "Hei Maija Mehiläinen" in mailbox.messages[0].get_content()
