"""A real SMTP server (aiosmtpd) at the network edge, for tests: what arrived, and how.

with smtp_server(Mailbox()) as (mailbox, port): ...  # plain SMTP on 127.0.0.1
smtp_server(mailbox, tls=cert, logins={"botti": "salasana"})  # STARTTLS + AUTH, required
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.http_fakes import free_port
from tests.tls_fakes import ServerCert


@dataclass
class Mailbox:
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    over_tls: list[bool] = field(default_factory=list)  # per message: after STARTTLS?
    logins: list[tuple[str, str, bool]] = field(default_factory=list)  # (mechanism, user, ok)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        mail = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(mail, EmailMessage)
        self.messages.append(mail)
        self.recipients.append(list(envelope.rcpt_tos))
        self.over_tls.append(session.ssl is not None)
        return "250 OK"


@contextmanager
def smtp_server(
    mailbox: Mailbox,
    *,
    port: int | None = None,
    tls: ServerCert | None = None,
    logins: Mapping[str, str] | None = None,
    mechanisms: tuple[str, ...] = ("LOGIN", "PLAIN"),
) -> Iterator[tuple[Mailbox, int]]:
    """An SMTP server on 127.0.0.1 delivering into `mailbox`. With `tls`, it offers STARTTLS
    and refuses mail before it; with `logins`, AUTH (only `mechanisms`) is required and
    refused before TLS, as a submission server does."""
    options: dict[str, Any] = {}
    if tls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(tls.cert_file, tls.key_file)
        options.update(tls_context=context, require_starttls=True)
    if logins is not None:

        def authenticate(
            _server: Any, _session: Any, _envelope: Any, mechanism: str, data: Any
        ) -> AuthResult:
            assert isinstance(data, LoginPassword)
            user, password = data.login.decode(), data.password.decode()
            ok = logins.get(user) == password
            mailbox.logins.append((mechanism, user, ok))
            return AuthResult(success=ok, handled=False)  # aiosmtpd answers 535

        excluded = {"LOGIN", "PLAIN"} - set(mechanisms)
        options.update(
            authenticator=authenticate,
            auth_required=True,
            auth_require_tls=tls is not None,
            auth_exclude_mechanism=excluded,
        )
    port = port or free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()
