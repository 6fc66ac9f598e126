"""Who may see `/admin/…`: one FastAPI dependency and one error behaviour for every admin route.

`AdminAccess.require_coordinator` (a router-level dependency) lets a request
through only with a signed cookie of a session still open in the database, of
an account that is still active; otherwise pages redirect to the login form keeping path and query
string, and machine answers (`.csv`, `.json`) get 401. Admin routers use
`AdminRoute`, whose one handler turns a `StorageError` into the same 503 page
on every admin route. Give every admin router the same `Signer`, so one login
opens them all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from bot.admin.session import AdminSessions, Session
from bot.runtime import Runtime
from bot.web.security import Signer
from bot.web.templating import PAGE_HEADERS, render
from handlers.contact.texts import text
from index.errors import StorageError

log = logging.getLogger(__name__)

__all__ = [
    "BASE",
    "DB_DOWN",
    "LOGIN",
    "AdminAccess",
    "AdminRoute",
    "LoginRequired",
    "admin_page",
    "coordinator",
]

BASE = "/admin/yhteydenotot"
LOGIN = BASE + "/kirjaudu"
DB_DOWN = "Tietokantaan ei juuri nyt saada yhteyttä. Yritä hetken päästä uudelleen."
MACHINE_SUFFIXES = (".csv", ".json")


class LoginRequired(Exception):
    """No valid coordinator session; `AdminRoute` answers with a redirect or 401."""


def admin_page(name: str, status: int = 200, **context: Any) -> Response:
    """An admin page in Finnish (`base` is the contact list, the nav's home)."""
    context.setdefault("base", BASE)
    return render(name, status, lang="fi", t=lambda key, **p: text(key, "fi", **p), **context)


def _login_required(request: Request) -> Response:
    if request.url.path.endswith(MACHINE_SUFFIXES):
        return PlainTextResponse(
            "Kirjaudu sisään.",
            401,
            headers={**PAGE_HEADERS, "WWW-Authenticate": 'Cookie realm="admin"'},
        )
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"{LOGIN}?seuraava={quote(target, safe='')}", 303)


class AdminRoute(APIRoute):
    """A route whose `LoginRequired` and `StorageError` become the admin answers."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except LoginRequired:
                return _login_required(request)
            except StorageError as exc:
                log.error("admin: %s", exc)
                return admin_page("admin_message.html", 503, message=DB_DOWN, session=None)

        return guarded


class AdminAccess:
    """The session cookie and the account check shared by every admin router."""

    def __init__(self, runtime: Runtime, signer: Signer | None = None) -> None:
        settings = runtime.settings
        self.runtime = runtime
        self.sessions = AdminSessions(
            signer or Signer(settings.web_secret), secure=settings.behind_https
        )

    async def require_coordinator(self, request: Request) -> Session:
        """The FastAPI dependency: the coordinator's session, or `LoginRequired`."""
        token = self.sessions.token(request)
        contacts = self.runtime.contacts
        if token is None or contacts is None:
            raise LoginRequired
        username = await run_in_threadpool(contacts.accounts.session_user, token)
        if username is None:  # logged out, password changed, account closed, expired
            raise LoginRequired
        session = Session(username, token)
        request.state.coordinator = session
        return session


def coordinator(request: Request) -> Session:
    """The session `require_coordinator` let through on this request."""
    session: Session = request.state.coordinator
    return session
