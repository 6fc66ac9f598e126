"""A schema upgrade carries the data: a database left at revision 0001 with rows in it, then
upgraded to the newest revision the way `serve` does (`store.db.migrate`), keeps every row
as it was, and the bot reads and adds to it afterwards. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import select, text

from store.db import alembic_config, check_db, make_engine, make_session_factory, migrate
from store.models import Feedback, QueryLog

ASKED = datetime(2024, 3, 1, 9, 30, tzinfo=UTC).replace(tzinfo=None)


def _upgrade_to(url: str, revision: str) -> None:
    engine = make_engine(url)
    try:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def test_upgrade_from_0001_keeps_query_log_and_feedback(empty_db_url: str) -> None:
    _upgrade_to(empty_db_url, "0001")
    engine = make_engine(empty_db_url)
    try:
        assert not check_db(engine)  # an old schema is not ready
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO query_log (created_at, platform, user_hash, "
                    "conversation_hash, question, language, intent, filters, result_ids, "
                    "latency_ms, abstained) VALUES (:at, 'slack', :user, NULL, "
                    "'Onko Keravalla kerhoja?', 'fi', 'services', :filters, :ids, 120, :no)"
                ),
                {
                    "at": ASKED,
                    "user": "a" * 64,
                    "filters": '{"municipality": "kerava"}',
                    "ids": '["a/b", "c/d"]',
                    "no": False,
                },
            )
            asked = conn.execute(text("SELECT id FROM query_log")).scalar_one()
            conn.execute(
                text(
                    "INSERT INTO feedback (created_at, query_log_id, platform, user_hash, "
                    "rating, comment, result_id) VALUES (:at, :q, 'slack', :user, -1, "
                    "'Ei auttanut tällä kertaa', 'a/b')"
                ),
                {"at": ASKED, "q": asked, "user": "a" * 64},
            )

        migrate(engine)  # what `serve` runs at start-up
        assert check_db(engine)

        with make_session_factory(engine)() as session:
            row = session.get(QueryLog, asked)
            assert row is not None
            assert (row.created_at.replace(tzinfo=None), row.question, row.platform) == (
                ASKED,
                "Onko Keravalla kerhoja?",
                "slack",
            )
            assert (row.filters, row.result_ids, row.latency_ms, row.abstained) == (
                {"municipality": "kerava"},
                ["a/b", "c/d"],
                120,
                False,
            )
            rating = session.execute(
                select(Feedback.rating, Feedback.comment, Feedback.query_log_id)
            ).one()
            assert tuple(rating) == (-1, "Ei auttanut tällä kertaa", asked)
            # the tables go on working: a new row gets an id after the carried ones
            session.add(
                QueryLog(
                    platform="web",
                    user_hash="b" * 64,
                    question="Uusi kysymys",
                    language="fi",
                    latency_ms=5,
                )
            )
            session.commit()
            ids = session.execute(select(QueryLog.id).order_by(QueryLog.id)).scalars().all()
            assert ids[0] == asked and len(ids) == 2  # no id clash with the carried row
        with engine.connect() as conn:  # the contact-request tables of 0002 exist and are empty
            assert conn.execute(text("SELECT count(*) FROM contact_request")).scalar() == 0
    finally:
        engine.dispose()
