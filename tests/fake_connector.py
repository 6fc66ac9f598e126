"""A recording fake of the Bot Framework connector service on an ephemeral localhost port.

Teams tests put its URL in the activity's `serviceUrl`, so the Agents SDK's own
connector client (aiohttp, routes, JSON) sends every reply here exactly as it
would to Teams' connector. Recorded:

- `POST /v3/conversations/{id}/activities` (send to conversation) and
  `POST /v3/conversations/{id}/activities/{replyToId}` (reply to an activity),
  answered `{"id": "reply-N"}`;
- `POST /v3/conversations` (create a conversation, e.g. a bot's 1:1 chat with a user) in
  `created`, answered like Teams: `{"id": "a:<first member's id>"}`;
- anything else under `/v3/` (updates, deletes) with its method, answered `{}`;
- `fail_next(status)` makes the next request fail (e.g. 500), unrecorded.

Use from a test module:

    from tests import fake_connector
    connector = fake_connector.connector   # the fixture, by name
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.http_fakes import JsonHandler, serve_fake, wait_until_quiet


@dataclass(frozen=True)
class Sent:
    """One request the fake received."""

    method: str
    conversation: str
    reply_to: str | None  # the replyToId in the path, if any
    body: dict[str, Any]
    headers: dict[str, str]
    id: str  # the id the fake gave the activity

    @property
    def type(self) -> str:
        return str(self.body.get("type", ""))

    @property
    def card(self) -> dict[str, Any]:
        """The Adaptive Card of a message (the first attachment's content)."""
        attachments = self.body.get("attachments") or []
        assert attachments, f"no attachment in {self.body}"
        assert attachments[0]["contentType"] == "application/vnd.microsoft.card.adaptive"
        content: dict[str, Any] = attachments[0]["content"]
        return content


@dataclass
class FakeConnector:
    root: str = ""
    sent: list[Sent] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)  # statuses for the next requests
    created: list[dict[str, Any]] = field(default_factory=list)  # create-conversation bodies
    _lock: threading.Condition = field(default_factory=threading.Condition)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        """What goes in the activity's `serviceUrl`."""
        return f"{self.root}/"

    def personal_message(self, user: str, text: str) -> dict[str, Any]:
        """The activity `user` sends the bot in a personal chat; its replies come here."""
        return {
            "type": "message",
            "id": f"act-{user}",
            "channelId": "msteams",
            "serviceUrl": self.url,
            "from": {"id": f"29:{user}"},
            "recipient": {"id": "28:jarjestobotti"},
            "conversation": {"id": f"a:{user}", "conversationType": "personal"},
            "text": text,
        }

    def fail_next(self, status: int = 500, times: int = 1) -> None:
        """The next `times` requests are answered `status` (and not recorded as sent)."""
        with self._lock:
            self.failures += [status] * times

    def messages(self) -> list[Sent]:
        """Message activities sent (typing indicators left out), oldest first."""
        with self._lock:
            return [s for s in self.sent if s.type == "message"]

    def wait_for_messages(self, count: int = 1, timeout: float = 30.0) -> list[Sent]:
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.messages()) >= count, timeout):
                raise AssertionError(
                    f"{count} message(s) not sent in {timeout}s; got "
                    f"{[(s.method, s.type) for s in self.sent]}"
                )
            return self.messages()

    def quiet_for(self, seconds: float = 0.7) -> None:
        """Wait until nothing has arrived for `seconds` (to assert nothing *more* came)."""
        wait_until_quiet(self._lock, self.sent, seconds)

    def _record(
        self, method: str, path: str, body: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        with self._lock:
            if self.failures:
                return self.failures.pop(0), {"error": {"code": "ServiceError"}}
        parts = [unquote(p) for p in path.split("/")]
        # ['', 'v3', 'conversations', '{id}', 'activities', ('{replyToId}')]
        conversation = parts[3] if len(parts) > 3 else ""
        reply_to = parts[5] if len(parts) > 5 and parts[5] else None
        with self._lock:
            sent = Sent(method, conversation, reply_to, body, headers, f"reply-{next(self._ids)}")
            self.sent.append(sent)
            self._lock.notify_all()
        return 200, ({"id": sent.id} if method == "POST" else {})


def _handler_for(fake: FakeConnector) -> type[BaseHTTPRequestHandler]:
    class Handler(JsonHandler):
        def _serve(self) -> None:
            path = urlsplit(self.path).path
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if path.rstrip("/") == "/v3/conversations" and self.command == "POST":
                body = json.loads(raw) if raw else {}
                with fake._lock:
                    fake.created.append(body)
                member = ((body.get("members") or [{}])[0] or {}).get("id", "")
                self.send_json(200, {"id": f"a:{member}"})  # Teams: the 1:1 chat id only
                return
            if not path.startswith("/v3/conversations/"):
                self.send_error(404)
                return
            body = json.loads(raw) if raw else {}
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, answer = fake._record(self.command, path, body, headers)
            self.send_json(status, answer)

        do_POST = do_PUT = do_DELETE = _serve

    return Handler


@pytest.fixture
def connector() -> Iterator[FakeConnector]:
    """A fresh recording fake connector service for one test."""
    yield from serve_fake(FakeConnector(), _handler_for)
