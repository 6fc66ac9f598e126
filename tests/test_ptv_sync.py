"""`import ptv --api`: the knowledge kept in step with PTV through its Open API, tested
against a local fake of the API (tests/fake_ptv.py) serving real PTV records
(tests/fixtures/ptv_api, copied from the shared samples) and our association-like
records (tests/fixtures/ptv)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.cli.main import main
from index.errors import KnowledgeError, PtvApiError
from index.knowledge.loader import check_knowledge
from index.ptv.api import PtvClient
from index.ptv.sync import OVERLAP, STATE_FILE, read_state, sync_ptv
from tests.fake_ptv import FakePtv, add_sample_municipalities, serve_ptv
from tests.http_fakes import JsonHandler, serve_in_thread

FIXTURES = Path(__file__).parent / "fixtures"
KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
GROUP = "1a2b3c4d-0001-4abc-8def-000000000001"  # association, Vantaa
FRIEND = "1a2b3c4d-0003-4abc-8def-000000000003"  # association, Uusimaa region
SPORT = "0ed1ef4e-0186-4fd0-a38c-8570277659f0"  # Vaasa: Liikuntaharrastukset
ELDERLY = "06aa9e46-25f9-4a8a-9f66-be317450b933"  # Vaasa: Vanhussosiaalityö
YOUTH = "045f0990-2097-442e-9c11-e24b0f68987f"  # Vaasa: Kulttuurinen nuorisotyö


@pytest.fixture
def fake() -> Iterator[FakePtv]:
    with serve_ptv(FIXTURES / "ptv", FIXTURES / "ptv_api", area_page=4, guid_page=2) as f:
        yield f


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    out = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, out)
    add_sample_municipalities(out)
    return out


def client(fake: FakePtv, sleeps: list[float] | None = None) -> PtvClient:
    record = sleeps.append if sleeps is not None else (lambda _seconds: None)
    return PtvClient(fake.root, timeout=5, retries=2, backoff=0.01, sleep=record)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def by_ptv_id(kdir: Path) -> dict[str, tuple[str, dict[str, object]]]:
    out = {}
    for path in (kdir / "services").glob("*.yaml"):
        for service in yaml.safe_load(path.read_text(encoding="utf-8"))["services"]:
            link = (service.get("links") or {}).get("ptv", "")
            if link:
                out[link.rsplit("/", 1)[-1]] = (path.name, service)
    return out


def test_first_run_reads_areas_and_keeps_only_associations(fake: FakePtv, kdir: Path) -> None:
    with client(fake) as c:
        result = sync_ptv(c, kdir, ["092", "245"])
    assert fake.requests[:2] == [
        "/api/v11/Service/list/area/Municipality/code/092?includeWholeCountry=true&page=1",
        "/api/v11/Service/list/area/Municipality/code/245?includeWholeCountry=true&page=1",
    ]
    assert not any(r.startswith("/api/v11/Service?") for r in fake.requests)  # no state yet
    report = result.report
    assert sorted(sid for _, sid, _ in report.changes) == [
        "vantaan-vertaistuki-ry/ikaihmisten-vertaisryhma-tikkurilassa",
        "vantaan-vertaistuki-ry/surevan-ystava",
    ]
    reasons = {pid: why for pid, _, why in report.skipped}
    # the food bank's owner is not in PTV, so its type is unknown: not taken as an association
    assert reasons["1a2b3c4d-0002-4abc-8def-000000000002"][0].startswith(
        "vastuuorganisaation tyyppi ei tiedossa"
    )
    assert check_knowledge(kdir) == []
    assert set(read_state(kdir)) == {"092", "245"}


def test_public_producers_only_when_asked(fake: FakePtv, kdir: Path) -> None:
    before = snapshot(kdir)
    with client(fake) as c:
        result = sync_ptv(c, kdir, ["905"])
    assert result.report.created == 0 and not result.swapped
    assert result.report.skip_reasons.most_common(1)[0][0] == (
        "tuottaja ei ole järjestö (PTV:n organisaatiotyyppi Municipality)"
    )
    assert {k: v for k, v in snapshot(kdir).items() if k != STATE_FILE} == before
    (kdir / STATE_FILE).unlink()
    fake.requests.clear()
    with client(fake) as c:
        result = sync_ptv(c, kdir, ["905", "529"], include_public=True)
    vaasa = [s for s in fake.services() if any("905" in str(a) for a in s["areas"])]
    pages = [r for r in fake.requests if "/code/905" in r]
    assert len(pages) == -(-len(vaasa) // 4)  # every page of 4, up to pageCount
    assert result.report.created >= 10 and check_knowledge(kdir) == []
    assert by_ptv_id(kdir)[SPORT][1]["municipalities"] == ["vaasa"]


def test_second_run_fetches_only_changes(fake: FakePtv, kdir: Path) -> None:
    with client(fake) as c:
        sync_ptv(c, kdir, ["905", "529"], include_public=True)
    first = read_state(kdir)["905"]
    found = by_ptv_id(kdir)
    assert {SPORT, ELDERLY, YOUTH} <= found.keys()
    # a coordinator's own additions to one service
    name, _ = found[YOUTH]
    path = kdir / "services" / name
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for service in doc["services"]:
        if YOUTH in service["links"]["ptv"]:
            service |= {"schedule": "Tiistaisin klo 17–19", "online": True}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # PTV: one service gets a new summary (newer `modified`), one is archived
    for item in fake.records["services"][SPORT]["serviceDescriptions"]:
        if (item["type"], item["language"]) == ("Summary", "fi"):
            item["value"] = "Liikuntaharrastuksia kaikenikäisille, uusi kuvaus."
    fake.change(SPORT)
    fake.set_status(ELDERLY, "Archived")
    before = snapshot(kdir)
    fake.requests.clear()

    with client(fake) as c:
        result = sync_ptv(c, kdir, ["905", "529"], include_public=True)
    date = (first - OVERLAP).strftime("%Y-%m-%dT%H%%3A%M%%3A%S")
    assert fake.requests[:3] == [
        f"/api/v11/Service?date={date}&page=1",
        f"/api/v11/Service?date={date}&status=Archived&page=1",
        f"/api/v11/Service?date={date}&status=Withdrawn&page=1",
    ]
    assert not any("/list/area/" in r for r in fake.requests)
    assert f"/api/v11/Service/list?guids={SPORT}" in fake.requests
    report = result.report
    assert [(kind, name) for kind, _, name in report.changes] == [
        ("päivitetty", "Liikuntaharrastukset")
    ]
    assert [(pid, result.why_removed[pid]) for pid, _, _ in report.removed] == [
        (ELDERLY, "arkistoitu PTV:ssä")
    ]
    after = by_ptv_id(kdir)
    assert after[SPORT][1]["summary"] == "Liikuntaharrastuksia kaikenikäisille, uusi kuvaus."
    assert ELDERLY not in after
    assert after[YOUTH][1]["schedule"] == "Tiistaisin klo 17–19" and after[YOUTH][1]["online"]
    changed = {k for k, v in snapshot(kdir).items() if before.get(k) != v}
    assert changed == {f"services/{after[SPORT][0]}", STATE_FILE} | (
        {f"services/{found[ELDERLY][0]}"} if found[ELDERLY][0] != after[SPORT][0] else set()
    )
    assert check_knowledge(kdir) == []
    assert read_state(kdir)["905"] > first


def test_api_going_away_mid_run_changes_nothing(fake: FakePtv, kdir: Path) -> None:
    with client(fake) as c:
        sync_ptv(c, kdir, ["092", "245"])
    fake.change(GROUP, serviceChargeType="Chargeable")
    fake.set_status(FRIEND, "Withdrawn")
    before = snapshot(kdir)
    fake.down_after = len(fake.requests) + 2  # answers the change list, then is gone
    with client(fake) as c, pytest.raises(PtvApiError) as caught:
        sync_ptv(c, kdir, ["092", "245"])
    message = str(caught.value)
    assert "PTV-rajapinta ei vastannut" in message and "status=Withdrawn" in message
    assert "Tietopohjaa ei muutettu." in message
    assert snapshot(kdir) == before  # files and run state as they were

    fake.down_after = None  # back: the next run still asks for everything since the first
    with client(fake) as c:
        result = sync_ptv(c, kdir, ["092", "245"])
    assert result.report.updated == 1 and [r[0] for r in result.report.removed] == [FRIEND]


def test_a_file_whose_last_service_left_is_removed(fake: FakePtv, kdir: Path) -> None:
    with client(fake) as c:
        sync_ptv(c, kdir, ["092", "245"])
    path = kdir / "services" / "vantaan-vertaistuki-ry.yaml"
    assert path.is_file()
    fake.set_status(GROUP, "Archived")
    fake.set_status(FRIEND, "Withdrawn")
    with client(fake) as c:
        result = sync_ptv(c, kdir, ["092", "245"])
    assert sorted(result.why_removed[pid] for pid, _, _ in result.report.removed) == [
        "arkistoitu PTV:ssä",
        "poistettu julkaisusta PTV:ssä",
    ]
    assert result.report.written == ["services/vantaan-vertaistuki-ry.yaml (poistettu)"]
    assert not path.exists() and check_knowledge(kdir) == []


def test_a_first_run_broken_off_between_pages_writes_nothing(fake: FakePtv, kdir: Path) -> None:
    before = snapshot(kdir)
    fake.down_after = 2  # the 905 list has more pages than that
    with (
        client(fake) as c,
        pytest.raises(PtvApiError, match="code/905\\?includeWholeCountry=true&page=3"),
    ):
        sync_ptv(c, kdir, ["905"], include_public=True)
    assert snapshot(kdir) == before and not (kdir / STATE_FILE).exists()


def test_busy_and_failing_api_is_retried_with_backoff(fake: FakePtv, kdir: Path) -> None:
    fake.fail_next = [429, 503]
    sleeps: list[float] = []
    with client(fake, sleeps) as c:
        result = sync_ptv(c, kdir, ["092"])
    assert sleeps == [0.01, 0.02]  # doubling
    assert result.report.created == 2
    fake.fail_next = [500, 502, 503]  # more failures than retries
    with client(fake) as c, pytest.raises(PtvApiError, match="vastasi 503"):
        c.get("/api/v11/Service", {"page": 1})


def test_unexpected_answers_are_named(fake: FakePtv) -> None:
    class NotPaged(JsonHandler):
        def do_GET(self) -> None:
            self.send_json(200, {"services": []})

    not_paged = r"ei ole sivutettu lista.*Tietopohjaa ei muutettu"
    with (
        serve_in_thread(NotPaged) as root,
        PtvClient(root, retries=0) as c,
        pytest.raises(PtvApiError, match=not_paged),
    ):
        list(c.pages("/api/v11/Service"))
    bad_date = r"vastasi 400.*The date parameter is invalid"
    with PtvClient(fake.root, retries=0) as c, pytest.raises(PtvApiError, match=bad_date):
        c.get("/api/v11/Service", {"date": "3.12.2026"})


def test_a_result_that_would_not_validate_is_not_taken(fake: FakePtv, kdir: Path) -> None:
    broken = kdir / "services" / "hopeasilta-ry.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n  - [rikki\n", encoding="utf-8")
    before = snapshot(kdir)
    with client(fake) as c, pytest.raises(KnowledgeError, match=r"hopeasilta-ry\.yaml"):
        sync_ptv(c, kdir, ["092"])
    assert snapshot(kdir) == before


def test_an_edit_saved_during_the_run_wins(
    fake: FakePtv, kdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.ptv import sync

    edited = kdir / "services" / "hopeasilta-ry.yaml"

    def check_while_a_coordinator_saves(root: Path) -> list[object]:
        edited.write_text(edited.read_text(encoding="utf-8") + "# tallennettu\n", "utf-8")
        return list(check_knowledge(root))

    monkeypatch.setattr(sync, "check_knowledge", check_while_a_coordinator_saves)
    with client(fake) as c, pytest.raises(KnowledgeError, match="synkronoinnin aikana"):
        sync_ptv(c, kdir, ["092"])
    assert edited.read_text(encoding="utf-8").endswith("# tallennettu\n")
    assert not (kdir / STATE_FILE).exists() and GROUP not in by_ptv_id(kdir)


def test_a_change_to_an_unreadable_file_comes_again(fake: FakePtv, kdir: Path) -> None:
    with client(fake) as c:
        sync_ptv(c, kdir, ["092"])
    path = kdir / "services" / "vantaan-vertaistuki-ry.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text("organization: [rikki\n", encoding="utf-8")
    state = (kdir / STATE_FILE).read_text(encoding="utf-8")
    fake.change(GROUP, serviceChargeType="Chargeable")
    with client(fake) as c, pytest.raises(KnowledgeError, match="ei ole luettavissa"):
        sync_ptv(c, kdir, ["092"])
    assert (kdir / STATE_FILE).read_text(encoding="utf-8") == state
    path.write_text(good, encoding="utf-8")  # fixed: the change is asked for again
    with client(fake) as c:
        result = sync_ptv(c, kdir, ["092"])
    assert result.report.updated == 1 and by_ptv_id(kdir)[GROUP][1]["cost"] == "fee"


def test_cli(fake: FakePtv, kdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["import", "ptv", "--api", fake.root, "--out", str(kdir)]
    assert main([*args, "--municipality", "092", "--municipality", "245"]) == 0
    out = capsys.readouterr().out
    assert "kunta 092: kaikki palvelut (ensimmäinen haku)" in out
    assert "uusi: vantaan-vertaistuki-ry/surevan-ystava (Surevan ystävä)" in out
    assert "läpäisee tarkistuksen" in out
    fake.set_status(FRIEND, "Archived")
    fake.down_after = len(fake.requests) + 1
    assert main([*args, "--municipality", "092"]) == 1
    out = capsys.readouterr().out
    assert "PTV-synkronointi epäonnistui" in out and "Tietopohjaa ei muutettu" in out
    fake.down_after = None
    assert main([*args, "--municipality", "092"]) == 0
    out = capsys.readouterr().out
    assert "kunta 092: muutokset" in out
    assert "- vantaan-vertaistuki-ry/surevan-ystava (Surevan ystävä): arkistoitu PTV:ssä" in out
    assert main(["import", "ptv", "--api", "api.palvelutietovaranto.suomi.fi"]) == 1
    assert "ei ole http(s)-osoite" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main([*args, "--municipality", "92"])
    assert "kuntanumero on kolme numeroa" in capsys.readouterr().err
