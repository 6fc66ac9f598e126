"""Passage vectors cached on disk, so a build embeds only text it has never seen.

Embedding is nearly all of an index build's time (minutes for the whole
knowledge base on a small machine), yet a coordinator's edit changes a
document or two. The cache maps sha256(passage text) to its vector, under a
key that also names the embedder, the model and the dimension: vectors of
another model are never mixed in.

Storage is one SQLite file (`embeddings.sqlite3`) with float32 rows as BLOBs —
no pickle, safe to share between processes (SQLite locks), and readable with
any SQLite tool. The cache is only an optimisation: a damaged file is set
aside and started afresh, never a reason for a build to fail.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.search.embedder import Embedder, embed_passages

log = logging.getLogger(__name__)

CACHE_FILE = "embeddings.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL,      -- embedder name / model / dim
    text_sha256 TEXT NOT NULL,
    vector BLOB NOT NULL,     -- float32, little-endian, dim values
    PRIMARY KEY (model, text_sha256)
) WITHOUT ROWID
"""
_CHUNK = 500  # SQLite's limit on bound parameters is 999 in old builds


def model_key(embedder: Embedder) -> str:
    """What a cached vector is valid for: backend, model and dimension."""
    return f"{embedder.name}/{embedder.model}/{embedder.dim}"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class EmbedStats:
    """How a build got its vectors: embedded now, or reused (previous index or cache)."""

    embedded: int
    reused: int

    def as_dict(self) -> dict[str, int]:
        return {"embedded": self.embedded, "reused": self.reused}


# (cache file, model) → text hashes this process has written there or read from it: a live
# reload puts the whole index's vectors back, and rewriting 10,000 unchanged rows on every
# edit took a third of a second.
_PRESENT: dict[tuple[str, str], set[str]] = {}
_PRESENT_LOCK = threading.Lock()


