"""Alembic environment.

At run time `store.db.migrate` passes an open connection in
`config.attributes["connection"]`. Developers may also run the `alembic`
command from the repository root (see alembic.ini); the database then comes
from `-x url=...`, else JARJESTOBOTTI_DATABASE_URL, else alembic.ini.
SQLite can't alter tables in place, so migrations run in batch mode.
"""

from __future__ import annotations

import os
from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy import Connection

from store.db import make_engine
from store.models import Base

config = context.config
target_metadata = Base.metadata


def _cli_url() -> str:
    return (
        context.get_x_argument(as_dictionary=True).get("url")
        or os.environ.get("JARJESTOBOTTI_DATABASE_URL")
        or config.get_main_option("sqlalchemy.url")
        or "sqlite:///var/jarjestobotti.db"
    )


def _migrate(**options: Any) -> None:
    """Run the migrations; SQLite alters tables in batch mode."""
    context.configure(target_metadata=target_metadata, render_as_batch=True, **options)
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    _migrate(connection=connection, compare_type=True)


def run_offline() -> None:
    """`alembic upgrade head --sql`: print the SQL instead of running it."""
    _migrate(url=_cli_url(), literal_binds=True)


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_cli_url())
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if config.config_file_name is not None and config.attributes.get("connection") is None:
    fileConfig(config.config_file_name)  # CLI only: don't reset the bot's logging

if context.is_offline_mode():
    run_offline()
else:
    run_online()
