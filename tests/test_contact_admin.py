"""The coordinator view `/admin/yhteydenotot` over HTTP: login, list, detail, status, CSV."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from bot.admin.status import admin_status_router
from bot.runtime import Runtime
from bot.web.app import create_app
from bot.web.contact import contact_routes
from bot.web.security import Signer
from handlers.contact.service import ContactRequests
from store.contact_models import ContactRequest
from store.db import make_engine, make_session_factory
from tests.contact_helpers import contact_form
from tests.runtime_fixtures import (
    knowledge_index_dir,  # noqa: F401  (fixture)
    live_server,
)
from tests.served_runtime import client_fixture, runtime_fixture, served_web_app, web_app_fixture

PASSWORD = "oikein-hyva-salasana-42"
FORM = contact_form("Keravan Kuoro ry", "tapahtuma-tai-tiedote", "Konsertti 12.9.")


runtime = runtime_fixture("admin", web_secret="testin-admin-salaisuus")
base = web_app_fixture(contact=True)
client = client_fixture(timeout=30)


def login(client: httpx.Client, password: str = PASSWORD, next_url: str = "") -> httpx.Response:
    page = client.get("/admin/yhteydenotot/kirjaudu")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    return client.post(
        "/admin/yhteydenotot/kirjaudu",
        data={"csrf": token.group(1), "username": "liisa", "password": password, "next": next_url},
    )


@pytest.fixture(scope="module")
def coordinator(runtime: Runtime) -> str:
    runtime.contact_requests().accounts.add("liisa", PASSWORD)
    return "liisa"


def test_admin_refuses_anonymous_access(client: httpx.Client, runtime: Runtime) -> None:
    listing = client.get("/admin/yhteydenotot?tila=uusi")
    assert listing.status_code == 303
    assert listing.headers["location"] == (
        "/admin/yhteydenotot/kirjaudu?seuraava=%2Fadmin%2Fyhteydenotot%3Ftila%3Duusi"
    )
    assert client.get("/admin/yhteydenotot/YT-2025-000001").status_code == 303
    assert client.get("/admin/yhteydenotot.csv").status_code == 401
    change = client.post(
        "/admin/yhteydenotot/YT-2025-000001/tila", data={"status": "hylatty", "csrf": "x"}
    )
    assert change.status_code == 303
    forged = Signer("toinen-avain").pack("admin-session", "bGlpc2E", "9999999999", "n")
    client.cookies.set("jb_admin", forged, path="/admin")  # signed with the wrong key
    assert client.get("/admin/yhteydenotot").status_code == 303
    with runtime.ctx.session_factory() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(ContactRequest)
                .where(ContactRequest.status == "hylatty")
            )
            == 0
        )


def test_coordinator_logs_in_lists_changes_status_and_exports(
    client: httpx.Client, runtime: Runtime, coordinator: str
) -> None:
    ref = (
        runtime.contact_requests()
        .create(
            replace(FORM, organisation="Admintestin Kuoro & Co ry"),
            channel="web",
            idempotency_key="admin-1",
        )
        .reference
    )
    runtime.contact_requests().create(FORM, channel="teams", idempotency_key="admin-2")
    wrong = login(client, "väärä-salasana-123")
    assert wrong.status_code == 401 and "Väärä käyttäjätunnus tai salasana" in wrong.text
    ok = login(client, next_url=f"/admin/yhteydenotot/{ref}")
    assert ok.status_code == 303 and ok.headers["location"] == f"/admin/yhteydenotot/{ref}"
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/admin" in cookie
    assert (
        login(client, next_url="https://evil.example/").headers["location"] == "/admin/yhteydenotot"
    )

    listing = client.get("/admin/yhteydenotot", params={"haku": "admintestin"})
    assert listing.status_code == 200 and "1 yhteydenottoa" in listing.text
    assert "Admintestin Kuoro &amp; Co ry" in listing.text and f">{ref}</a>" in listing.text
    assert (
        "0 yhteydenottoa"
        in client.get(
            "/admin/yhteydenotot", params={"haku": "admintestin", "tila": "ratkaistu"}
        ).text
    )

    detail = client.get(f"/admin/yhteydenotot/{ref}")
    csrf = re.search(r'name="csrf" value="([^"]+)"', detail.text)
    assert csrf and "Viestintä" in detail.text and 'id="status">uusi<' in detail.text
    assert (
        client.post(
            f"/admin/yhteydenotot/{ref}/tila",
            data={"status": "kasittelyssa", "note": "x", "csrf": "väärä"},
        ).status_code
        == 403
    )
    moved = client.post(
        f"/admin/yhteydenotot/{ref}/tila",
        data={"status": "kasittelyssa", "note": "Soitan <i>huomenna</i>", "csrf": csrf.group(1)},
    )
    assert moved.status_code == 303
    after = client.get(moved.headers["location"]).text
    assert "Tila tallennettu" in after and 'id="owner">liisa<' in after
    assert "Soitan &lt;i&gt;huomenna&lt;/i&gt;" in after
    refused = client.post(
        f"/admin/yhteydenotot/{ref}/tila", data={"status": "kasittelyssa", "csrf": csrf.group(1)}
    )
    assert refused.status_code == 409 and "on jo tilassa" in refused.text

    export = client.get("/admin/yhteydenotot.csv")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.text.lstrip("\ufeff")), delimiter=";"))
    with runtime.engine.connect() as conn:  # every stored request, newest first
        stored = conn.execute(
            select(ContactRequest.reference).order_by(
                ContactRequest.created_at.desc(), ContactRequest.id.desc()
            )
        ).scalars()
        assert [r[0] for r in rows[1:]] == list(stored)
    assert rows[0][0] == "viitenumero" and ref in [r[0] for r in rows]
    mine = next(r for r in rows if r[0] == ref)
    assert mine[3:5] == ["käsittelyssä", "liisa"] and mine[8] == "Admintestin Kuoro & Co ry"

    out = client.post("/admin/yhteydenotot/kirjaudu-ulos")
    assert out.status_code == 303
    assert client.get("/admin/yhteydenotot").status_code == 303
    assert client.get("/admin/yhteydenotot.csv").status_code == 401


def test_cookies_are_secure_behind_https(runtime: Runtime) -> None:
    https = replace(runtime, settings=runtime.settings.model_copy(update={"behind_https": True}))
    with (
        served_web_app(https, contact=True) as url,
        httpx.Client(base_url=url, timeout=30) as c,
    ):
        assert "secure" in c.get("/yhteydenotto").headers["set-cookie"].lower()
        login_page = c.get("/admin/yhteydenotot/kirjaudu")
        assert "secure" in login_page.headers["set-cookie"].lower()


def test_every_admin_page_has_one_login_rule_and_one_outage_page(
    runtime: Runtime, coordinator: str, tmp_path: Path
) -> None:
    signer = Signer(runtime.settings.web_secret)
    routes = [*contact_routes(runtime, signer=signer), admin_status_router(runtime, None)]
    with live_server(create_app(runtime, extra_routes=routes)) as url:
        with httpx.Client(base_url=url, timeout=30) as anonymous:
            report = anonymous.get("/admin/sisalto?osio=sanasto")
            assert report.status_code == 303
            assert report.headers["location"] == (
                "/admin/yhteydenotot/kirjaudu?seuraava=%2Fadmin%2Fsisalto%3Fosio%3Dsanasto"
            )
            assert anonymous.get("/admin/tila.json").status_code == 401
        with httpx.Client(base_url=url, timeout=30) as browser:
            assert login(browser).status_code == 303
            assert browser.get("/admin/tila").status_code == 200
            cookie = browser.cookies.get("jb_admin")
    broken = tmp_path / "rikki.db"
    broken.write_bytes(b"ei tietokanta " * 512)
    engine = make_engine(f"sqlite:///{broken}")
    down = replace(runtime, contacts=ContactRequests(make_session_factory(engine)))
    routes = [*contact_routes(down, signer=signer), admin_status_router(down, None)]
    try:
        with (
            live_server(create_app(down, extra_routes=routes)) as url,
            httpx.Client(base_url=url, timeout=30) as c,
        ):
            assert cookie
            c.cookies.set("jb_admin", cookie, path="/admin")
            pages = [c.get(path) for path in ("/admin/yhteydenotot", "/admin/tila")]
            assert [p.status_code for p in pages] == [503, 503]
            assert all("Tietokantaan ei juuri nyt saada yhteyttä" in p.text for p in pages)
    finally:
        engine.dispose()
