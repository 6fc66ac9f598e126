"""PTV import: records modelled on real PTV Open API v11 ones (tests/fixtures/ptv/)
become valid service files; what can't be mapped is reported; a re-import updates
in place and keeps what coordinators wrote."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli.main import main
from index.knowledge.loader import check_knowledge
from index.ptv import mapping as ptv_mapping
from index.ptv.files import import_ptv, read_vocabulary_file, validate_output

FIXTURES = Path(__file__).parent / "fixtures" / "ptv"
KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
VERTAIS = "services/vantaan-vertaistuki-ry.yaml"
RUOKA = "services/keravan-ruokapiiri-ry.yaml"
GROUP_ID = "1a2b3c4d-0001-4abc-8def-000000000001"


def services_of(path: Path) -> dict[str, dict[str, Any]]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {s["links"].get("ptv", s["id"]).rsplit("/", 1)[-1]: s for s in doc["services"]}


@pytest.fixture(scope="module")
def vocab() -> Any:
    return read_vocabulary_file(KNOWLEDGE / "vocabularies.yaml")


def test_records_become_valid_service_files(tmp_path: Path, vocab: Any) -> None:
    report = import_ptv([FIXTURES], tmp_path, vocab)
    assert (report.records, report.converted, report.created) == (5, 3, 3)
    assert sorted(report.written) == [RUOKA, VERTAIS]
    assert validate_output(tmp_path, KNOWLEDGE) == []

    org = yaml.safe_load((tmp_path / VERTAIS).read_text(encoding="utf-8"))["organization"]
    assert org == {
        "id": "vantaan-vertaistuki-ry",
        "name": "Vantaan Vertaistuki ry",
        "name_sv": "Vanda Kamratstöd rf",
        "website": "https://vertaistuki.example.fi",
        "email": "toimisto@vertaistuki.example.fi",
        "phone": "+358 400001234",
    }
    group = services_of(tmp_path / VERTAIS)[GROUP_ID]
    assert group["id"] == "vantaan-vertaistuki-ry/ikaihmisten-vertaisryhma-tikkurilassa"
    assert group["name_sv"] == "Kamratgrupp för äldre i Dickursby"
    assert group["target_groups"] == ["kaikki", "ikaantyneet"]  # KR1, KR1.1
    # P4.12 from the table, "yksinäisyys" by our own label, "vertaisryhmät" from the table
    assert group["themes"] == ["vertaistuki", "vapaaehtoistyo", "yksinaisyys"]
    assert (group["municipalities"], group["languages"], group["cost"]) == (
        ["vantaa"],
        ["fi", "sv"],
        "free",
    )
    assert group["description"].startswith("Ryhmä kokoontuu joka toinen keskiviikko")
    assert "\n\n\n" not in group["description"] and "  \n" not in group["description"]
    assert group["contact"] == {
        "email": "ryhmat@vertaistuki.example.fi",
        "phone": "+358 400005678",
    }  # from the service channel
    assert group["updated"] == dt.date(2025, 3, 4)

    friend = services_of(tmp_path / VERTAIS)["1a2b3c4d-0003-4abc-8def-000000000003"]
    assert friend["municipalities"] == ["vantaa", "kerava"]  # region 01 Uusimaa
    assert (friend["themes"], friend["target_groups"]) == (["suru"], ["kaikki", "omaiset"])
    assert friend["summary"].endswith("kotona tai kahvilassa.")  # first sentence

    food = services_of(tmp_path / RUOKA)["1a2b3c4d-0002-4abc-8def-000000000002"]
    assert food["cost"] == "partly" and "Maksut: Kassista" in food["description"]
    assert "Suomi.fi-sivulta" in food["how_to_join"]


def test_what_cannot_be_mapped_is_reported(tmp_path: Path, vocab: Any) -> None:
    report = import_ptv([FIXTURES], tmp_path, vocab)
    skipped = {pid: why for pid, _, why in report.skipped}
    assert (
        skipped["1a2b3c4d-0004-4abc-8def-000000000004"][0]
        == "ei tarjolla tietopohjan kunnissa (Vantaa, Kerava)"
    )
    assert skipped["1a2b3c4d-0005-4abc-8def-000000000005"] == [
        "kohderyhmälle ei vastinetta sanastossa"
    ]
    assert (
        report.unmapped[("palveluluokka", "P4.14 Sosiaalipalvelujen oheis- ja tukipalvelut")] == 1
    )
    assert report.unmapped[("kieli", "se")] == 1
    assert report.unmapped[("kohderyhmä", "KR2 Yritykset ja yhteisöt")] == 2
    assert report.unmapped[("kunta", "905 Vaasa")] == 1
    assert report.unmapped[("asiasana", "vähävaraiset")] == 1
    assert report.defaults["cost: partly (PTV:ssä ei tietoa)"] == 1


def test_reimport_updates_in_place_and_keeps_coordinator_edits(tmp_path: Path, vocab: Any) -> None:
    source, out = tmp_path / "ptv", tmp_path / "out"
    shutil.copytree(FIXTURES, source)
    import_ptv([source], out, vocab)
    path = out / VERTAIS
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    group = next(s for s in doc["services"] if GROUP_ID in s["links"]["ptv"])
    group |= {
        "id": "vantaan-vertaistuki-ry/seniorien-ryhma",
        "online": True,
        "age_min": 65,
        "schedule": "Joka toinen keskiviikko klo 13–15",
        "description": "Käsin muutettu.",
        "contact": {"name": "Ryhmänohjaaja", "phone": "+358 40 111 2222"},
        "updated": dt.date(2026, 1, 15),
    }
    group["themes"].append("liikunta")
    group["links"]["lahella"] = "https://lahella.example.fi/seniorit"
    doc["organization"]["website"] = "https://oma.example.fi"
    doc["services"].append(
        {
            **group,
            "id": "vantaan-vertaistuki-ry/kasin-lisatty",
            "links": {},
            "name": "Käsin lisätty palvelu",
        }
    )
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    record = source / "services" / "vertaisryhma-vantaa.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    for item in data["serviceDescriptions"]:
        if (item["type"], item["language"]) == ("Summary", "fi"):
            item["value"] = "Uusi tiivistelmä PTV:stä."
    record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    report = import_ptv([source], out, vocab)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    services = yaml.safe_load(path.read_text(encoding="utf-8"))["services"]
    assert len(services) == 3  # updated in place: no copy of the PTV service
    group = next(s for s in services if GROUP_ID in s["links"].get("ptv", ""))
    assert group["id"] == "vantaan-vertaistuki-ry/seniorien-ryhma"
    assert group["summary"] == "Uusi tiivistelmä PTV:stä."  # PTV owns it: updated
    assert group["description"].startswith("Ryhmä kokoontuu")  # PTV owns it: restored
    assert (group["online"], group["age_min"]) == (True, 65)  # the coordinator's
    assert group["schedule"] == "Joka toinen keskiviikko klo 13–15"
    assert group["contact"] == {"name": "Ryhmänohjaaja", "phone": "+358 40 111 2222"}
    assert group["themes"] == ["vertaistuki", "vapaaehtoistyo", "yksinaisyys", "liikunta"]
    assert group["links"]["lahella"] == "https://lahella.example.fi/seniorit"
    assert group["updated"] == dt.date(2026, 1, 15)  # later than PTV's `modified`
    assert any(s["id"] == "vantaan-vertaistuki-ry/kasin-lisatty" for s in services)
    org = yaml.safe_load(path.read_text(encoding="utf-8"))["organization"]
    assert org["website"] == "https://oma.example.fi"
    assert validate_output(out, KNOWLEDGE) == []

    again = import_ptv([source], out, vocab)
    assert again.written == [] and again.unchanged == 3  # nothing changed, nothing rewritten


def test_an_unreadable_file_is_left_alone(tmp_path: Path, vocab: Any) -> None:
    import_ptv([FIXTURES], tmp_path, vocab)
    broken = "organization: [rikki\n"
    (tmp_path / VERTAIS).write_text(broken, encoding="utf-8")
    report = import_ptv([FIXTURES], tmp_path, vocab)
    assert (tmp_path / VERTAIS).read_text(encoding="utf-8") == broken
    assert any("vantaan-vertaistuki-ry.yaml ei ole luettavissa" in e for e in report.errors)


def test_cli_imports_into_a_knowledge_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JARJESTOBOTTI_KNOWLEDGE_DIR", str(KNOWLEDGE))
    kdir = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, kdir)
    full = tmp_path / "raportti.txt"
    assert main(["import", "ptv", str(FIXTURES), "--out", str(kdir), "--report", str(full)]) == 0
    out = capsys.readouterr().out
    assert "luettiin 5 palvelutietuetta" in out and "uusia 3" in out
    assert (
        "Ohitettiin 2 palvelua" in out
        and "ei tarjolla tietopohjan kunnissa (Vantaa, Kerava)" in out
    )
    assert "kieli (1): se ×1" in out
    assert "läpäisevät tarkistuksen" in out
    assert check_knowledge(kdir) == []  # the whole knowledge base, imports included
    text = full.read_text(encoding="utf-8")
    assert "1a2b3c4d-0005-4abc-8def-000000000005 Yhdistysneuvonta: kohderyhmälle" in text


def test_every_mapped_id_exists_in_our_vocabularies(vocab: Any) -> None:
    tables = [
        ptv_mapping.TARGET_GROUPS,
        ptv_mapping.TARGET_GROUP_NAMES,
        ptv_mapping.SERVICE_CLASSES,
        ptv_mapping.LIFE_EVENTS,
        ptv_mapping.ONTOLOGY_TERMS,
    ]
    missing = [
        (kind, vid)
        for table in tables
        for targets in table.values()
        for kind, vid in targets
        if vid not in vocab.by_kind(kind)
    ]
    assert missing == []
    muni = set(ptv_mapping.MUNICIPALITY_CODES.values()) | set(ptv_mapping.BOTH)
    assert muni <= set(vocab.municipalities)
