"""A recording fake of the Slack Web API on an ephemeral localhost port, for tests.

Use from a test module (assigning, not importing, the fixture keeps ruff's
F811 quiet about the test parameter of the same name):

    from tests import fake_slack as fake_slack_module
    fake_slack = fake_slack_module.fake_slack

    def test_x(fake_slack):
        settings = Settings(slack_api_url=fake_slack.url, ...)
        ...
        call = fake_slack.wait_for("chat.postMessage")
        assert call.params["thread_ts"] == "123.456"

Why a real HTTP server and not a stub client: the bot's own `WebClient`
(retry handlers, form/JSON/multipart encoding, error handling) is what runs,
exactly as against slack.com; only the far end is ours.

- Any `POST /api/<method>` (JSON, urlencoded or multipart body) is recorded as a
  `Call(method, params, headers, status)` and answered `{"ok": true, ...}` with
  plausible fields (`ts`, `channel`, `message_ts`, `view.id`, `auth.test` ids).
- `fail_next(method, status, retry_after=None, times=1)` makes the next calls of
  a method answer 429 (`Retry-After`) or 500 before succeeding again;
  `answer_with(method, **fields)` adds fields to its answers.
- `response_url(key)` is a URL on the same server standing in for the
  `response_url` Slack hands to slash commands and interactions; posts to it
  are recorded with method `response_url:<key>`.
- `.calls` holds every call (failed ones too, with their status and the JSON
  answered, e.g. `call.response["ts"]`); `calls_of` and `wait_for` only count
  calls Slack would have *accepted* (status 200).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.http_fakes import JsonHandler, serve_fake, wait_until_quiet

BOT_USER_ID = "U0JBOT"
BOT_ID = "B0JBOT"
TEAM_ID = "T0TEAM"
_JSON_FIELDS = ("blocks", "view", "attachments", "metadata")


@dataclass(frozen=True)
class Call:
    """One request the fake received."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)  # the JSON the fake answered
    at: float = field(default_factory=time.monotonic)  # when it arrived (monotonic clock)


@dataclass
class _Failure:
    status: int
    retry_after: int | None
    times: int


@dataclass
class FakeSlack:
    """The recorder behind the HTTP server; thread-safe."""

    root: str = ""
    calls: list[Call] = field(default_factory=list)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # see `answer_with`
    _failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _lock: threading.Condition = field(default_factory=threading.Condition)
    _ts: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        """Base URL for `WebClient(base_url=...)`, ending in `/api/`."""
        return f"{self.root}/api/"

    def response_url(self, key: str = "r1") -> str:
        return f"{self.root}/response/{key}"

    def fail_next(
        self, method: str, status: int, retry_after: int | None = None, times: int = 1
    ) -> None:
        with self._lock:
            self._failures.setdefault(method, []).append(_Failure(status, retry_after, times))

    def answer_with(self, method: str, **fields: Any) -> None:
        """Extra fields in every accepted answer of `method` (e.g. a Socket Mode `url`)."""
        with self._lock:
            self.answers[method] = fields

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self._failures.clear()
            self.answers.clear()

    def calls_of(self, method: str) -> list[Call]:
        """Accepted (HTTP 200) calls of one method, oldest first."""
        with self._lock:
            return [c for c in self.calls if c.method == method and c.status == 200]

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> Call:
        """Block until `count` accepted calls of `method` arrived; return the last.

        Lazy listeners answer from worker threads, so tests wait instead of sleeping."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.calls_of(method)) >= count, timeout):
                seen = [(c.method, c.status) for c in self.calls]
                raise AssertionError(f"{count}× {method} not seen in {timeout}s; got {seen}")
            return self.calls_of(method)[count - 1]

    def quiet_for(self, seconds: float = 0.5) -> None:
        """Wait until no call has arrived for `seconds` (to assert nothing *more* came)."""
        wait_until_quiet(self._lock, self.calls, seconds)

    # -- used by the HTTP handler -------------------------------------------
    def _record(
        self, method: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._lock:
            status, extra_headers = 200, {}
            queue = self._failures.get(method)
            if queue:
                failure = queue[0]
                failure.times -= 1
                if failure.times <= 0:
                    queue.pop(0)
                status = failure.status
                if failure.retry_after is not None:
                    extra_headers["Retry-After"] = str(failure.retry_after)
            body = (
                {**self._answer(method, params), **self.answers.get(method, {})}
                if status == 200
                else {"ok": False, "error": "ratelimited" if status == 429 else "internal_error"}
            )
            self.calls.append(Call(method, params, headers, status, body))
            self._lock.notify_all()
            return status, extra_headers, body

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        ts = f"1700000000.{next(self._ts):06d}"
        channel = str(params.get("channel") or "C0FAKE")
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://fake.slack.com/",
                "team": "Testi",
                "user": "jarjestobotti",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method.startswith("views."):
            given = params.get("view")
            view: dict[str, Any] = given if isinstance(given, dict) else {}
            return {
                "ok": True,
                "view": {**view, "id": f"V{ts.replace('.', '')}", "team_id": TEAM_ID},
            }
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "conversations.history":  # what chat.postMessage posted, newest first
            with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
            messages = [
                {
                    "type": "message",
                    "text": c.params.get("text", ""),
                    "ts": c.response["ts"],
                    "bot_id": BOT_ID,
                    **({"metadata": c.params.get("metadata")} if with_metadata else {}),
                }
                for c in reversed(self.calls)
                if c.method == "chat.postMessage"
                and c.status == 200
                and c.params.get("channel") == channel
            ]
            return {"ok": True, "messages": messages, "has_more": False, "pin_count": 0}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": f"D{params.get('users', 'X')}"}}
        if method.startswith("chat."):
            message = {"text": params.get("text", ""), "ts": ts, "bot_id": BOT_ID}
            return {
                "ok": True,
                "channel": channel,
                "ts": str(params.get("ts") or ts),
                "message": message,
            }
        return {"ok": True}


def _parse_body(content_type: str, raw: bytes) -> dict[str, Any]:
    if not raw:
        return {}
    if content_type.startswith("application/json"):
        data = json.loads(raw)
        return data if isinstance(data, dict) else {"_json": data}
    params: dict[str, Any] = {}
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + raw)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if isinstance(name, str) and isinstance(payload, bytes):
                params[name] = payload.decode("utf-8", "replace")
    else:
        params = {k: v[0] for k, v in parse_qs(raw.decode("utf-8"), keep_blank_values=True).items()}
    for key in _JSON_FIELDS:  # form-encoded JSON fields: decode so tests read them alike
        if isinstance(params.get(key), str):
            with contextlib.suppress(ValueError):
                params[key] = json.loads(params[key])
    return params


def _handler_for(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(JsonHandler):
        def _serve(self) -> None:
            parts = urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            params = {k: v[0] for k, v in parse_qs(parts.query).items()}
            params.update(_parse_body(self.headers.get("Content-Type", ""), raw))
            if parts.path.startswith("/api/"):
                method = parts.path[len("/api/") :]
            elif parts.path.startswith("/response/"):
                method = "response_url:" + parts.path[len("/response/") :]
            else:
                self.send_error(404)
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, extra, body = fake._record(method, params, headers)
            self.send_json(status, body, extra)

        do_POST = _serve
        do_GET = _serve

    return Handler


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A fresh recording fake Slack Web API server for one test."""
    yield from serve_fake(FakeSlack(), _handler_for)
