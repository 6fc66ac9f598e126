"""The query log and feedback: what was asked, what was answered, was it useful.

Handlers call these small functions; they redact text again (defence in
depth: a caller that forgot still stores nothing personal) and store platform
ids only as keyed hashes, so one user's questions can be grouped without
anyone being able to tell who asked.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, or_, select
from sqlalchemy.orm import Session, sessionmaker

from index.errors import ConfigError
from store.db import transaction
from store.models import Feedback, QueryLog
from store.redact import redact

__all__ = ["hash_id", "log_query", "purge_query_log", "save_feedback"]


def hash_id(value: str, salt: str) -> str:
    """HMAC-SHA256 (hex) of a platform id. Without the secret salt the hash
    can't be reversed by hashing every plausible id."""
    if not salt:
        raise ConfigError("Tunnisteiden tiivisteelle ei ole annettu salaista suolaa (salt).")
    return hmac.new(salt.encode(), value.encode(), hashlib.sha256).hexdigest()


def _redact_json(value: Any) -> Any:
    """Redact every string inside filters: a free-text filter may hold anything."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Mapping):
        return {str(k): _redact_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_redact_json(v) for v in value]
    return value


def log_query(
    session_factory: sessionmaker[Session],
    *,
    platform: str,
    user_id: str,
    conversation_id: str | None,
    question: str,
    language: str,
    intent: str | None,
    filters: Mapping[str, Any],
    result_ids: Sequence[str],
    latency_ms: int,
    abstained: bool,
    salt: str,
    fit: str | None = None,
) -> int:
    """Store one answered question; returns its id. Raises `StorageError`.

    `fit` is a service search's verdict (good | partial | none), None for other answers."""
    if fit not in (None, "good", "partial", "none"):
        raise ValueError(f"fit must be good, partial, none or None, got {fit!r}")
    row = QueryLog(
        platform=platform,
        user_hash=hash_id(user_id, salt),
        conversation_hash=hash_id(conversation_id, salt) if conversation_id else None,
        question=redact(question),
        language=language,
        intent=intent,
        filters=_redact_json(filters),
        result_ids=[str(r) for r in result_ids],
        latency_ms=int(latency_ms),
        abstained=bool(abstained),
        fit=fit,
    )
    with transaction(session_factory, "kyselylokin tallennus epäonnistui") as session:
        session.add(row)
        session.flush()
        return row.id


def save_feedback(
    session_factory: sessionmaker[Session],
    *,
    query_log_id: int | None,
    platform: str,
    user_id: str,
    rating: int,
    comment: str | None,
    result_id: str | None,
    salt: str,
) -> int:
    """Store a thumbs up (+1) or down (-1); returns its id. Raises `StorageError`.

    An unknown `query_log_id` is stored as no link rather than refused."""
    if rating not in (-1, 1):
        raise ValueError(f"rating must be +1 or -1, got {rating!r}")
    row = Feedback(
        query_log_id=query_log_id,
        platform=platform,
        user_hash=hash_id(user_id, salt),
        rating=rating,
        comment=redact(comment) if comment else None,
        result_id=result_id,
    )
    with transaction(session_factory, "palautteen tallennus epäonnistui") as session:
        if query_log_id is not None and session.get(QueryLog, query_log_id) is None:
            # A stale or forged id must not turn into a "database unreachable" error;
            # the rating itself is still worth keeping.
            row.query_log_id = None
        session.add(row)
        session.flush()
        return row.id


def purge_query_log(session_factory: sessionmaker[Session], older_than: datetime) -> int:
    """Retention: delete query-log rows created before `older_than` (timezone-aware),
    their feedback, and any other feedback older than that. Returns the number
    of query-log rows deleted. Raises `StorageError`."""
    if older_than.tzinfo is None:
        raise ValueError("older_than must be timezone-aware")
    old_queries = select(QueryLog.id).where(QueryLog.created_at < older_than)
    with transaction(session_factory, "kyselylokin siivous epäonnistui") as session:
        # Explicit, not left to ON DELETE CASCADE: SQLite enforces it only when
        # the connection turned foreign keys on.
        no_sync = {"synchronize_session": False}
        session.execute(
            delete(Feedback).where(
                or_(Feedback.created_at < older_than, Feedback.query_log_id.in_(old_queries))
            ),
            execution_options=no_sync,
        )
        result = session.execute(
            delete(QueryLog).where(QueryLog.created_at < older_than), execution_options=no_sync
        )
        return cast(CursorResult[Any], result).rowcount
