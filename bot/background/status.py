"""What the serving process knows about its index: shown on `/admin/tila`.

One `StatusBoard` per process, written by the reload thread (builder) or the
index watcher (replica) and read by the admin page. Readers get an immutable
snapshot, so a page never shows half of an update.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from index.errors import Problem
from index.search.artifact import SearchIndex

MODES = {
    "builder": "rakentaja: seuraa tietopohjaa ja rakentaa hakemiston",
    "replica": "replika: lataa muiden rakentamat hakemistoversiot",
    "off": "ei automaattista päivitystä",
}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def index_version(index_dir: Path) -> str | None:
    """Which saved index version `index_dir` points at now (None: nothing saved).

    `save_index` writes every version to its own folder and repoints a symlink,
    so the folder name changes with every build; the manifest's build time and
    knowledge hash are added for an index folder copied by hand.
    """
    path = Path(index_dir)
    try:
        root = path.resolve(strict=True)
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict):
        return None
    return f"{root.name}|{manifest.get('built_at')}|{str(manifest.get('knowledge_hash'))[:16]}"


@dataclass(frozen=True)
class ReloadStatus:
    mode: str
    knowledge_dir: str
    index_dir: str
    # the index being served
    version: str | None
    knowledge_hash: str
    documents: int
    built_at: str  # ISO time from the manifest: when the serving index was built
    loaded_at: dt.datetime  # when this process started serving it
    embedded: int | None = None
    reused: int | None = None
    build_seconds: float | None = None
    # the latest attempt to take a change into use
    last_attempt_at: dt.datetime | None = None
    problems: tuple[Problem, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and not self.error

    @property
    def mode_label(self) -> str:
        return MODES.get(self.mode, self.mode)

    def as_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "ok": self.ok,
            "version": self.version,
            "knowledge_hash": self.knowledge_hash,
            "documents": self.documents,
            "built_at": self.built_at,
            "loaded_at": self.loaded_at.isoformat(),
            "embedded": self.embedded,
            "reused": self.reused,
            "last_attempt_at": self.last_attempt_at.isoformat() if self.last_attempt_at else None,
            "problems": [str(p) for p in self.problems],
            "error": self.error,
        }


class StatusBoard:
    """Thread-safe holder of the current `ReloadStatus`."""

    def __init__(self, mode: str, knowledge_dir: Path, index_dir: Path, index: SearchIndex) -> None:
        manifest = index.manifest
        self._lock = threading.Lock()
        self._status = ReloadStatus(
            mode=mode,
            knowledge_dir=str(knowledge_dir),
            index_dir=str(index_dir),
            version=index_version(index_dir),
            knowledge_hash=str(manifest["knowledge_hash"]),
            documents=len(index.docs),
            built_at=str(manifest.get("built_at", "")),
            loaded_at=now(),
        )

    @property
    def status(self) -> ReloadStatus:
        with self._lock:
            return self._status

    def attempted(self) -> None:
        with self._lock:
            self._status = replace(self._status, last_attempt_at=now())

    def failed(self, problems: list[Problem], error: str | None = None) -> ReloadStatus:
        with self._lock:
            self._status = replace(self._status, problems=tuple(problems), error=error)
            return self._status

    def serving(
        self, index: SearchIndex, version: str | None, build_seconds: float | None = None
    ) -> ReloadStatus:
        """A new index is being served (the last attempt succeeded)."""
        stats = index.manifest.get("embedding") or {}
        with self._lock:
            self._status = replace(
                self._status,
                version=version,
                knowledge_hash=str(index.manifest["knowledge_hash"]),
                documents=len(index.docs),
                built_at=str(index.manifest.get("built_at", "")),
                loaded_at=now(),
                embedded=stats.get("embedded") if build_seconds else None,
                reused=stats.get("reused") if build_seconds else None,
                build_seconds=build_seconds,
                problems=(),
                error=None,
            )
            return self._status

    def cleared(self) -> ReloadStatus:
        """The files are valid again but nothing changed: forget the last problems."""
        with self._lock:
            self._status = replace(self._status, problems=(), error=None)
            return self._status
