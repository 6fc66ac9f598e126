"""Storage: SQLAlchemy models, Alembic migrations, and the small functions
handlers call (`log_query`, `save_feedback`, …). Also `redact`, which every
text passes through before it is stored or logged."""

from store import (
    contact_models,  # noqa: F401  (registers the contact tables on Base.metadata)
    referral_models,  # noqa: F401  (registers the referral tables)
)
from store.db import (
    check_db,
    make_engine,
    make_session_factory,
    migrate,
    transaction,
)
from store.models import Base, Feedback, QueryLog
from store.querylog import hash_id, log_query, purge_query_log, save_feedback
from store.redact import RedactingFilter, install_log_redaction, redact

__all__ = [
    "Base",
    "Feedback",
    "QueryLog",
    "RedactingFilter",
    "check_db",
    "hash_id",
    "install_log_redaction",
    "log_query",
    "make_engine",
    "make_session_factory",
    "migrate",
    "purge_query_log",
    "redact",
    "save_feedback",
    "transaction",
]
