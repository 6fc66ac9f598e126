"""A busy Monday morning: many contact requests at the same moment.

Reference numbers come from a counter row locked by each writer, so 100
simultaneous submissions through the real service are all stored (on
PostgreSQL and on SQLite), each with its own reference, and the outbox sends
exactly one coordinator notification for each (fake Slack Web API).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from threading import Barrier
from typing import TYPE_CHECKING

from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.background.outbox import OutboxSender, slack_transport
from bot.settings import Settings
from handlers.contact.service import ContactRequests
from store.contact_models import ContactRequest
from store.db import alembic_config, make_engine, make_session_factory, migrate
from tests.contact_helpers import at, contact_form

if TYPE_CHECKING:
    from tests.fake_slack import FakeSlack

pytest_plugins = ["tests.db_fixtures", "tests.fake_slack"]

T0 = datetime(2025, 9, 1, 7, 0, tzinfo=UTC)
SUBMISSIONS = 100


def test_100_simultaneous_submissions_are_all_stored_and_notified_once(
    session_factory: sessionmaker[Session], fake_slack: FakeSlack
) -> None:
    service = ContactRequests(session_factory, clock=at(T0))
    start = Barrier(SUBMISSIONS)

    def submit(n: int) -> str:
        form = contact_form(f"Yhdistys {n} ry", "tilat", f"Tarvitsemme tilaa, pyyntö {n}.")
        start.wait()  # all at once
        return service.create(form, channel="web", idempotency_key=f"lomake-{n}").reference

    with ThreadPoolExecutor(SUBMISSIONS) as pool:
        references = list(pool.map(submit, range(SUBMISSIONS)))

    assert sorted(references) == [f"YT-2025-{n:06d}" for n in range(1, SUBMISSIONS + 1)]
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ContactRequest)) == SUBMISSIONS

    settings = Settings(
        slack_bot_token="xoxb-testi", slack_api_url=fake_slack.url, slack_coordinator_channel="C0K"
    )
    transport = slack_transport(settings, {})
    assert transport is not None
    sender = OutboxSender(service.outbox, {"slack": transport}, clock=at(T0))
    while sender.run_once(limit=50):
        pass
    posted = [c.params["text"] for c in fake_slack.calls_of("chat.postMessage")]
    assert len(posted) == SUBMISSIONS
    assert sorted(p.split(":")[0].rsplit(" ", 1)[1] for p in posted) == sorted(references)
    # the same forms again (a reload after a network error): no new requests
    again = contact_form("Yhdistys 7 ry", "tilat", "Tarvitsemme tilaa, pyyntö 7.")
    result = service.create(again, channel="web", idempotency_key="lomake-7")
    assert (result.reference, result.created) == (references[7], False)


def test_numbering_goes_on_from_the_requests_stored_before_the_upgrade(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        config = alembic_config()
        with engine.begin() as connection:  # a database as the previous version left it
            config.attributes["connection"] = connection
            command.upgrade(config, "0002")
            connection.execute(
                text(
                    "INSERT INTO contact_request (reference, idempotency_key, created_at,"
                    " updated_at, channel, language, organisation, contact_person, email,"
                    " topic, message, consent, status, responsible_role) VALUES"
                    " ('YT-2025-000041', 'vanha', :t, :t, 'web', 'fi', 'Vanha ry', 'Maija',"
                    " 'maija@example.fi', 'muu', 'Viesti', true, 'uusi', 'viestinta')"
                ),
                {"t": T0},
            )
        migrate(engine)
        service = ContactRequests(make_session_factory(engine), clock=at(T0))
        form = contact_form("Uusi ry", "muu", "Ensimmäinen päivityksen jälkeen.")
        assert service.create(form, channel="web", idempotency_key="uusi").reference == (
            "YT-2025-000042"
        )
        old = service.get("YT-2025-000041")
        assert old is not None and old.organisation == "Vanha ry"
    finally:
        engine.dispose()
