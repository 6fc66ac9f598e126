"""A local fake of the PTV Open API v11 serving real PTV records from a folder
(`services/`, `organizations/`, `servicechannels/`, one JSON record per file).

It follows `vrk-kpa/ptv-releases` (release 3.4):
- `src/PTV.Application.OpenApi/Controllers/V11ServiceController.cs` and
  `ServiceBaseController.cs`: the routes, `date`/`status`/`page` parameters, 400
  answers as `{parameter: [messages]}`, 404 as `{"errorMessage": …}`;
- `src/PTV.Database.DataAccess/Utils/OpenApi/PagingHandlerBase.cs`,
  `EntitiesWithAllDataPagingHandler.cs` (100 full services per page) and
  `EntitiesByStatusPagingHandler.cs` / `EntitiesWithConnectionsPagingHandler.cs`
  (the id list: 1000 per page by default, `Modified > date`, Published / Archived
  (deleted or old published, no published version) / Withdrawn): pages start at 1,
  `pageCount = ceil(total / pageSize)`, `itemList` is null outside 1..pageCount;
- `V3VmOpenApiGuidPage` / `VmOpenApiItem` (`{id, name}`), `V11VmOpenApiService`.
PTV orders pages by `Created`, which the sample records lack: here by id.

Tests change a record (`change`), archive or withdraw one (`set_status`) and make
the API go away after a number of requests (`down_after`) or answer errors first
(`fail_next`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.http_fakes import JsonHandler, serve_in_thread

AREA_PAGE = 100
GUID_PAGE = 1000
MAX_GUIDS = 100
STATUSES = ("Published", "Archived", "Withdrawn")
KINDS = {
    "Service": "services",
    "Organization": "organizations",
    "ServiceChannel": "servicechannels",
}


def modified_at(record: dict[str, Any]) -> dt.datetime:
    value = str(record.get("modified") or "1970-01-01T00:00:00").rstrip("Z")
    head, _, frac = value.partition(".")
    moment = dt.datetime.fromisoformat(head).replace(tzinfo=dt.UTC)
    return moment + dt.timedelta(microseconds=int((frac + "000000")[:6] or 0))


def fi_name(record: dict[str, Any]) -> str | None:
    for item in record.get("serviceNames") or []:
        if item.get("language") == "fi":
            return str(item.get("value"))
    return None


class FakePtv:
    def __init__(
        self, *folders: Path, guid_page: int = GUID_PAGE, area_page: int = AREA_PAGE
    ) -> None:
        self.records: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in KINDS.values()}
        for folder in folders:
            for kind in KINDS.values():
                for path in sorted((folder / kind).glob("*.json")):
                    data = json.loads(path.read_text(encoding="utf-8"))
                    for rec in data.get("itemList", [data]):  # a record or a saved page
                        self.records[kind][str(rec["id"]).lower()] = rec
        self.status = dict.fromkeys(self.records["services"], "Published")
        self.guid_page, self.area_page = guid_page, area_page
        self.root = ""
        self.requests: list[str] = []
        self.down_after: int | None = None  # then every connection is dropped unanswered
        self.fail_next: list[int] = []  # statuses answered first (e.g. 429, 503)
        self.lock = threading.Lock()

    # -- what tests do to PTV ---------------------------------------------------
    def change(self, pid: str, **fields: Any) -> None:
        rec = self.records["services"][pid]
        rec.update(fields)
        rec["modified"] = dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")

    def set_status(self, pid: str, status: str) -> None:
        self.status[pid] = status
        self.change(pid)

    # -- the API ---------------------------------------------------------------
    def services(self, status: str = "Published") -> list[dict[str, Any]]:
        recs = self.records["services"]
        return [recs[i] for i in sorted(recs) if self.status[i] == status]

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any]:
        q = {k: v[-1] for k, v in query.items()}
        try:
            page = int(q.get("page", "1"))
        except ValueError:
            return 400, {"page": ["The value is not valid."]}
        if m := re.fullmatch(r"/api/v11/Service/list/area/(\w+)/code/([^/]+)", path):
            area, code = m.groups()
            if area != "Municipality":
                return 400, {"area": [f"The value '{area}' is not valid."]}
            if not re.fullmatch(r"\d{3}", code):
                return 400, {"code": ["The code is invalid."]}
            whole = q.get("includeWholeCountry", "false").casefold() == "true"
            found = [s for s in self.services() if _offered_in(s, code, whole)]
            return 200, paged(found, page, self.area_page)
        if path == "/api/v11/Service":
            status = q.get("status", "Published")
            match = [s for s in STATUSES if s.casefold() == status.casefold()]
            if not match:
                return 400, {"status": ["The status is invalid."]}
            found = self.services(match[0])
            if "date" in q:
                try:
                    since = dt.datetime.strptime(q["date"], "%Y-%m-%dT%H:%M:%S")
                except ValueError:
                    return 400, {"date": ["The date parameter is invalid."]}
                found = [s for s in found if modified_at(s) > since.replace(tzinfo=dt.UTC)]
            items = [{"id": s["id"], "name": fi_name(s)} for s in found]
            return 200, paged(items, page, self.guid_page)
        if m := re.fullmatch(r"/api/v11/(Service|Organization|ServiceChannel)/list", path):
            guids = [g.strip().lower() for g in q.get("guids", "").split(",") if g.strip()]
            if not guids:
                return 400, {"guids": ["Property guids is required."]}
            if len(guids) > MAX_GUIDS:
                return 400, {"guids": [f"Max {MAX_GUIDS} can be added into list."]}
            kind = KINDS[m.group(1)]
            found = [
                self.records[kind][g]
                for g in guids
                if g in self.records[kind] and self.status.get(g, "Published") == "Published"
            ]
            return (200, found) if found else (404, {"errorMessage": "Services not found."})
        return 404, {"errorMessage": f"No route {path}"}


NATIONWIDE_TYPES = {"Nationwide", "NationwideExceptAlandIslands", "WholeCountry"}
REGIONS = {"01": {"092", "245", "091", "049"}}  # Uusimaa (part): region areas in fixtures


def _offered_in(service: dict[str, Any], code: str, whole_country: bool) -> bool:
    """In the municipality's area (PTV: GetMunicipalityFilterForService; whole-country
    services only with includeWholeCountry=true)."""
    if str(service.get("areaType")) in NATIONWIDE_TYPES:
        return whole_country
    return any(
        str(m.get("code")) == code
        or (str(area.get("type")) == "Region" and code in REGIONS.get(str(area.get("code")), ()))
        for area in service.get("areas") or []
        for m in (area.get("municipalities") or [{}])
    )


def paged(items: list[Any], page: int, size: int) -> dict[str, Any]:
    count = math.ceil(len(items) / size)
    valid = 1 <= page <= count
    return {
        "pageNumber": page,
        "pageSize": size,
        "pageCount": count,
        "itemList": items[(page - 1) * size : page * size] if valid else None,
    }


def handler_for(fake: FakePtv) -> type[BaseHTTPRequestHandler]:
    class Handler(JsonHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            with fake.lock:
                fake.requests.append(self.path)
                down = fake.down_after is not None and len(fake.requests) > fake.down_after
                failure = fake.fail_next.pop(0) if fake.fail_next and not down else None
            if down:
                self.close_connection = True
                self.connection.close()  # the API went away: no answer at all
                return
            if failure is not None:
                self.send_json(failure, {"errorMessage": "Service unavailable"})
                return
            status, body = fake.answer(url.path, parse_qs(url.query))
            self.send_json(status, body)

    return Handler


@contextmanager
def serve_ptv(*folders: Path, **options: Any) -> Iterator[FakePtv]:
    fake = FakePtv(*folders, **options)
    with serve_in_thread(handler_for(fake)) as root:
        fake.root = root
        yield fake


# The sample records are from Vaasa (905) and Naantali (529): a knowledge folder that
# should keep them needs the two in its vocabulary (docs/ptv.md, "Other municipalities").
SAMPLE_MUNICIPALITIES = (
    "  vaasa: {fi: Vaasa, sv: Vasa, en: Vaasa}\n"
    "  naantali: {fi: Naantali, sv: Nådendal, en: Naantali}\n"
)


def add_sample_municipalities(knowledge_dir: Path) -> None:
    path = knowledge_dir / "vocabularies.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  kerava: {fi: Kerava, sv: Kervo, en: Kerava}\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + SAMPLE_MUNICIPALITIES), encoding="utf-8")
