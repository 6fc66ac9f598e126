"""Coordinator pages about the knowledge itself: `/admin/tila` and `/admin/sisalto`.

`/admin/tila` shows whether the last saved change was taken into use, every
problem that stopped it (file:line, field, fix) and when the serving index
was built; `/admin/tila.json` is the same for monitoring. `/admin/sisalto`
is the content health report (`jarjestobotti knowledge report`) as a page.

Login is the coordinator login of `/admin/yhteydenotot`: the same signed
session cookie (path `/admin`) and the same `require_coordinator` dependency
(`bot/admin/guard.py`). Give both routers the same `Signer`, so one login opens both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.admin.guard import AdminAccess, AdminRoute, admin_page, coordinator
from bot.background.notify import local_time
from bot.background.ptv_sync import PtvSyncStatus
from bot.background.status import StatusBoard
from bot.runtime import Runtime
from bot.web.security import Signer
from index.knowledge.health import VOCAB_KINDS, health_report

__all__ = ["REPORT_PATH", "STATUS_PATH", "admin_status_router"]

STATUS_PATH = "/admin/tila"
REPORT_PATH = "/admin/sisalto"  # the board report is `/admin/raportti` (bot/admin/report.py)
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
    ptv: Callable[[], PtvSyncStatus] | None = None,
) -> APIRouter:
    """The two pages; `board` is the reloader's (None when live reload is off); `ptv`
    the PTV sync job's status (None when no sync is configured)."""
    access = AdminAccess(runtime, signer)
    router = APIRouter(route_class=AdminRoute, dependencies=[Depends(access.require_coordinator)])

    def page(request: Request, name: str, **context: Any) -> Response:
        return admin_page(
            name,
            session=coordinator(request),
            local_time=local_time,
            report_path=REPORT_PATH,
            **context,
        )

    @router.get(STATUS_PATH, include_in_schema=False)
    async def status_page(request: Request) -> Response:
        if board is None:
            return page(request, "admin_unavailable.html", message=NO_RELOAD)
        return page(request, "admin_status.html", st=board.status, ptv=ptv() if ptv else None)

    @router.get(STATUS_PATH + ".json", include_in_schema=False)
    async def status_json(request: Request) -> Response:
        body: dict[str, Any] = board.status.as_json() if board is not None else {"mode": "off"}
        if ptv is not None:
            body["ptv_sync"] = ptv().as_json()
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    @router.get(REPORT_PATH, include_in_schema=False)
    async def report_page(request: Request) -> Response:
        searcher = runtime.ctx.searcher()  # knowledge and index of one version
        day = today() if today is not None else runtime.ctx.today()
        report = await run_in_threadpool(health_report, searcher.kb, searcher.index, day)
        return page(request, "admin_report.html", report=report, kinds=VOCAB_KINDS)

    return router
