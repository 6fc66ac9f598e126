"""`jarjestobotti knowledge check` on a copy of the sample broken the way people break it.

Each test edits real files the way a coordinator would, runs the real CLI and
checks that the output names the exact file, line and field, and says how to fix it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli.main import main
from index.errors import KnowledgeError
from index.knowledge.loader import check_knowledge, load_knowledge

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
ARJEN = "services/arjen-ahkerat-ry.yaml"  # services: tyottomien-tupa, tyonhakupaja, kuntouttava-…
TUPA = "(palvelu arjen-ahkerat-ry/tyottomien-tupa)"
PAJA = "(palvelu arjen-ahkerat-ry/tyonhakupaja)"
ROADMAP = "roadmap/roadmap.yaml"
ROLES = "roadmap/roles.yaml"
COORD_AV = "\n            responsible: [jarjestoyhteistyon-koordinaattori, av"  # anchors an action


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy)
    return copy


def edit(root: Path, rel: str, old: str, new: str) -> int:
    """Replace the single occurrence of `old` in `rel`; the 1-based line where it started."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(root: Path, rel: str, text: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["knowledge", "check", "--knowledge", str(root)])
    return code, capsys.readouterr().out.splitlines()


def only_problem(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The single problem line; also checks the exit code and the summary."""
    code, out = run_check(root, capsys)
    assert code == 1, out
    assert len(out) == 2, out
    assert out[1] == "Tietopohjassa on 1 virhe (1 tiedostossa). Korjaa ja tarkista uudelleen."
    return out[0]


ProblemAfter = Callable[[str, str, str], str]


@pytest.fixture
def problem_after(root: Path, capsys: pytest.CaptureFixture[str]) -> ProblemAfter:
    """Edit ARJEN (`old` → `new`) and check: the single problem must name the edited line
    and `field`; returns what it says after them."""

    def check(old: str, new: str, field: str) -> str:
        line = edit(root, ARJEN, old, new)
        problem = only_problem(root, capsys)
        prefix = f"{ARJEN}:{line}: {field}: "
        assert problem.startswith(prefix), problem
        return problem[len(prefix) :]

    return check


def test_sample_passes_with_summary(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "README.md").write_text("# Tietopohja\n\nOhjeita koordinaattoreille.\n")
    (root / "services" / "README.md").write_text("Yksi tiedosto per järjestö.\n")
    code, out = run_check(root, capsys)
    assert code == 0
    assert out == [
        "Tietopohja on kunnossa: 175 palvelua (60 järjestöä), 10 ohjetta (47 osiota), "
        "tiekartassa 4 tavoitetta, 11 toimenpidekokonaisuutta ja 32 toimenpidettä, 13 roolia."
    ]


# --- YAML syntax ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message", "hint"),
    [
        pytest.param(
            "    schedule: Ma–to klo 9–14,",
            "    schedule: Huom: ma–to klo 9–14,",
            "ylimääräinen kaksoispiste",
            "laita koko arvo lainausmerkkeihin",
            id="colon_in_unquoted_text",
        ),
        pytest.param(
            "    summary: Apua CV:n",
            "   summary: Apua CV:n",
            "sisennys ei täsmää",
            None,
            id="bad_indentation",
        ),
        pytest.param(
            "    cost: partly\n",
            "\tcost: partly\n",
            "sisennyksessä on sarkain",
            "välilyönneillä",
            id="tab_in_indentation",
        ),
        pytest.param(
            "    languages: [fi, en]\n",
            "    languages: [fi, en\n",
            "hakasulkeissa [ ] oleva lista",
            None,
            id="unclosed_list",
        ),
    ],
)
def test_yaml_syntax(
    problem_after: ProblemAfter, old: str, new: str, message: str, hint: str | None
) -> None:
    problem = problem_after(old, new, "YAML")
    assert problem.startswith(message)
    if hint is not None:
        assert hint in problem


def test_field_given_twice(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root, ARJEN, "    cost: partly\n", "    cost: partly\n    cost: free\n")
    line = line_of(root, ARJEN, "    cost: free")
    problem = only_problem(root, capsys)
    assert problem.startswith(f"{ARJEN}:{line}: services[0].cost: kenttä cost on annettu kahdesti")
    assert f"ensimmäinen rivillä {line - 1}" in problem


# --- fields --------------------------------------------------------------------------


def test_missing_required_field(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        root,
        ARJEN,
        "    how_to_join: Tule paikalle aukioloaikana. Jäseneksi voi liittyä Tuvalla.\n",
        "",
    )
    start = line_of(root, ARJEN, "- id: arjen-ahkerat-ry/tyottomien-tupa")
    assert only_problem(root, capsys) == (
        f"{ARJEN}:{start}: services[0].how_to_join: pakollinen kenttä puuttuu {TUPA}"
        " — lisää kenttä, esim. how_to_join: …"
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "message", "fix"),
    [
        (
            "    online: true\n",
            '    online: "joo"\n',
            "services[1].online",
            'arvon pitää olla true tai false, nyt teksti "joo"',
            "kirjoita online: true (ilman lainausmerkkejä)",
        ),
        (
            "    age_min: 18\n",
            '    age_min: "18"\n',
            "services[2].age_min",
            'arvon pitää olla kokonaisluku, nyt teksti "18"',
            "kirjoita luku ilman lainausmerkkejä: age_min: 18",
        ),
        (
            "    target_groups: [tyottomat]\n",
            "    target_groups: tyottomat\n",
            "services[2].target_groups",
            'arvon pitää olla lista, nyt teksti "tyottomat"',
            "kirjoita lista hakasulkeisiin: target_groups: [tyottomat]",
        ),
        (
            '  phone: "+358 40 000 2401"\n',
            "  phone: 0400002401\n",
            "organization.phone",
            "arvon pitää olla tekstiä, nyt luku 0400002401",
            'laita arvo lainausmerkkeihin: phone: "0400002401"',
        ),
        (
            "    updated: 2024-01-29\n",
            "    updated: 2025-13-01\n",
            "services[2].updated",
            'päivämäärää "2025-13-01" ei ole olemassa',
            "tarkista kuukausi (01–12) ja päivä; muoto on VVVV-KK-PP, esim. 2025-09-01",
        ),
        (
            "    updated: 2025-09-09\n",
            "    updated: 9.9.2025\n",
            "services[1].updated",
            'päivämäärä ei kelpaa, nyt teksti "9.9.2025"',
            "käytä muotoa VVVV-KK-PP: updated: 2025-09-09",
        ),
    ],
)
def test_wrong_type(
    problem_after: ProblemAfter, old: str, new: str, field: str, message: str, fix: str
) -> None:
    problem = problem_after(old, new, field)
    assert problem.startswith(message)
    assert problem.endswith(f" — {fix}")


def test_unknown_field_suggests_the_right_name(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = edit(
        root, ARJEN, "    themes: [tyollistyminen, digituki]", "    themse: [tyollistyminen]"
    )
    code, out = run_check(root, capsys)
    assert code == 1
    assert (
        f"{ARJEN}:{line}: services[1].themse: tuntematon kenttä {PAJA}"
        " — tarkoititko themes? Korjaa kentän nimi, muuten sen tiedot jäävät pois"
    ) in out
    # …and themes itself is now missing.
    start = line_of(root, ARJEN, "- id: arjen-ahkerat-ry/tyonhakupaja")
    assert any(o.startswith(f"{ARJEN}:{start}: services[1].themes: pakollinen") for o in out)


def test_empty_required_list(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = edit(root, ARJEN, "    municipalities: [vantaa, kerava]", "    municipalities: []")
    assert only_problem(root, capsys) == (
        f"{ARJEN}:{line}: services[1].municipalities: lista on tyhjä {PAJA}"
        " — lisää vähintään yksi arvo, esim. municipalities: [vantaa]"
    )


def test_age_min_above_age_max(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = edit(root, ARJEN, "    age_min: 18\n", "    age_min: 30\n    age_max: 25\n")
    problem = only_problem(root, capsys)
    assert problem.startswith(
        f"{ARJEN}:{line}: services[2].age_min: alaikäraja age_min (30) on suurempi kuin"
        " yläikäraja age_max (25)"
    )


# --- vocabularies ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "message", "guess"),
    [
        (
            "themes: [tyollistyminen, ruoka-apu, yksinaisyys, vertaistuki]",
            "themes: [tyollistyminen, ruoka-apu, yksinäisyys, vertaistuki]",
            "services[0].themes[2]",
            f'tuntematon teema "yksinäisyys" {TUPA}',
            "tarkoititko yksinaisyys?",
        ),
        (
            "target_groups: [tyottomat, tyoikaiset, maahanmuuttajat]",
            "target_groups: [tyottomat, tyoikaiset, pakolaiset]",
            "services[1].target_groups[2]",
            f'tuntematon kohderyhmä "pakolaiset" {PAJA}',
            "tarkoititko maahanmuuttajat?",
        ),
        (
            "languages: [fi, en]",
            "languages: [fi, englanti]",
            "services[1].languages[1]",
            f'tuntematon kieli "englanti" {PAJA}',
            "tarkoititko en?",
        ),
        (
            "municipalities: [vantaa, kerava]",
            "municipalities: [vantaa, Kervo]",
            "services[1].municipalities[1]",
            f'tuntematon kunta "Kervo" {PAJA}',
            "tarkoititko kerava?",
        ),
        (
            "        municipality: vantaa\n    schedule: Ma–to klo 9–14",
            "        municipality: vanda\n    schedule: Ma–to klo 9–14",
            "services[0].locations[0].municipality",
            f'tuntematon kunta "vanda" {TUPA}',
            "tarkoititko vantaa?",
        ),
    ],
)
def test_unknown_vocabulary_value(
    problem_after: ProblemAfter, old: str, new: str, field: str, message: str, guess: str
) -> None:
    problem = problem_after(old, new, field)
    assert problem.startswith(f"{message} — {guess}")
    assert "vocabularies.yaml" in problem


def test_unknown_value_without_close_match_lists_the_valid_ones(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = edit(root, ARJEN, "themes: [tyollistyminen, digituki]", "themes: [tyollistyminen, xyz]")
    problem = only_problem(root, capsys)
    assert problem.startswith(f'{ARJEN}:{line}: services[1].themes[1]: tuntematon teema "xyz"')
    assert "sallitut arvot: " in problem and "yksinaisyys" in problem


# --- ids -------------------------------------------------------------------------------


def test_organisation_id_must_match_file_name(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = edit(root, ARJEN, "  id: arjen-ahkerat-ry\n", "  id: arjen-ahkerat\n")
    code, out = run_check(root, capsys)
    assert code == 1
    assert out[0] == (
        f"{ARJEN}:{line}: organization.id: järjestön tunniste arjen-ahkerat ei vastaa tiedoston"
        " nimeä arjen-ahkerat-ry.yaml (järjestö) — muuta tunnisteeksi id: arjen-ahkerat-ry"
        " tai nimeä tiedosto arjen-ahkerat.yaml"
    )


@pytest.mark.parametrize(
    ("new_id", "message", "fix"),
    [
        (
            "tyonhakupaja",
            'palvelun tunnisteen pitää olla muotoa arjen-ahkerat-ry/…, nyt "tyonhakupaja"',
            "esim. id: arjen-ahkerat-ry/tyonhakupaja",
        ),
        (
            "arjen-ahkerat/tyonhakupaja",
            'tunnisteen alkuosa "arjen-ahkerat" ei ole tämän tiedoston järjestö arjen-ahkerat-ry',
            "muuta tunnisteeksi arjen-ahkerat-ry/tyonhakupaja",
        ),
        (
            "arjen-ahkerat-ry/Työnhaku Paja",
            'tunnisteen loppuosa "Työnhaku Paja" ei kelpaa',
            "arjen-ahkerat-ry/tyonhaku-paja",
        ),
    ],
)
def test_service_id_form(
    root: Path, capsys: pytest.CaptureFixture[str], new_id: str, message: str, fix: str
) -> None:
    line = edit(root, ARJEN, "- id: arjen-ahkerat-ry/tyonhakupaja", f"- id: {new_id}")
    problem = only_problem(root, capsys)
    assert problem.startswith(f"{ARJEN}:{line}: services[1].id: {message}")
    assert problem.endswith(fix)


def test_duplicate_service_id_names_the_first(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = line_of(root, ARJEN, "- id: arjen-ahkerat-ry/tyottomien-tupa")
    line = edit(
        root, ARJEN, "- id: arjen-ahkerat-ry/tyonhakupaja", "- id: arjen-ahkerat-ry/tyottomien-tupa"
    )
    assert only_problem(root, capsys) == (
        f"{ARJEN}:{line}: services[1].id: palvelun tunniste arjen-ahkerat-ry/tyottomien-tupa"
        f" on jo käytössä: {ARJEN}:{first}"
        " — anna tälle oma, yksilöllinen tunniste tai poista kaksoiskappale"
    )


def test_duplicate_guidance_id(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(
        root / "guidance" / "avainhenkiloverkosto.md",
        root / "guidance" / "avainhenkiloverkosto-uusi.md",
    )
    problem = only_problem(root, capsys)
    # Files are read in name order, so the copy ("-uusi" sorts first) holds the id.
    assert problem.startswith(
        "guidance/avainhenkiloverkosto.md:2: id: ohjeen tunniste avainhenkiloverkosto on jo"
        " käytössä: guidance/avainhenkiloverkosto-uusi.md:2"
    )


def test_duplicate_roadmap_id(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = line_of(root, ROADMAP, "- id: t1-toistensa-tunteminen")
    line = edit(root, ROADMAP, "- id: t1-yhteiset-tyokalut\n", "- id: t1-toistensa-tunteminen\n")
    assert only_problem(root, capsys) == (
        f"{ROADMAP}:{line}: goals[0].workstreams[2].id: tiekartan tunniste"
        f" t1-toistensa-tunteminen on jo käytössä: {ROADMAP}:{first}"
        " — anna tälle oma, yksilöllinen tunniste tai poista kaksoiskappale"
    )


def test_duplicate_role_id(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = line_of(root, ROLES, "- id: jarjestoyhteistyon-koordinaattori")
    line = edit(root, ROLES, "- id: avustusvalmistelu", "- id: jarjestoyhteistyon-koordinaattori")
    code, out = run_check(root, capsys)
    assert code == 1
    assert out[-2].startswith(
        f"{ROLES}:{line}: roles[9].id: roolin tunniste jarjestoyhteistyon-koordinaattori on jo"
        f" käytössä: {ROLES}:{first}"
    )
    # The roadmap still names avustusvalmistelu, which now exists nowhere.
    assert any('tuntematon rooli "avustusvalmistelu"' in o for o in out if o.startswith(ROADMAP))


def test_id_must_be_a_slug(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = edit(root, ROADMAP, "  - id: t1\n", "  - id: Tavoite 1\n")
    assert only_problem(root, capsys) == (
        f'{ROADMAP}:{line}: goals[0].id: tunniste "Tavoite 1" ei kelpaa (tavoite Tavoite 1)'
        " — käytä vain pieniä kirjaimia a–z, numeroita ja väliviivoja, esim. tavoite-1"
    )


# --- allowed values ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "old", "new", "field", "message", "fix"),
    [
        (
            ARJEN,
            "    cost: partly",
            "    cost: ilmainen",
            "services[0].cost",
            f'arvo "ilmainen" ei kelpaa {TUPA}',
            "tarkoititko free? Sallitut arvot: free (maksuton), fee (maksullinen),"
            " partly (osittain maksullinen)",
        ),
        (
            ROADMAP,
            "            status: toteutuu" + COORD_AV,
            "            status: valmis" + COORD_AV,
            "goals[0].workstreams[1].actions[0].status",
            'arvo "valmis" ei kelpaa (toimenpide t1-toistensa-tunteminen-2024-1)',
            "Sallitut arvot: toteutuu, osittain (toteutuu osittain), ei-toteudu (ei toteudu),"
            " kesken",
        ),
        (
            ROADMAP,
            "            origin: selvitys" + COORD_AV,
            "            origin: kysely" + COORD_AV,
            "goals[0].workstreams[1].actions[1].origin",
            'arvo "kysely" ei kelpaa (toimenpide t1-toistensa-tunteminen-2025-1)',
            "Sallitut arvot: siirtynyt-2024 (siirtyi vuodelta 2024 (*)),"
            " selvitys (nostettu selvityksestä (**))",
        ),
        (
            ROLES,
            "    kind: rooli\n    description: >-\n      Hyte-",
            "    kind: henkilö\n    description: >-\n      Hyte-",
            "roles[2].kind",
            'arvo "henkilö" ei kelpaa (rooli jarjestoyhteistyon-koordinaattori)',
            "Sallitut arvot: toimielin, rooli, verkosto, yksikko (yksikkö)",
        ),
        (
            "guidance/avainhenkiloverkosto.md",
            "audience: [ammattilaiset, koordinaattorit]",
            "audience: [ammattilaiset, koordinaattori]",
            "audience[1]",
            'tuntematon kohdeyleisö "koordinaattori"',
            "tarkoititko koordinaattorit? Sallitut: ammattilaiset, jarjestot, koordinaattorit",
        ),
    ],
)
def test_value_not_allowed(
    root: Path,
    capsys: pytest.CaptureFixture[str],
    rel: str,
    old: str,
    new: str,
    field: str,
    message: str,
    fix: str,
) -> None:
    line = edit(root, rel, old, new)
    assert only_problem(root, capsys) == f"{rel}:{line}: {field}: {message} — {fix}"


def test_unknown_responsible_role(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = edit(
        root,
        ROADMAP,
        "osittain\n            responsible: [jarjestoyhteistyon-koordinaattori]\n",
        "osittain\n            responsible: [jarjestoyhteistyon-koordinaatori]\n",
    )
    assert only_problem(root, capsys) == (
        f"{ROADMAP}:{line + 1}: goals[0].workstreams[0].actions[0].responsible[0]: tuntematon"
        ' rooli "jarjestoyhteistyon-koordinaatori"'
        " (toimenpide t1-yhteinen-suunta-ja-mittarit-2024-1)"
        " — tarkoititko jarjestoyhteistyon-koordinaattori? Roolit ja niiden tunnisteet ovat"
        " tiedostossa roadmap/roles.yaml."
    )


# --- files -------------------------------------------------------------------------------


def test_missing_vocabularies_is_one_clear_problem(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "vocabularies.yaml").unlink()
    problem = only_problem(root, capsys)
    assert problem.startswith("vocabularies.yaml:0: (koko tiedosto): tiedosto puuttuu — luo")


def test_missing_roadmap_files(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / ROADMAP).unlink()
    (root / ROLES).unlink()
    code, out = run_check(root, capsys)
    assert code == 1
    assert [o.split(" — ")[0] for o in out[:-1]] == [
        f"{ROADMAP}:0: (koko tiedosto): tiedosto puuttuu",
        f"{ROLES}:0: (koko tiedosto): tiedosto puuttuu",
    ]
    assert out[-1].startswith("Tietopohjassa on 2 virhettä (2 tiedostossa).")


def test_yml_extension_is_reported_not_ignored(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / ARJEN).rename(root / "services" / "arjen-ahkerat-ry.yml")
    problem = only_problem(root, capsys)
    assert problem == (
        "services/arjen-ahkerat-ry.yml:0: (koko tiedosto): tiedostopääte .yml ei käy, joten"
        " tiedosto jäisi huomiotta — nimeä tiedosto uudelleen: services/arjen-ahkerat-ry.yaml"
    )


def test_file_not_in_utf8(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = root / ARJEN
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    problem = only_problem(root, capsys)
    lines = (KNOWLEDGE / ARJEN).read_text(encoding="utf-8").splitlines()
    first_umlaut = next(i for i, line in enumerate(lines, start=1) if not line.isascii())
    assert problem.startswith(f"{ARJEN}:{first_umlaut}: (koko tiedosto): tiedosto ei ole UTF-8")


def test_guidance_without_front_matter(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rel = "guidance/avainhenkiloverkosto.md"
    text = (root / rel).read_text(encoding="utf-8")
    (root / rel).write_text(text.split("---\n", 2)[2], encoding="utf-8")
    assert only_problem(root, capsys).startswith(
        f"{rel}:1: (koko tiedosto): ohjeen alusta puuttuu tietolohko (---)"
    )


def test_guidance_front_matter_lines_are_file_lines(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rel = "guidance/avainhenkiloverkosto.md"
    line = edit(root, rel, "updated: 2025-05-14", "updated: 2025-05-41")
    assert line == 6
    assert only_problem(root, capsys).startswith(
        f'{rel}:6: updated: päivämäärää "2025-05-41" ei ole olemassa'
    )


# --- many at once -----------------------------------------------------------------------


def test_all_problems_are_reported_at_once(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    syntax = edit(root, "services/hopeasilta-ry.yaml", "services:\n", "services\n")
    theme = edit(root, ARJEN, "ruoka-apu, yksinaisyys", "ruoka-apu, yksinäisyys")
    online = edit(root, ARJEN, "    online: true\n", "    online: kyllä\n")
    kind = edit(
        root,
        ROLES,
        "    kind: rooli\n    description: >-\n      Hyte-",
        "    kind: x\n    description: >-\n      Hyte-",
    )
    code, out = run_check(root, capsys)
    assert code == 1
    assert [o.split(": ")[0] for o in out[:-1]] == [
        f"{ROLES}:{kind}",
        f"{ARJEN}:{theme}",
        f"{ARJEN}:{online}",
        f"services/hopeasilta-ry.yaml:{syntax}",
    ]
    assert out[-1] == "Tietopohjassa on 4 virhettä (3 tiedostossa). Korjaa ja tarkista uudelleen."
    # The library API agrees with the CLI.
    problems = check_knowledge(root)
    assert [str(p) for p in problems] == out[:-1]
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(root)
    assert caught.value.problems == problems
