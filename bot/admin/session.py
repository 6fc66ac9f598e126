"""Coordinator sessions: a signed, expiring, HttpOnly cookie; CSRF tokens bound to it.

The cookie holds only the user name, the expiry and a random nonce, signed
with the web secret; the account is looked up again on every request, so a
deactivated account loses access at once. Forms carry a token signed over the
session nonce (or, before login, over a separate cookie), which another site
cannot read or make.
"""

from __future__ import annotations

import base64
import binascii
import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from bot.web.security import Signer, new_token, set_cookie

__all__ = ["ADMIN_PATH", "AdminSessions", "Session"]

ADMIN_PATH = "/admin"
SESSION_COOKIE = "jb_admin"
LOGIN_COOKIE = "jb_login"
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True)
class Session:
    username: str
    nonce: str


def _b64(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")


def _unb64(value: str) -> str | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None


class AdminSessions:
    def __init__(self, signer: Signer, *, secure: bool) -> None:
        self.signer, self.secure = signer, secure

    # -- session cookie ------------------------------------------------------
    def start(self, response: Response, username: str) -> None:
        expires = str(int(time.time()) + SESSION_SECONDS)
        value = self.signer.pack("admin-session", _b64(username), expires, new_token())
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

    def current(self, request: Request) -> Session | None:
        """The signed, unexpired session of this request (the account is not checked here)."""
        raw = request.cookies.get(SESSION_COOKIE)
        parts = self.signer.unpack("admin-session", raw, 3) if raw else None
        if parts is None or not parts[1].isdigit() or int(parts[1]) < time.time():
            return None
        username = _unb64(parts[0])
        return Session(username, parts[2]) if username else None

    def csrf(self, session: Session) -> str:
        return self.signer.sign("admin-csrf", session.nonce)

    def csrf_ok(self, session: Session, token: str) -> bool:
        return self.signer.check("admin-csrf", session.nonce, token)

    # -- before login ----------------------------------------------------------
    def login_nonce(self, request: Request) -> str:
        return request.cookies.get(LOGIN_COOKIE) or new_token()

    def login_token(self, nonce: str) -> str:
        return self.signer.sign("admin-login", nonce)

    def set_login_cookie(self, response: Response, nonce: str) -> None:
        set_cookie(response, LOGIN_COOKIE, nonce, path=ADMIN_PATH, secure=self.secure)

    def login_csrf_ok(self, request: Request, token: str) -> bool:
        nonce = request.cookies.get(LOGIN_COOKIE)
        return bool(nonce) and self.signer.check("admin-login", nonce or "", token)
