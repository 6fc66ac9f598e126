"""Coordinator view of contact requests at `/admin/yhteydenotot` (Finnish only).

Nothing here is reachable without a login: pages redirect to the login form,
the CSV export answers 401. Every state change is a POST with a CSRF token,
and every value is rendered through autoescaped templates.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.admin.session import AdminSessions, Session
from bot.runtime import Runtime
from bot.web.security import FormTooLarge, RateLimiter, Signer, client_address, read_form
from bot.web.templating import PAGE_HEADERS, render
from handlers.contact.accounts import authenticate, is_active
from handlers.contact.form import TOPICS, UNITS, choice_label
from handlers.contact.service import (
    ContactStatusError,
    export_csv,
    get_request,
    list_requests,
    set_status,
)
from handlers.contact.texts import text
from handlers.contact.views import HELSINKI, STATUS_LABELS, RequestFilter, status_label
from index.errors import StorageError

log = logging.getLogger(__name__)

__all__ = ["admin_router"]

BASE = "/admin/yhteydenotot"
LOGIN = BASE + "/kirjaudu"
LOGOUT = BASE + "/kirjaudu-ulos"
CSV_PATH = "/admin/yhteydenotot.csv"
PAGE_SIZE = 50
DB_DOWN = "Tietokantaan ei juuri nyt saada yhteyttä. Yritä hetken päästä uudelleen."


def _filters(request: Request) -> tuple[RequestFilter, dict[str, str]]:
    """Filters from the query string; unknown values are dropped, never passed on."""
    q = request.query_params
    raw = {
        k: q.get(k, "").strip()[:200] for k in ("tila", "aihe", "yksikko", "alkaen", "asti", "haku")
    }

    def day(value: str) -> date | None:
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            return None

    filters = RequestFilter(
        status=raw["tila"] if raw["tila"] in STATUS_LABELS else None,
        topic=raw["aihe"] if raw["aihe"] in {t.id for t in TOPICS} else None,
        unit=raw["yksikko"] if raw["yksikko"] in {u.id for u in UNITS} else None,
        date_from=day(raw["alkaen"]),
        date_to=day(raw["asti"]),
        search=raw["haku"] or None,
    )
    return filters, raw


def _page_number(request: Request) -> int:
    value = request.query_params.get("sivu", "1")
    return max(1, int(value)) if value.isdigit() and len(value) < 6 else 1


def admin_router(runtime: Runtime, *, signer: Signer | None = None) -> APIRouter:
    """`/admin/yhteydenotot…`; give it to `create_app(runtime, extra_routes=[...])`."""
    settings = runtime.settings
    sessions = AdminSessions(signer or Signer(settings.web_secret), secure=settings.behind_https)
    login_limiter = RateLimiter(10, window=900)  # failed logins per address per 15 min
    factory = runtime.ctx.session_factory
    router = APIRouter()

    def page(name: str, status: int = 200, **context: Any) -> Response:
        return render(
            name,
            status,
            lang="fi",
            t=lambda key, **p: text(key, "fi", **p),
            base=BASE,
            topics=TOPICS,
            units=UNITS,
            statuses=STATUS_LABELS,
            status_label=status_label,
            choice_label=choice_label,
            roles={r.id: r.name for r in runtime.kb.roles.values()},
            helsinki=HELSINKI,
            **context,
        )

    async def user(request: Request) -> Session | None:
        session = sessions.current(request)
        if session is None or factory is None:
            return None
        return session if await run_in_threadpool(is_active, factory, session.username) else None

    def to_login(request: Request) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"{LOGIN}?seuraava={quote(target, safe='')}", 303)

    Handler = Callable[[Request, Session], Awaitable[Response]]

    async def guarded(request: Request, handler: Handler, *, api: bool = False) -> Response:
        try:
            session = await user(request)
            if session is None:
                if api:
                    return PlainTextResponse(
                        "Kirjaudu sisään.",
                        401,
                        headers={**PAGE_HEADERS, "WWW-Authenticate": 'Cookie realm="admin"'},
                    )
                return to_login(request)
            return await handler(request, session)
        except StorageError as exc:
            log.error("admin: %s", exc)
            return page("admin_message.html", 503, message=DB_DOWN, session=None)

    @router.get(LOGIN, include_in_schema=False)
    async def login_form(request: Request) -> Response:
        nonce = sessions.login_nonce(request)
        response = page(
            "admin_login.html",
            token=sessions.login_token(nonce),
            error=None,
            username="",
            next=request.query_params.get("seuraava", ""),
            session=None,
        )
        sessions.set_login_cookie(response, nonce)
        return response

    @router.post(LOGIN, include_in_schema=False)
    async def login(request: Request) -> Response:
        try:
            data = await read_form(request, 4096)
        except FormTooLarge:
            return PlainTextResponse("Liian suuri pyyntö.", 413)
        if not sessions.login_csrf_ok(request, data.get("csrf", "")):
            return page(
                "admin_message.html",
                403,
                session=None,
                message="Lomakkeen tarkiste puuttuu tai on vanhentunut. "
                "Avaa kirjautumissivu uudelleen.",
            )
        address = client_address(request)
        username, password = data.get("username", "")[:100], data.get("password", "")[:1024]
        target = data.get("next", "")
        ok = None
        if login_limiter.allowed(address) and factory is not None:
            try:
                ok = await run_in_threadpool(authenticate, factory, username, password)
            except StorageError as exc:
                log.error("admin: %s", exc)
                return page("admin_message.html", 503, message=DB_DOWN, session=None)
        if ok is None:
            login_limiter.hit(address)
            nonce = sessions.login_nonce(request)
            response = page(
                "admin_login.html",
                401,
                token=sessions.login_token(nonce),
                error="Väärä käyttäjätunnus tai salasana, tai liian monta "
                "yritystä. Yritä uudelleen.",
                username=username,
                next=target,
                session=None,
            )
            sessions.set_login_cookie(response, nonce)
            return response
        log.info("admin: %s kirjautui", ok)
        safe = target.startswith("/admin/") and "//" not in target and "\\" not in target
        response = RedirectResponse(target if safe else BASE, 303)
        sessions.start(response, ok)
        return response

    @router.post(LOGOUT, include_in_schema=False)
    async def logout(request: Request) -> Response:
        response = RedirectResponse(LOGIN, 303)
        sessions.end(response)
        return response

    async def list_page(request: Request, session: Session) -> Response:
        assert factory is not None
        filters, raw = _filters(request)
        number = _page_number(request)
        result = await run_in_threadpool(
            lambda: list_requests(
                factory, filters, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
            )
        )
        query = urlencode({k: v for k, v in raw.items() if v})
        pages = max(1, -(-result.total // PAGE_SIZE))
        return page(
            "admin_list.html",
            session=session,
            csrf=sessions.csrf(session),
            result=result,
            raw=raw,
            query=query,
            number=number,
            pages=pages,
        )

    @router.get(BASE, include_in_schema=False)
    async def index(request: Request) -> Response:
        return await guarded(request, list_page)

    async def csv_export(request: Request, session: Session) -> Response:
        assert factory is not None
        filters, _ = _filters(request)
        body = await run_in_threadpool(export_csv, factory, filters)
        log.info("admin: %s vei CSV:n", session.username)
        return Response(
            body,
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": 'attachment; filename="yhteydenotot.csv"',
                "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )

    @router.get(CSV_PATH, include_in_schema=False)
    async def csv_route(request: Request) -> Response:
        return await guarded(request, csv_export, api=True)

    async def detail(
        request: Request, session: Session, *, error: str | None = None, status: int = 200
    ) -> Response:
        assert factory is not None
        reference = request.path_params["reference"]
        view = await run_in_threadpool(get_request, factory, reference)
        if view is None:
            return page(
                "admin_message.html",
                404,
                session=session,
                csrf=sessions.csrf(session),
                message="Yhteydenottoa ei löydy.",
            )
        return page(
            "admin_detail.html",
            status,
            session=session,
            csrf=sessions.csrf(session),
            item=view,
            error=error,
            changed=request.query_params.get("muutettu") == "1",
        )

    @router.get(BASE + "/{reference}", include_in_schema=False)
    async def detail_route(request: Request) -> Response:
        return await guarded(request, detail)

    async def change(request: Request, session: Session) -> Response:
        assert factory is not None
        try:
            data = await read_form(request, 16_384)
        except FormTooLarge:
            return await detail(request, session, error="Muistiinpano on liian pitkä.", status=413)
        if not sessions.csrf_ok(session, data.get("csrf", "")):
            return page(
                "admin_message.html",
                403,
                session=session,
                csrf=sessions.csrf(session),
                message="Lomakkeen tarkiste puuttuu tai on vanhentunut. Lataa sivu uudelleen.",
            )
        reference = request.path_params["reference"]
        try:
            await run_in_threadpool(
                lambda: set_status(
                    factory,
                    reference,
                    data.get("status", ""),
                    actor=session.username,
                    note=data.get("note"),
                    clock=runtime.ctx.clock,
                )
            )
        except ContactStatusError as exc:
            return await detail(request, session, error=exc.user_message, status=409)
        return RedirectResponse(f"{BASE}/{quote(reference)}?muutettu=1", 303)

    @router.post(BASE + "/{reference}/tila", include_in_schema=False)
    async def change_route(request: Request) -> Response:
        return await guarded(request, change)

    return router
