"""The public contact form over HTTP, on the real app on a live server."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from bot.runtime import Runtime
from store.contact_models import ContactRequest, Outbox, StatusChange
from store.db import make_engine, migrate
from tests.served_runtime import (
    client_fixture,
    on_engine,
    runtime_fixture,
    served_web_app,
    web_app_fixture,
)

SECRET = "testin-web-salaisuus"
VALID = {
    "organisation": "Tikkurilan Kuoro & Co ry",
    "business_id": "0737546-2",
    "contact_person": "Maija Mehiläinen",
    "email": "maija@example.fi",
    "phone": "040 123 4567",
    "topic": "tapahtuma-tai-tiedote",
    "target_unit": "",
    "message": "Järjestämme konsertin 12.9. Voisiko siitä kertoa uutiskirjeessä?",
    "consent": "on",
    "website": "",
}
REFERENCE = re.compile(r'<strong id="reference">(YT-\d{4}-\d{6})</strong>')


runtime = runtime_fixture("contact", web_secret=SECRET, contact_rate_limit_per_hour=100)
base = web_app_fixture(contact=True)
client = client_fixture(timeout=30)


def token_of(html: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match, html
    return match.group(1)


def open_form(client: httpx.Client, lang: str = "fi") -> str:
    page = client.get(f"/yhteydenotto?lang={lang}")
    assert page.status_code == 200
    return token_of(page.text)


def submit(client: httpx.Client, token: str, lang: str = "fi", **fields: str) -> httpx.Response:
    return client.post(
        f"/yhteydenotto?lang={lang}", data={**VALID, **fields, "token": token, "lang": lang}
    )


def stored(runtime: Runtime) -> int:
    with runtime.ctx.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(ContactRequest)) or 0)


@pytest.mark.parametrize(
    ("lang", "title", "label", "submit_text"),
    [
        ("fi", "Yhteydenotto hyvinvointialueelle", "Järjestön nimi", "Lähetä yhteydenotto"),
        ("sv", "Kontakt till välfärdsområdet", "Föreningens namn", "Skicka"),
        ("en", "Contact the wellbeing county", "Name of the association", "Send"),
    ],
)
def test_form_in_three_languages(
    client: httpx.Client, lang: str, title: str, label: str, submit_text: str
) -> None:
    page = client.get(f"/yhteydenotto?lang={lang}")
    assert page.status_code == 200
    html = page.text
    assert f'<html lang="{lang}">' in html and f"<h1>{title}</h1>" in html
    assert f'<label for="f-organisation">{label}' in html and submit_text in html
    for name in (
        "organisation",
        "business_id",
        "contact_person",
        "email",
        "phone",
        "topic",
        "target_unit",
        "message",
        "consent",
    ):
        assert f'for="f-{name}"' in html and f'id="f-{name}"' in html  # every field labelled
    assert 'aria-current="page"' in html and 'hreflang="sv"' in html
    assert "script-src 'self'" in page.headers["content-security-policy"]
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie


def test_valid_request_is_stored_and_confirmed(client: httpx.Client, runtime: Runtime) -> None:
    page = submit(client, open_form(client, "sv"), "sv")
    assert page.status_code == 200, page.text
    match = REFERENCE.search(page.text)
    assert match and "Vad händer härnäst?" in page.text
    [view] = [v for v in runtime.contact_requests().page().items if v.reference == match.group(1)]
    assert (view.channel, view.language, view.status) == ("web", "sv", "uusi")
    assert (view.phone, view.business_id, view.target_unit) == ("+358401234567", "0737546-2", None)
    assert view.organisation == "Tikkurilan Kuoro & Co ry"
    assert view.responsible_role == "viestinta"


def test_invalid_input_shows_errors_keeps_text_and_stores_nothing(
    client: httpx.Client, runtime: Runtime
) -> None:
    before = stored(runtime)
    page = submit(
        client,
        open_form(client),
        organisation="<script>alert(1)</script>",
        email="maija@",
        business_id="1234567-8",
        consent="",
        message="Hei <script>document.cookie</script>",
    )
    assert page.status_code == 400
    html = page.text
    assert "<script>alert" not in html and "<script>document" not in html
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html  # kept, escaped
    assert "Hei &lt;script&gt;document.cookie&lt;/script&gt;</textarea>" in html
    assert 'value="maija@"' in html and 'value="040 123 4567"' in html
    assert "<title>Virhe: " in html
    start = html.index('id="error-summary"')
    summary = html[start : html.index("</ul>", start)]
    for name in ("organisation", "email", "business_id", "message", "consent"):
        assert f'href="#f-{name}"' in summary
    assert re.search(r'id="f-email"[^>]*aria-describedby="err-email"[^>]*aria-invalid="true"', html)
    assert "Tarkista sähköpostiosoite" in html and "tarkistusnumero ei täsmää" in html
    assert 'id="f-contact_person"' in html and 'aria-describedby="err-contact_person"' not in html
    swedish = submit(client, open_form(client, "sv"), "sv", email="nej")
    assert "Kontrollera e-postadressen" in swedish.text
    assert stored(runtime) == before


def test_a_20_kb_message_is_refused(client: httpx.Client, runtime: Runtime) -> None:
    before = stored(runtime)
    page = submit(client, open_form(client), message="a" * 20_000)
    assert page.status_code == 400
    assert "liian pitkä: 20000 merkkiä, enintään 5000" in page.text
    huge = submit(client, open_form(client), message="a" * 70_000)
    assert huge.status_code == 413
    assert stored(runtime) == before


def test_missing_or_forged_csrf_token_is_refused(
    client: httpx.Client, base: str, runtime: Runtime
) -> None:
    before = stored(runtime)
    token = open_form(client)
    with httpx.Client(base_url=base, timeout=30) as other:  # another site: no form cookie
        assert submit(other, token).status_code == 403
    assert submit(client, "").status_code == 403
    submission, issued, _ = token.split(".")
    assert submit(client, f"{submission}.{issued}.väärä").status_code == 403
    page = client.post("/yhteydenotto", data={**VALID})
    assert page.status_code == 403 and "tarkiste" in page.text
    assert stored(runtime) == before


def test_honeypot_is_thanked_but_not_stored(client: httpx.Client, runtime: Runtime) -> None:
    before = stored(runtime)
    page = submit(client, open_form(client), website="http://spam.example")
    assert page.status_code == 200 and "Kiitos" in page.text
    assert REFERENCE.search(page.text) is None
    assert stored(runtime) == before


def test_double_submit_creates_one_request(client: httpx.Client, runtime: Runtime) -> None:
    before = stored(runtime)
    token = open_form(client)
    first, second = submit(client, token), submit(client, token)
    refs = [REFERENCE.search(p.text) for p in (first, second)]
    assert refs[0] and refs[1] and refs[0].group(1) == refs[1].group(1)
    assert stored(runtime) == before + 1
    with runtime.ctx.session_factory() as session:
        request_id = session.scalar(
            select(ContactRequest.id).where(ContactRequest.reference == refs[0].group(1))
        )
        assert (
            session.scalar(
                select(func.count()).select_from(Outbox).where(Outbox.request_id == request_id)
            )
            == 2
        )
        assert (
            session.scalar(
                select(func.count())
                .select_from(StatusChange)
                .where(StatusChange.request_id == request_id)
            )
            == 1
        )


def test_rate_limit_per_address(runtime: Runtime) -> None:
    strict = dataclasses.replace(
        runtime, settings=runtime.settings.model_copy(update={"contact_rate_limit_per_hour": 2})
    )
    before = stored(runtime)
    with (
        served_web_app(strict, contact=True) as url,
        httpx.Client(base_url=url, timeout=30) as c,
    ):
        assert [submit(c, open_form(c)).status_code for _ in range(2)] == [200, 200]
        third = submit(c, open_form(c), organisation="Kolmas ry")
        assert third.status_code == 429
        assert "liian monta yhteydenottoa" in third.text and 'value="Kolmas ry"' in third.text
    assert stored(runtime) == before + 2


def test_database_outage_is_told_and_recovered_from(runtime: Runtime, tmp_path: Path) -> None:
    path = tmp_path / "outage.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    own = on_engine(runtime, engine)
    try:
        with (
            served_web_app(own, contact=True) as url,
            httpx.Client(base_url=url, timeout=30) as c,
        ):
            token = open_form(c)
            engine.dispose()
            os.replace(path, tmp_path / "saved.db")  # the database is gone
            path.write_bytes(b"ei tietokanta " * 512)
            down = submit(c, token)
            assert down.status_code == 503
            assert "Yhteydenottoasi EI tallennettu" in down.text
            assert REFERENCE.search(down.text) is None and "Kiitos" not in down.text
            assert 'value="Tikkurilan Kuoro &amp; Co ry"' in down.text  # nothing typed is lost
            engine.dispose()
            os.replace(tmp_path / "saved.db", path)  # back again
            up = submit(c, token_of(down.text))
            assert up.status_code == 200 and REFERENCE.search(up.text)
        assert len(own.contact_requests().page().items) == 1
    finally:
        engine.dispose()
