"""A fake Slack Socket Mode endpoint (WebSocket on localhost) for tests.

Slack's Socket Mode: the app asks `apps.connections.open` (Web API) for a
WebSocket URL, connects out, receives `hello`, then envelopes
(`{"envelope_id", "type": "events_api", "payload": ...}`) that it must ack
by sending `{"envelope_id": ...}` back. This serves that WebSocket with
aiohttp in a thread; point the fake Web API's `apps.connections.open` at
`.url` with `FakeSlack.answer_with`.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp import WSMsgType, web


class FakeSocketMode:
    def __init__(self) -> None:
        self.url = ""
        self.acks: list[dict[str, Any]] = []
        self.connected = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._socket: web.WebSocketResponse | None = None
        self._cond = threading.Condition()

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._socket = ws
        await ws.send_str(
            json.dumps({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"}})
        )
        self.connected.set()
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                with self._cond:
                    self.acks.append(json.loads(msg.data))
                    self._cond.notify_all()
        return ws

    def send(self, envelope: dict[str, Any]) -> None:
        """Deliver one envelope to the connected app."""
        assert self._loop is not None and self._socket is not None, "no app connected"
        data = json.dumps(envelope)
        asyncio.run_coroutine_threadsafe(self._socket.send_str(data), self._loop).result(5)

    def wait_ack(self, envelope_id: str, timeout: float = 10) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for ack in self.acks:
                    if ack.get("envelope_id") == envelope_id:
                        return ack
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no ack for {envelope_id}; got {self.acks}")
                self._cond.wait(left)


@contextmanager
def fake_socket_mode() -> Iterator[FakeSocketMode]:
    fake = FakeSocketMode()
    ready = threading.Event()
    stop: dict[str, Any] = {}

    def run() -> None:
        loop = asyncio.new_event_loop()
        fake._loop = loop
        app = web.Application()
        app.router.add_get("/link", fake._link)
        runner = web.AppRunner(app)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        port = runner.addresses[0][1]
        fake.url = f"ws://127.0.0.1:{port}/link"
        stop["event"] = asyncio.Event()
        ready.set()
        loop.run_until_complete(stop["event"].wait())
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield fake
    finally:
        assert fake._loop is not None
        fake._loop.call_soon_threadsafe(stop["event"].set)
        thread.join(timeout=10)
