"""Loading the repo's sample knowledge: everything the bot will answer from is there."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from index.knowledge.guidance import split_sections
from index.knowledge.loader import check_knowledge, knowledge_files, load_knowledge
from index.knowledge.model import KnowledgeBase

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE)


def test_sample_has_no_problems() -> None:
    assert check_knowledge(KNOWLEDGE) == []


def test_every_service_and_organisation_is_loaded(kb: KnowledgeBase) -> None:
    assert len(kb.services) == 175
    assert len(kb.organizations) == 60
    assert len({s.id for s in kb.services}) == 175
    assert all(s.id.startswith(s.organization.id + "/") for s in kb.services)


def test_service_fields_are_typed(kb: KnowledgeBase) -> None:
    paja = kb.service("arjen-ahkerat-ry/tyonhakupaja")
    assert paja is not None
    assert paja.name == {"fi": "Työnhakupaja"}
    assert paja.municipalities == ("vantaa", "kerava")
    assert paja.languages == ("fi", "en")
    assert paja.online is True and paja.referral_needed is False
    assert paja.cost == "free"
    assert paja.updated == dt.date(2025, 9, 9)
    assert paja.contact is not None and paja.contact.email == "paja@arjenahkerat.example.fi"
    assert paja.locations[0].municipality == "vantaa"
    assert paja.schedule["fi"].startswith("Ti klo 12–15")
    assert paja.source is not None
    assert paja.source.file == "services/arjen-ahkerat-ry.yaml"
    lines = (KNOWLEDGE / paja.source.file).read_text(encoding="utf-8").splitlines()
    assert lines[paja.source.line - 1] == "  - id: arjen-ahkerat-ry/tyonhakupaja"

    tyotoiminta = kb.service("arjen-ahkerat-ry/kuntouttava-tyotoiminta")
    assert tyotoiminta is not None
    assert (tyotoiminta.age_min, tyotoiminta.age_max) == (18, None)
    assert tyotoiminta.referral_needed is True
    # No contact of its own: falls back to the organisation's.
    assert tyotoiminta.contact is None
    assert tyotoiminta.effective_contact().email == "tupa@arjenahkerat.example.fi"


def test_swedish_and_english_variants_are_picked_up(kb: KnowledgeBase) -> None:
    puhelin = kb.service("erityisperheiden-kaari-ry/vertaispuhelin")
    assert puhelin is not None
    assert puhelin.name["sv"].startswith("Kamrattelefon och chatt")
    assert puhelin.description["sv"].startswith("Kamrattelefonen besvaras")
    assert "en" not in puhelin.name
    org = kb.organizations["erityisperheiden-kaari-ry"]
    assert org.name["sv"] == "Specialfamiljernas Båge rf"
    assert sum("en" in s.description for s in kb.services) == 11
    assert sum("sv" in s.name for s in kb.services) == 27


def test_vocabularies(kb: KnowledgeBase) -> None:
    lonely = kb.vocabularies.themes["yksinaisyys"]
    assert lonely.labels["fi"] == "yksinäisyys"
    assert set(lonely.labels) == {"fi", "sv", "en"}
    assert "vanhukset" in kb.vocabularies.target_groups["ikaantyneet"].synonyms
    assert kb.vocabularies.municipalities["kerava"].label("sv") == "Kervo"
    assert len(kb.vocabularies.languages) == 12


def test_guidance_sections_have_stable_ids_and_lines(kb: KnowledgeBase) -> None:
    assert len(kb.guidance) == 10
    doc = next(d for d in kb.guidance if d.id == "yhteinen-yhteydenottolomake")
    ids = [f"{doc.id}#{s.slug}" for s in doc.sections]
    assert ids == [
        "yhteinen-yhteydenottolomake#mihin-jarjesto-voi-lomaketta-kayttaa",
        "yhteinen-yhteydenottolomake#mihin-lomaketta-ei-kayteta",
        "yhteinen-yhteydenottolomake#mita-lomakkeen-lahettamisen-jalkeen-tapahtuu",
        "yhteinen-yhteydenottolomake#sisainen-ohje-henkilostolle",
        "yhteinen-yhteydenottolomake#miksi-yksi-lomake",
    ]
    assert [s.line for s in doc.sections] == [14, 23, 31, 39, 51]
    first = doc.sections[0]
    assert first.heading == "Mihin järjestö voi lomaketta käyttää?"
    assert first.text.startswith("- **Yhteistyöehdotukset**")
    assert "##" not in first.text
    assert doc.intro.startswith("Järjestöjen oli aiemmin vaikea tietää")
    assert "# Yhteinen yhteydenottolomake" not in doc.intro
    assert doc.audience == ("jarjestot", "ammattilaiset", "koordinaattorit")
    assert "yhteydenottolomake" in doc.tags
    assert doc.updated == dt.date(2025, 4, 28)


def test_section_slugs_are_unique_and_ignore_code_fences() -> None:
    body = [
        "# Otsikko",
        "Johdanto.",
        "## Yhteystiedot",
        "a",
        "```",
        "## ei otsikko koodissa",
        "```",
        "## Yhteystiedot",
        "b",
        "## Åbo & Öljy – ÄÄ!",
        "### alaotsikko kuuluu osioon",
    ]
    intro, sections = split_sections(body, first_line=5)
    assert intro == "Johdanto."
    assert [s.slug for s in sections] == ["yhteystiedot", "yhteystiedot-2", "abo-oljy-aa"]
    assert [s.line for s in sections] == [7, 12, 14]
    assert "## ei otsikko koodissa" in sections[0].text
    assert sections[2].text == "### alaotsikko kuuluu osioon"


def test_roadmap_and_roles(kb: KnowledgeBase) -> None:
    roadmap = kb.roadmap
    assert roadmap is not None
    assert roadmap.id == "jarjestoyhteistyon-tiekartta-2022-2025"
    assert roadmap.source_text == "Lähidemokratia- ja osallisuuslautakunta 18.3.2025"
    assert roadmap.binding_goal.startswith("Toimiva järjestöyhteistyö")
    assert len(roadmap.metrics) == 2 and len(roadmap.development_proposals) == 4
    assert [g.id for g in roadmap.goals] == ["t1", "t2", "t3", "t4"]
    assert [g.number for g in roadmap.goals] == [1, 2, 3, 4]
    goal = roadmap.goals[0]
    assert goal.workstreams[0].id == "t1-yhteinen-suunta-ja-mittarit"
    actions = {a.id: a for ws in goal.workstreams for a in ws.actions}
    moved = actions["t1-yhteinen-suunta-ja-mittarit-2025-3"]
    assert (moved.year, moved.status, moved.origin) == (2025, "kesken", "siirtynyt-2024")
    assert moved.responsible == ("jarjestoyhteistyon-koordinaattori", "avustusvalmistelu")
    assert actions["t1-yhteinen-suunta-ja-mittarit-2025-1"].origin is None
    assert actions["t1-yhteinen-suunta-ja-mittarit-2024-1"].status == "osittain"
    assert goal.achievements_2024

    assert len(kb.roles) == 13
    board = kb.roles["jarjestoyhteistyon-neuvottelukunta"]
    assert board.kind == "toimielin"
    assert board.contact == "neuvottelukunta@example.fi"
    assert board.source is not None and board.source.file == "roadmap/roles.yaml"
    named = {
        r for g in roadmap.goals for ws in g.workstreams for a in ws.actions for r in a.responsible
    }
    assert named <= set(kb.roles)


def test_content_hash_is_stable_and_follows_edits(kb: KnowledgeBase, tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, root)
    copy = load_knowledge(root)
    assert copy.content_hash == kb.content_hash
    assert copy.file_hashes == kb.file_hashes
    assert len(kb.file_hashes) == 3 + 60 + 10
    assert "vocabularies.yaml" in kb.file_hashes

    # Files that are not knowledge don't count.
    (root / "README.md").write_text("# Tietopohja\n", encoding="utf-8")
    (root / "services" / "muistiinpanot.txt").write_text("luonnos\n", encoding="utf-8")
    (root / "guidance" / "luonnos.txt").write_text("luonnos\n", encoding="utf-8")
    assert "README.md" not in knowledge_files(root)
    assert load_knowledge(root).content_hash == kb.content_hash

    target = root / "services" / "arjen-ahkerat-ry.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("Työnhakupaja\n", "Työnhakupaja Tuvalla\n"),
        encoding="utf-8",
    )
    edited = load_knowledge(root)
    assert edited.content_hash != kb.content_hash
    changed = {rel for rel in kb.file_hashes if kb.file_hashes[rel] != edited.file_hashes[rel]}
    assert changed == {"services/arjen-ahkerat-ry.yaml"}
    service = edited.service("arjen-ahkerat-ry/tyonhakupaja")
    assert service is not None and service.name["fi"] == "Työnhakupaja Tuvalla"
