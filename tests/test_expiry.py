"""Token and session expiry (issue 13, part F), over HTTP on a real server with a clock the
test moves: the `Signer`'s clock dates the cookies and form tokens, the contact-request
service's clock the sessions in the database. An admin session past its expiry is refused
even with a validly signed cookie; a login, admin or contact form older than its age is
refused with a message saying the form has expired, and a freshly opened form works."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import httpx
import pytest

from bot.admin.session import FORM_SECONDS, SESSION_SECONDS
from bot.runtime import Runtime, contact_requests
from bot.web.app import create_app
from bot.web.contact import TOKEN_MAX_AGE, contact_routes
from bot.web.security import Signer
from tests.clocks import MovingClock
from tests.contact_helpers import contact_form
from tests.runtime_fixtures import knowledge_index_dir, live_server  # noqa: F401  (fixture)
from tests.served_runtime import log_in, runtime_fixture
from tests.test_contact_web import open_form, submit

SECRET = "vanhenemisen-salaisuus"
PASSWORD = "vanheneva-salasana-77"
LIST = "/admin/yhteydenotot"
LOGIN = LIST + "/kirjaudu"
EXPIRED = "vanhentunut"  # every refusal says the form (or its check) has expired

runtime = runtime_fixture("expiry", web_secret=SECRET)


@pytest.fixture
def clock() -> MovingClock:
    return MovingClock()


@pytest.fixture
def http(runtime: Runtime, clock: MovingClock) -> Iterator[httpx.Client]:
    """The form and the admin pages on a live server, every clock of theirs being `clock`."""
    factory = runtime.ctx.session_factory
    timed = dataclasses.replace(
        runtime, contacts=contact_requests(runtime.settings, factory, clock=clock.moment)
    )
    timed.contact_requests().accounts.add("vanheneva", PASSWORD, replace=True)
    app = create_app(timed, extra_routes=contact_routes(timed, signer=Signer(SECRET, clock)))
    with live_server(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def csrf(page: httpx.Response) -> str:
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token, page.text
    return token.group(1)


def test_a_session_past_its_expiry_is_refused_even_with_a_valid_signature(
    http: httpx.Client, clock: MovingClock
) -> None:
    assert log_in(http, "vanheneva", PASSWORD).status_code == 303
    assert http.get(LIST).status_code == 200
    clock.now += SESSION_SECONDS - 60
    assert http.get(LIST).status_code == 200  # still within the eight hours
    clock.now += 61
    cookie = http.cookies.get("jb_admin", path="/admin")
    assert cookie  # the browser still sends it: it is the server that says no
    expired = http.get(LIST + "?tila=uusi")
    assert expired.status_code == 303
    assert expired.headers["location"] == f"{LOGIN}?seuraava=%2Fadmin%2Fyhteydenotot%3Ftila%3Duusi"
    # A cookie re-signed with the right key and a later expiry: the session itself is over.
    token = cookie.split(".")[0]
    forged = Signer(SECRET).pack("admin-session", token, str(int(clock.now) + 3600))
    http.cookies.set("jb_admin", forged, path="/admin")
    assert http.get(LIST).status_code == 303


def test_an_admin_form_past_its_age_is_refused_and_a_reloaded_one_works(
    runtime: Runtime, http: httpx.Client, clock: MovingClock
) -> None:
    form = contact_form("Vanhenevat ry", "tilat", "Tarvitsemme tilaa.")
    reference = runtime.contact_requests().create(form, channel="web", idempotency_key="v1")
    detail = f"{LIST}/{reference.reference}"
    assert log_in(http, "vanheneva", PASSWORD).status_code == 303
    token = csrf(http.get(detail))
    clock.now += FORM_SECONDS + 1  # the page was left open over lunch, the session lives on
    stale = http.post(detail + "/tila", data={"status": "kasittelyssa", "csrf": token})
    assert stale.status_code == 403 and EXPIRED in stale.text
    fresh = http.post(
        detail + "/tila", data={"status": "kasittelyssa", "csrf": csrf(http.get(detail))}
    )
    assert fresh.status_code == 303 and fresh.headers["location"] == detail + "?muutettu=1"


def test_a_login_form_past_its_age_is_refused(http: httpx.Client, clock: MovingClock) -> None:
    token = csrf(http.get(LOGIN))
    clock.now += FORM_SECONDS + 1
    data = {"csrf": token, "username": "vanheneva", "password": PASSWORD}
    stale = http.post(LOGIN, data=data)
    assert stale.status_code == 403 and EXPIRED in stale.text
    assert http.get(LIST).status_code == 303  # not logged in
    assert http.post(LOGIN, data={**data, "csrf": csrf(http.get(LOGIN))}).status_code == 303


def test_a_contact_form_past_its_age_is_refused_with_a_clear_message(
    http: httpx.Client, clock: MovingClock
) -> None:
    token = open_form(http)
    clock.now += TOKEN_MAX_AGE + 1
    stale = submit(http, token, organisation="Eilinen ry")
    assert stale.status_code == 403
    assert "Lomakkeen tarkiste puuttuu tai on vanhentunut" in stale.text
    assert "Avaa lomake uudelleen" in stale.text
    assert submit(http, open_form(http), organisation="Eilinen ry").status_code == 200
