"""Coordinator account queries. Only hashes are stored; hashing is the caller's."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from store.contact_models import AdminSession, AdminUser
from store.db import transaction

__all__ = ["AccountStore"]


class AccountStore:
    """The admin_user table behind one session factory."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory

    def save(
        self, username: str, password_hash: str, *, replace: bool
    ) -> Literal["created", "replaced", "exists"]:
        """Create the account, or with `replace` give an existing one this hash
        (and activate it); "exists" when it is there and `replace` is off."""
        with transaction(self.session_factory, "käyttäjän tallennus epäonnistui") as session:
            user = session.scalar(select(AdminUser).where(AdminUser.username == username))
            if user is None:
                session.add(AdminUser(username=username, password_hash=password_hash, active=True))
                return "created"
            if not replace:
                return "exists"
            user.password_hash, user.active = password_hash, True
            session.execute(delete(AdminSession).where(AdminSession.username == username))
            return "replaced"

    def active_hash(self, username: str) -> str | None:
        """The password hash of an active account, or None."""
        with transaction(self.session_factory, "kirjautuminen epäonnistui") as session:
            return session.scalar(
                select(AdminUser.password_hash).where(
                    AdminUser.username == username, AdminUser.active.is_(True)
                )
            )

    def record_login(self, username: str, *, now: datetime, new_hash: str | None) -> None:
        """Note the login time; store `new_hash` when the old one needed rehashing."""
        with transaction(self.session_factory, "kirjautuminen epäonnistui") as session:
            user = session.scalar(select(AdminUser).where(AdminUser.username == username))
            if user is None:
                return
            if new_hash is not None:
                user.password_hash = new_hash
            user.last_login_at = now

    # -- sessions: only the token's hash is stored ------------------------------------
    def add_session(
        self, username: str, token_hash: str, *, now: datetime, expires: datetime
    ) -> None:
        """Record a new login (and forget sessions that have run out)."""
        with transaction(self.session_factory, "kirjautuminen epäonnistui") as session:
            session.execute(delete(AdminSession).where(AdminSession.expires_at < now))
            session.add(AdminSession(token_hash=token_hash, username=username, expires_at=expires))

    def session_user(self, token_hash: str, *, now: datetime) -> str | None:
        """The user name of a live session of an active account, or None."""
        with transaction(self.session_factory, "istunnon tarkistus epäonnistui") as session:
            return session.scalar(
                select(AdminSession.username)
                .join(AdminUser, AdminUser.username == AdminSession.username)
                .where(
                    AdminSession.token_hash == token_hash,
                    AdminSession.expires_at > now,
                    AdminUser.active.is_(True),
                )
            )

    def end_session(self, token_hash: str) -> None:
        with transaction(self.session_factory, "uloskirjautuminen epäonnistui") as session:
            session.execute(delete(AdminSession).where(AdminSession.token_hash == token_hash))
