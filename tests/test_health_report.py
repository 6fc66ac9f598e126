"""Content health report on a small knowledge base made to have one of each finding:
a service not updated in a year, one nobody can reach, the same service entered by two
associations, and vocabulary values no service uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.cli.main import main
from bot.runtime import Runtime, load_runtime
from index.knowledge.health import health_report, months_before, report_text
from tests.runtime_fixtures import live_server
from tests.served_runtime import admin_web_app, log_in
from tests.small_knowledge import SMALL, small_settings

TODAY = dt.date(2025, 11, 1)
PASSWORD = "koordinaattorin-salasana-2"


@pytest.fixture(scope="module")
def runtime(
    tmp_path_factory: pytest.TempPathFactory, embedding_cache_dir: Path
) -> Iterator[Runtime]:
    tmp = tmp_path_factory.mktemp("health")
    settings = small_settings(
        SMALL,
        tmp / "index",
        embedding_cache_dir,
        database_url=f"sqlite:///{tmp / 'bot.db'}",
        web_secret="testin-avain",
    )
    rt = load_runtime(settings)
    yield rt
    rt.engine.dispose()


def test_report_finds_each_kind_of_problem(runtime: Runtime) -> None:
    report = health_report(runtime.kb, runtime.index, TODAY)
    assert [r.id for r in report.stale] == ["kahvilaystavat-ry/kavelyryhma"]
    assert report.stale[0].where.startswith("services/kahvilaystavat-ry.yaml:")
    assert [r.id for r in report.no_contact] == ["keravan-ruokapankki-ry/ruokakassit"]
    assert [(p.first.id, p.second.id) for p in report.duplicates] == [
        ("keravan-ruokapankki-ry/ruokakassit", "vantaan-ruoka-apu-ry/ruokakassit")
    ]
    assert report.duplicates[0].similarity > report.threshold
    unused = {kind: [vid for vid, _ in values] for kind, values in report.unused.items()}
    assert unused == {
        "target_groups": ["omaishoitajat", "nuoret"],
        "themes": ["digituki", "harrastukset", "oikeudet"],
        "municipalities": [],
        "languages": ["sv"],
    }
    assert report.finding_count == 1 + 1 + 1 + 6


def test_twelve_months_is_counted_from_today() -> None:
    assert months_before(dt.date(2025, 11, 1), 12) == dt.date(2024, 11, 1)
    assert months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)


def test_stale_boundary(runtime: Runtime) -> None:
    # updated 2.5.2023: exactly 12 months old on 2.5.2024 is not yet stale, a day later is
    assert health_report(runtime.kb, runtime.index, dt.date(2024, 5, 2)).stale == ()
    later = health_report(runtime.kb, runtime.index, dt.date(2024, 5, 3))
    assert [r.id for r in later.stale] == ["kahvilaystavat-ry/kavelyryhma"]


def test_no_near_duplicates_under_a_strict_threshold(runtime: Runtime) -> None:
    assert health_report(runtime.kb, runtime.index, TODAY, threshold=0.999).duplicates == ()


def test_text_report_is_finnish_and_names_files(runtime: Runtime) -> None:
    text = report_text(health_report(runtime.kb, runtime.index, TODAY))
    assert text.startswith("Tietopohjan sisältöraportti 1.11.2025: 5 palvelua, 9 huomiota.")
    assert "Päivittämättä yli 12 kuukautta (päivitetty ennen 1.11.2024) (1)" in text
    assert "kahvilaystavat-ry/kavelyryhma – Seniorien kävelyryhmä, päivitetty 2.5.2023" in text
    assert "Ei yhteystapaa" in text and "services/keravan-ruokapankki-ry.yaml:6" in text
    assert "tarkista, onko sama palvelu kahdesti" in text
    assert "teemat: digituki (digituki), harrastukset (harrastukset ja kulttuuri)" in text


def test_cli_report(
    runtime: Runtime,
    embedding_cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("JARJESTOBOTTI_EMBEDDING_CACHE_DIR", str(embedding_cache_dir))
    args = ["knowledge", "report", "--knowledge", str(SMALL), "--today", "2025-11-01"]
    # from the saved index, and with no index at all (vectors from the cache): same report
    for index in (runtime.settings.index_dir, tmp_path / "ei-hakemistoa"):
        assert main([*args, "--index", str(index)]) == 0
        out = capsys.readouterr().out
        assert "5 palvelua, 9 huomiota" in out
        assert "vantaan-ruoka-apu-ry/ruokakassit" in out
    broken = tmp_path / "rikki"
    broken.mkdir()
    assert main(["knowledge", "report", "--knowledge", str(broken)]) == 1
    assert "vocabularies.yaml:0" in capsys.readouterr().out


def test_admin_report_page_needs_login(runtime: Runtime) -> None:
    runtime.contact_requests().accounts.add("raportoija", PASSWORD)
    app = admin_web_app(runtime, None, today=lambda: TODAY)
    with live_server(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        assert client.get("/admin/sisalto").status_code == 303
        log_in(client, "raportoija", PASSWORD)
        page = client.get("/admin/sisalto")
        assert page.status_code == 200
        assert "Sisällön terveysraportti" in page.text
        assert "Seniorien kävelyryhmä" in page.text and "2.5.2023" in page.text
        assert "services/keravan-ruokapankki-ry.yaml:6" in page.text
        assert "<code>digituki</code> (digituki)" in page.text
        status = client.get("/admin/tila")  # live reload off in this process: said so
        assert status.status_code == 200 and "JARJESTOBOTTI_KNOWLEDGE_WATCH" in status.text
