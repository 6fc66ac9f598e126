"""Module fixtures for tests on a real runtime: the runtime on its own SQLite file, the web
app served from it and a client on it; and the web app with the coordinators' pages.

A test module names its fixtures by assignment:

    runtime = runtime_fixture("web", web_secret="…")  # the fixture `runtime`
    base = web_app_fixture(contact=True)  # the fixture `base`: the app's URL
    client = client_fixture(timeout=30)  # the fixture `client`: httpx on `base`
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from bot.admin.contacts import admin_router
from bot.admin.report import admin_report_router
from bot.admin.status import admin_status_router
from bot.background.status import StatusBoard
from bot.runtime import Runtime, contact_requests
from bot.web.app import create_app
from bot.web.contact import contact_routes
from bot.web.security import Signer
from handlers import BotContext, build_router
from store.db import make_session_factory
from tests.runtime_fixtures import live_server, make_runtime


def runtime_fixture(folder: str, db_name: str = "var/jarjestobotti.db", **settings: Any) -> Any:
    """Module-scoped `runtime`: `make_runtime` on the shared knowledge index and a fresh
    SQLite file `<tmp>/<folder>N/<db_name>`, disposed after the module."""

    @pytest.fixture(scope="module", name="runtime")
    def fixture(
        request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[Runtime]:
        index_dir: Path = request.getfixturevalue("knowledge_index_dir")
        db = tmp_path_factory.mktemp(folder) / db_name
        rt = make_runtime(index_dir, f"sqlite:///{db}", **settings)
        yield rt
        rt.engine.dispose()

    return fixture


def web_app_fixture(*, contact: bool = False) -> Any:
    """Module-scoped `base`: the module's `runtime` as the web app on a live server; its URL."""

    @pytest.fixture(scope="module", name="base")
    def fixture(runtime: Runtime) -> Iterator[str]:
        with served_web_app(runtime, contact=contact) as url:
            yield url

    return fixture


def client_fixture(
    timeout: float,
    scope: Literal["session", "package", "module", "class", "function"] = "function",
) -> Any:
    """`client`: an httpx client on `base`; function-scoped, it is a fresh browser (no cookies)."""

    @pytest.fixture(scope=scope, name="client")
    def fixture(base: str) -> Iterator[httpx.Client]:
        with httpx.Client(base_url=base, timeout=timeout) as c:
            yield c

    return fixture


@contextmanager
def served_web_app(runtime: Runtime, *, contact: bool = False) -> Iterator[str]:
    """The web app (with the contact routes if `contact`) on a live server; yields its URL."""
    routes = contact_routes(runtime) if contact else ()
    with live_server(create_app(runtime, extra_routes=routes)) as url:
        yield url


def admin_web_app(runtime: Runtime, board: StatusBoard | None, **status: Any) -> FastAPI:
    """The web app with the coordinators' pages: status, content and board reports, unmet
    needs, contact requests."""
    signer = Signer(runtime.settings.web_secret)
    return create_app(
        runtime,
        extra_routes=[
            admin_status_router(runtime, board, signer=signer, **status),
            admin_report_router(runtime, signer=signer, today=status.get("today")),
            admin_router(runtime, signer=signer),
        ],
    )


def log_in(client: httpx.Client, username: str, password: str) -> httpx.Response:
    """Log a coordinator in through the login form of `/admin/yhteydenotot`; the answer
    (303 to the admin page, 401 wrong, 429 backing off)."""
    page = client.get("/admin/yhteydenotot/kirjaudu")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    return client.post(
        "/admin/yhteydenotot/kirjaudu",
        data={"csrf": token.group(1), "username": username, "password": password},
    )


def on_engine(runtime: Runtime, engine: Engine) -> Runtime:
    """`runtime` storing into `engine`'s database instead (its router and its contact-request
    service rebuilt on it)."""
    ctx = BotContext(
        searcher=lambda: runtime.searcher,
        config=runtime.ctx.config,
        session_factory=make_session_factory(engine),
    )
    contacts = contact_requests(runtime.settings, ctx.session_factory, clock=ctx.clock)
    return dataclasses.replace(
        runtime, engine=engine, ctx=ctx, router=build_router(ctx), contacts=contacts
    )
