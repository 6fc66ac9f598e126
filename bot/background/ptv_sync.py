"""The nightly PTV sync of `serve` (when `JARJESTOBOTTI_PTV_API_URL` is set).

At `JARJESTOBOTTI_PTV_SYNC_AT` (Finnish time, nightly by default) the job runs one
`sync_ptv` (index/ptv/sync.py) against the knowledge folder `serve` uses. A run that
changed files is taken into use through the live-reload path (the reloader's
`reload()`: validate, build, swap; its watcher would notice the files as well). The
result shows on `/admin/tila` (`PtvSyncBoard`) and, when something changed or the run
failed, in the coordinators' Slack channel. A failed run changed nothing; the next
night asks again for everything since the last successful run.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.background.notify import Notify, local_time
from bot.background.thread import BackgroundWorker
from bot.settings import Settings
from bot.slack.render import escape
from index.errors import BotError, KnowledgeError
from index.ptv.api import PtvClient
from index.ptv.sync import SyncResult, read_state, sync_ptv

log = logging.getLogger(__name__)

HELSINKI = ZoneInfo("Europe/Helsinki")
MAX_LISTED = 10


@dataclass(frozen=True)
class PtvSyncStatus:
    api_url: str
    municipalities: tuple[str, ...]
    next_run_at: dt.datetime | None = None
    last_run_at: dt.datetime | None = None
    ok: bool | None = None  # None: not run in this process yet
    summary: str = ""
    details: tuple[str, ...] = ()  # added / changed / removed services, skip reasons
    error: str | None = None
    last_success: dict[str, str] = field(default_factory=dict)  # municipality → ISO time

    def as_json(self) -> dict[str, Any]:
        return {
            "api_url": self.api_url,
            "municipalities": list(self.municipalities),
            "next_run_at": self.next_run_at.isoformat() if self.next_run_at else None,
            "last_run_at": self.last_run_at.isoformat() if self.last_run_at else None,
            "ok": self.ok,
            "summary": self.summary,
            "details": list(self.details),
            "error": self.error,
            "last_success": self.last_success,
        }


def next_run(after: dt.datetime, at: str) -> dt.datetime:
    """The next moment (UTC) when the Finnish clock shows `at` ("HH:MM")."""
    hour, minute = (int(part) for part in at.split(":"))
    local = after.astimezone(HELSINKI)
    candidate = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if candidate <= local:
        candidate = (candidate + dt.timedelta(days=1)).replace(hour=hour, minute=minute)
    return candidate.astimezone(dt.UTC)


def summary_of(result: SyncResult) -> tuple[str, tuple[str, ...]]:
    report = result.report
    added = sum(1 for kind, _, _ in report.changes if kind == "uusi")
    text = (
        f"PTV-synkronointi valmis: uusia {added}, päivitettyjä {report.updated}, "
        f"poistettuja {len(report.removed)}, ohitettuja {len(report.skipped)}, "
        f"ennallaan {report.unchanged}."
    )
    details = [f"{kind}: {name} ({sid})" for kind, sid, name in report.changes]
    details += [
        f"poistettu: {name} ({sid}) – {result.why_removed.get(pid, '')}"
        for pid, sid, name in report.removed
    ]
    details += [f"ohitettu {n}: {why}" for why, n in report.skip_reasons.most_common()]
    return text, tuple(details)


class PtvSyncJob(BackgroundWorker):
    """Runs the sync on schedule; `run_once()` is also what tests and `serve` call."""

    thread_name = "ptv-sync"

    def __init__(
        self,
        settings: Settings,
        knowledge_dir: Path,
        *,
        reload: Callable[[], object] | None = None,
        notify: Notify | None = None,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        backoff: float = 1.0,
    ) -> None:
        super().__init__()
        if not settings.ptv_api_url:
            raise ValueError("JARJESTOBOTTI_PTV_API_URL puuttuu")
        self.settings, self.knowledge_dir = settings, Path(knowledge_dir)
        self.reload, self.notify, self.clock, self.backoff = reload, notify, clock, backoff
        self._lock = threading.Lock()
        self._status = PtvSyncStatus(
            settings.ptv_api_url,
            settings.ptv_municipality_codes,
            next_run_at=next_run(clock(), settings.ptv_sync_at),
            last_success=self._last_success(),
        )

    @property
    def status(self) -> PtvSyncStatus:
        with self._lock:
            return self._status

    def _last_success(self) -> dict[str, str]:
        try:
            return {c: local_time(t) for c, t in read_state(self.knowledge_dir).items()}
        except KnowledgeError:
            return {}

    def _set(self, **changes: Any) -> PtvSyncStatus:
        with self._lock:
            self._status = replace(self._status, **changes)
            return self._status

    def run_once(self) -> PtvSyncStatus:
        s = self.settings
        started = self.clock()
        try:
            with PtvClient(
                str(s.ptv_api_url),
                timeout=s.ptv_timeout_seconds,
                retries=s.ptv_retries,
                backoff=self.backoff,
            ) as client:
                result = sync_ptv(
                    client,
                    self.knowledge_dir,
                    s.ptv_municipality_codes,
                    include_public=s.ptv_include_public,
                    now=started,
                )
        except BotError as exc:
            error = str(exc)
            if isinstance(exc, KnowledgeError):
                error = f"korjaa nämä kohdat ja aja uudelleen: {exc}. Tietopohjaa ei muutettu."
            log.error("PTV-synkronointi epäonnistui: %s", error)
            status = self._set(last_run_at=started, ok=False, error=error, summary="", details=())
            self._tell(
                f"PTV-synkronointi epäonnistui: {error}\nBotti vastaa entisillä tiedoilla; "
                "seuraava yritys hakee kaikki muutokset edellisestä onnistuneesta hausta."
            )
            return status
        if result.swapped and self.reload is not None:
            self.reload()  # the live-reload path: validate, build, swap the index
        text, details = summary_of(result)
        log.info("%s", text)
        status = self._set(
            last_run_at=started,
            ok=True,
            error=None,
            summary=text,
            details=details,
            last_success=self._last_success(),
        )
        if result.swapped:
            listed = "\n".join(f"• {d}" for d in details[:MAX_LISTED])
            more = len(details) - MAX_LISTED
            self._tell(
                f"{text}\n{listed}"
                + (f"\n… ja {more} muuta (ks. /admin/tila)." if more > 0 else "")
            )
        return status

    def _tell(self, text: str) -> None:
        if self.notify is not None:
            self.notify(escape(text))

    def _run(self) -> None:
        while not self._stop.is_set():
            due = next_run(self.clock(), self.settings.ptv_sync_at)
            self._set(next_run_at=due)
            if self._stop.wait(max(0.0, (due - self.clock()).total_seconds())):
                return
            try:
                self.run_once()
            except Exception:  # the schedule must outlive any one failure
                log.exception("PTV-synkronointi: odottamaton virhe")


def start_ptv_sync(
    settings: Settings, knowledge_dir: Path, reload: Callable[[], object] | None
) -> PtvSyncJob | None:
    """The scheduled sync `serve` runs when the API URL is set (never on a replica,
    which only loads what the builder saved). Already started."""
    if not settings.ptv_api_url or settings.index_watch:
        return None
    from bot.background.notify import slack_notifier

    job = PtvSyncJob(settings, knowledge_dir, reload=reload, notify=slack_notifier(settings))
    job.start()
    return job
