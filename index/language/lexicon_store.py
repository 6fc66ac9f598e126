"""simplemma's dictionaries inverted once per simplemma version, kept on disk.

The lemma table (`index.language.lemma_table`) needs, for each corpus lemma,
every dictionary form that reaches it, and a Bloom filter of every form
simplemma knows. Both depend on simplemma's dictionaries alone, never on the
corpus, yet computing them walks 4.7 million dictionary entries (a minute on
two busy cores). So the first build on a machine computes them and stores them
here; every later build, in any process, reads just the lemmas it needs.

One SQLite file beside the embedding cache, named for the simplemma version
and this module's format (a new simplemma gets a new file). Like the embedding
cache it is only an optimisation: a damaged or unwritable file is logged and
the build computes what it needs in memory instead.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = 1
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS groups (lang TEXT NOT NULL, lemma TEXT NOT NULL, "
    "forms TEXT NOT NULL, PRIMARY KEY (lang, lemma)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
)
_CHUNK = 500  # bound parameters per query (old SQLite builds allow 999)


def store_name() -> str:
    try:
        version = metadata.version("simplemma")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"lexicon-simplemma-{version}-v{FORMAT}.sqlite3"


class LexiconStore:
    """Lemma → forms per language and the known-forms filter, for one simplemma version."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / store_name()
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        for statement in _SCHEMA:
            conn.execute(statement)
        return conn

    def _meta(self, conn: sqlite3.Connection, key: str) -> bytes | None:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row is not None else None

    def filter_bits(self) -> tuple[bytes, int] | None:
        """The stored filter (bits, probes), or None when the store is not filled yet."""
        with self._lock:
            try:
                conn = self._connect()
                try:
                    if self._meta(conn, "complete") is None:
                        return None
                    bits, probes = self._meta(conn, "filter_bits"), self._meta(conn, "probes")
                finally:
                    conn.close()
            except sqlite3.Error as exc:
                log.warning("sanastovälimuistia ei voi lukea (%s): %s", self.path, exc)
                return None
        if bits is None or probes is None:
            return None
        return bits, int(probes.decode())

    def groups(self, lang: str, lemmas: Iterable[str]) -> dict[str, str] | None:
        """Space-separated forms of each of `lemmas` that has any; None when not filled."""
        wanted = sorted(set(lemmas))
        found: dict[str, str] = {}
        with self._lock:
            try:
                conn = self._connect()
                try:
                    if self._meta(conn, "complete") is None:
                        return None
                    for start in range(0, len(wanted), _CHUNK):
                        chunk = wanted[start : start + _CHUNK]
                        marks = ",".join("?" * len(chunk))
                        rows = conn.execute(
                            "SELECT lemma, forms FROM groups "  # noqa: S608 (marks only)
                            f"WHERE lang = ? AND lemma IN ({marks})",
                            [lang, *chunk],
                        )
                        found.update((str(lem), str(forms)) for lem, forms in rows)
                finally:
                    conn.close()
            except sqlite3.Error as exc:
                log.warning("sanastovälimuistia ei voi lukea (%s): %s", self.path, exc)
                return None
        return found

    def fill(self, groups: Mapping[str, Mapping[str, str]], bits: bytes, probes: int) -> bool:
        """Store every language's groups and the filter; False (and logged) on failure."""
        with self._lock:
            try:
                conn = self._connect()
                try:
                    with conn:
                        conn.execute("DELETE FROM groups")
                        conn.execute("DELETE FROM meta")
                        for lang, table in groups.items():
                            conn.executemany(
                                "INSERT INTO groups VALUES (?, ?, ?)",
                                ((lang, lem, forms) for lem, forms in table.items()),
                            )
                        conn.executemany(
                            "INSERT INTO meta VALUES (?, ?)",
                            [
                                ("filter_bits", bits),
                                ("probes", str(probes).encode()),
                                ("complete", b"1"),
                            ],
                        )
                finally:
                    conn.close()
            except sqlite3.Error as exc:
                log.warning("sanastovälimuistiin ei voitu kirjoittaa (%s): %s", self.path, exc)
                return False
        return True
