"""Coordinator accounts for the contact-request view: argon2id hashes, nothing else.

A wrong user name costs as much time as a wrong password, so response times
don't tell which user names exist.
"""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from index.errors import ContactRequestError
from store.contact_models import AdminUser
from store.db import transaction
from store.models import utcnow

__all__ = ["PASSWORD_MIN", "AdminUserError", "add_admin_user", "authenticate", "is_active"]

PASSWORD_MIN = 12
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("ei-kenenkään-salasana")


class AdminUserError(ContactRequestError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.user_message = message


def _check_username(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 100 or any(c.isspace() or not c.isprintable() for c in name):
        raise AdminUserError("Käyttäjätunnus: 1–100 merkkiä, ei välilyöntejä.")
    return name


def add_admin_user(
    session_factory: sessionmaker[Session], username: str, password: str, *, replace: bool = False
) -> bool:
    """Create the account (or, with `replace`, set a new password). True if created."""
    name = _check_username(username)
    if len(password) < PASSWORD_MIN:
        raise AdminUserError(f"Salasanan pitää olla vähintään {PASSWORD_MIN} merkkiä.")
    password_hash = _hasher.hash(password)
    with transaction(session_factory, "käyttäjän tallennus epäonnistui") as session:
        user = session.scalar(select(AdminUser).where(AdminUser.username == name))
        if user is not None:
            if not replace:
                raise AdminUserError(
                    f"Käyttäjä {name} on jo olemassa (vaihda salasana valitsimella --replace)."
                )
            user.password_hash = password_hash
            user.active = True
            return False
        session.add(AdminUser(username=name, password_hash=password_hash, active=True))
        return True


def authenticate(
    session_factory: sessionmaker[Session],
    username: str,
    password: str,
    *,
    now: datetime | None = None,
) -> str | None:
    """The user name if the password is right and the account active, else None."""
    with transaction(session_factory, "kirjautuminen epäonnistui") as session:
        user = session.scalar(select(AdminUser).where(AdminUser.username == username.strip()))
        stored = user.password_hash if user is not None and user.active else _DUMMY_HASH
        try:
            _hasher.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if user is None or not user.active:
            return None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        user.last_login_at = now or utcnow()
        return user.username


def is_active(session_factory: sessionmaker[Session], username: str) -> bool:
    """Is the account still there and active (checked on every admin request)."""
    with transaction(session_factory, "käyttäjän haku epäonnistui") as session:
        return bool(session.scalar(select(AdminUser.active).where(AdminUser.username == username)))
