"""The web app on a real uvicorn server: health, chat API, follow-ups, feedback, privacy."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from bot.cli.ask_cmd import reply_json
from bot.runtime import Runtime
from handlers.messages import Incoming
from index.errors import StorageError
from store.db import make_engine
from store.models import Feedback, QueryLog
from store.redact import RedactingFilter, install_log_redaction
from tests.runtime_fixtures import dump_tables
from tests.served_runtime import (
    client_fixture,
    on_engine,
    runtime_fixture,
    served_web_app,
    web_app_fixture,
)

QUESTION = "Onko Vantaalla vertaisryhmää leskeksi jääneille?"
PERSONAL = "Matti Meikäläinen 131052-308T, p. 040 123 4567, jäi leskeksi. Vertaisryhmä Vantaalla?"
SECRETS = ("131052", "308T", "040 123 4567", "0401234567", "123 4567")
UNREACHABLE_DB = "postgresql://postgres@127.0.0.1:1/x"


runtime = runtime_fixture("web")
base = web_app_fixture()
client = client_fixture(timeout=60, scope="module")


def chat(client: httpx.Client, conversation: str, text: str) -> dict[str, Any]:
    res = client.post("/api/chat", json={"conversation": conversation, "text": text})
    assert res.status_code == 200, res.text
    body: dict[str, Any] = res.json()
    return body


def cards(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in body["parts"] if p["type"] == "service"]


def municipalities(rt: Runtime, service_id: str) -> tuple[str, ...]:
    service = rt.kb.service(service_id)
    assert service is not None
    return tuple(service.municipalities)


def test_health_and_readiness(client: httpx.Client) -> None:
    health = client.get("/healthz")
    assert (health.status_code, health.text) == (200, "ok")
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["index"] is True and ready.json()["database"] is True


def test_page_is_self_contained(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "<title>Järjestöbotti</title>" in page.text
    assert 'aria-live="polite"' in page.text and '<label for="question">' in page.text
    assert "https://" not in page.text and "http://" not in page.text  # no CDN
    assert "script-src 'self'" in page.headers["content-security-policy"]
    script = client.get("/static/chat.js")
    assert script.status_code == 200 and "innerHTML" not in script.text
    assert client.get("/static/chat.css").status_code == 200


def test_chat_follow_ups_more_and_feedback(client: httpx.Client, runtime: Runtime) -> None:
    first = chat(client, "conv-lesket", QUESTION)
    expected = reply_json(QUESTION, runtime.router.handle(Incoming("cli", "cli", "ask", QUESTION)))
    assert [r["id"] for r in first["results"]] == [r["id"] for r in expected["results"]]
    shown = cards(first)
    assert shown and first["intent"] == "services" and first["query_id"] is not None
    assert [c["id"] for c in shown] == [r["id"] for r in first["results"]][: len(shown)]
    assert "lahteella-ry/leskien-ryhma" in [c["id"] for c in shown]
    assert all("vantaa" in municipalities(runtime, c["id"]) for c in shown)
    assert all(c["organization"] and c["how_to_join"] and c["updated"] for c in shown)
    buttons = [c["action"] for p in first["parts"] if p["type"] == "choices" for c in p["choices"]]
    assert "more" in buttons and "feedback" in buttons

    kerava = chat(client, "conv-lesket", "entä Keravalla?")
    kerava_cards = cards(kerava)
    assert kerava["filters"]["municipality"] == "kerava"
    assert kerava_cards and all("kerava" in municipalities(runtime, c["id"]) for c in kerava_cards)
    assert "lahteella-ry/leskien-ryhma" not in [c["id"] for c in kerava_cards]  # Vantaa only

    more = chat(client, "conv-lesket", "näytä lisää")
    more_cards = cards(more)
    start = len(kerava_cards) + 1  # the first page is cut where the fit drops
    assert [c["rank"] for c in more_cards] == list(range(start, start + len(more_cards)))
    assert not {c["id"] for c in more_cards} & {c["id"] for c in kerava_cards}
    assert all("kerava" in municipalities(runtime, c["id"]) for c in more_cards)

    button = client.post("/api/action", json={"conversation": "conv-lesket", "action": "more"})
    assert button.status_code == 200
    after = start + len(more_cards)
    assert [c["rank"] for c in cards(button.json())] == list(range(after, after + 5))

    # The page rates the answer the buttons belong to, by its query id.
    thanks = client.post(
        "/api/action",
        json={
            "conversation": "conv-lesket",
            "action": "feedback",
            "value": "-1",
            "query_id": kerava["query_id"],
            "comment": "Haluttiin Keravan ryhmä, soita 040 123 4567",
        },
    )
    assert thanks.status_code == 200
    assert thanks.json()["parts"][0]["text"] == "Kiitos palautteesta!"
    with runtime.engine.connect() as conn:
        row = conn.execute(select(Feedback).order_by(Feedback.id.desc())).first()
        asked = conn.execute(select(QueryLog.question).where(QueryLog.id == row.query_log_id))
        assert asked.scalar_one() == "entä Keravalla?"
    assert row.rating == -1 and row.platform == "web"
    assert row.comment == "Haluttiin Keravan ryhmä, soita [puhelinnumero]"


def test_follow_ups_stay_in_their_conversation(client: httpx.Client, runtime: Runtime) -> None:
    chat(client, "conv-a", QUESTION)
    other = chat(client, "conv-b", "näytä lisää")  # no earlier answer in this tab
    assert cards(other) == []
    assert other["parts"][0]["text"].startswith("En tiedä, mihin kysymykseen tämä jatkaa.")
    with runtime.engine.connect() as conn:
        before = len(conn.execute(select(Feedback.id)).all())
    nothing = client.post(
        "/api/action", json={"conversation": "conv-c", "action": "feedback", "value": "1"}
    )
    assert "En löydä vastausta" in nothing.json()["parts"][0]["text"]
    with runtime.engine.connect() as conn:
        assert len(conn.execute(select(Feedback.id)).all()) == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "JSON"),
        (b'["lista"]', "JSON-olio"),
        (json.dumps({"conversation": "c1", "text": "   "}).encode(), "Kirjoita kysymys"),
        (b'{"conversation": "c1", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}", "liian syvä"),
        (json.dumps({"text": "Onko Keravalla kerhoja?"}).encode(), "Keskustelun tunniste"),
    ],
)
def test_bad_chat_input_gets_finnish_400(client: httpx.Client, body: bytes, message: str) -> None:
    res = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert res.status_code == 400
    assert message in res.json()["error"]


def test_bad_action_gets_finnish_400(client: httpx.Client) -> None:
    res = client.post("/api/action", json={"conversation": "c1", "action": "poista-kaikki"})
    assert (res.status_code, res.json()["error"]) == (400, "Tuntematon toiminto.")
    res = client.post(
        "/api/action", json={"conversation": "c1", "action": "feedback", "value": "5"}
    )
    assert res.status_code == 400 and "Palautteen arvon" in res.json()["error"]


def test_personal_data_never_stored_or_logged(
    client: httpx.Client, runtime: Runtime, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    log_file = tmp_path / "bot.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    install_log_redaction("uvicorn", "uvicorn.access")
    try:
        body = chat(client, "conv-matti", PERSONAL)
        assert cards(body) and body["query_id"] is not None
        res = client.post(
            "/api/action",
            json={
                "conversation": "conv-matti",
                "action": "feedback",
                "value": "1",
                "comment": f"kiitos, {PERSONAL}",
            },
        )
        assert res.status_code == 200
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    assert any(isinstance(f, RedactingFilter) for f in handler.filters)
    stored = json.dumps(dump_tables(runtime.engine), default=str, ensure_ascii=False)
    logged = log_file.read_text(encoding="utf-8") + caplog.text
    assert "[henkilötunnus]" in stored and "[puhelinnumero]" in stored
    assert "POST /api/chat" in logged  # the server's lines were captured
    for secret in SECRETS:
        assert secret not in stored
        assert secret not in logged


def test_not_ready_when_database_unreachable(runtime: Runtime) -> None:
    """An app whose database is down: alive, not ready, answers, refuses to store feedback."""
    engine = make_engine(UNREACHABLE_DB)
    broken = on_engine(runtime, engine)
    try:
        with served_web_app(broken) as url, httpx.Client(base_url=url, timeout=60) as c:
            assert c.get("/healthz").status_code == 200
            ready = c.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["database"] is False and ready.json()["index"] is True
            assert "tietokanta" in ready.json()["problems"][0]
            answer = c.post("/api/chat", json={"conversation": "c", "text": QUESTION})
            assert answer.status_code == 200 and cards(answer.json())
            feedback = c.post(
                "/api/action", json={"conversation": "c", "action": "feedback", "value": "1"}
            )
            assert feedback.status_code == 503
            assert feedback.json()["error"] == StorageError.user_message
    finally:
        engine.dispose()
