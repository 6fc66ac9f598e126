"""Coordinator sessions and login throttling (issue 13, findings 3 and 4), over HTTP on a
real server: logout ends a session for real, failed logins back off per account and per
address, and X-Forwarded-For is believed only from the proxies the settings name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from bot.runtime import Runtime
from bot.web.app import create_app
from bot.web.contact import contact_routes
from bot.web.security import proxy_options
from tests.runtime_fixtures import (
    knowledge_index_dir,  # noqa: F401  (fixture)
    live_server,
)
from tests.served_runtime import runtime_fixture

PASSWORD = "oikein-hyva-salasana-42"
LIST = "/admin/yhteydenotot"
LOGIN = "/admin/yhteydenotot/kirjaudu"

runtime = runtime_fixture("sessions", web_secret="testin-istuntosalaisuus")


@contextmanager
def served(runtime: Runtime, **settings: Any) -> Iterator[httpx.Client]:
    """`serve`'s web app with the admin pages, on uvicorn with `serve`'s proxy settings."""
    options = proxy_options(runtime.settings.model_copy(update=settings))
    app = create_app(runtime, extra_routes=contact_routes(runtime))
    with live_server(app, **options) as base, httpx.Client(base_url=base, timeout=30) as http:
        yield http


def login(http: httpx.Client, username: str, password: str, **headers: str) -> httpx.Response:
    page = http.get(LOGIN)
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    return http.post(
        LOGIN,
        data={"csrf": token.group(1), "username": username, "password": password},
        headers=headers,
    )


@pytest.fixture(scope="module")
def accounts(runtime: Runtime) -> Any:
    accounts = runtime.contact_requests().accounts
    for name in ("liisa", "pekka", "maija"):
        accounts.add(name, PASSWORD)
    return accounts


def test_logout_ends_the_session_and_a_replayed_cookie_is_refused(
    runtime: Runtime, accounts: Any
) -> None:
    with served(runtime) as http:
        assert login(http, "liisa", PASSWORD).status_code == 303
        cookie = http.cookies.get("jb_admin", path="/admin")
        assert cookie and http.get(LIST).status_code == 200
        assert http.post(LIST + "/kirjaudu-ulos").status_code == 303
        assert http.get(LIST).status_code == 303  # the browser lost its cookie …
        http.cookies.set("jb_admin", cookie, path="/admin")  # … an attacker kept a copy
        replay = http.get(LIST)
        assert replay.status_code == 303
        assert replay.headers["location"].startswith(LOGIN)


def test_a_new_password_ends_every_open_session(runtime: Runtime, accounts: Any) -> None:
    with served(runtime) as first, served(runtime) as second:
        assert login(first, "pekka", PASSWORD).status_code == 303
        assert login(second, "pekka", PASSWORD).status_code == 303
        assert first.get(LIST).status_code == 200
        accounts.add("pekka", PASSWORD + "-uusi", replace=True)
        assert first.get(LIST).status_code == 303
        assert second.get(LIST).status_code == 303


def test_rotating_forwarded_for_does_not_buy_more_password_guesses(
    runtime: Runtime, accounts: Any
) -> None:
    """Trusted proxy (as when the attacker is on the proxy's host): every guess comes from
    another address, but the account backs off all the same."""
    with served(runtime, trusted_proxies="127.0.0.1") as http:
        answers = [
            login(http, "maija", f"arvaus-{i}", **{"X-Forwarded-For": f"198.51.100.{i}"})
            for i in range(30)
        ]
        checked = [a for a in answers if a.status_code == 401]
        refused = [a for a in answers if a.status_code == 429]
        assert len(checked) <= 4 and len(checked) + len(refused) == 30
        assert "Odota" in refused[0].text and int(refused[0].headers["Retry-After"]) >= 1
        # Even the right password waits now: the guesses are not checked at all.
        right = login(http, "maija", PASSWORD, **{"X-Forwarded-For": "203.0.113.9"})
        assert right.status_code == 429


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(runtime: Runtime) -> None:
    """Different account names each time: only the per-address count can stop it, so the
    address must be the real peer unless the peer is a trusted proxy."""

    def guesses(http: httpx.Client, tag: str) -> list[int]:
        return [
            login(http, f"{tag}{i}", "väärä", **{"X-Forwarded-For": f"192.0.2.{i}"}).status_code
            for i in range(8)
        ]

    with served(runtime) as http:  # default: no proxy trusted
        assert guesses(http, "ei-luotettu").count(401) <= 4
    with served(runtime, trusted_proxies="127.0.0.1") as http:
        assert guesses(http, "luotettu") == [401] * 8
