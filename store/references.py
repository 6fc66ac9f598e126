"""Reference numbers: YT-<year>-<6 digits> for contact requests, OH-… for referrals, from
one counter row a year.

The number is taken inside the transaction that stores the request, so a
request that is not stored gives its number back and one that is stored has
a number nobody else got, however many are submitted at the same moment.
"""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from store.contact_models import ReferenceCounter
from store.referral_models import ReferralCounter

__all__ = ["next_reference"]


def next_reference(
    session: Session,
    year: int,
    counter: type[ReferenceCounter] | type[ReferralCounter] = ReferenceCounter,
    prefix: str = "YT",
) -> str:
    """<prefix>-<year>-<6 digits>, counting from 1 each year, from the year's row of
    `counter` (ReferenceCounter: contact requests; ReferralCounter: referrals, prefix OH).

    One upsert increments the row and returns the number; the row stays locked
    until the transaction ends, so concurrent writers wait for each other instead
    of picking the same number, and a rolled-back request gives its number back.
    It is the transaction's first write, so SQLite takes its write lock here
    (waiting up to busy_timeout) rather than failing on a stale read snapshot."""
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else pg_insert
    statement = (
        insert(counter)
        .values(year=year, last_number=1)
        .on_conflict_do_update(
            index_elements=[counter.year],
            set_={"last_number": counter.last_number + 1},
        )
        .returning(counter.last_number)
    )
    number = int(session.execute(statement).scalar_one())
    return f"{prefix}-{year}-{number:06d}"
