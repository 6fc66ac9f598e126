"""query log and feedback

Revision ID: 0001
Revises:
Create Date: 2025-06-12

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Tables are only created here, which SQLite does natively; later revisions
# that alter tables use op.batch_alter_table (env.py renders them so).
# The same portable types as store/models.py, spelled out so this revision
# stays fixed when the models change later.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "query_log",
        sa.Column("id", ID, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("user_hash", sa.String(length=64), nullable=False),
        sa.Column("conversation_hash", sa.String(length=64), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("intent", sa.String(length=64), nullable=True),
        sa.Column("filters", JSON, nullable=False),
        sa.Column("result_ids", JSON, nullable=False),
        sa.Column("latency_ms", sa.Integer(), nullable=False),
        sa.Column("abstained", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_query_log")),
    )
    op.create_index(op.f("ix_query_log_created_at"), "query_log", ["created_at"])
    op.create_index(op.f("ix_query_log_user_hash"), "query_log", ["user_hash"])

    op.create_table(
        "feedback",
        sa.Column("id", ID, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("query_log_id", ID, nullable=True),
        sa.Column("platform", sa.String(length=32), nullable=False),
        sa.Column("user_hash", sa.String(length=64), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("result_id", sa.String(length=200), nullable=True),
        sa.CheckConstraint("rating IN (-1, 1)", name=op.f("ck_feedback_rating_sign")),
        sa.ForeignKeyConstraint(
            ["query_log_id"],
            ["query_log.id"],
            name=op.f("fk_feedback_query_log_id_query_log"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    op.create_index(op.f("ix_feedback_created_at"), "feedback", ["created_at"])
    op.create_index(op.f("ix_feedback_query_log_id"), "feedback", ["query_log_id"])
    op.create_index(op.f("ix_feedback_user_hash"), "feedback", ["user_hash"])


def downgrade() -> None:
    # Dropping a table drops its indexes on both backends.
    op.drop_table("feedback")
    op.drop_table("query_log")
