"""Coordinator login and logout at `/admin/yhteydenotot/kirjaudu…`.

Failed logins back off per account and per address (`bot/admin/backoff.py`);
the form carries a CSRF token bound to a pre-login cookie; after login the
browser goes back to the admin page it came from (only ever an `/admin/`
path). Logout ends the session in the database, not only in the browser.
"""

from __future__ import annotations

import logging
import math

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.admin.backoff import LoginBackoff
from bot.admin.guard import BASE, LOGIN, AdminAccess, admin_page
from bot.redis_memory import shared_memory
from bot.web.security import FormTooLarge, client_address, read_form

log = logging.getLogger(__name__)

__all__ = ["LOGOUT", "add_login_routes"]

LOGOUT = BASE + "/kirjaudu-ulos"
WRONG = "Väärä käyttäjätunnus tai salasana. Yritä uudelleen."
WAIT = "Liian monta epäonnistunutta yritystä. Odota {seconds} s ja yritä sitten uudelleen."
STALE = "Lomakkeen tarkiste puuttuu tai on vanhentunut. Avaa kirjautumissivu uudelleen."


def _login_page(
    access: AdminAccess,
    request: Request,
    *,
    status: int,
    error: str | None,
    username: str,
    next: str,
    headers: dict[str, str] | None = None,
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
    response.headers.update(headers or {})
    return response


def add_login_routes(
    router: APIRouter, access: AdminAccess, backoff: LoginBackoff | None = None
) -> None:
    """The login form, the login itself and logout (these need no session)."""
    backoff = backoff or LoginBackoff(memory=shared_memory(access.runtime.settings))

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
        username, password = data.get("username", "")[:100], data.get("password", "")[:1024]
        keys = (f"tunnus:{username.strip().casefold()}", f"osoite:{client_address(request)}")
        target = data.get("next", "")
        wait = backoff.wait(*keys)
        if wait > 0:
            seconds = str(math.ceil(wait))
            log.warning("admin: kirjautuminen estetty %s s (liian monta yritystä)", seconds)
            return _login_page(
                access,
                request,
                status=429,
                error=WAIT.format(seconds=seconds),
                username=username,
                next=target,
                headers={"Retry-After": seconds},
            )
        contacts = access.runtime.contacts
        ok = None
        if contacts is not None:
            ok = await run_in_threadpool(contacts.accounts.authenticate, username, password)
        if ok is None or contacts is None:
            backoff.failed(*keys)
            return _login_page(
                access, request, status=401, error=WRONG, username=username, next=target
            )
        backoff.succeeded(keys[0])
        token = await run_in_threadpool(contacts.accounts.open_session, ok)
        log.info("admin: %s kirjautui", ok)
        safe = target.startswith("/admin/") and "//" not in target and "\\" not in target
        response = RedirectResponse(target if safe else BASE, 303)
        access.sessions.start(response, token)
        return response

    @router.post(LOGOUT, include_in_schema=False)
    async def logout(request: Request) -> Response:
        token, contacts = access.sessions.token(request), access.runtime.contacts
        if token is not None and contacts is not None:
            await run_in_threadpool(contacts.accounts.close_session, token)
        response = RedirectResponse(LOGIN, 303)
        access.sessions.end(response)
        return response
