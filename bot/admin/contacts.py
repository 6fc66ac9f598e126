"""Coordinator view of contact requests at `/admin/yhteydenotot` (Finnish only).

Nothing here is reachable without a login (`require_coordinator`): pages
redirect to the login form, the CSV export answers 401. Every state change is
a POST with a CSRF token, and every value is rendered through autoescaped
templates. The requests come from the runtime's contact-request service.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.admin.guard import BASE, AdminAccess, AdminRoute, admin_page, coordinator
from bot.admin.login import add_login_routes
from bot.runtime import Runtime
from bot.web.security import FormTooLarge, Signer, read_form
from handlers.contact.fields import TOPICS, UNITS, choice_label
from handlers.contact.service import ContactNoteError, ContactStatusError
from handlers.contact.views import HELSINKI, STATUS_LABELS, RequestFilter, status_label

log = logging.getLogger(__name__)

__all__ = ["admin_router"]

CSV_PATH = "/admin/yhteydenotot.csv"
PAGE_SIZE = 50
CSV_HEADERS = {
    "Content-Disposition": 'attachment; filename="yhteydenotot.csv"',
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}


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


class ContactPages:
    """The list, the CSV export, one request and its status change."""

    def __init__(self, access: AdminAccess) -> None:
        self.access, self.runtime = access, access.runtime

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        session = coordinator(request)
        return admin_page(
            name,
            status,
            topics=TOPICS,
            units=UNITS,
            statuses=STATUS_LABELS,
            status_label=status_label,
            choice_label=choice_label,
            roles={r.id: r.name for r in self.runtime.kb.roles.values()},
            helsinki=HELSINKI,
            session=session,
            csrf=self.access.sessions.csrf(session),
            **context,
        )

    async def index(self, request: Request) -> Response:
        filters, raw = _filters(request)
        number = _page_number(request)
        contacts = self.runtime.contact_requests()
        result = await run_in_threadpool(
            lambda: contacts.page(filters, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
        )
        return self.page(
            request,
            "admin_list.html",
            result=result,
            raw=raw,
            query=urlencode({k: v for k, v in raw.items() if v}),
            number=number,
            pages=max(1, -(-result.total // PAGE_SIZE)),
        )

    async def csv_export(self, request: Request) -> Response:
        filters, _ = _filters(request)
        body = await run_in_threadpool(self.runtime.contact_requests().export_csv, filters)
        log.info("admin: %s vei CSV:n", coordinator(request).username)
        return Response(body, media_type="text/csv; charset=utf-8", headers=CSV_HEADERS)

    async def show(self, request: Request) -> Response:
        return await self.detail(request)

    async def detail(
        self, request: Request, *, error: str | None = None, status: int = 200
    ) -> Response:
        reference = request.path_params["reference"]
        view = await run_in_threadpool(self.runtime.contact_requests().get, reference)
        if view is None:
            return self.page(request, "admin_message.html", 404, message="Yhteydenottoa ei löydy.")
        changed = request.query_params.get("muutettu") == "1"
        return self.page(
            request, "admin_detail.html", status, item=view, error=error, changed=changed
        )

    async def change(self, request: Request) -> Response:
        session = coordinator(request)
        try:
            data = await read_form(request, 16_384)
        except FormTooLarge:
            return await self.detail(request, error="Muistiinpano on liian pitkä.", status=413)
        if not self.access.sessions.csrf_ok(session, data.get("csrf", "")):
            return self.page(
                request,
                "admin_message.html",
                403,
                message="Lomakkeen tarkiste puuttuu tai on vanhentunut. Lataa sivu uudelleen.",
            )
        reference = request.path_params["reference"]
        contacts = self.runtime.contact_requests()
        try:
            await run_in_threadpool(
                lambda: contacts.set_status(
                    reference, data.get("status", ""), actor=session.username, note=data.get("note")
                )
            )
        except ContactStatusError as exc:
            status = 422 if isinstance(exc, ContactNoteError) else 409
            return await self.detail(request, error=exc.user_message, status=status)
        return RedirectResponse(f"{BASE}/{quote(reference)}?muutettu=1", 303)


def admin_router(runtime: Runtime, *, signer: Signer | None = None) -> APIRouter:
    """`/admin/yhteydenotot…`; give it to `create_app(runtime, extra_routes=[...])`."""
    access = AdminAccess(runtime, signer)
    pages = ContactPages(access)
    router = APIRouter(route_class=AdminRoute)
    add_login_routes(router, access)
    need = [Depends(access.require_coordinator)]
    for path, endpoint, method in (
        (BASE, pages.index, "GET"),
        (CSV_PATH, pages.csv_export, "GET"),
        (BASE + "/{reference}", pages.show, "GET"),
        (BASE + "/{reference}/tila", pages.change, "POST"),
    ):
        router.add_api_route(
            path, endpoint, methods=[method], dependencies=need, include_in_schema=False
        )
    return router
