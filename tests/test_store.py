"""The query log and feedback on real SQLite and PostgreSQL databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from index.errors import StorageError
from store.db import alembic_config, check_db, make_engine, make_session_factory, migrate
from store.models import Base, Feedback, QueryLog
from store.querylog import hash_id, log_query, purge_query_log, save_feedback

# Fixtures db_url, empty_db_url, db_engine, session_factory (SQLite + PostgreSQL).
pytest_plugins = ["tests.db_fixtures"]

SALT = "testisuola-älä-käytä-tuotannossa"
USER_ID = "U07MATTI42"
CONVERSATION_ID = "C0VANTAA-thread-1718000000.1234"
QUESTION = "Matti Meikäläinen 131052-308T, p. 040 123 4567, tarvitsee ystäväpalvelua Vantaalla"
SECRETS = ["131052", "308T", "040 123 4567", "0401234567", "123 4567", USER_ID, CONVERSATION_ID]


def _feedback(
    factory: sessionmaker[Session],
    query_log_id: int | None,
    rating: int,
    comment: str | None = None,
    result_id: str | None = None,
    platform: str = "slack",
    user_id: str = USER_ID,
) -> int:
    return save_feedback(
        factory,
        query_log_id=query_log_id,
        platform=platform,
        user_id=user_id,
        rating=rating,
        comment=comment,
        result_id=result_id,
        salt=SALT,
    )


def _log(factory: sessionmaker[Session], question: str = QUESTION, user_id: str = USER_ID) -> int:
    return log_query(
        factory,
        platform="slack",
        user_id=user_id,
        conversation_id=CONVERSATION_ID,
        question=question,
        language="fi",
        intent="services",
        filters={"municipality": "vantaa", "free_text": "soita 040 123 4567"},
        result_ids=["vantaan-ystavapalvelu/ystavatoiminta"],
        latency_ms=321,
        abstained=False,
        salt=SALT,
    )


def _dump_text(engine: Engine) -> str:
    """Every value of every column of every table, as text."""
    inspector = inspect(engine)
    parts: list[str] = []
    with engine.connect() as conn:
        for table in inspector.get_table_names():
            for column in inspector.get_columns(table):
                cast = "CAST({0} AS TEXT)" if engine.dialect.name == "postgresql" else "{0}"
                expr = cast.format(f'"{column["name"]}"')
                rows = conn.execute(text(f'SELECT {expr} FROM "{table}"')).scalars()
                parts.extend(str(v) for v in rows if v is not None)
    return "\n".join(parts)


def test_migrations_build_the_schema_from_an_empty_database(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        assert check_db(engine) is False  # reachable but not migrated: not ready
        migrate(engine)
        assert {"query_log", "feedback", "alembic_version"} <= set(
            inspect(engine).get_table_names()
        )
        assert check_db(engine) is True
        migrate(engine)  # a second start changes nothing
        assert check_db(engine) is True

        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        assert not {"query_log", "feedback"} & set(inspect(engine).get_table_names())
        migrate(engine)
        assert check_db(engine) is True
    finally:
        engine.dispose()


def test_migrations_match_the_models(db_engine: Engine) -> None:
    """A hand-written revision that drifts from store/models.py shows up here."""
    with db_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_engine_creates_its_folder_and_uses_wal(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'dir' / 'bot.db'}")
    try:
        migrate(engine)
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert (tmp_path / "new" / "dir" / "bot.db").exists()
    finally:
        engine.dispose()


def test_logged_question_keeps_no_identity_code_phone_or_raw_id(
    db_url: str, db_engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    query_id = _log(session_factory)
    _feedback(
        session_factory,
        query_id,
        -1,
        comment="Ei auttanut, asiakas 131052-308T asuu Sillitie 5 B 12, matti@example.fi",
        result_id="vantaan-ystavapalvelu/ystavatoiminta",
    )
    dump = _dump_text(db_engine)
    assert "tarvitsee ystäväpalvelua Vantaalla" in dump  # the question itself is kept
    assert "[henkilötunnus]" in dump and "[puhelinnumero]" in dump
    for secret in [*SECRETS, "Sillitie 5", "matti@example.fi"]:
        assert secret not in dump
    if db_url.startswith("sqlite"):  # not even in the file's free pages or the WAL
        db_engine.dispose()
        path = Path(db_url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        assert b"131052" not in raw and b"040 123 4567" not in raw


def test_user_is_stored_only_as_keyed_hash(
    db_engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    query_id = _log(session_factory)
    with session_factory() as session:
        row = session.get(QueryLog, query_id)
        assert row is not None
        assert row.user_hash == hash_id(USER_ID, SALT)
        assert row.user_hash != hash_id(USER_ID, "another-salt")
        assert len(row.user_hash) == 64 and USER_ID not in row.user_hash
        assert row.conversation_hash == hash_id(CONVERSATION_ID, SALT)
        assert row.created_at.tzinfo is not None
        assert abs(row.created_at - datetime.now(UTC)) < timedelta(minutes=1)
        assert row.result_ids == ["vantaan-ystavapalvelu/ystavatoiminta"]
        assert row.filters["municipality"] == "vantaa"
        assert row.filters["free_text"] == "soita [puhelinnumero]"
        assert row.latency_ms == 321 and row.abstained is False


def test_feedback_is_linked_to_its_query(session_factory: sessionmaker[Session]) -> None:
    query_id = _log(session_factory)
    up = _feedback(session_factory, query_id, 1, result_id="vantaan-ystavapalvelu/ystavatoiminta")
    with session_factory() as session:
        feedback = session.get(Feedback, up)
        assert feedback is not None
        assert (feedback.query_log_id, feedback.rating) == (query_id, 1)
        assert feedback.user_hash == hash_id(USER_ID, SALT)

    with pytest.raises(ValueError):
        _feedback(session_factory, query_id, 5)
    # A stale or forged query id: the rating is kept, without a link to a query.
    orphan = _feedback(session_factory, query_id + 1000, 1)
    with session_factory() as session:
        stored = session.get(Feedback, orphan)
        assert stored is not None and stored.query_log_id is None


def test_purge_deletes_only_rows_older_than_the_limit(
    session_factory: sessionmaker[Session],
) -> None:
    now = datetime.now(UTC)
    old_ids = [_log(session_factory, "vanha kysymys 1"), _log(session_factory, "vanha kysymys 2")]
    new_id = _log(session_factory, "uusi kysymys")
    feedback = {
        qid: _feedback(session_factory, qid, 1, comment="hyvä", platform="web", user_id="u")
        for qid in [*old_ids, new_id]
    }
    with session_factory() as session, session.begin():
        session.execute(
            update(QueryLog)
            .where(QueryLog.id.in_(old_ids))
            .values(created_at=now - timedelta(days=200))
        )

    deleted = purge_query_log(session_factory, older_than=now - timedelta(days=180))

    assert deleted == 2
    with session_factory() as session:
        assert session.scalars(select(QueryLog.id)).all() == [new_id]
        assert session.scalars(select(Feedback.id)).all() == [feedback[new_id]]
    assert purge_query_log(session_factory, older_than=now - timedelta(days=180)) == 0


def test_unreachable_database_raises_storage_error_not_success() -> None:
    engine = make_engine("postgresql://postgres@127.0.0.1:1/test")
    factory = make_session_factory(engine)
    try:
        assert check_db(engine) is False
        with pytest.raises(StorageError) as caught:
            _log(factory)
        assert "131052" not in str(caught.value)
        assert caught.value.user_message.startswith("Tietokantaan ei")
        with pytest.raises(StorageError):
            _feedback(factory, None, 1, platform="web", user_id="u")
        with pytest.raises(StorageError):
            purge_query_log(factory, older_than=datetime.now(UTC))
        with pytest.raises(StorageError):
            migrate(engine)
    finally:
        engine.dispose()


def test_unmigrated_database_raises_storage_error(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        with pytest.raises(StorageError, match="kyselylokin tallennus"):
            _log(make_session_factory(engine))
    finally:
        engine.dispose()


def test_sqlite_file_that_cannot_be_created_raises_storage_error(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("x")
    with pytest.raises(StorageError):
        make_engine(f"sqlite:///{tmp_path / 'not-a-folder' / 'bot.db'}")
