"""Build a search index in memory: embed (what is new), tokenise, BM25, FAISS.

`save_index` and `load_index` (`index.search.artifact`) write and read what this makes.

**Text first, vectors a moment later.** Embedding one long passage takes about a second on
one core — at 10,000 services more than the rest of a live reload. With `early`, a build
that is still waiting for new passages' vectors when the words are indexed hands over an
index at once: every unchanged passage with its vector, an edited one with its previous
vector, a new one with none (a zero vector: found by its words until its vector comes).
The live reloader serves that index, so an edit shows in answers without waiting for the
model; the build then returns the complete index, which replaces it and is the one saved.
Only a flat vector index is handed over early (an IVF index would be trained twice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from index.language.tokens import Tokenizer, make_tokenizer
from index.search.artifact import FORMAT_VERSION, SearchIndex, passage_text
from index.search.documents import Document
from index.search.embcache import EmbeddingCache, EmbedStats, embed_texts, model_key
from index.search.embedder import Embedder
from index.search.lexical import LexicalIndex
from index.search.vector import VectorIndex
from index.search.vector_index import choose_spec
from index.search.versions import library_versions

__all__ = ["Early", "build_index"]

Early = Callable[[SearchIndex], None]  # receives the index served while vectors are embedded


def build_index(
    docs: list[Document],
    embedder: Embedder,
    tokenizer_name: str,
    knowledge_hash: str,
    progress: bool = False,
    reuse: SearchIndex | None = None,
    cache: EmbeddingCache | None = None,
    read_cache: bool = True,
    early: Early | None = None,
) -> SearchIndex:
    """Embed and index `docs` in memory (nothing is written; see `save_index`).

    Embedding is most of a build's time, so a passage whose text is unchanged keeps
    its vector: from `reuse` (the previous index, same embedder and model) or from
    `cache` (see `index.search.embcache`). `read_cache=False` embeds everything afresh.
    The manifest's `embedding` entry says how many were embedded and reused. `early`: see
    the module's docstring.
    """
    keys = [d.key for d in docs]
    if len(set(keys)) != len(keys):
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        raise ValueError(f"duplicate document keys: {', '.join(dupes)}")
    texts = [passage_text(d) for d in docs]
    known: dict[str, np.ndarray] = {}
    if reuse is not None and read_cache and model_key(embedder) == _model_of(reuse.manifest):
        known = {passage_text(d): reuse.embeddings[i] for i, d in enumerate(reuse.docs)}
    tokenizer = make_tokenizer(tokenizer_name)
    # the model runs outside the GIL: new passages are embedded while the corpus is tokenised
    with ThreadPoolExecutor(1, thread_name_prefix="embed") as pool:
        vectors = pool.submit(
            embed_texts,
            embedder,
            texts,
            known=known,
            cache=cache,
            read_cache=read_cache,
            progress=progress,
        )
        lexical = LexicalIndex.build(
            tokenizer.fit_transform(texts, cache_dir=cache.folder if cache is not None else None)
        )
        flat = choose_spec(len(docs)).type == "flat"
        if early is not None and known and flat and not vectors.done():
            before = _early_vectors(docs, texts, known, reuse, embedder.dim)
            meta = (embedder, knowledge_hash, EmbedStats(embedded=0, reused=len(docs)))
            early(_assemble(docs, before, lexical, tokenizer, *meta, early=True))
        embeddings, stats = vectors.result()
    return _assemble(docs, embeddings, lexical, tokenizer, embedder, knowledge_hash, stats)


def _early_vectors(
    docs: list[Document],
    texts: list[str],
    known: Mapping[str, np.ndarray],
    reuse: SearchIndex | None,
    dim: int,
) -> np.ndarray:
    """Each passage's vector as far as known now: its own (unchanged text), else its
    document's previous one (an edit), else zeros (a new document)."""
    out = np.zeros((len(docs), dim), dtype=np.float32)
    previous = {d.key: i for i, d in enumerate(reuse.docs)} if reuse is not None else {}
    for i, (doc, text) in enumerate(zip(docs, texts, strict=True)):
        vec = known.get(text)
        if vec is None and reuse is not None and (j := previous.get(doc.key)) is not None:
            vec = reuse.embeddings[j]
        if vec is not None:
            out[i] = vec
    return out


def _assemble(
    docs: list[Document],
    embeddings: np.ndarray,
    lexical: LexicalIndex,
    tokenizer: Tokenizer,
    embedder: Embedder,
    knowledge_hash: str,
    stats: EmbedStats,
    early: bool = False,
) -> SearchIndex:
    vector = VectorIndex(embedder.dim, spec=choose_spec(len(docs)))
    vector.add(np.arange(len(docs), dtype=np.int64), embeddings)
    manifest: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "embedder": embedder.name,
        "model": embedder.model,
        "dim": embedder.dim,
        "document_count": len(docs),
        "vector_index": vector.spec.to_json(),
        "tokenizer": tokenizer.name,
        "knowledge_hash": knowledge_hash,
        "versions": library_versions(embedder.name),
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "embedding": stats.as_dict(),
        "files": {},
    }
    if early:
        manifest["early"] = True  # served while new vectors are embedded; never saved
    return SearchIndex(list(docs), vector, lexical, tokenizer, manifest, embeddings)


def _model_of(manifest: dict[str, Any]) -> str:
    return f"{manifest['embedder']}/{manifest['model']}/{manifest['dim']}"
