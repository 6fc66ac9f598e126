"""Coordinator login and logout at `/admin/yhteydenotot/kirjaudu…`.

Failed logins are rate-limited per address; the form carries a CSRF token
bound to a pre-login cookie; after login the browser goes back to the admin
page it came from (only ever an `/admin/` path).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.admin.guard import BASE, LOGIN, AdminAccess, admin_page
from bot.redis_memory import shared_memory
from bot.web.security import FormTooLarge, RateLimiter, client_address, read_form

log = logging.getLogger(__name__)

__all__ = ["LOGOUT", "add_login_routes"]

LOGOUT = BASE + "/kirjaudu-ulos"
WRONG = "Väärä käyttäjätunnus tai salasana, tai liian monta yritystä. Yritä uudelleen."
STALE = "Lomakkeen tarkiste puuttuu tai on vanhentunut. Avaa kirjautumissivu uudelleen."


def _login_page(
    access: AdminAccess,
    request: Request,
    *,
    status: int,
    error: str | None,
    username: str,
    next: str,
) -> Response:
    nonce = access.sessions.login_nonce(request)
    response = admin_page(
        "admin_login.html",
        status,
        token=access.sessions.login_token(nonce),
        error=error,
        username=username,
        next=next,
        session=None,
    )
    access.sessions.set_login_cookie(response, nonce)
    return response


def add_login_routes(router: APIRouter, access: AdminAccess) -> None:
    """The login form, the login itself and logout (these need no session)."""
    login_limiter = RateLimiter(  # failed logins per address per 15 min
        10,
        window=900,
        memory=shared_memory(access.runtime.settings),
        namespace="login",
    )

    @router.get(LOGIN, include_in_schema=False)
    async def login_form(request: Request) -> Response:
        target = request.query_params.get("seuraava", "")
        return _login_page(access, request, status=200, error=None, username="", next=target)

    @router.post(LOGIN, include_in_schema=False)
    async def login(request: Request) -> Response:
        try:
            data = await read_form(request, 4096)
        except FormTooLarge:
            return PlainTextResponse("Liian suuri pyyntö.", 413)
        if not access.sessions.login_csrf_ok(request, data.get("csrf", "")):
            return admin_page("admin_message.html", 403, session=None, message=STALE)
        address = client_address(request)
        username, password = data.get("username", "")[:100], data.get("password", "")[:1024]
        target = data.get("next", "")
        contacts = access.runtime.contacts
        ok = None
        if login_limiter.allowed(address) and contacts is not None:
            ok = await run_in_threadpool(contacts.accounts.authenticate, username, password)
        if ok is None:
            login_limiter.hit(address)
            return _login_page(
                access, request, status=401, error=WRONG, username=username, next=target
            )
        log.info("admin: %s kirjautui", ok)
        safe = target.startswith("/admin/") and "//" not in target and "\\" not in target
        response = RedirectResponse(target if safe else BASE, 303)
        access.sessions.start(response, ok)
        return response

    @router.post(LOGOUT, include_in_schema=False)
    async def logout(request: Request) -> Response:
        response = RedirectResponse(LOGIN, 303)
        access.sessions.end(response)
        return response
