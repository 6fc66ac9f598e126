"""Coordinator pages about the knowledge itself: `/admin/tila` and `/admin/raportti`.

`/admin/tila` shows whether the last saved change was taken into use, every
problem that stopped it (file:line, field, fix) and when the serving index
was built; `/admin/tila.json` is the same for monitoring. `/admin/raportti`
is the content health report (`jarjestobotti knowledge report`) as a page.

Login is the coordinator login of `/admin/yhteydenotot` (`bot/admin.py`): the
same signed session cookie (path `/admin`) and the same account check on every
request. Give both routers the same `Signer`, so one login opens both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.admin.session import AdminSessions, Session
from bot.background.notify import local_time
from bot.background.status import StatusBoard
from bot.runtime import Runtime
from bot.web.security import Signer
from bot.web.templating import PAGE_HEADERS, render
from handlers.contact.accounts import is_active
from handlers.contact.texts import text
from index.errors import StorageError
from index.knowledge.health import VOCAB_KINDS, health_report

__all__ = ["REPORT_PATH", "STATUS_PATH", "admin_status_router"]

STATUS_PATH = "/admin/tila"
REPORT_PATH = "/admin/raportti"
LOGIN = "/admin/yhteydenotot/kirjaudu"
CONTACTS = "/admin/yhteydenotot"
NO_RELOAD = (
    "Automaattinen päivitys ei ole käytössä tässä prosessissa "
    "(JARJESTOBOTTI_KNOWLEDGE_WATCH=false). Hakemisto päivitetään komennolla "
    "jarjestobotti index build ja palvelun uudelleenkäynnistyksellä."
)


def admin_status_router(
    runtime: Runtime,
    board: StatusBoard | None,
    *,
    signer: Signer | None = None,
    today: Callable[[], dt.date] | None = None,
) -> APIRouter:
    """The two pages; `board` is the reloader's (None when live reload is off)."""
    settings = runtime.settings
    sessions = AdminSessions(signer or Signer(settings.web_secret), secure=settings.behind_https)
    factory = runtime.ctx.session_factory
    router = APIRouter()

    def page(name: str, session: Session, **context: Any) -> Response:
        return render(
            name,
            200,
            None,
            lang="fi",
            t=lambda key, **p: text(key, "fi", **p),
            base=CONTACTS,
            session=session,
            local_time=local_time,
            report_path=REPORT_PATH,
            **context,
        )

    async def guarded(
        request: Request, handler: Callable[[Session], Awaitable[Response]], *, api: bool = False
    ) -> Response:
        session = sessions.current(request)
        try:
            ok = (
                session is not None
                and factory is not None
                and await run_in_threadpool(is_active, factory, session.username)
            )
        except StorageError:
            return PlainTextResponse(
                "Tietokantaan ei juuri nyt saada yhteyttä.", 503, headers=PAGE_HEADERS
            )
        if not ok or session is None:
            if api:
                return PlainTextResponse(
                    "Kirjaudu sisään.",
                    401,
                    headers={**PAGE_HEADERS, "WWW-Authenticate": 'Cookie realm="admin"'},
                )
            target = request.url.path
            return RedirectResponse(f"{LOGIN}?seuraava={quote(target, safe='')}", 303)
        return await handler(session)

    @router.get(STATUS_PATH, include_in_schema=False)
    async def status_page(request: Request) -> Response:
        async def show(session: Session) -> Response:
            if board is None:
                return page("admin_unavailable.html", session, message=NO_RELOAD)
            return page("admin_status.html", session, st=board.status)

        return await guarded(request, show)

    @router.get(STATUS_PATH + ".json", include_in_schema=False)
    async def status_json(request: Request) -> Response:
        async def show(session: Session) -> Response:
            body = board.status.as_json() if board is not None else {"mode": "off"}
            return JSONResponse(body, headers={"Cache-Control": "no-store"})

        return await guarded(request, show, api=True)

    @router.get(REPORT_PATH, include_in_schema=False)
    async def report_page(request: Request) -> Response:
        async def show(session: Session) -> Response:
            searcher = runtime.ctx.searcher()  # knowledge and index of one version
            day = today() if today is not None else runtime.ctx.today()
            report = await run_in_threadpool(health_report, searcher.kb, searcher.index, day)
            return page("admin_report.html", session, report=report, kinds=VOCAB_KINDS)

        return await guarded(request, show)

    return router