class EmbeddingCache:
    """A folder holding the vector cache; opened lazily, repaired if damaged."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / CACHE_FILE
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            conn.execute(_SCHEMA)
            conn.execute("SELECT count(*) FROM vectors WHERE model = ''").fetchone()
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _open(self) -> sqlite3.Connection | None:
        """A working connection; a damaged file is moved aside and a new one started."""
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            self._set_aside(exc)
        try:
            return self._connect()
        except sqlite3.Error as exc:
            log.warning("upotusvälimuistia ei voi käyttää (%s): %s", self.path, exc)
            return None

    def _set_aside(self, exc: Exception) -> None:
        broken = self.path.with_name(self.path.name + ".broken")
        with _PRESENT_LOCK:
            for where in [k for k in _PRESENT if k[0] == str(self.path)]:
                del _PRESENT[where]
        log.warning("upotusvälimuisti %s on vioittunut (%s); aloitetaan tyhjästä", self.path, exc)
        for suffix in ("", "-journal", "-wal", "-shm"):
            part = self.path.with_name(self.path.name + suffix)
            if part.exists():
                part.replace(broken.with_name(broken.name + suffix))

    def get(self, model: str, keys: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        """Cached vectors for `keys` (text hashes); rows of the wrong size count as missing."""
        found: dict[str, np.ndarray] = {}
        with self._lock:
            conn = self._open()
            if conn is None:
                return found
            try:
                for start in range(0, len(keys), _CHUNK):
                    chunk = list(keys[start : start + _CHUNK])
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        f"SELECT text_sha256, vector FROM vectors "  # noqa: S608 (marks only)
                        f"WHERE model = ? AND text_sha256 IN ({marks})",
                        [model, *chunk],
                    ).fetchall()
                    for key, blob in rows:
                        if isinstance(blob, bytes) and len(blob) == 4 * dim:
                            found[key] = np.frombuffer(blob, dtype="<f4").copy()
            except sqlite3.DatabaseError as exc:
                conn.close()
                self._set_aside(exc)
                return {}
            conn.close()
        with _PRESENT_LOCK:
            _PRESENT.setdefault((str(self.path), model), set()).update(found)
        return found

    def put(self, model: str, items: Mapping[str, np.ndarray]) -> None:
        """Store vectors by text hash; a failure is logged, the build goes on."""
        where = (str(self.path), model)
        with _PRESENT_LOCK:
            present = _PRESENT.get(where, set())
            items = {k: v for k, v in items.items() if k not in present}
        if not items:
            return
        rows = [(model, k, np.asarray(v, dtype="<f4").tobytes()) for k, v in items.items()]
        with self._lock:
            conn = self._open()
            if conn is None:
                return
            try:
                with conn:
                    conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
                with _PRESENT_LOCK:
                    _PRESENT.setdefault(where, set()).update(items)
            except sqlite3.Error as exc:
                log.warning("upotusvälimuistiin ei voitu kirjoittaa (%s): %s", self.path, exc)
            finally:
                conn.close()

    def note_present(self, model: str, keys: Sequence[str]) -> None:
        """Remember which of `keys` the cache already holds (their hashes only, no vectors),
        so `put` does not write them again: the live reloader's warm-up does this for the
        served index, whose vectors a reload would otherwise put back on the first edit."""
        held: list[str] = []
        with self._lock:
            conn = self._open()
            if conn is None:
                return
            try:
                for start in range(0, len(keys), _CHUNK):
                    chunk = list(keys[start : start + _CHUNK])
                    marks = ",".join("?" * len(chunk))
                    held += [
                        key
                        for (key,) in conn.execute(
                            f"SELECT text_sha256 FROM vectors "  # noqa: S608 (marks only)
                            f"WHERE model = ? AND text_sha256 IN ({marks})",
                            [model, *chunk],
                        )
                    ]
            except sqlite3.Error as exc:
                log.warning("upotusvälimuistia ei voitu lukea (%s): %s", self.path, exc)
                return
            finally:
                conn.close()
        with _PRESENT_LOCK:
            _PRESENT.setdefault((str(self.path), model), set()).update(held)

    def __len__(self) -> int:
        with self._lock:
            conn = self._open()
            if conn is None:
                return 0
            try:
                return int(conn.execute("SELECT count(*) FROM vectors").fetchone()[0])
            finally:
                conn.close()


def embed_texts(
    embedder: Embedder,
    texts: Sequence[str],
    *,
    known: Mapping[str, np.ndarray] | None = None,
    cache: EmbeddingCache | None = None,
    read_cache: bool = True,
    progress: bool = False,
    queries: bool = False,
) -> tuple[np.ndarray, EmbedStats]:
    """Vectors for `texts`: from `known` (text → vector, e.g. the previous index),
    then the cache, and only the rest from the model. New vectors go into the cache
    (also when `read_cache` is False: a full rebuild refreshes the cache). With `queries`,
    the texts are embedded as questions are, and cached apart from passages."""
    dim = embedder.dim
    out = np.zeros((len(texts), dim), dtype=np.float32)
    todo: list[int] = []
    from_known: list[int] = []
    for i, text in enumerate(texts):
        vec = known.get(text) if known else None
        if vec is not None and vec.shape == (dim,):
            out[i] = vec
            from_known.append(i)
        else:
            todo.append(i)
    model = model_key(embedder)
    mark = "query: " if queries else ""  # a question's vector differs from a passage's
    keys = {i: text_key(mark + texts[i]) for i in todo}
    if cache is not None and read_cache and todo:
        cached = cache.get(model, sorted(set(keys.values())), dim)
        still = [i for i in todo if keys[i] not in cached]
        for i in todo:
            if keys[i] in cached:
                out[i] = cached[keys[i]]
        todo = still
    unique = list(dict.fromkeys(texts[i] for i in todo))  # a text repeated is embedded once
    if unique:
        fresh = (
            embedder.encode_queries(unique)
            if queries
            else embed_passages(embedder, unique, progress)
        )
        by_text = dict(zip(unique, fresh, strict=True))
        for i in todo:
            out[i] = by_text[texts[i]]
    if cache is not None:
        # new vectors, and those taken from `known`: the cache then holds the whole index
        cache.put(model, {text_key(mark + texts[i]): out[i] for i in (*from_known, *todo)})
    stats = EmbedStats(embedded=len(todo), reused=len(texts) - len(todo))
    log.info("upotettiin %d dokumenttia, uudelleenkäytettiin %d", stats.embedded, stats.reused)
    return out, stats
