"""admin sessions kept server side (logout and a new password end them)

Revision ID: 0004_admin_session
Revises: 0003_reference_counter
Create Date: 2025-07-01

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_admin_session"
down_revision: str | Sequence[str] | None = "0003_reference_counter"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Spelled out (not imported from store/) so this revision stays fixed when the models change.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "admin_session",
        sa.Column("id", ID, nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_admin_session_token_hash")),
    )
    for column in ("username", "expires_at"):
        op.create_index(op.f(f"ix_admin_session_{column}"), "admin_session", [column])


def downgrade() -> None:
    op.drop_table("admin_session")
