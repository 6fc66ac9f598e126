"""The board report: `jarjestobotti report` on a seeded database writes a PDF (and HTML)
with the charts, counts only, small counts as "< 5"; `/admin/raportti` and its PDF behind
the coordinator login."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import httpx
import matplotlib.pyplot as plt
import numpy as np
import pytest

from bot.cli.main import main
from bot.runtime import Runtime
from store.db import make_engine, make_session_factory
from tests import report_seed as seed
from tests import runtime_fixtures
from tests.runtime_fixtures import KNOWLEDGE, live_server
from tests.served_runtime import admin_web_app, log_in, runtime_fixture

knowledge_index_dir = runtime_fixtures.knowledge_index_dir
runtime = runtime_fixture("board-report")
PASSWORD = "neuvottelukunnan-salasana-1"
CHART_TITLES = (
    "Kysymykset kuukausittain ja kanavittain",
    "Palveluhaut osuvuuden mukaan",
    "Näytetyimmät palvelut",
    "Ohjaukset tilan mukaan",
    "Palaute",
    "Kysytyimmät toimenpiteet",
    "Täyttymättömät tarpeet",
)
BAR_BLUE = np.array([0x1F, 0x5F, 0x8B]) / 255  # the first series' colour


@pytest.fixture
def seeded(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The seeded database (SQLite, then PostgreSQL) as the command's database."""
    engine = make_engine(db_url)
    seed.seed_report(make_session_factory(engine))
    engine.dispose()
    monkeypatch.setenv("JARJESTOBOTTI_DATABASE_URL", db_url)
    return db_url


def _report(out: Path) -> None:
    args = ["report", "--from", "2026-01-01", "--to", "2026-02-28", "--out", str(out)]
    assert main([*args, "--knowledge", str(KNOWLEDGE)]) == 0


def _page_text(pdf: Path, page: int) -> str:
    cmd = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def test_report_pdf_renders_its_charts_and_no_client_text(seeded: str, tmp_path: Path) -> None:
    pdf = tmp_path / "raportti.pdf"
    _report(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "s")], check=True)
    images = sorted(tmp_path.glob("s-*.png"))
    assert len(images) >= 8
    pages = [_page_text(pdf, n) for n in range(1, len(images) + 1)]
    everything = "\n".join(pages)

    # Every chart is on a page whose image has its bars drawn.
    for title in CHART_TITLES:
        n = next(i for i, text in enumerate(pages) if title in text)
        pixels = plt.imread(images[n])[:, :, :3]
        blue = np.all(np.abs(pixels - BAR_BLUE) < 0.08, axis=2).sum()
        assert blue > 30, f"no bars drawn for {title!r} on page {n + 1}"

    # The numbers: the period only (April's question left out), small counts suppressed.
    questions = seed.SLACK_JANUARY + seed.TEAMS_JANUARY + seed.WEB_FEBRUARY
    assert f"Kysymyksiä: {questions + seed.ROADMAP_FEBRUARY}" in everything
    assert re.search(r"2026-01\s+12\s+<\s?5\s+0", everything)  # Teams in January: 3
    assert re.search(r"2026-02\s+0\s+0\s+13", everything)
    assert re.search(r"Sopiva palvelu löytyi\s+14\s+64 %", everything)
    assert re.search(r"Ei sopivaa\s+<\s?5\s+–", everything)  # 3, and no share that gives it
    assert re.search(r"Leskien vertaisryhmä Vantaalla\s+Lähteellä ry\s+22", everything)
    assert re.search(r"Leskien vertaisryhmä\s+Lähteellä ry\s+6", everything)  # referred
    assert re.search(r"Ruokajako Saviolla\s+Keravan Yhteisöapu ry\s+<\s?5", everything)
    assert re.search(r"Lähteellä ry\s+6\s+7\.0 h", everything)  # median of 2, 4, … 12 h
    assert re.search(r"Peukku ylös \(hyödyllinen\)\s+9", everything)
    assert re.search(r"Peukku alas \(ei hyödyllinen\)\s+<\s?5", everything)
    assert re.search(r"Yhteinen suunta ja mittarit: .*\s+6\b", everything)
    assert re.search(r"Teema: yksinäisyys\s+8\s+Vantaa 8", everything)  # 5 partial + 3 none
    for text in seed.CLIENT_TEXT:
        assert text not in everything


def test_report_html_has_inline_svg_charts_and_no_client_text(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "raportti.html"
    _report(out)
    html = out.read_text(encoding="utf-8")
    assert html.count('src="data:image/svg+xml;base64,') == len(CHART_TITLES)
    assert "<script" not in html and "http" not in html  # nothing fetched from anywhere
    assert re.search(r"<td>2026-01</td><td>12</td><td>&lt; 5</td><td>0</td>", html)
    for text in seed.CLIENT_TEXT:
        assert text not in html


def test_report_refuses_a_bad_period_or_format(seeded: str, tmp_path: Path) -> None:
    bad = ["report", "--from", "2026-03-01", "--to", "2026-02-01", "--out", str(tmp_path / "r.pdf")]
    assert main(bad) == 2
    assert main(["report", "--from", "2026-01-01", "--to", "2026-02-01", "--out", "r.docx"]) == 2
    assert not list(tmp_path.glob("r.*"))


def test_board_page_and_pdf_need_a_coordinator(runtime: Runtime) -> None:
    seed.seed_report(runtime.ctx.session_factory)
    runtime.contact_requests().accounts.add("puheenjohtaja", PASSWORD)
    period = "?alkaen=2026-01-01&asti=2026-02-28"
    with (
        live_server(admin_web_app(runtime, None)) as base,
        httpx.Client(base_url=base, timeout=60) as client,
    ):
        assert client.get("/admin/raportti" + period).status_code == 303
        assert client.get("/admin/raportti.pdf" + period).status_code == 303
        log_in(client, "puheenjohtaja", PASSWORD)
        page = client.get("/admin/raportti" + period)
        assert page.status_code == 200 and "Neuvottelukunnan raportti" in page.text
        assert "<td>2026-01</td><td>12</td><td>&lt; 5</td><td>0</td>" in page.text
        assert page.text.count('src="data:image/svg+xml;base64,') == len(CHART_TITLES)
        for text in seed.CLIENT_TEXT:
            assert text not in page.text
        download = client.get("/admin/raportti.pdf" + period)
        assert download.headers["content-type"] == "application/pdf"
        assert download.content.startswith(b"%PDF")
        wrong = client.get("/admin/raportti?alkaen=2026-03-01&asti=2026-01-01")
        assert wrong.status_code == 200 and "Jakso ei kelpaa" in wrong.text
