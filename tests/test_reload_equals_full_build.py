"""A live reload's incremental index is the index a full build of the same knowledge makes.

The reloader remembers readings, documents, terms, word counts, the lemma table and BM25
counts between builds (`index.knowledge.file_memo`, `index.search.build_documents`,
`index.language.fit_memo`, `index.language.lemma_memo`, `index.search.bm25_matrix`). After
edits that add words and remove them, its index must equal one built in a process that
remembers nothing: the same documents, tokenizer state, vectors, every BM25 posting with
its score bit for bit, and the same search results.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.background.reload import KnowledgeReloader
from bot.runtime import load_runtime
from index.knowledge import file_memo, yamlsrc
from index.knowledge.loader import load_knowledge
from index.language import fit_memo, lemma_memo
from index.memo import LastCall, TextMemo
from index.search import bm25_matrix, build_documents
from index.search.artifact import SearchIndex
from index.search.build import build_index
from index.search.embcache import EmbeddingCache
from index.search.embedder import Embedder
from index.search.engine import Searcher
from tests.small_knowledge import FILE, SMALL, small_settings
from tests.test_bm25_matrix import postings

QUESTIONS = [
    "Missä maahan muuttanut voi harjoitella suomen kieltä?",
    "kuutamokahvila iltaisin",
    "ruoka-apu Keravalla",
    "Mikä on järjestöyhteistyön visio?",
]
EDITS = [
    ("Suomen kielen keskustelukahvila", "Suomen kielen kuutamokahvila ja iltakerho"),
    ("kuutamokahvila ja iltakerho", "kuutamokahvila"),  # words leave the corpus
]


def from_nothing(
    kdir: Path, cache: Path, like: SearchIndex, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> SearchIndex:
    """A full build of `kdir` in a process that remembers no earlier read or fit."""
    with monkeypatch.context() as m:
        m.setattr(yamlsrc._READ, "capacity", 0)
        m.setattr(file_memo, "_LAST", {})
        m.setattr(build_documents, "_DOCUMENTS", LastCall())
        m.setattr(fit_memo, "_LAST", {})
        m.setattr(fit_memo, "_COUNTS", {})
        m.setattr(fit_memo, "_PAIRS", {})
        m.setattr(lemma_memo, "_LAST", {})
        m.setattr(bm25_matrix, "_COUNTED", TextMemo(10**7, lambda key, _: len(key)))
        m.setattr(bm25_matrix, "_BY_LIST", LastCall())
        kb = load_knowledge(kdir)
        docs = build_documents.build_documents(kb)
        tokenizer = str(like.manifest["tokenizer"])
        return build_index(docs, embedder, tokenizer, kb.content_hash, cache=EmbeddingCache(cache))


def test_incremental_reloads_equal_full_builds(
    tmp_path: Path, embedding_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kdir = tmp_path / "knowledge"
    shutil.copytree(SMALL, kdir)
    monkeypatch.setattr(yamlsrc._READ, "capacity", 0)  # restored after the test
    rt = load_runtime(small_settings(kdir, tmp_path / "index", embedding_cache_dir), with_db=False)
    reloader = KnowledgeReloader(rt, kdir, tmp_path / "index", cache_dir=embedding_cache_dir)
    reloader.warm_up()
    path = kdir / FILE
    for old, new in EDITS:
        path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
        assert reloader.reload() is True
        ours = rt.index
        assert fit_memo._LAST and lemma_memo._LAST and file_memo._LAST  # built from memory
        full = from_nothing(kdir, embedding_cache_dir, ours, rt.embedder, monkeypatch)

        assert ours.docs == full.docs
        assert ours.tokenizer.to_json() == full.tokenizer.to_json()
        assert np.array_equal(ours.embeddings, full.embeddings)
        assert postings(ours.lexical) == postings(full.lexical)
        theirs = Searcher(full, rt.kb, rt.embedder)
        for question in QUESTIONS:
            got, want = rt.searcher.search(question), theirs.search(question)
            assert [(h.doc.id, h.score) for h in got.hits] == [
                (h.doc.id, h.score) for h in want.hits
            ], question
    yamlsrc._READ.clear()
