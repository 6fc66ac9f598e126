"""The board report and the unmet needs for coordinators: `/admin/raportti` (with its
PDF, `/admin/raportti.pdf`) and `/admin/tarpeet`.

Behind the same coordinator login as every admin page (`AdminAccess.require_coordinator`).
The period comes from `?alkaen=VVVV-KK-PP&asti=VVVV-KK-PP` (Helsinki days, both
included); by default the last twelve months. Counts under five are shown as "< 5";
example wordings of unmet needs (stored redacted) only for themes of five or more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from bot.admin.guard import AdminAccess, AdminRoute, admin_page, coordinator
from bot.report.html import chart_uris
from bot.report.pdf import SUPPRESSION_NOTE, pdf_bytes
from bot.runtime import Runtime
from bot.web.security import Signer
from bot.web.templating import PAGE_HEADERS
from handlers.report.board import build_board_report, unmet_needs
from handlers.report.model import BoardReport
from handlers.report.suppress import MIN_COUNT, shown
from index.errors import StorageError

__all__ = ["BOARD_PATH", "NEEDS_PATH", "admin_report_router"]

BOARD_PATH = "/admin/raportti"
NEEDS_PATH = "/admin/tarpeet"
CONTENT_PATH = "/admin/sisalto"
MAX_DAYS = 3 * 366
BAD_PERIOD = (
    "Jakso ei kelpaa: anna päivät muodossa VVVV-KK-PP, alku ennen loppua ja enintään "
    "kolme vuotta. Näytetään viimeiset 12 kuukautta."
)


def _period(request: Request, today: dt.date) -> tuple[dt.date, dt.date, str | None]:
    default = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1), today
    q = request.query_params
    raw = q.get("alkaen", "").strip(), q.get("asti", "").strip()
    if not any(raw):
        return (*default, None)
    try:
        start = dt.date.fromisoformat(raw[0]) if raw[0] else default[0]
        end = dt.date.fromisoformat(raw[1]) if raw[1] else today
    except ValueError:
        return (*default, BAD_PERIOD)
    if end < start or (end - start).days > MAX_DAYS:
        return (*default, BAD_PERIOD)
    return start, end, None


def admin_report_router(
    runtime: Runtime,
    *,
    signer: Signer | None = None,
    today: Callable[[], dt.date] | None = None,
) -> APIRouter:
    access = AdminAccess(runtime, signer)
    router = APIRouter(route_class=AdminRoute, dependencies=[Depends(access.require_coordinator)])

    def factory() -> sessionmaker[Session]:
        made: sessionmaker[Session] | None = runtime.ctx.session_factory
        if made is None:
            raise StorageError("tietokantaa ei ole määritetty")
        return made

    def period(request: Request) -> tuple[dt.date, dt.date, str | None]:
        return _period(request, today() if today is not None else runtime.ctx.today())

    def build(request: Request) -> tuple[BoardReport, str | None]:
        start, end, error = period(request)
        report, _needs = build_board_report(factory(), runtime.kb, start, end)
        return report, error

    def page(request: Request, name: str, **context: Any) -> Response:
        return admin_page(
            name,
            session=coordinator(request),
            report_path=BOARD_PATH,
            needs_path=NEEDS_PATH,
            content_path=CONTENT_PATH,
            note=SUPPRESSION_NOTE,
            **context,
        )

    @router.get(BOARD_PATH, include_in_schema=False)
    async def board(request: Request) -> Response:
        def work() -> tuple[BoardReport, dict[str, str], str | None]:
            report, error = build(request)
            return report, chart_uris(report), error

        report, charts, error = await run_in_threadpool(work)
        return page(request, "admin_board.html", report=report, charts=charts, error=error)

    @router.get(BOARD_PATH + ".pdf", include_in_schema=False)
    async def board_pdf(request: Request) -> Response:
        def work() -> tuple[bytes, str]:
            report, _error = build(request)
            return pdf_bytes(report), f"raportti-{report.start}-{report.end}.pdf"

        body, filename = await run_in_threadpool(work)
        headers = {
            **PAGE_HEADERS,
            "Content-Disposition": f'attachment; filename="{filename}"',
        }
        return Response(body, media_type="application/pdf", headers=headers)

    @router.get(NEEDS_PATH, include_in_schema=False)
    async def needs_page(request: Request) -> Response:
        start, end, error = period(request)
        needs = await run_in_threadpool(unmet_needs, factory(), runtime.kb, start, end)
        return page(
            request,
            "admin_needs.html",
            needs=needs,
            start=start,
            end=end,
            error=error,
            shown=shown,
            min_count=MIN_COUNT,
        )

    return router
