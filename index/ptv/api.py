"""A client for the PTV Open API v11 (https://api.palvelutietovaranto.suomi.fi).

Reading needs no key. Shapes follow `vrk-kpa/ptv-releases`
(`src/PTV.Application.OpenApi/Controllers/V11ServiceController.cs`): paged answers
are `{pageNumber, pageSize, pageCount, itemList}` (pages start at 1; `itemList` is
null past the last page); `GET /api/v11/Service?date=…&status=…` lists `{id, name}`
of services modified after `date`; `…/list?guids=…` takes at most 100 ids.

Every request has a timeout; 429 and 5xx answers and broken connections are tried
again with exponential backoff (honouring `Retry-After`). What still fails raises
`PtvApiError` naming the address and what was wrong.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import httpx

from index.errors import PtvApiError

GUIDS_PER_REQUEST = 100  # the API's limit for list?guids=
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
UNCHANGED = "Tietopohjaa ei muutettu."


def api_date(moment: dt.datetime) -> str:
    """The only `date` format the API accepts: yyyy-MM-ddTHH:mm:ss (UTC)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


class PtvClient:
    """GETs against one API base URL, e.g. https://api.palvelutietovaranto.suomi.fi."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not base_url.startswith(("https://", "http://")):
            raise PtvApiError(
                f"PTV-rajapinnan osoite ei ole http(s)-osoite: {base_url!r} "
                f"(esim. https://api.palvelutietovaranto.suomi.fi). {UNCHANGED}"
            )
        self.base_url = base_url.rstrip("/")
        self.retries, self.backoff, self.sleep = retries, backoff, sleep
        self.requests = 0  # how many requests this client made (the run report shows it)
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            headers={"Accept": "application/json", "User-Agent": "jarjestobotti-ptv-sync"},
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PtvClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def get(
        self, path: str, params: Mapping[str, str | int] | None = None, *, missing: Any = None
    ) -> Any:
        """The JSON body of one GET, retried on 429/5xx/connection errors; `missing`
        (when not None) is the answer to a 404 ("not found" of list?guids=)."""
        url = f"{self.base_url}{path}"
        where = f"{url}?{httpx.QueryParams(params or {})}" if params else url
        for attempt in range(self.retries + 1):
            wait = self.backoff * 2**attempt
            self.requests += 1
            try:
                response = self._http.get(url, params=params)
            except httpx.HTTPError as exc:
                if attempt == self.retries:
                    raise PtvApiError(
                        f"PTV-rajapinta ei vastannut ({type(exc).__name__}: {exc}) "
                        f"osoitteessa {where} ({attempt + 1} yritystä). {UNCHANGED}"
                    ) from None
            else:
                if response.status_code == 404 and missing is not None:
                    return missing
                if response.status_code not in RETRY_STATUSES or attempt == self.retries:
                    return self._body(response, where)
                wait = max(wait, _retry_after(response))
            self.sleep(wait)
        raise AssertionError("unreachable")

    def _body(self, response: httpx.Response, where: str) -> Any:
        if response.status_code != 200:
            raise PtvApiError(
                f"PTV-rajapinta vastasi {response.status_code} osoitteessa {where}: "
                f"{response.text[:300]}. {UNCHANGED}"
            )
        try:
            return response.json()
        except ValueError:
            raise PtvApiError(
                f"PTV-rajapinnan vastaus ei ole JSONia osoitteessa {where}: "
                f"{response.text[:120]!r}. {UNCHANGED}"
            ) from None

    def pages(self, path: str, params: Mapping[str, str | int] | None = None) -> Iterator[Any]:
        """The items of every page of a paged list, page 1 up to `pageCount`."""
        page, count = 1, 1
        while page <= count:
            body = self.get(path, {**(params or {}), "page": page})
            where = f"{self.base_url}{path} (sivu {page})"
            if not isinstance(body, dict) or not isinstance(body.get("pageCount"), int):
                raise PtvApiError(
                    f"PTV-rajapinnan vastaus ei ole sivutettu lista (pageCount puuttuu): "
                    f"{where}. {UNCHANGED}"
                )
            count = body["pageCount"]
            items = body.get("itemList") or []
            if not isinstance(items, list):
                raise PtvApiError(f"itemList ei ole lista: {where}. {UNCHANGED}")
            yield from items
            page += 1

    def by_ids(self, kind: str, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Full records of `kind` (Service, Organization, ServiceChannel) by id,
        at most 100 per request."""
        wanted = sorted(set(ids))
        out: list[dict[str, Any]] = []
        for start in range(0, len(wanted), GUIDS_PER_REQUEST):
            chunk = wanted[start : start + GUIDS_PER_REQUEST]
            body = self.get(f"/api/v11/{kind}/list", {"guids": ",".join(chunk)}, missing=[])
            if not isinstance(body, list) or not all(isinstance(r, dict) for r in body):
                raise PtvApiError(
                    f"PTV-rajapinnan vastaus ei ole tietuelista: {self.base_url}"
                    f"/api/v11/{kind}/list. {UNCHANGED}"
                )
            out += body
        return out


def _retry_after(response: httpx.Response) -> float:
    try:
        return min(float(response.headers.get("Retry-After", "0")), 60.0)
    except ValueError:
        return 0.0
