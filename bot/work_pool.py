"""A fixed number of worker threads and a bounded queue in front of them.

Slack delivers questions as fast as people (or a script) send them; each answer
is seconds of CPU. Unbounded, a burst becomes a queue nobody sees the end of
(1,355 events once took 93 s for the last answer) and memory that grows with
it. A `WorkPool` runs `workers` jobs at a time and keeps at most `max_waiting`
more; `submit` says at once whether the job started, waits, or was refused, so
the caller can tell the user which ("kiire, vastaus tulossa" / "kysy uudelleen").
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Literal

log = logging.getLogger(__name__)

Admission = Literal["started", "queued", "refused"]


class WorkPool:
    """`workers` daemon threads (started on first use) and at most `max_waiting` queued jobs."""

    def __init__(self, name: str, workers: int, max_waiting: int) -> None:
        if workers < 1 or max_waiting < 0:
            raise ValueError(f"{name}: workers >= 1 and max_waiting >= 0 needed")
        self.name, self.workers, self.max_waiting = name, workers, max_waiting
        self._jobs: deque[Callable[[], object]] = deque()
        self._running = 0
        self._threads: list[threading.Thread] = []
        self._lock = threading.Condition()

    @property
    def waiting(self) -> int:
        with self._lock:
            return len(self._jobs)

    def submit(self, job: Callable[[], object]) -> Admission:
        """Queue `job`: `started` (a worker is free), `queued` (it waits its turn) or `refused`
        (`max_waiting` jobs already wait: it is not kept)."""
        with self._lock:
            busy = self._running + len(self._jobs)
            if busy >= self.workers + self.max_waiting:
                return "refused"
            self._jobs.append(job)
            if len(self._threads) < self.workers:
                thread = threading.Thread(
                    target=self._work, name=f"{self.name}-{len(self._threads)}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
            self._lock.notify()
            return "started" if busy < self.workers else "queued"

    def wait_idle(self, timeout: float) -> bool:
        """Wait until nothing runs or waits; False if that takes longer than `timeout` s."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._jobs and not self._running, timeout)

    def _work(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: bool(self._jobs))
                job = self._jobs.popleft()
                self._running += 1
            try:
                job()
            except Exception:  # jobs handle their own errors; this is the last resort
                log.exception("%s: työ päättyi virheeseen", self.name)
            finally:
                with self._lock:
                    self._running -= 1
                    self._lock.notify_all()
