"""Live reload: a saved knowledge file is checked, built and served in seconds.

`serve` watches the knowledge folder (watchfiles) in a background thread. On a
change it validates the whole folder; a valid change is built into a new index
(incrementally: only changed text is embedded), swapped in with `Runtime.swap` —
requests already running finish on the old index, the next ones get the new one,
and none waits for the build — and then saved atomically to the index folder (a
save that fails is logged; the new index keeps serving).
A change that doesn't validate, or a build that fails, leaves the current
index serving; the problems (file:line, field, fix) are logged, posted to the
coordinators' Slack channel when configured, and shown on `/admin/tila`.

A replica (`JARJESTOBOTTI_INDEX_WATCH=true`) builds nothing: it loads each new
index version the builder saves in the shared folder (`bot/background/index_watch.py`).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Protocol

from bot.background.notify import Notify, failure_message, recovery_message, slack_notifier
from bot.background.status import ReloadStatus, StatusBoard, index_version
from bot.background.thread import BackgroundWorker
from bot.runtime import DEFAULT_TOKENIZER, Runtime, build_unsaved
from bot.settings import Settings
from index.errors import Problem
from index.knowledge.loader import read_knowledge
from index.knowledge.model import KnowledgeBase
from index.knowledge.yamlsrc import remember_readings
from index.language.tokens import make_tokenizer
from index.search.artifact import SearchIndex, passage_text, save_index
from index.search.build_documents import build_documents
from index.search.embcache import EmbeddingCache, model_key, text_key
from index.search.lexical import LexicalIndex

log = logging.getLogger(__name__)

STEP_MS = 150  # quiet time after the last change before reloading (an editor's write-and-rename
# steps come milliseconds apart; DEBOUNCE_MS still gathers a longer burst into one reload)
DEBOUNCE_MS = 3000  # at most this long gathering changes of one save
WATCH_TIMEOUT_MS = 500  # the watcher yields (nothing) this often when no file changes


class Reloader(Protocol):
    """What `serve` starts and stops; both the builder and the replica watcher fit."""

    board: StatusBoard

    def start(self) -> None: ...

    def stop(self) -> None: ...


class KnowledgeReloader(BackgroundWorker):
    """Watches `knowledge_dir`; rebuilds into `index_dir` and swaps on a valid change."""

    thread_name = "knowledge-reload"

    def __init__(
        self,
        runtime: Runtime,
        knowledge_dir: Path,
        index_dir: Path,
        *,
        cache_dir: Path | None = None,
        notify: Notify | None = None,
        step_ms: int = STEP_MS,
        force_polling: bool | None = None,
    ) -> None:
        super().__init__()
        self.runtime = runtime
        self.knowledge_dir, self.index_dir = Path(knowledge_dir), Path(index_dir)
        self.cache_dir, self.notify = cache_dir, notify
        self.tokenizer = str(runtime.index.manifest.get("tokenizer") or DEFAULT_TOKENIZER)
        self.board = StatusBoard("builder", self.knowledge_dir, self.index_dir, runtime.index)
        self._step_ms, self._force_polling = step_ms, force_polling
        self._build_lock = threading.Lock()
        self._notified: tuple[tuple[Problem, ...], str | None] = ((), None)

    # -- one reload -------------------------------------------------------------
    def reload(self) -> bool:
        """Validate and, if the knowledge changed, build and swap. True if serving is
        up to date with the files; False if the change was refused (old index serves)."""
        with self._build_lock:
            self.board.attempted()
            kb, problems = read_knowledge(self.knowledge_dir)
            if kb is None:
                for problem in problems:
                    log.warning("tietopohja: %s", problem)
                self._report_failure(problems, None)
                return False
            if kb.content_hash == self.runtime.kb.content_hash:
                self._report_recovery(self.board.cleared())
                return True
            started = time.perf_counter()
            old_kb, old_index = self.runtime.kb, self.runtime.index
            try:
                index, unsaved = build_unsaved(
                    self.knowledge_dir,
                    self.index_dir,
                    self.runtime.embedder,
                    self.tokenizer,
                    kb=kb,
                    previous=self.runtime.index,
                    cache_dir=self.cache_dir,
                    early=lambda early: self._serve_early(kb, early, started),
                )
            except Exception as exc:  # any failure: keep serving the old index
                log.exception("hakemiston rakentaminen epäonnistui")
                if self.runtime.index is not old_index:  # the early index went out: take it back
                    self.runtime.swap(old_kb, old_index)
                self._report_failure([], f"{type(exc).__name__}: {exc}")
                return False
            self.runtime.swap(kb, index)  # served first: the save below takes a while
            seconds = time.perf_counter() - started
            log.info(
                "uusi hakemisto käytössä: %d dokumenttia, upotettiin %s, %.1f s",
                len(index.docs),
                (index.manifest.get("embedding") or {}).get("embedded"),
                seconds,
            )
            if unsaved:
                self._save(index)
            status = self.board.serving(index, index_version(self.index_dir), seconds)
            self._report_recovery(status)
            return True

    def _serve_early(self, kb: KnowledgeBase, index: SearchIndex, started: float) -> None:
        """The edit's text, served while its passage is embedded (`index.search.build`)."""
        self.runtime.swap(kb, index)
        seconds = time.perf_counter() - started
        log.info("uusi teksti käytössä %.1f s; uusia vektoreita lasketaan", seconds)
        # the change is answered from: the status page and the channel may say so now
        self._report_recovery(self.board.serving(index, index_version(self.index_dir), seconds))

    def _save(self, index: SearchIndex) -> None:
        """Save the index already served; a failure is logged and the served index stays
        (the next change, or the next start, builds and saves again)."""
        try:
            save_index(index, self.index_dir)
        except Exception:
            log.exception("uutta hakemistoa ei voitu tallentaa; se on silti käytössä")

    def warm_up(self) -> None:
        """Fit a throwaway tokenizer on the served documents, before watching.

        This loads simplemma and remembers every corpus word's lemma and the
        dictionary answers the lemma table needs (`index.language.dictionary_forms`),
        so a coordinator's first edit only looks up the words it brings in: about
        a second instead of half a minute. It costs the builder simplemma's memory.
        It also reads the folder once with its YAML remembered (`remember_readings`,
        up to ~90 MB), so a reload parses only the files that changed, and makes the
        documents and their terms and BM25 counts once, so a reload makes only the
        edited ones (`index.search.build_documents`, `index.language.fit_memo`,
        `index.search.bm25_matrix`).
        """
        started = time.perf_counter()
        remember_readings()  # the files' YAML, read again on every change: read it once now
        kb, _ = read_knowledge(self.knowledge_dir)
        docs = build_documents(kb) if kb is not None else self.runtime.index.docs
        texts = [passage_text(d) for d in docs]
        terms = make_tokenizer(self.tokenizer).fit_transform(texts, cache_dir=self.cache_dir)
        LexicalIndex.build(terms)
        if self.cache_dir is not None:  # the served vectors are in the cache: not put again
            served = [text_key(passage_text(d)) for d in self.runtime.index.docs]
            EmbeddingCache(self.cache_dir).note_present(model_key(self.runtime.embedder), served)
        log.info("kielivälimuistit lämmitetty: %.1f s", time.perf_counter() - started)

    def _report_failure(self, problems: list[Problem], error: str | None) -> None:
        status = self.board.failed(problems, error)
        if error:
            log.error("tietopohjan muutosta ei otettu käyttöön: %s", error)
        else:
            log.warning("tietopohjan muutosta ei otettu käyttöön (virheitä: %d)", len(problems))
        key = (status.problems, status.error)
        if self.notify is not None and key != self._notified:
            self.notify(failure_message(status))
        self._notified = key

    def _report_recovery(self, status: ReloadStatus) -> None:
        if self._notified != ((), None):
            log.info("tietopohja on taas kunnossa")
            if self.notify is not None:
                self.notify(recovery_message(status))
        self._notified = ((), None)

    # -- the watcher thread -----------------------------------------------------
    def _run(self) -> None:
        import watchfiles

        log.info("seurataan tietopohjan muutoksia: %s", self.knowledge_dir)
        try:
            self.warm_up()
        except Exception:  # only an optimisation: the first edit then just takes longer
            log.exception("kielivälimuistien lämmitys epäonnistui")
        while not self._stop.is_set():
            watching = False
            try:
                for changes in watchfiles.watch(
                    self.knowledge_dir,
                    stop_event=self._stop,
                    step=self._step_ms,
                    debounce=DEBOUNCE_MS,
                    raise_interrupt=False,
                    force_polling=self._force_polling,
                    yield_on_timeout=True,  # its first yield: the watcher is in place
                    rust_timeout=WATCH_TIMEOUT_MS,
                ):
                    if not watching:
                        # a save between loading (or warming up) and watching is caught here
                        watching = True
                        log.info("tietopohjan seuranta käynnissä")
                        self.reload()
                    elif changes:
                        self.reload()
            except Exception:  # the watcher must outlive any one failure
                log.exception("tietopohjan seuranta keskeytyi; jatketaan hetken päästä")
                self._stop.wait(5)


def start_live_reload(
    runtime: Runtime,
    settings: Settings,
    *,
    knowledge_dir: Path | None = None,
    index_dir: Path | None = None,
) -> Reloader | None:
    """The reloader `serve` runs: a replica's index watcher, the builder's knowledge
    watcher, or None when both are switched off. Already started."""
    kdir = knowledge_dir or settings.knowledge_dir
    idir = index_dir or settings.index_dir
    reloader: Reloader
    if settings.index_watch:
        from bot.background.index_watch import IndexWatcher

        reloader = IndexWatcher(runtime, kdir, idir, poll_seconds=settings.index_poll_seconds)
    elif settings.knowledge_watch:
        reloader = KnowledgeReloader(
            runtime,
            kdir,
            idir,
            cache_dir=settings.embedding_cache_dir,
            notify=slack_notifier(settings),
        )
    else:
        return None
    reloader.start()
    return reloader
