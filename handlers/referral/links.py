"""The association's signed link: `/ohjaus/<reference>.<expires>.<signature>`.

Signed by the same secret as the other web signing (`bot.web.security.Signer`, passed in
by the runtime as a `LinkSigner`), valid `link_days` from the referral's creation, so the
e-mail and a retried e-mail carry the same link. Time comes from the service's clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

__all__ = ["PURPOSE", "LinkSigner", "make_token", "read_token"]

PURPOSE = "referral-link"


class LinkSigner(Protocol):
    def pack(self, purpose: str, *fields: str) -> str: ...

    def unpack(self, purpose: str, token: str, count: int) -> list[str] | None: ...


def make_token(signer: LinkSigner, reference: str, created: datetime, days: int) -> str:
    expires = int((created + timedelta(days=days)).timestamp())
    return signer.pack(PURPOSE, reference, str(expires))


def read_token(signer: LinkSigner, token: str, now: datetime) -> tuple[str | None, bool]:
    """(reference, expired): (None, False) for a forged or malformed token."""
    fields = signer.unpack(PURPOSE, (token or "").strip()[:200], 2)
    if fields is None or not fields[1].isdigit():
        return None, False
    return fields[0], int(fields[1]) <= now.timestamp()
