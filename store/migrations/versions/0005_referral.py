"""Revision 0005_referral (after 0004_admin_session, 2026-12-03): referrals from a card
to an association (their status history and reference counter), referral
notifications in the outbox, and the fit verdict in the query log."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005_referral"
down_revision = "0004_admin_session"

# Spelled out (not imported from store/) so this revision stays fixed when the models change.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")


def _columns(spec: dict[str, tuple[sa.types.TypeEngine[Any], bool]]) -> list[sa.Column[Any]]:
    return [sa.Column(name, kind, nullable=nullable) for name, (kind, nullable) in spec.items()]


def upgrade() -> None:
    op.create_table(
        "referral",
        *_columns(
            {
                "id": (ID, False),
                "reference": (sa.String(length=24), False),
                "idempotency_key": (sa.String(length=64), False),
                "created_at": (TIMESTAMP, False),
                "updated_at": (TIMESTAMP, False),
                "channel": (sa.String(length=16), False),
                "language": (sa.String(length=2), False),
                "professional_hash": (sa.String(length=64), False),
                "professional_address": (JSON, False),
                "service_id": (sa.String(length=200), False),
                "service_name": (sa.String(length=300), False),
                "organisation": (sa.String(length=200), False),
                "recipient_email": (sa.String(length=254), True),
                "need": (sa.Text(), False),
                "contact_method": (sa.String(length=16), False),
                "client_contact": (sa.String(length=254), True),
                "consent": (sa.Boolean(), False),
                "status": (sa.String(length=16), False),
                "first_response_at": (TIMESTAMP, True),
                "closed_at": (TIMESTAMP, True),
                "anonymised_at": (TIMESTAMP, True),
            }
        ),
        sa.CheckConstraint(
            "status IN ('lahetetty', 'vastaanotettu', 'tavoitettu', 'ei_tavoitettu', 'ei_sopiva')",
            name=op.f("ck_referral_status_known"),
        ),
        sa.CheckConstraint(
            "contact_method IN ('client_phone', 'client_email', 'client_contacts', 'through_me')",
            name=op.f("ck_referral_contact_method_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
        sa.UniqueConstraint("reference", name=op.f("uq_referral_reference")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_referral_idempotency_key")),
    )
    for column in (
        "created_at",
        "channel",
        "professional_hash",
        "service_id",
        "organisation",
        "status",
        "closed_at",
    ):
        op.create_index(op.f(f"ix_referral_{column}"), "referral", [column])

    op.create_table(
        "referral_reference_counter",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_referral_reference_counter")),
    )

    op.create_table(
        "referral_status_change",
        *_columns(
            {
                "id": (ID, False),
                "referral_id": (ID, False),
                "created_at": (TIMESTAMP, False),
                "from_status": (sa.String(length=16), True),
                "to_status": (sa.String(length=16), False),
                "actor": (sa.String(length=200), False),
                "note": (sa.Text(), True),
            }
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referral.id"],
            name=op.f("fk_referral_status_change_referral_id_referral"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_status_change")),
    )
    op.create_index(
        op.f("ix_referral_status_change_referral_id"), "referral_status_change", ["referral_id"]
    )

    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("referral_id", ID, nullable=True))
        batch.create_foreign_key(
            op.f("fk_outbox_referral_id_referral"),
            "referral",
            ["referral_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index(op.f("ix_outbox_referral_id"), ["referral_id"])

    with op.batch_alter_table("query_log") as batch:
        batch.add_column(sa.Column("fit", sa.String(length=8), nullable=True))
        batch.create_index(op.f("ix_query_log_fit"), ["fit"])


def downgrade() -> None:
    with op.batch_alter_table("query_log") as batch:
        batch.drop_index(op.f("ix_query_log_fit"))
        batch.drop_column("fit")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index(op.f("ix_outbox_referral_id"))
        batch.drop_constraint(op.f("fk_outbox_referral_id_referral"), type_="foreignkey")
        batch.drop_column("referral_id")
    op.drop_table("referral_status_change")
    op.drop_table("referral_reference_counter")
    op.drop_table("referral")
