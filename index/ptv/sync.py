"""Keeping the knowledge in step with PTV through its Open API (`import ptv --api`).

One run:
1. per configured municipality: with no state yet, every published service of the
   area, nationwide ones included (`/Service/list/area/Municipality/code/{code}
   ?includeWholeCountry=true`: national helplines of associations); with state, only what
   changed after the last successful run (`/Service?date=…` for Published, Archived
   and Withdrawn), then the changed services by id (`/Service/list?guids=`, ≤ 100);
2. the owners (organisations) and service channels of those services, by id, once
   per run (their type decides who counts, their details fill contacts);
3. a copy of the knowledge folder gets the changes (the file importer's rules:
   PTV-owned fields update, coordinators' edits stay; archived and withdrawn
   services, and changed ones no longer offered in our municipalities, leave);
4. the copy must pass `knowledge check`; then its `services/` replaces the live one
   (two renames) and the run state is saved. Any failure before the swap leaves the
   knowledge exactly as it was.

The run state (`ptv-sync.json` beside the knowledge files, see docs/ptv.md) holds
the start time of the last successful run per municipality code.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import KnowledgeError, Problem
from index.knowledge.loader import VOCABULARIES, check_knowledge
from index.ptv.api import PtvClient, api_date
from index.ptv.files import import_records, read_vocabulary_file
from index.ptv.mapping import ASSOCIATION_TYPES, NATIONWIDE, PUBLIC_TYPES
from index.ptv.records import ImportReport

STATE_FILE = "ptv-sync.json"
OVERLAP = dt.timedelta(minutes=10)  # clock skew between us and PTV: ask a little more
GONE = {"Archived": "arkistoitu PTV:ssä", "Withdrawn": "poistettu julkaisusta PTV:ssä"}
MOVED = "ei enää tarjolla määritetyissä kunnissa"


@dataclass
class SyncResult:
    started_at: dt.datetime
    municipalities: tuple[str, ...]
    modes: dict[str, str]  # municipality code → "kaikki palvelut" / "muutokset …"
    report: ImportReport = field(default_factory=ImportReport)
    why_removed: dict[str, str] = field(default_factory=dict)  # ptv id → reason
    changed_ids: int = 0  # ids the change lists named (all of PTV)
    outside: int = 0  # changed services elsewhere in Finland, not fetched further
    requests: int = 0
    swapped: bool = False


def read_state(knowledge_dir: Path) -> dict[str, dt.datetime]:
    """Municipality code → start time of the last successful run ({} if none)."""
    try:
        data = json.loads((knowledge_dir / STATE_FILE).read_text(encoding="utf-8"))
        return {
            str(code): dt.datetime.fromisoformat(str(value))
            for code, value in (data.get("last_success") or {}).items()
        }
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, AttributeError) as exc:
        raise KnowledgeError(
            [Problem(STATE_FILE, 1, "last_success", f"ei luettavissa ({exc})", "poista tiedosto")]
        ) from None


def write_state(knowledge_dir: Path, state: dict[str, dt.datetime], api_url: str) -> None:
    body = {
        "api": api_url,
        "last_success": {code: moment.isoformat() for code, moment in sorted(state.items())},
    }
    tmp = knowledge_dir / f".{STATE_FILE}.tmp"
    tmp.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, knowledge_dir / STATE_FILE)


def _area_codes(rec: dict[str, Any]) -> set[str]:
    if str(rec.get("areaType") or "").casefold() in NATIONWIDE:
        return {"*"}
    return {
        str(m.get("code"))
        for area in rec.get("areas") or []
        for m in area.get("municipalities") or []
        if isinstance(m, dict)
    }


def _stamp(folder: Path) -> dict[str, tuple[int, int]]:
    """Name → (mtime, size) of the files in `folder`: did anyone save during the run?"""
    if not folder.is_dir():
        return {}
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()}


def _ids(items: Iterable[Any]) -> set[str]:
    return {str(i["id"]).lower() for i in items if isinstance(i, dict) and i.get("id")}


def _linked(records: Iterable[dict[str, Any]], key: str, inner: str) -> set[str]:
    return {
        str(link[inner]["id"]).lower()
        for rec in records
        for link in rec.get(key) or []
        if isinstance(link, dict) and isinstance(link.get(inner), dict) and link[inner].get("id")
    }


def fetch(
    client: PtvClient, codes: tuple[str, ...], state: dict[str, dt.datetime], result: SyncResult
) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """The service records to import and the PTV ids that leave."""
    records: dict[str, dict[str, Any]] = {}
    for code in (c for c in codes if c not in state):
        result.modes[code] = "kaikki palvelut (ensimmäinen haku)"
        path = f"/api/v11/Service/list/area/Municipality/code/{code}"
        pages = client.pages(path, {"includeWholeCountry": "true"})
        records |= {str(r["id"]).lower(): r for r in pages if r.get("id")}
    known = [c for c in codes if c in state]
    gone: set[str] = set()
    if known:
        since = min(state[c] for c in known) - OVERLAP
        for code in known:
            result.modes[code] = f"muutokset {api_date(since)} jälkeen (UTC)"
        date = {"date": api_date(since)}
        changed = _ids(client.pages("/api/v11/Service", date)) - records.keys()
        for status, reason in GONE.items():
            for pid in _ids(client.pages("/api/v11/Service", {**date, "status": status})):
                gone.add(pid)
                result.why_removed[pid] = reason
        result.changed_ids = len(changed) + len(gone)
        wanted = set(known)
        for rec in client.by_ids("Service", changed - gone):
            pid = str(rec.get("id")).lower()
            if _area_codes(rec) & (wanted | {"*"}):
                records[pid] = rec
            else:  # elsewhere in Finland; leaves if it was ours before
                result.outside += 1
                gone.add(pid)
                result.why_removed.setdefault(pid, MOVED)
    return records, gone


def sync_ptv(
    client: PtvClient,
    knowledge_dir: Path,
    municipalities: Iterable[str],
    *,
    include_public: bool = False,
    now: dt.datetime | None = None,
) -> SyncResult:
    """One run (see the module docstring). Raises `PtvApiError` or `KnowledgeError`
    before anything in `knowledge_dir` changed."""
    kdir = Path(knowledge_dir)
    codes = tuple(dict.fromkeys(municipalities))
    result = SyncResult(now or dt.datetime.now(dt.UTC), codes, {})
    state = read_state(kdir)
    records, gone = fetch(client, codes, state, result)
    owners = _linked(records.values(), "organizations", "organization")
    orgs = {str(o["id"]): o for o in client.by_ids("Organization", owners)}
    channel_ids = _linked(records.values(), "serviceChannels", "serviceChannel")
    channels = {str(c["id"]): c for c in client.by_ids("ServiceChannel", channel_ids)}
    result.requests = client.requests
    producers = ASSOCIATION_TYPES | (PUBLIC_TYPES if include_public else frozenset())
    report = result.report
    live = kdir / "services"
    with tempfile.TemporaryDirectory(dir=kdir.parent, prefix=".ptv-sync-") as tmp:
        work = Path(tmp) / "knowledge"
        seen = _stamp(live)
        if live.is_dir():
            shutil.copytree(live, work / "services")
        import_records(
            list(records.values()),
            orgs,
            channels,
            work,
            read_vocabulary_file(kdir / VOCABULARIES),
            report,
            producers=producers,
            remove=gone,
        )
        if report.errors:  # e.g. an unreadable file: its changes must come again next run
            raise KnowledgeError([Problem("services", 0, "", e) for e in report.errors])
        if report.written:
            for name in os.listdir(kdir):
                if name != "services" and not name.startswith("."):
                    os.symlink((kdir / name).resolve(), work / name)
            problems = check_knowledge(work)
            if problems:
                raise KnowledgeError(problems)
            if _stamp(live) != seen:  # a coordinator saved meanwhile: theirs wins
                raise KnowledgeError(
                    [Problem("services", 0, "", "muokattiin synkronoinnin aikana", "aja uudelleen")]
                )
            if live.is_dir():
                os.rename(live, Path(tmp) / "services-old")
            os.rename(work / "services", live)
            result.swapped = True
    write_state(kdir, {**state, **dict.fromkeys(codes, result.started_at)}, client.base_url)
    return result
