"""Reference numbers: YT-<year>-<6 digits> for contact requests, OH-… for referrals, from
one counter row a year.

The number is taken inside the transaction that stores the request, so a
request that is not stored gives its number back and one that is stored has
a number nobody else got, however many are submitted at the same moment.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from index.errors import StorageError
from store.contact_models import ReferenceCounter
from store.db import transaction
from store.referral_models import ReferralCounter

__all__ = ["CREATE_ATTEMPTS", "create_once", "next_reference"]

CREATE_ATTEMPTS = 5


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


class _Known(Exception):
    def __init__(self, reference: str) -> None:
        super().__init__(reference)
        self.reference = reference


def create_once(
    session_factory: sessionmaker[Session],
    *,
    find: Callable[[Session], str | None],
    number: Callable[[Session], str],
    insert: Callable[[Session, str], None],
    what: str,
) -> tuple[str, bool]:
    """Store something submitted under an idempotency key once: (reference, created).

    `find` looks the key up; `number` takes the next reference (first, so it takes the
    counter's lock); `insert` adds the rows under that reference. A key found inside the
    transaction rolls it back, giving the number back. The same form submitted twice at
    once fails the unique key on PostgreSQL at insert: a fresh transaction then finds it.
    `what` names the thing in Finnish genitive for errors ("ohjauksen")."""
    with transaction(session_factory, f"{what} haku epäonnistui") as session:
        found = find(session)
    if found is not None:
        return found, False
    for _attempt in range(CREATE_ATTEMPTS):
        try:
            with transaction(session_factory, f"{what} tallennus epäonnistui") as s:
                reference = number(s)
                found = find(s)
                if found is not None:
                    raise _Known(found)  # rolls the counter back
                insert(s, reference)
                return reference, True
        except _Known as known:
            return known.reference, False
        except StorageError as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise
    raise StorageError(f"{what} tallennus epäonnistui: tallennus ei onnistunut")
