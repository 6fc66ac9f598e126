"""Exact inner-product vector search (FAISS), ids = document positions.

A flat index is exact and, for a few thousand documents, fast enough; the
`IndexIDMap2` wrapper lets one document's vector be replaced (remove + add)
when its source file changes, and lets vectors be read back by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.errors import IndexCorruptError


def _ids(ids: Sequence[int] | np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(ids, dtype=np.int64).reshape(-1))


class VectorIndex:
    """Unit vectors by int64 id; `search` returns (id, cosine) best first."""

    def __init__(self, dim: int, index: Any = None) -> None:
        self.dim = dim
        # typed Any: faiss's SWIG stubs don't know its numpy-accepting wrappers
        self.index: Any = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

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
            self.index.add_with_ids(mat, id_arr)

    def remove(self, ids: Sequence[int] | np.ndarray) -> int:
        """Drop these ids (unknown ids are ignored); returns how many were removed."""
        id_arr = _ids(ids)
        if not len(id_arr):
            return 0
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
        scores, ids = self.index.search(q, min(k, n))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        """Read a saved index; unreadable or of the wrong kind is `IndexCorruptError`."""
        try:
            index = faiss.read_index(str(path))
        except (RuntimeError, OSError) as exc:
            raise IndexCorruptError(
                f"Hakuhakemiston vektoritiedosto {path} ei ole luettavissa: {exc}. "
                "Rakenna hakemisto uudelleen: jarjestobotti index build"
            ) from exc
        if not isinstance(index, faiss.IndexIDMap2):
            raise IndexCorruptError(
                f"Hakuhakemiston vektoritiedosto {path} on väärää tyyppiä "
                f"({type(index).__name__}, odotettiin IndexIDMap2). "
                "Rakenna hakemisto uudelleen: jarjestobotti index build"
            )
        return cls(int(index.d), index)
