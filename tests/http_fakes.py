"""A stdlib HTTP server on a free loopback port, in a thread: the base of the fakes
that stand in for services this machine can't reach (Slack Web API, Teams connector),
with what the fakes share: a quiet JSON-answering handler, serving a fake, waiting."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator, Mapping, Sized
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol, TypeVar


class Recorder(Protocol):
    root: str  # the fake server's URL, set once it serves


R = TypeVar("R", bound=Recorder)


class JsonHandler(BaseHTTPRequestHandler):
    """Answers in JSON and logs nothing (quiet test output)."""

    def send_json(
        self, status: int, body: object, headers: Mapping[str, str] | None = None
    ) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        return


def serve_fake(fake: R, handler_for: Callable[[R], type[BaseHTTPRequestHandler]]) -> Iterator[R]:
    """Serve `fake` until the test ends (for a fixture to `yield from`)."""
    with serve_in_thread(handler_for(fake)) as root:
        fake.root = root
        yield fake


def free_port() -> int:
    """A loopback port nothing listens on (for a server started elsewhere)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_in_thread(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve until the block ends; yields the root URL (http://127.0.0.1:<port>)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def wait_until_quiet(lock: threading.Condition, records: Sized, seconds: float) -> None:
    """Wait until `records` (guarded by `lock`) has not grown for `seconds`."""
    with lock:
        seen = len(records)
        while True:
            lock.wait(seconds)
            if len(records) == seen:
                return
            seen = len(records)
