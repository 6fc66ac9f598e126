"""Coordinator accounts for the contact-request view: argon2id hashes, nothing else.

A wrong user name costs as much time as a wrong password, so response times
don't tell which user names exist. The queries are in `store.accounts`.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from index.errors import ContactRequestError
from store.accounts import AccountStore

__all__ = ["PASSWORD_MIN", "SESSION_LENGTH", "AdminUserError", "CoordinatorAccounts"]

PASSWORD_MIN = 12
SESSION_LENGTH = timedelta(hours=8)
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("ei-kenenkään-salasana")


class AdminUserError(ContactRequestError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.user_message = message


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _check_username(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 100 or any(c.isspace() or not c.isprintable() for c in name):
        raise AdminUserError("Käyttäjätunnus: 1–100 merkkiä, ei välilyöntejä.")
    return name


class CoordinatorAccounts:
    """Adding coordinators, checking their passwords and that they are still active."""

    def __init__(self, store: AccountStore, clock: Callable[[], datetime]) -> None:
        self.store, self.clock = store, clock

    def add(self, username: str, password: str, *, replace: bool = False) -> bool:
        """Create the account (or, with `replace`, set a new password, which ends every
        session of the account). True if created."""
        name = _check_username(username)
        if len(password) < PASSWORD_MIN:
            raise AdminUserError(f"Salasanan pitää olla vähintään {PASSWORD_MIN} merkkiä.")
        outcome = self.store.save(name, _hasher.hash(password), replace=replace)
        if outcome == "exists":
            raise AdminUserError(
                f"Käyttäjä {name} on jo olemassa (vaihda salasana valitsimella --replace)."
            )
        return outcome == "created"

    def authenticate(self, username: str, password: str) -> str | None:
        """The user name if the password is right and the account active, else None."""
        name = username.strip()
        stored = self.store.active_hash(name)
        try:
            _hasher.verify(stored or _DUMMY_HASH, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if stored is None:
            return None
        new_hash = _hasher.hash(password) if _hasher.check_needs_rehash(stored) else None
        self.store.record_login(name, now=self.clock(), new_hash=new_hash)
        return name

    # -- sessions ----------------------------------------------------------------------
    def open_session(self, username: str) -> str:
        """A new session for a user who just logged in: its random token (for the cookie)."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        self.store.add_session(username, _token_hash(token), now=now, expires=now + SESSION_LENGTH)
        return token

    def session_user(self, token: str) -> str | None:
        """Whose session `token` is, while it is open and the account active; else None."""
        return self.store.session_user(_token_hash(token), now=self.clock())

    def close_session(self, token: str) -> None:
        """Logout: the token opens nothing any more, wherever it was copied to."""
        self.store.end_session(_token_hash(token))
