"""knowledge/README.md: the coordinators' guide is ignored by the loader, and its
service template is a valid service file as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from index.knowledge.loader import check_knowledge, knowledge_files, load_knowledge

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
README = KNOWLEDGE / "README.md"


def test_readme_does_not_change_what_the_bot_knows(tmp_path: Path) -> None:
    assert README.is_file()
    assert "README.md" not in knowledge_files(KNOWLEDGE)
    without = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, without, ignore=shutil.ignore_patterns("README.md"))
    assert load_knowledge(KNOWLEDGE).content_hash == load_knowledge(without).content_hash


def test_readme_is_a_finnish_guide_to_editing_checking_and_saving() -> None:
    text = README.read_text(encoding="utf-8")
    for heading in (
        "## Uuden palvelun lisääminen",
        "## Palvelun muuttaminen",
        "## Sanastot (vocabularies.yaml)",
        "## Tarkistaminen",
        "## Mitä tallennuksessa tapahtuu",
        "## Palvelujen tuonti",
    ):
        assert heading in text
    assert "jarjestobotti knowledge check" in text and "/admin/tila" in text
    assert "PTV omistaa" in text and "Koordinaattori omistaa" in text


def test_service_template_in_readme_validates(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    template = next(b for b in blocks if b.startswith("organization:"))
    kdir = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, kdir)
    (kdir / "services" / "vantaan-seniorikeskus-ry.yaml").write_text(template, encoding="utf-8")
    assert check_knowledge(kdir) == []
    kb = load_knowledge(kdir)
    service = kb.service("vantaan-seniorikeskus-ry/kohtaamispaikka")
    assert service is not None and service.themes == ("yksinaisyys", "vertaistuki")
