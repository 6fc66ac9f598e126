"""Unmet needs: questions asked through the real router and index that nothing fitted are
grouped by the needs the search read from them, on `/admin/tarpeet` and in the board
report."""

from __future__ import annotations

import datetime as dt
import re

import httpx
from sqlalchemy import select

from bot.runtime import Runtime
from handlers.messages import Incoming
from store.models import QueryLog
from tests import runtime_fixtures
from tests.runtime_fixtures import live_server
from tests.served_runtime import admin_web_app, log_in, runtime_fixture

knowledge_index_dir = runtime_fixtures.knowledge_index_dir
runtime = runtime_fixture("unmet-needs")
PASSWORD = "tarpeiden-katsoja-salasana"

# Older people wanting a hobby no association in the knowledge offers (fi, sv, en).
OLDER_UNMET = (
    "Golfkurssi eläkeläiselle",
    "Sukellusseura eläkeläiselle",
    "Purjelentoa eläkeläiselle",
    "Golf för pensionärer",
    "Golf club for pensioners",
)
UNEMPLOYED_UNMET = (
    "Onko Keravalla sukellusseuraa työttömille?",
    "Onko Keravalla golfkerhoa työttömälle?",
)
FOUND = "Onko Vantaalla vertaisryhmää leskeksi jääneille?"  # a good fit: not an unmet need


def _ask(runtime: Runtime, questions: tuple[str, ...]) -> None:
    for n, question in enumerate(questions):
        runtime.router.handle(Incoming("web", f"kysyja-{n}", f"keskustelu-{question}", question))


def _row(page: str, theme: str) -> str:
    match = re.search(rf'<th scope="row">{re.escape(theme)}</th>(.*?)</tr>', page, re.S)
    assert match, f"{theme!r} not on the page"
    return match.group(1)


def test_needs_page_lists_the_theme_of_unmet_questions_with_their_count(
    runtime: Runtime,
) -> None:
    _ask(runtime, (*OLDER_UNMET, *UNEMPLOYED_UNMET, FOUND))
    with runtime.engine.connect() as conn:
        fits = {q: f for q, f in conn.execute(select(QueryLog.question, QueryLog.fit))}
    # The premise: the search itself found nothing fitting for these, and a fit for FOUND.
    assert {fits[q] for q in (*OLDER_UNMET, *UNEMPLOYED_UNMET)} <= {"none", "partial"}
    assert fits[FOUND] == "good"

    runtime.contact_requests().accounts.add("koordinaattori", PASSWORD)
    today = dt.date.today()
    period = f"?alkaen={today - dt.timedelta(days=1)}&asti={today + dt.timedelta(days=1)}"
    with (
        live_server(admin_web_app(runtime, None)) as base,
        httpx.Client(base_url=base, timeout=60) as client,
    ):
        assert client.get("/admin/tarpeet" + period).status_code == 303
        log_in(client, "koordinaattori", PASSWORD)
        page = client.get("/admin/tarpeet" + period).text
        board = client.get("/admin/raportti" + period).text

    older = _row(page, "Kohderyhmä: ikääntyneet")
    assert re.match(r"\s*<td>5</td>", older)  # five questions; the fitting one not counted
    assert "Sukellusseura eläkeläiselle" in older  # examples: five or more questions
    unemployed = _row(page, "Kohderyhmä: työttömät")
    assert re.match(r"\s*<td>&lt; 5</td>", unemployed) and "Kerava &lt; 5" in unemployed
    assert "sukellusseuraa" not in unemployed  # too few to show what was asked
    assert FOUND not in page

    # The board report has the same themes and counts, and no wording at all.
    assert re.search(r"<td>Kohderyhmä: ikääntyneet</td><td>5</td>", board)
    assert re.search(r"<td>Kohderyhmä: työttömät</td><td>&lt; 5</td>", board)
    for question in (*OLDER_UNMET, *UNEMPLOYED_UNMET, FOUND):
        assert question not in board
