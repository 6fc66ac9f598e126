"""Database tables, as typed SQLAlchemy 2.0 models.

Only redacted text and keyed hashes of platform ids are stored here: these
rows are kept for months (see `purge_query_log`) and read by people who
never saw the chat. Types are portable so the same schema runs on SQLite
(the default) and PostgreSQL (production).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "Feedback", "QueryLog", "UTCDateTime", "utcnow"]

# Named constraints: Alembic's SQLite batch mode recreates tables and needs
# the names to find constraints again; PostgreSQL gets predictable names.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Integer on SQLite so the key is the rowid alias (autoincrement); bigint elsewhere.
Id = BigInteger().with_variant(Integer(), "sqlite")
# JSONB on PostgreSQL (indexable, compact), plain JSON text elsewhere.
Json = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in Python on every backend.

    SQLite has no time zones: values are stored as naive UTC and given their
    zone back on reading, so comparisons (retention) mean the same everywhere.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: give a timezone-aware (UTC) datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: Json,
        list[str]: Json,
    }


class QueryLog(Base):
    """One question asked of the bot and what it answered with (ids only)."""

    __tablename__ = "query_log"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    platform: Mapped[str] = mapped_column(String(32))
    # HMAC-SHA256 hex of the platform's ids; the raw ids are never stored.
    user_hash: Mapped[str] = mapped_column(String(64), index=True)
    conversation_hash: Mapped[str | None] = mapped_column(String(64))
    question: Mapped[str] = mapped_column(Text)  # redacted
    language: Mapped[str] = mapped_column(String(8))
    intent: Mapped[str | None] = mapped_column(String(64))
    filters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    result_ids: Mapped[list[str]] = mapped_column(default=list)
    latency_ms: Mapped[int] = mapped_column(Integer)
    abstained: Mapped[bool] = mapped_column(default=False)
    # The fit verdict of the answer (good | partial | none); NULL for answers that are
    # not service searches and for rows logged before the verdict existed.
    fit: Mapped[str | None] = mapped_column(String(8), index=True)


class Feedback(Base):
    """A thumbs up/down (and optional comment) on an answer."""

    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("rating IN (-1, 1)", name="rating_sign"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    query_log_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("query_log.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(32))
    user_hash: Mapped[str] = mapped_column(String(64), index=True)
    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)  # redacted
    result_id: Mapped[str | None] = mapped_column(String(200))
