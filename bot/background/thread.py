"""A daemon thread with a stop event: the lifecycle the reloader and the replica
index watcher share."""

from __future__ import annotations

import threading


class BackgroundWorker:
    """Subclasses set `thread_name` and implement `_run`, which should return soon
    after `self._stop` is set."""

    thread_name = "background"

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        raise NotImplementedError
