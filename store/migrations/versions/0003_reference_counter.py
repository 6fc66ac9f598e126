"""reference counter per year; outbox rows being sent

Revision ID: 0003_reference_counter
Revises: 0002
Create Date: 2025-07-01

Reference numbers (YT-<year>-<n>) were max + 1 with retries, which lost
concurrent submissions on PostgreSQL. They now come from one counter row per
year, incremented under its row lock. The counters start from the highest
number already given, so no reference is ever given twice.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_reference_counter"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    counter = op.create_table(
        "contact_reference_counter",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_contact_reference_counter")),
    )
    last: dict[int, int] = {}
    rows = op.get_bind().execute(sa.text("SELECT reference FROM contact_request"))
    for (reference,) in rows:
        _prefix, year, number = str(reference).split("-")
        last[int(year)] = max(last.get(int(year), 0), int(number))
    if last:
        op.bulk_insert(counter, [{"year": y, "last_number": n} for y, n in sorted(last.items())])


def downgrade() -> None:
    op.drop_table("contact_reference_counter")
