"""Inner-product vector search (FAISS), ids = document positions.

Flat (exact) or IVF, chosen by size in `index.search.vector_index`. The
`IndexIDMap2` wrapper lets vectors be read back by id and, in a flat index, one
document's vector be replaced (remove + add).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.errors import IndexCorruptError
from index.search.vector_index import (
    VectorIndexSpec,
    make_faiss_index,
    prepare,
    readable,
    search_params,
    spec_of,
)

# One OpenMP thread: a query is too small to share between threads, and on a busy
# two-core host spinning OpenMP threads made a 10,000-vector search take 65 ms instead
# of 2 ms. Concurrent requests search side by side in their own threads instead.
faiss.omp_set_num_threads(1)


def _ids(ids: Sequence[int] | np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(ids, dtype=np.int64).reshape(-1))


class VectorIndex:
    """Unit vectors by int64 id; `search` returns (id, cosine) best first."""

    def __init__(self, dim: int, index: Any = None, spec: VectorIndexSpec | None = None) -> None:
        self.dim = dim
        if index is not None:
            spec = spec_of(index)
        self.spec = spec or VectorIndexSpec("flat")
        # typed Any: faiss's SWIG stubs don't know its numpy-accepting wrappers
        self.index: Any = index if index is not None else make_faiss_index(dim, self.spec)

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def add(self, ids: Sequence[int] | np.ndarray, vectors: np.ndarray) -> None:
        mat = np.ascontiguousarray(vectors, dtype=np.float32)
        if mat.ndim != 2 or mat.shape[1] != self.dim:
            raise ValueError(f"vectors must have shape (n, {self.dim}), got {mat.shape}")
        id_arr = _ids(ids)
        if len(id_arr) != mat.shape[0]:
            raise ValueError(f"{len(id_arr)} ids for {mat.shape[0]} vectors")
        if len(id_arr):
            prepare(self.index, mat)
            self.index.add_with_ids(mat, id_arr)
            readable(self.index)

    def remove(self, ids: Sequence[int] | np.ndarray) -> int:
        """Drop these ids (unknown ids are ignored); returns how many were removed."""
        id_arr = _ids(ids)
        if not len(id_arr):
            return 0
        if self.spec.type != "flat":
            raise NotImplementedError("an IVF index isn't edited in place: rebuild it")
        return int(self.index.remove_ids(id_arr))

    def vectors(self, ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """The stored vectors of these ids, in that order."""
        id_arr = _ids(ids)
        if not len(id_arr):
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self.index.reconstruct_batch(id_arr), dtype=np.float32)

    def search(self, query_vec: np.ndarray, k: int) -> list[tuple[int, float]]:
        n = len(self)
        if k <= 0 or n == 0:
            return []
        q = np.ascontiguousarray(query_vec, dtype=np.float32).reshape(1, -1)
        if q.shape[1] != self.dim:
            raise ValueError(f"query vector has {q.shape[1]} dimensions, index has {self.dim}")
        k = min(k, n)
        params = search_params(self.spec, k)
        scores, ids = (
            self.index.search(q, k) if params is None else self.index.search(q, k, params=params)
        )
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path, listed: Any = None) -> VectorIndex:
        """Read a saved index; unreadable or of the wrong kind is `IndexCorruptError`.

        `listed` is the manifest's `vector_index` entry (absent in older indexes: flat);
        the file must hold that type, and searches use the listed parameters."""
        try:
            index = faiss.read_index(str(path))
        except (RuntimeError, OSError) as exc:
            raise IndexCorruptError(
                f"Hakuhakemiston vektoritiedosto {path} ei ole luettavissa: {exc}. "
                "Rakenna hakemisto uudelleen: jarjestobotti index build"
            ) from exc
        try:
            if not isinstance(index, faiss.IndexIDMap2):
                raise ValueError(f"{type(index).__name__}, odotettiin IndexIDMap2")
            spec = VectorIndexSpec.from_json(listed)
            if (found := spec_of(index).type) != spec.type:
                raise ValueError(f"{found}, luettelossa manifest.json {spec.type}")
        except ValueError as exc:
            raise IndexCorruptError(
                f"Hakuhakemiston vektoritiedosto {path} on väärää tyyppiä ({exc}). "
                "Rakenna hakemisto uudelleen: jarjestobotti index build"
            ) from exc
        readable(index)
        loaded = cls(int(index.d), index)
        loaded.spec = spec
        return loaded
