"""A replica follows the shared index folder instead of building one itself.

Several `serve` processes (behind a load balancer, or several Socket Mode
connections) share one index folder and one PostgreSQL. Only the builder
watches the knowledge and saves new index versions; every replica
(`JARJESTOBOTTI_INDEX_WATCH=true`) polls the folder and, when its version
changes, loads the knowledge and the new index together and swaps them in.
Polling, not file events: shared volumes (NFS, SMB, cloud file shares) often
deliver no inotify events from other hosts.

The replica loads a version only when it was built from the knowledge files it
sees (same content hash), so knowledge and index always match; while the
shared knowledge and the index disagree (a build in progress) it keeps
serving the pair it has and tries again at the next poll.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from bot.background.status import StatusBoard, index_version
from bot.background.thread import BackgroundWorker
from bot.runtime import Runtime
from index.errors import BotError, KnowledgeError, Problem
from index.knowledge.loader import load_knowledge
from index.search.artifact import load_index

log = logging.getLogger(__name__)


class IndexWatcher(BackgroundWorker):
    """Polls `index_dir` every `poll_seconds`; swaps in each new version that fits."""

    thread_name = "index-watch"

    def __init__(
        self,
        runtime: Runtime,
        knowledge_dir: Path,
        index_dir: Path,
        *,
        poll_seconds: float = 2.0,
        retry_seconds: float = 10.0,
    ) -> None:
        super().__init__()
        self.runtime = runtime
        self.knowledge_dir, self.index_dir = Path(knowledge_dir), Path(index_dir)
        self.poll_seconds = poll_seconds
        self.board = StatusBoard("replica", self.knowledge_dir, self.index_dir, runtime.index)
        self._seen = self.board.status.version
        # a version that didn't fit is tried again only this often (reading the knowledge
        # costs a moment), unless the folder points at another version meanwhile
        self.retry_seconds = retry_seconds
        self._refused: tuple[str, float] | None = None

    def check(self) -> bool:
        """Load the version the folder points at if it is new; True if one was swapped in."""
        version = index_version(self.index_dir)
        if version is None or version == self._seen:
            return False
        if (
            self._refused is not None
            and self._refused[0] == version
            and (time.monotonic() < self._refused[1])
        ):
            return False
        self.board.attempted()
        try:
            kb = load_knowledge(self.knowledge_dir)
            index = load_index(
                self.index_dir, self.runtime.embedder, expected_knowledge_hash=kb.content_hash
            )
        except KnowledgeError as exc:
            self._failed(version, list(exc.problems), None)
            return False
        except BotError as exc:  # mismatch while a build is in progress, or damaged
            self._failed(version, [], str(exc))
            return False
        loaded = index_version(self.index_dir)
        self.runtime.swap(kb, index)
        self._seen = version
        status = self.board.serving(index, loaded or version)
        log.info(
            "replika: hakemistoversio %s käytössä (%d dokumenttia)",
            status.version,
            status.documents,
        )
        return True

    def _failed(self, version: str, problems: list[Problem], error: str | None) -> None:
        self._refused = (version, time.monotonic() + self.retry_seconds)
        before = self.board.status
        self.board.failed(problems, error)
        if (tuple(problems), error) != (before.problems, before.error):
            log.warning(
                "replika: hakemistoversiota %s ei voitu ottaa käyttöön: %s",
                version,
                error or f"{len(problems)} virhettä tietopohjassa",
            )

    def _run(self) -> None:
        log.info(
            "replika: seurataan hakemistoa %s (%.1f s välein)", self.index_dir, self.poll_seconds
        )
        while not self._stop.wait(self.poll_seconds):
            try:
                self.check()
            except Exception:  # the watcher must outlive any one failure
                log.exception("replika: hakemiston tarkistus epäonnistui")
