"""The association's confirmation e-mail over SMTP as a mail provider takes it: STARTTLS with
a certificate (a test CA the client trusts through SSL_CERT_FILE), then AUTH LOGIN or PLAIN,
on a real server (aiosmtpd). What cannot be sent safely stays pending with its error."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.background.outbox import OutboxSender, email_transport
from bot.settings import Settings
from handlers.contact.service import ContactRequests
from store.contact_models import Outbox
from tests.contact_helpers import at, contact_form
from tests.mail_fakes import Mailbox, smtp_server
from tests.tls_fakes import ServerCert, make_server_cert

# Fixtures: session_factory (SQLite + PostgreSQL).
pytest_plugins = ["tests.db_fixtures"]

USER, PASSWORD = "botti@example.fi", "oikea-salasana"
T0 = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)
FORM = contact_form("Keravan Kuoro ry", "avustukset", "Kysymys avustushausta.", language="fi")


@pytest.fixture
def cert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ServerCert:
    """The server's certificate, from a CA the client's default trust store includes."""
    made = make_server_cert(tmp_path / "tls", "127.0.0.1")
    monkeypatch.setenv("SSL_CERT_FILE", str(made.ca_file))
    return made


@pytest.fixture
def provider(
    session_factory: sessionmaker[Session], cert: ServerCert
) -> Iterator[tuple[Mailbox, int]]:
    """A request whose e-mail waits, and the provider's server (STARTTLS, USER's login)."""
    new_request(session_factory)
    with smtp_server(Mailbox(), tls=cert, logins={USER: PASSWORD}) as served:
        yield served


def sender(
    factory: sessionmaker[Session], port: int, later: float = 0, password: str = PASSWORD
) -> OutboxSender:
    """The outbox sender with SMTP on `port`, `later` seconds after the request came."""
    settings = Settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_from="botti@example.fi",
        smtp_security="starttls",
        smtp_user=USER,
        smtp_password=password,
    )
    transport = email_transport(settings)
    assert transport is not None
    service = ContactRequests(factory, clock=at(T0))
    clock = at(T0 + timedelta(seconds=later))
    return OutboxSender(service.outbox, {"email": transport}, clock=clock)


def new_request(factory: sessionmaker[Session]) -> str:
    return (
        ContactRequests(factory, clock=at(T0))
        .create(FORM, channel="web", idempotency_key="k1")
        .reference
    )


def email_row(factory: sessionmaker[Session]) -> Outbox:
    with factory() as session:
        return session.scalars(select(Outbox).where(Outbox.kind == "email")).one()


@pytest.mark.parametrize("mechanism", ["LOGIN", "PLAIN"])
def test_confirmation_arrives_over_starttls_with_the_login(
    session_factory: sessionmaker[Session], cert: ServerCert, mechanism: str
) -> None:
    reference = new_request(session_factory)
    logins = {USER: PASSWORD}
    with smtp_server(Mailbox(), tls=cert, logins=logins, mechanisms=(mechanism,)) as (box, port):
        assert sender(session_factory, port).run_once() == 1
    assert box.logins == [(mechanism, USER, True)]
    [mail] = box.messages
    assert box.over_tls == [True] and box.recipients == [["maija@example.fi"]]
    assert reference in str(mail["Subject"]) and "Hei Maija Mehiläinen" in mail.get_content()
    row = email_row(session_factory)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)
    assert row.external_id == mail["Message-ID"]


def test_a_password_with_scandinavian_letters_logs_in(
    session_factory: sessionmaker[Session], cert: ServerCert
) -> None:
    """smtplib alone sends credentials as ASCII: "sälasanä" could never log in."""
    new_request(session_factory)
    password = "sälasanä-öljy"
    with smtp_server(Mailbox(), tls=cert, logins={USER: password}) as (box, port):
        assert sender(session_factory, port, password=password).run_once() == 1
    assert box.logins == [("PLAIN", USER, True)] and len(box.messages) == 1
    assert email_row(session_factory).status == "sent"


def test_wrong_password_leaves_the_email_pending_with_the_error(
    session_factory: sessionmaker[Session], provider: tuple[Mailbox, int]
) -> None:
    box, port = provider
    assert sender(session_factory, port, password="vaara-salasana").run_once() == 0
    assert box.messages == [] and {(user, ok) for _m, user, ok in box.logins} == {(USER, False)}
    row = email_row(session_factory)
    assert (row.status, row.attempts, row.sent_at) == ("pending", 1, None)
    assert "SMTPAuthenticationError" in (row.last_error or "")
    assert "535" in (row.last_error or "")


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_server_without_starttls_gets_neither_password_nor_mail(
    session_factory: sessionmaker[Session],
) -> None:
    """STARTTLS is required (the default): a server that does not offer it (or a man in the
    middle who strips it) never sees the password or the message in the clear."""
    new_request(session_factory)
    with smtp_server(Mailbox(), logins={USER: PASSWORD}) as (box, port):
        assert sender(session_factory, port).run_once() == 0
    assert box.logins == [] and box.messages == []
    row = email_row(session_factory)
    assert (row.status, row.attempts, row.sent_at) == ("pending", 1, None)
    assert "SMTPNotSupportedError" in (row.last_error or "")
    assert "STARTTLS" in (row.last_error or "")


def test_untrusted_certificate_is_refused_before_the_login(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    """A certificate no trusted CA signed (SSL_CERT_FILE not pointed at the test CA)."""
    new_request(session_factory)
    stranger = make_server_cert(tmp_path / "vieras", "127.0.0.1")
    with smtp_server(Mailbox(), tls=stranger, logins={USER: PASSWORD}) as (box, port):
        assert sender(session_factory, port).run_once() == 0
    assert box.logins == [] and box.messages == []
    row = email_row(session_factory)
    assert row.status == "pending" and "CERTIFICATE_VERIFY_FAILED" in (row.last_error or "")


def test_pending_email_goes_out_once_the_password_is_fixed(
    session_factory: sessionmaker[Session], provider: tuple[Mailbox, int]
) -> None:
    box, port = provider
    assert sender(session_factory, port, password="vaara-salasana").run_once() == 0
    assert sender(session_factory, port, later=4).run_once() == 0  # backoff: 5 s
    assert sender(session_factory, port, later=6).run_once() == 1
    assert len(box.messages) == 1 and box.over_tls == [True]
    row = email_row(session_factory)
    assert (row.status, row.attempts) == ("sent", 2)
