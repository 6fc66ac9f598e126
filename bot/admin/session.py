"""Coordinator sessions: a signed, expiring, HttpOnly cookie; CSRF tokens bound to it.

The cookie holds a random session token and its expiry, signed with the web
secret. The session itself lives in the database (`CoordinatorAccounts`):
every request looks it up with its account, so logout, a new password or a
deactivated account end it at once, and a copied or replayed cookie opens
nothing. Forms carry a token signed over the session token (or, before login,
over a separate cookie), which another site cannot read or make, and its issue
time: a form older than `FORM_SECONDS` is refused. Time is the `Signer`'s clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from bot.web.security import Signer, new_token, set_cookie
from handlers.contact.accounts import SESSION_LENGTH

__all__ = ["ADMIN_PATH", "AdminSessions", "Session"]

ADMIN_PATH = "/admin"
SESSION_COOKIE = "jb_admin"
LOGIN_COOKIE = "jb_login"
SESSION_SECONDS = int(SESSION_LENGTH.total_seconds())
FORM_SECONDS = 4 * 3600  # how long a login or admin form may stay open before it is sent


@dataclass(frozen=True)
class Session:
    username: str
    nonce: str  # the session token


class AdminSessions:
    def __init__(self, signer: Signer, *, secure: bool) -> None:
        self.signer, self.secure = signer, secure

    # -- session cookie ------------------------------------------------------
    def start(self, response: Response, token: str) -> None:
        """Give the browser the cookie of a session opened in the database."""
        expires = str(int(self.signer.clock()) + SESSION_SECONDS)
        value = self.signer.pack("admin-session", token, expires)
        set_cookie(
            response,
            SESSION_COOKIE,
            value,
            path=ADMIN_PATH,
            secure=self.secure,
            max_age=SESSION_SECONDS,
        )
        response.delete_cookie(LOGIN_COOKIE, path=ADMIN_PATH)

    def end(self, response: Response) -> None:
        response.delete_cookie(
            SESSION_COOKIE, path=ADMIN_PATH, secure=self.secure, httponly=True, samesite="lax"
        )

    def token(self, request: Request) -> str | None:
        """The session token of a signed, unexpired cookie (whether the session is still
        open is the database's to say)."""
        raw = request.cookies.get(SESSION_COOKIE)
        parts = self.signer.unpack("admin-session", raw, 2) if raw else None
        if parts is None or not parts[1].isdigit() or int(parts[1]) < self.signer.clock():
            return None
        return parts[0] or None

    def csrf(self, session: Session) -> str:
        return self.signer.stamp("admin-csrf", session.nonce)

    def csrf_ok(self, session: Session, token: str) -> bool:
        return self.signer.fresh("admin-csrf", session.nonce, token, FORM_SECONDS)

    # -- before login ----------------------------------------------------------
    def login_nonce(self, request: Request) -> str:
        return request.cookies.get(LOGIN_COOKIE) or new_token()

    def login_token(self, nonce: str) -> str:
        return self.signer.stamp("admin-login", nonce)

    def set_login_cookie(self, response: Response, nonce: str) -> None:
        set_cookie(response, LOGIN_COOKIE, nonce, path=ADMIN_PATH, secure=self.secure)

    def login_csrf_ok(self, request: Request, token: str) -> bool:
        nonce = request.cookies.get(LOGIN_COOKIE)
        return bool(nonce) and self.signer.fresh("admin-login", nonce or "", token, FORM_SECONDS)
