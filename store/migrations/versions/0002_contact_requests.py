"""contact requests, status history, outbox, admin users

Revision ID: 0002
Revises: 0001
Create Date: 2025-06-20

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Spelled out (not imported from store/) so this revision stays fixed when the models change.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "contact_request",
        sa.Column("id", ID, nullable=False),
        sa.Column("reference", sa.String(length=24), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("business_id", sa.String(length=9), nullable=True),
        sa.Column("contact_person", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("target_unit", sa.String(length=40), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("responsible_role", sa.String(length=100), nullable=False),
        sa.Column("closed_at", TIMESTAMP, nullable=True),
        sa.Column("anonymised_at", TIMESTAMP, nullable=True),
        sa.CheckConstraint(
            "status IN ('uusi', 'kasittelyssa', 'ratkaistu', 'hylatty')",
            name=op.f("ck_contact_request_status_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_request")),
        sa.UniqueConstraint("reference", name=op.f("uq_contact_request_reference")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_contact_request_idempotency_key")),
    )
    for column in ("created_at", "topic", "target_unit", "status", "closed_at"):
        op.create_index(op.f(f"ix_contact_request_{column}"), "contact_request", [column])

    op.create_table(
        "contact_status_change",
        sa.Column("id", ID, nullable=False),
        sa.Column("request_id", ID, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["contact_request.id"],
            name=op.f("fk_contact_status_change_request_id_contact_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_status_change")),
    )
    op.create_index(
        op.f("ix_contact_status_change_request_id"), "contact_status_change", ["request_id"]
    )

    op.create_table(
        "outbox",
        sa.Column("id", ID, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("request_id", ID, nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TIMESTAMP, nullable=False),
        sa.Column("sent_at", TIMESTAMP, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["contact_request.id"],
            name=op.f("fk_outbox_request_id_contact_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    for column in ("request_id", "status", "next_attempt_at"):
        op.create_index(op.f(f"ix_outbox_{column}"), "outbox", [column])

    op.create_table(
        "admin_user",
        sa.Column("id", ID, nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("last_login_at", TIMESTAMP, nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_user")),
        sa.UniqueConstraint("username", name=op.f("uq_admin_user_username")),
    )


def downgrade() -> None:
    op.drop_table("admin_user")
    op.drop_table("outbox")
    op.drop_table("contact_status_change")
    op.drop_table("contact_request")
