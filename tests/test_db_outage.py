"""A database that could not be written for a while (a disk remounted read-only,
a full volume) and then came back.

SQLite opens a connection read-only when its file can't be written, and such a
connection never learns to write again: kept in the pool, it made every write
fail long after the outage. Here the file is made unwritable (`chattr +i`, which
holds for root too), the pool's connections of before are closed as if the pool
had grown during the outage, and then the file is given back.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from sqlalchemy import Engine, select

from bot.background.outbox import OutboxSender, slack_transport
from bot.runtime import Runtime
from bot.settings import Settings
from handlers.contact.outbox import OutboxItem
from handlers.contact.service import ContactRequests
from handlers.contact.views import ContactRequestView
from index.errors import StorageError
from store.contact_models import Outbox
from store.db import make_engine, make_session_factory, migrate
from tests.clocks import DateClock
from tests.contact_helpers import contact_form
from tests.served_runtime import runtime_fixture, served_web_app

if TYPE_CHECKING:
    from tests.fake_slack import FakeSlack

pytest_plugins = ["tests.fake_slack"]

runtime = runtime_fixture("outage")
T0 = datetime(2025, 9, 1, 7, 0, tzinfo=UTC)
FORM = contact_form("Kerhotalo ry", "tilat", "Tarvitsemme kerhotilan torstaisin.")


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """`path` can't be written, not even by root, until the block ends."""
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"chattr +i ei onnistu tässä tiedostojärjestelmässä: {done.stderr!r}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(mode)


def sqlite_file(engine: Engine) -> Path:
    assert engine.url.database
    return Path(engine.url.database)


def test_writes_and_readiness_recover_after_a_write_outage(runtime: Runtime) -> None:
    contacts = runtime.contact_requests()
    with served_web_app(runtime) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert client.get("/readyz").status_code == 200
        with unwritable(sqlite_file(runtime.engine)):
            runtime.engine.dispose()  # the connections of before the outage are gone
            ready = client.get("/readyz")
            assert ready.status_code == 503  # readable, but it can't store anything
            assert ready.json()["database"] is False
            with pytest.raises(StorageError):
                contacts.create(FORM, channel="web", idempotency_key="kesken-katkon")
        # the file is writable again: the very next write succeeds, and readiness says so
        stored = contacts.create(FORM, channel="web", idempotency_key="katkon-jalkeen")
        assert stored.created and contacts.get(stored.reference) is not None
        assert client.get("/readyz").status_code == 200


@pytest.fixture
def outage_db(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'outbox.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


def sender_losing_the_disk(
    outbox_service: ContactRequests, engine: Engine, fake: FakeSlack, outage: ExitStack
) -> OutboxSender:
    """A sender whose database becomes unwritable right after its first Slack post."""
    settings = Settings(
        slack_bot_token="xoxb-testi", slack_api_url=fake.url, slack_coordinator_channel="C0K"
    )
    slack = slack_transport(settings, {})
    assert slack is not None

    sent: list[str | None] = []

    def send(view: ContactRequestView, item: OutboxItem) -> str | None:
        sent.append(slack(view, item))
        if len(sent) == 1:
            engine.dispose()
            outage.enter_context(unwritable(sqlite_file(engine)))
        return sent[-1]

    return OutboxSender(outbox_service.outbox, {"slack": send}, clock=outbox_service.clock)


def slack_row(engine: Engine) -> Outbox:
    with make_session_factory(engine)() as session:
        row = session.scalar(select(Outbox).where(Outbox.kind == "slack"))
        assert row is not None
        return row


def test_a_send_the_database_could_not_record_is_not_posted_again(
    outage_db: Engine, fake_slack: FakeSlack
) -> None:
    clock = DateClock(T0)
    service = ContactRequests(make_session_factory(outage_db), clock=clock)
    service.create(FORM, channel="web", idempotency_key="k1")
    with ExitStack() as outage:
        sender = sender_losing_the_disk(service, outage_db, fake_slack, outage)
        assert sender.run_once() == 1  # posted; recording it failed
        for _ in range(3):  # passes during the outage, long past the lease
            clock.now += timedelta(minutes=10)
            assert sender.run_once() == 0
    clock.now += timedelta(minutes=10)
    assert sender.run_once() == 0  # the disk is back: the post is recorded, not repeated
    [post] = fake_slack.calls_of("chat.postMessage")
    row = slack_row(outage_db)
    assert (row.status, row.external_id) == ("sent", post.response["ts"])


def test_a_row_left_sending_by_a_dead_sender_is_found_on_slack_not_reposted(
    outage_db: Engine, fake_slack: FakeSlack
) -> None:
    clock = DateClock(T0)
    service = ContactRequests(make_session_factory(outage_db), clock=clock)
    reference = service.create(FORM, channel="web", idempotency_key="k1").reference
    with ExitStack() as outage:
        dying = sender_losing_the_disk(service, outage_db, fake_slack, outage)
        assert dying.run_once() == 1  # posted, not recorded, and then the process died
    assert slack_row(outage_db).status == "sending"
    clock.now += timedelta(minutes=3)  # its lease ran out
    settings = Settings(
        slack_bot_token="xoxb-testi", slack_api_url=fake_slack.url, slack_coordinator_channel="C0K"
    )
    slack = slack_transport(settings, {})
    assert slack is not None
    OutboxSender(service.outbox, {"slack": slack}, clock=clock).run_once()
    [post] = fake_slack.calls_of("chat.postMessage")
    assert reference in post.params["text"]
    assert fake_slack.calls_of("conversations.history")  # it looked before posting
    row = slack_row(outage_db)
    assert (row.status, row.external_id, row.attempts) == ("sent", post.response["ts"], 2)
