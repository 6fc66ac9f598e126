"""Which FAISS index holds the passage vectors, chosen by the number of documents.

FAISS's guidelines ("Guidelines to choose an index", faiss wiki): exact search
(`IndexFlat`) when the collection is small; for up to a million vectors an
inverted-file index (`IndexIVFFlat`) with between 4·√N and 16·√N lists, or HNSW.
Up to `FLAT_MAX` documents a flat index answers in about a millisecond and is
exact, so the sample knowledge (a few hundred documents) keeps exactly the
results it had. Above it, IVF-Flat with 4·√N lists, searching `NPROBE` of them.

HNSW (M = 32) was tried first and measured on 100,000 services (bench/scale.py):
recall@10 against exact search 0.61 at efSearch 128 and 0.75 at 1024, because
services come in families of near-identical texts (one association's groups in
each town) whose vectors HNSW's graph links poorly. IVF scans every vector of
the lists it visits exactly: recall@10 1.00 at nprobe 32, under a millisecond,
and it trains and fills in 23 s where HNSW took minutes.

The choice is recorded in the saved index's manifest (`vector_index`: type and
parameters) and read back on load. Either way the vectors sit inside
`IndexIDMap2` (ids = document positions), so they can be read back by id.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import faiss
import numpy as np

_faiss: Any = faiss  # typed Any: the SWIG stubs lack parts of the API used here

IndexType = Literal["flat", "ivf"]
FLAT_MAX = 20_000  # documents; above this, IVF
NPROBE = 32  # inverted lists searched per query
MIN_POINTS_PER_LIST = 39  # FAISS warns below this many training vectors per list


@dataclass(frozen=True)
class VectorIndexSpec:
    """What kind of FAISS index, with its parameters; stored in the manifest."""

    type: IndexType
    nlist: int = 0
    nprobe: int = 0

    def to_json(self) -> dict[str, Any]:
        if self.type == "flat":
            return {"type": "flat"}
        return {"type": "ivf", "nlist": self.nlist, "nprobe": self.nprobe}

    @classmethod
    def from_json(cls, obj: Any) -> VectorIndexSpec:
        """Read a manifest's `vector_index` entry; missing (older indexes) means flat."""
        if obj is None:
            return cls("flat")
        if not isinstance(obj, dict) or obj.get("type") not in ("flat", "ivf"):
            raise ValueError(f"unknown vector index entry {obj!r}")
        if obj["type"] == "flat":
            return cls("flat")
        vals = [obj.get(k) for k in ("nlist", "nprobe")]
        ints = [v for v in vals if isinstance(v, int) and v > 0]
        if len(ints) != len(vals):
            raise ValueError(f"IVF parameters must be positive integers: {obj!r}")
        return cls("ivf", *ints)


def choose_spec(document_count: int) -> VectorIndexSpec:
    """Flat (exact) for small collections, IVF-Flat with 4·√N lists for large ones."""
    if document_count <= FLAT_MAX:
        return VectorIndexSpec("flat")
    nlist = min(int(4 * math.sqrt(document_count)), document_count // MIN_POINTS_PER_LIST)
    nlist = max(1, nlist)
    return VectorIndexSpec("ivf", nlist, min(NPROBE, nlist))


def make_faiss_index(dim: int, spec: VectorIndexSpec) -> Any:
    """An empty `IndexIDMap2` around the chosen inner-product index (IVF: untrained)."""
    if spec.type == "flat":
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
    quantizer = faiss.IndexFlatIP(dim)
    inner = faiss.IndexIVFFlat(quantizer, dim, spec.nlist, faiss.METRIC_INNER_PRODUCT)
    inner.nprobe = spec.nprobe
    return faiss.IndexIDMap2(inner)  # faiss's wrappers keep quantizer and inner alive


def prepare(index: Any, vectors: np.ndarray) -> None:
    """Before the first add: an IVF index learns its lists from the vectors it will hold."""
    if not index.is_trained:
        inner = faiss.extract_index_ivf(index.index)
        inner.cp.niter = 10  # k-means iterations; FAISS's default 25 adds time, not recall
        index.train(vectors)


def readable(index: Any) -> None:
    """Let an IVF index give back vectors by id (`reconstruct`): build its direct map."""
    inner = faiss.downcast_index(index.index)
    if isinstance(inner, faiss.IndexIVF):
        inner.make_direct_map()


def spec_of(index: Any) -> VectorIndexSpec:
    """The spec of a FAISS index as read from disk (`IndexIDMap2` around flat or IVF)."""
    inner = faiss.downcast_index(index.index)
    if isinstance(inner, faiss.IndexIVFFlat):
        return VectorIndexSpec("ivf", int(inner.nlist), int(inner.nprobe))
    if isinstance(inner, faiss.IndexFlat):
        return VectorIndexSpec("flat")
    raise ValueError(f"unsupported FAISS index {type(inner).__name__}")


def search_params(spec: VectorIndexSpec, k: int) -> Any:
    """Per-query parameters (IVF: how many lists to visit)."""
    if spec.type != "ivf":
        return None
    return _faiss.SearchParametersIVF(nprobe=spec.nprobe)


def exact_top(vectors: np.ndarray, query: np.ndarray, k: int) -> np.ndarray:
    """Row indices of the `k` highest inner products, best first (exact; for checks)."""
    sims = vectors @ np.asarray(query, dtype=np.float32)
    k = min(k, len(sims))
    top = np.argpartition(-sims, k - 1)[:k] if k < len(sims) else np.arange(len(sims))
    return top[np.argsort(-sims[top], kind="stable")]
