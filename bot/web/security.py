"""Small security pieces shared by the contact form and the coordinator view.

- `Signer`: HMAC-SHA256 over a value, so a cookie or hidden field can't be forged; its
  clock dates what expires (stamped tokens, session cookies), so tests can move time.
- CSRF by signed double submit: a random nonce in an HttpOnly cookie, and a
  hidden field signed over that nonce; a cross-site page can read neither.
- `RateLimiter`: a sliding window per client address, in `bot.memory` (or Redis).
- `read_form`: a size-limited `application/x-www-form-urlencoded` body.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from fastapi import Request
from starlette.responses import Response

from bot.memory import LocalMemory, Memory
from bot.settings import Settings

log = logging.getLogger(__name__)

__all__ = [
    "FormTooLarge",
    "RateLimiter",
    "Signer",
    "check_form_token",
    "client_address",
    "issue_form_token",
    "new_token",
    "proxy_options",
    "read_form",
    "set_cookie",
]

FORM_MAX_BYTES = 65_536
CLOCK_SKEW = 300  # seconds a token may seem to come from the future (replicas' clocks)


def new_token(nbytes: int = 18) -> str:
    return secrets.token_urlsafe(nbytes)


class Signer:
    """Signs and checks short strings with a key derived per purpose. `clock` (epoch
    seconds) is the time every expiry signed with it is measured on."""

    def __init__(self, secret: str, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        if not secret:
            log.warning(
                "JARJESTOBOTTI_WEB_SECRET puuttuu: käytetään satunnaista avainta, "
                "joten lomakkeet ja kirjautumiset vanhenevat uudelleenkäynnistyksessä"
            )
            secret = secrets.token_hex(32)
        self._key = hashlib.sha256(b"jarjestobotti-web\x00" + secret.encode()).digest()

    def sign(self, purpose: str, value: str) -> str:
        mac = hmac.new(self._key, f"{purpose}\x00{value}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    def check(self, purpose: str, value: str, signature: str) -> bool:
        # Bytes: compare_digest refuses non-ASCII str, and a forged token may hold any text.
        return hmac.compare_digest(
            self.sign(purpose, value).encode(), signature.encode("utf-8", "replace")
        )

    def stamp(self, purpose: str, value: str) -> str:
        """A token over `value` carrying its issue time: `issued.signature`."""
        issued = str(int(self.clock()))
        return f"{issued}.{self.sign(purpose, f'{value}|{issued}')}"

    def fresh(self, purpose: str, value: str, token: str, max_age: float) -> bool:
        """True if `token` is `stamp(purpose, value)` issued less than `max_age` s ago."""
        issued, _, signature = token.partition(".")
        if not issued.isdigit() or not self.check(purpose, f"{value}|{issued}", signature):
            return False
        return -CLOCK_SKEW <= self.clock() - int(issued) < max_age

    def pack(self, purpose: str, *fields: str) -> str:
        """`field1.field2….signature`; fields must not contain dots."""
        body = ".".join(fields)
        return f"{body}.{self.sign(purpose, body)}"

    def unpack(self, purpose: str, token: str, count: int) -> list[str] | None:
        parts = token.split(".")
        if len(parts) != count + 1:
            return None
        body = ".".join(parts[:-1])
        return parts[:-1] if self.check(purpose, body, parts[-1]) else None


def issue_form_token(signer: Signer, purpose: str, nonce: str) -> str:
    """A form's token: a random submission id, its issue time and a signature over both
    and the browser's cookie `nonce` (CSRF by signed double submit). The submission id is
    also the form's idempotency key."""
    submission, issued = new_token(), str(int(signer.clock()))
    return f"{submission}.{issued}.{signer.sign(purpose, f'{nonce}|{submission}|{issued}')}"


def check_form_token(
    signer: Signer, purpose: str, nonce: str | None, token: str, max_age: float
) -> str | None:
    """The submission id if `token` is genuine, younger than `max_age` s and bound to
    this browser's `nonce`; else None."""
    parts = token.split(".")
    if not nonce or len(parts) != 3 or not parts[1].isdigit():
        return None
    submission, issued, signature = parts
    if not signer.check(purpose, f"{nonce}|{submission}|{issued}", signature):
        return None
    return submission if signer.clock() - int(issued) < max_age else None


class RateLimiter:
    """At most `limit` events per `window` seconds per key (sliding window). The counts
    live in `memory`: this process by default, or a store shared by replicas."""

    def __init__(
        self,
        limit: int,
        window: float = 3600.0,
        max_keys: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
        *,
        memory: Memory | None = None,
        namespace: str = "rate",
    ) -> None:
        self.limit, self.window, self._namespace = limit, window, namespace
        self._memory: Memory = memory if memory is not None else LocalMemory(max_keys, clock)

    def allowed(self, key: str) -> bool:
        return self._memory.count(f"{self._namespace}:{key}", self.window) < self.limit

    def hit(self, key: str) -> None:
        self._memory.add(f"{self._namespace}:{key}", self.window)


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's proxy settings: X-Forwarded-For is believed only from
    `JARJESTOBOTTI_TRUSTED_PROXIES` (none by default, whatever FORWARDED_ALLOW_IPS says)."""
    trusted = settings.trusted_proxies.strip()
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None}


def client_address(request: Request) -> str:
    """The client's address: the socket's peer, or, behind a trusted proxy, the nearest
    address in X-Forwarded-For that is not itself a trusted proxy (`proxy_options`)."""
    return request.client.host if request.client else "unknown"


class FormTooLarge(Exception):
    pass


async def read_form(request: Request, max_bytes: int = FORM_MAX_BYTES) -> dict[str, str]:
    """The urlencoded body as field → first value; raises FormTooLarge past `max_bytes`."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FormTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise FormTooLarge
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {}
    try:
        parsed = parse_qs(
            body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=50
        )
    except ValueError:  # more fields than any of our forms has
        raise FormTooLarge from None
    return {key: values[0] for key, values in parsed.items()}


def set_cookie(
    response: Response,
    name: str,
    value: str,
    *,
    path: str,
    secure: bool,
    max_age: int | None = None,
) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path=path, secure=secure, httponly=True, samesite="lax"
    )
