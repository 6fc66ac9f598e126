"""Engines, sessions, migrations and the readiness check.

One place decides how we talk to a database so every feature (query log,
contact requests, outbox, …) gets the same SQLite pragmas, the same driver
for PostgreSQL, and the same rule for failures: a database error becomes a
`StorageError`, never a crash and never a silent success.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL, ExceptionContext
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from index.errors import ConfigError, StorageError
from store.redact import redact

__all__ = [
    "MIGRATIONS_DIR",
    "alembic_config",
    "check_db",
    "make_engine",
    "make_session_factory",
    "migrate",
    "storage_error",
    "transaction",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000
PG_CONNECT_TIMEOUT_S = 5


def _normalise_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"JARJESTOBOTTI_DATABASE_URL: ei kelpaa ({exc})") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets the web process read while a command writes; foreign keys are
    off by default in SQLite; busy_timeout waits instead of failing at once."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


# SQLite result codes (low byte of the extended code) after which a connection is
# useless even once the cause is gone: opened read-only while the file could not be
# written, or its file handle broken. SQLITE_IOERR 10, SQLITE_READONLY 8, SQLITE_CANTOPEN 14.
SQLITE_STALE_CODES = frozenset({8, 10, 14})
# PostgreSQL: a server that became a read-only standby (25006 read_only_sql_transaction).
PG_STALE_STATES = frozenset({"25006"})


def _stale_connection(context: ExceptionContext) -> None:
    """Treat errors that poison a connection as a disconnect, so SQLAlchemy drops the
    connection (and the rest of the pool, opened in the same outage) instead of
    handing it out again: after a write outage new connections are opened writable."""
    orig = context.original_exception
    code = getattr(orig, "sqlite_errorcode", None)
    state = getattr(orig, "sqlstate", None)
    if (isinstance(code, int) and code & 0xFF in SQLITE_STALE_CODES) or state in PG_STALE_STATES:
        context.is_disconnect = True


def make_engine(url: str) -> Engine:
    """An engine for `url`: SQLite (file made ready) or PostgreSQL via psycopg 3.

    Statement parameters are hidden from error messages: they hold user text.
    """
    parsed = _normalise_url(url)
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"SQLite-tiedoston kansiota ei voi luoda: {exc}") from exc
    elif parsed.get_backend_name() == "postgresql":
        kwargs["pool_pre_ping"] = True
        if "connect_timeout" not in parsed.query:
            kwargs["connect_args"] = {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise ConfigError(f"JARJESTOBOTTI_DATABASE_URL: ei kelpaa ({exc})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "handle_error", _stale_connection)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: ids and values stay readable after the commit.
    return sessionmaker(bind=engine, expire_on_commit=False)


def storage_error(exc: SQLAlchemyError, action: str) -> StorageError:
    """A `StorageError` saying what failed, without statement or parameters."""
    orig = getattr(exc, "orig", None) or exc
    detail = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    # Drivers may echo values (e.g. in constraint messages): redact, to be sure.
    return StorageError(f"{action}: {type(orig).__name__}: {redact(_shorten(detail))}")


def _shorten(detail: str, limit: int = 300) -> str:
    detail = re.sub(r"\s+", " ", detail)
    return detail if len(detail) <= limit else detail[: limit - 1] + "…"


@contextmanager
def transaction(session_factory: sessionmaker[Session], action: str) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back and
    turned into `StorageError` on any database error. `action` (Finnish)
    names what was being done, for the log."""
    try:
        with session_factory() as session, session.begin():
            yield session
    except SQLAlchemyError as exc:
        raise storage_error(exc, action) from exc


def alembic_config() -> Config:
    """Alembic configuration built in code, so no alembic.ini is needed at run time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (`alembic upgrade head`)."""
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise storage_error(exc, "tietokannan päivitys (migraatio) epäonnistui") from exc


@functools.cache
def _head_revisions() -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def check_db(engine: Engine) -> bool:
    """Ready means reachable, writable and migrated to the newest revision.

    Writable is probed with a write that is rolled back: a database that can be read but
    not written (read-only file, standby server) is not ready. The revision is read from
    alembic's version table directly: a migration context would log two INFO lines per
    call, and health probes call this every few seconds."""
    try:
        with engine.connect() as connection:
            with connection.begin() as probe:
                connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
                probe.rollback()
            # alembic's default version table (store/migrations/env.py keeps it)
            current = connection.execute(text("SELECT version_num FROM alembic_version"))
            revisions = frozenset(current.scalars())
    except SQLAlchemyError:
        return False  # unreachable, or never migrated (no version table)
    return revisions == _head_revisions()
