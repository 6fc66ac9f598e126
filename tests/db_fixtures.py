"""Real databases for tests: a SQLite file and a throwaway PostgreSQL schema.

Use from a test module or conftest.py:

    from tests.db_fixtures import db_url, empty_db_url, session_factory  # noqa: F401

`db_url` runs each test twice, on SQLite and on PostgreSQL, each time with a
fresh, migrated, empty database. On PostgreSQL every test gets its own schema
`t_<random>` on the shared `test` database (selected through the URL's
`options=-csearch_path=...`), dropped afterwards, so concurrent test runs
don't see each other.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from store.db import make_engine, make_session_factory, migrate

PG_URL = os.environ.get(
    "JARJESTOBOTTI_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose connections live in a new, empty schema; dropped on exit."""
    name = f"t_{secrets.token_hex(6)}"
    admin = make_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={name}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()


@contextmanager
def empty_database(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'var' / 'jarjestobotti.db'}"
    else:
        with postgres_schema() as url:
            yield url


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL with nothing in it yet (not migrated)."""
    with empty_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def db_url(empty_db_url: str) -> str:
    """A fresh database migrated to the newest revision, on each backend."""
    engine = make_engine(empty_db_url)
    try:
        migrate(engine)
    finally:
        engine.dispose()
    return empty_db_url


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()  # before the schema is dropped


@pytest.fixture
def session_factory(db_engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(db_engine)
