"""Revision 0004_admin_session (after 0003_reference_counter, 2025-07-01): admin sessions
kept server side, so that logging out and a new password end them."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004_admin_session"
down_revision = "0003_reference_counter"


def upgrade() -> None:
    # Types spelled out (not imported from store/) so this revision stays fixed when the
    # models change; every column is required.
    timestamp = sa.DateTime(timezone=True)
    columns: dict[str, sa.types.TypeEngine[Any]] = {
        "id": sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
        "token_hash": sa.String(length=64),
        "username": sa.String(length=100),
        "created_at": timestamp,
        "expires_at": timestamp,
    }
    op.create_table(
        "admin_session",
        *(sa.Column(name, kind, nullable=False) for name, kind in columns.items()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_admin_session_token_hash")),
    )
    for column in ("username", "expires_at"):
        op.create_index(op.f(f"ix_admin_session_{column}"), "admin_session", [column])


def downgrade() -> None:
    op.drop_table("admin_session")
