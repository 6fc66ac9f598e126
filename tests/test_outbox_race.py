"""Two outbox senders racing (issue 13, part F): two real `OutboxSender`s in two threads on
one database (SQLite and PostgreSQL) take on the same due rows, among them rows a crashed
sender left `sending` with its lease run out, one of which it had already posted. Every
notification reaches the fake Slack Web API exactly once and every row ends `sent`."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.background.outbox import OutboxSender, slack_transport
from bot.settings import Settings
from handlers.contact.service import ContactRequests
from store.contact_models import Outbox
from tests.contact_helpers import T0, at, contact_form

if TYPE_CHECKING:
    from tests.fake_slack import FakeSlack

pytest_plugins = ["tests.db_fixtures", "tests.fake_slack"]

REQUESTS = 24
LATER = T0 + timedelta(minutes=5)  # the crashed sender's two-minute lease has run out


def test_two_senders_racing_send_every_notification_once(
    session_factory: sessionmaker[Session], fake_slack: FakeSlack
) -> None:
    service = ContactRequests(session_factory, clock=at(T0))
    references = [
        service.create(
            contact_form(f"Kilpa {n} ry", "tilat", f"Pyyntö {n}."),
            channel="web",
            idempotency_key=f"kilpa-{n}",
        ).reference
        for n in range(REQUESTS)
    ]
    settings = Settings(
        slack_bot_token="xoxb-testi", slack_api_url=fake_slack.url, slack_coordinator_channel="C0K"
    )
    transport = slack_transport(settings, {})
    assert transport is not None
    # A sender claimed three rows and died: after posting the first, before recording it.
    crashed = service.outbox.claim_due({"slack"}, now=T0, lease=timedelta(minutes=2), limit=3)
    assert len(crashed) == 3 and crashed[0].request is not None
    transport(crashed[0].request, crashed[0])

    start = Barrier(2)

    def run(sender: OutboxSender) -> int:
        start.wait()
        sent = idle = 0
        while idle < 3:  # until the other sender has nothing left either
            n = sender.run_once(limit=4)
            sent, idle = sent + n, 0 if n else idle + 1
        return sent

    senders = [
        OutboxSender(
            ContactRequests(session_factory, clock=at(LATER)).outbox,
            {"slack": transport},
            clock=at(LATER),
        )
        for _ in range(2)
    ]
    with ThreadPoolExecutor(2) as pool:
        sent = list(pool.map(run, senders))

    posted = Counter(
        call.params["metadata"]["event_payload"]["reference"]
        for call in fake_slack.calls_of("chat.postMessage")
    )
    assert posted == Counter(references)  # each exactly once, the crashed one included
    assert sum(sent) == REQUESTS  # (the found one counts as sent: it is recorded now)
    with session_factory() as session:
        statuses = session.scalars(select(Outbox.status).where(Outbox.kind == "slack")).all()
    assert statuses == ["sent"] * REQUESTS
