"""Teams authentication against malformed tokens (issue 13, finding 1).

A bearer token the SDK cannot even start to check (no `kid` in its header, no
JSON header, `alg: none`) used to escape the SDK's check as a `KeyError` and
answer 500 with a long traceback per request. Every such token must get 401,
one log line, and no traceback.
"""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

import httpx
import jwt
import pytest

from bot.runtime import Runtime
from bot.teams.app import teams_router, teams_surface
from bot.web.app import create_app
from tests import fake_connector, runtime_fixtures
from tests.fake_connector import FakeConnector
from tests.runtime_fixtures import live_server
from tests.served_runtime import runtime_fixture

connector, knowledge_index_dir = fake_connector.connector, runtime_fixtures.knowledge_index_dir
runtime = runtime_fixture("teamsauth")
APP_ID = "11111111-2222-3333-4444-555555555555"


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _claims() -> dict[str, Any]:
    return {"aud": APP_ID, "iss": "https://api.botframework.com", "exp": 4102444800}


MALFORMED = {
    "no kid (HS256)": jwt.encode(
        _claims(), "arvattu-avain-joka-on-riittavan-pitka-32", algorithm="HS256"
    ),
    "no kid (RS256 header, bogus signature)": f"{_b64({'alg': 'RS256', 'typ': 'JWT'})}."
    f"{_b64(_claims())}.c2lnbmF0dXJl",
    "alg none": f"{_b64({'alg': 'none'})}.{_b64(_claims())}.",
    "header not JSON": f"{base64.urlsafe_b64encode(b'{{').decode()}.{_b64(_claims())}.x",
    "two parts": "abc.def",
}


def test_malformed_tokens_get_401_and_one_log_line_without_traceback(
    runtime: Runtime, connector: FakeConnector, caplog: pytest.LogCaptureFixture
) -> None:
    settings = runtime.settings.model_copy(
        update={
            "teams_app_id": APP_ID,
            "teams_app_password": "salaisuus",
            "teams_tenant_id": "tenant-1",
        }
    )
    surface = teams_surface(settings, runtime)
    assert surface.bot is not None
    app = create_app(runtime, extra_routes=[teams_router(surface.bot)])
    activity = connector.personal_message("hyokkaaja", "hei")
    caplog.set_level(logging.INFO)
    with live_server(app) as base, httpx.Client(base_url=base, timeout=30) as http:
        for name, token in MALFORMED.items():
            caplog.clear()
            response = http.post(
                "/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"}
            )
            assert response.status_code == 401, name
            problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
            assert len(problems) == 1, (name, [r.getMessage() for r in problems])
            assert not any(r.exc_info or r.exc_text for r in caplog.records), name
            assert "Traceback" not in caplog.text, name
    connector.quiet_for(0.5)
    assert connector.sent == []
