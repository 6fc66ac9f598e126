"""The HTTP face of the bot: web chat page, JSON API, health and readiness.

One ASGI app serves every HTTP surface. The core routes live here; platform
adapters (Slack `/slack/events`, Teams `/api/messages`) and the contact form
(`/yhteydenotto`) arrive as `extra_routes`/`mounts`, so adding them never
edits this module. Router calls embed text (CPU work), so they run in the
thread pool, never on the event loop.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from bot.guards import BodyGuard, InputError, json_object
from bot.runtime import Runtime
from bot.web.json_reply import render_json
from handlers.messages import Incoming, Reply, Text, router_action
from store.db import check_db

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_COMMENT = 2000  # characters of a feedback comment (a question: handlers/limits.py)
_CONVERSATION = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
# The page loads nothing from elsewhere and runs no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _body(request: Request) -> dict[str, Any]:
    """The JSON object sent (its size and depth were checked by `BodyGuard`)."""
    return json_object(await request.body())


def _conversation(data: Mapping[str, Any]) -> str:
    conv = data.get("conversation")
    if not isinstance(conv, str) or not _CONVERSATION.match(conv):
        raise InputError("Keskustelun tunniste puuttuu tai on virheellinen.")
    return conv


def _text(value: Any) -> str:
    """A question; one too long is cut where every surface's is (`Router.handle`)."""
    if not isinstance(value, str) or not value.strip():
        raise InputError("Kirjoita kysymys ennen lähettämistä.")
    return value.strip()


def _incoming(conversation: str, text: str = "") -> Incoming:
    # No sign-in on the web chat: the tab's conversation id is the only identity
    # (stored only as a keyed hash).
    return Incoming("web", conversation, conversation, text, locale="fi")


async def _answer(
    runtime: Runtime, msg: Incoming, work: Callable[[], Reply] | None = None
) -> Response:
    """Run the router off the event loop; its apology becomes a JSON error (503 when the bot
    can explain what is unavailable, 500 for a bug)."""
    reply = await run_in_threadpool(runtime.router.answer, msg, work)
    if reply.failure is not None:
        status = 503 if reply.failure == "unavailable" else 500
        return _error(status, " ".join(p.text for p in reply.parts if isinstance(p, Text)))
    return JSONResponse(render_json(reply))


def _feedback(runtime: Runtime, msg: Incoming, data: Mapping[str, Any]) -> Callable[[], Reply]:
    value = str(data.get("value", ""))
    if value not in ("1", "-1", "+1"):
        raise InputError("Palautteen arvon pitää olla 1 tai -1.")
    comment = data.get("comment")
    if comment is not None and not isinstance(comment, str):
        raise InputError("Kommentin pitää olla tekstiä.")
    comment = comment.strip() if comment and comment.strip() else None
    if comment is not None and len(comment) > MAX_COMMENT:
        raise InputError(f"Kommentti on liian pitkä (enintään {MAX_COMMENT} merkkiä).")
    query_id = data.get("query_id")
    if query_id is not None and (not isinstance(query_id, int) or isinstance(query_id, bool)):
        raise InputError("Vastauksen tunniste on virheellinen.")
    result_id = data.get("result_id")
    result_id = result_id[:200] if isinstance(result_id, str) and result_id else None
    return lambda: runtime.router.feedback(
        msg, int(value), comment=comment, result_id=result_id, query_id=query_id
    )


def api_router(runtime: Runtime) -> APIRouter:
    """`/api/chat` (a message) and `/api/action` (a button press)."""
    api = APIRouter()

    @api.post("/api/chat")
    async def chat(request: Request) -> Response:
        try:
            data = await _body(request)
            msg = _incoming(_conversation(data), _text(data.get("text")))
        except InputError as exc:
            return _error(exc.status, exc.message)
        return await _answer(runtime, msg)

    @api.post("/api/action")
    async def action(request: Request) -> Response:
        try:
            data = await _body(request)
            msg = _incoming(_conversation(data))
            name = router_action(data.get("action"))
            if name is None:
                raise InputError("Tuntematon toiminto.")
            value = data.get("value", "")
            value = "" if value is None else str(value)
            if name == "feedback":
                fn = _feedback(runtime, msg, data)
            else:
                if name == "ask":
                    value = _text(value)
                elif len(value) > 20:
                    raise InputError("Toiminnon arvo on virheellinen.")
                fn = lambda: runtime.router.action(msg, name, value)  # noqa: E731
        except InputError as exc:
            return _error(exc.status, exc.message)
        return await _answer(runtime, msg, fn)

    return api


def health_router(runtime: Runtime) -> APIRouter:
    """`/healthz`: the process runs. `/readyz`: it can answer (index and database)."""
    health = APIRouter()

    @health.get("/healthz")
    async def healthz() -> Response:
        return PlainTextResponse("ok")

    @health.get("/readyz")
    async def readyz() -> Response:
        problems: list[str] = []
        index_ok = runtime.index is not None and len(runtime.index.docs) > 0
        if not index_ok:
            problems.append("hakuhakemistoa ei ole ladattu")
        if runtime.engine is None:
            db_ok = False
            problems.append("tietokantaa ei ole määritetty")
        else:
            db_ok = await run_in_threadpool(check_db, runtime.engine)
            if not db_ok:
                problems.append("tietokantaan ei saada yhteyttä tai sen rakenne on vanha")
        body = {
            "status": "ok" if not problems else "ei valmis",
            "index": index_ok,
            "database": db_ok,
            "problems": problems,
        }
        return JSONResponse(body, status_code=200 if not problems else 503)

    return health


def page_router() -> APIRouter:
    """The web chat page; its CSS and JS are package files under `bot/static/`."""
    page = APIRouter()

    @page.get("/", include_in_schema=False)
    async def index() -> Response:
        return FileResponse(
            STATIC_DIR / "chat.html",
            media_type="text/html; charset=utf-8",
            headers={
                "Content-Security-Policy": CSP,
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
                "Cache-Control": "no-cache",
            },
        )

    return page


def create_app(
    runtime: Runtime,
    extra_routes: Sequence[APIRouter] = (),
    mounts: Mapping[str, ASGIApp] | None = None,
) -> FastAPI:
    """The ASGI app. `extra_routes`/`mounts` are where later surfaces plug in:

    - Slack Events API: a router with `POST /slack/events`
    - Microsoft Teams (Bot Framework): a router with `POST /api/messages`
    - the common contact form: a router (or mounted app) at `/yhteydenotto`
    """
    app = FastAPI(title="Järjestöbotti", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.runtime = runtime
    app.add_middleware(BodyGuard)  # size and JSON shape of every surface's body
    app.include_router(page_router())
    app.include_router(health_router(runtime))
    app.include_router(api_router(runtime))
    # --- later surfaces: Slack (/slack/events), Teams (/api/messages), /yhteydenotto ---
    for router in extra_routes:
        app.include_router(router)
    for path, sub_app in (mounts or {}).items():
        app.mount(path, sub_app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
