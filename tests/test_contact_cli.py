"""`jarjestobotti admin add-user` and `jarjestobotti maintenance purge` on both databases."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.cli.main import main
from handlers.contact.service import ContactRequests
from store.contact_models import AdminUser
from tests.contact_helpers import at, contact_form

pytest_plugins = ["tests.db_fixtures"]

FORM = contact_form("Vantaan Seniorit ry", "tilat", "Kokoustila?")


def create(factory: sessionmaker[Session], key: str, moment: datetime) -> str:
    service = ContactRequests(factory, clock=lambda: moment)
    return service.create(FORM, channel="web", idempotency_key=key).reference


def test_cli_adds_coordinator_and_purges(
    db_url: str,
    session_factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("JARJESTOBOTTI_DATABASE_URL", db_url)
    monkeypatch.setattr("sys.stdin", io.StringIO("pitkä-ja-hyvä-salasana\n"))
    assert main(["admin", "add-user", "liisa", "--password-stdin"]) == 0
    assert (
        ContactRequests(session_factory).accounts.authenticate("liisa", "pitkä-ja-hyvä-salasana")
        == "liisa"
    )
    assert (
        ContactRequests(session_factory).accounts.authenticate("liisa", "väärä-salasana-1") is None
    )
    assert (
        ContactRequests(session_factory).accounts.authenticate("pekka", "pitkä-ja-hyvä-salasana")
        is None
    )
    with session_factory() as session:
        stored_hash = session.scalar(select(AdminUser.password_hash))
    assert stored_hash and stored_hash.startswith("$argon2id$") and "pitkä" not in stored_hash
    monkeypatch.setattr("sys.stdin", io.StringIO("lyhyt\n"))
    assert main(["admin", "add-user", "pekka", "--password-stdin"]) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("toinen-pitkä-salasana\n"))
    assert main(["admin", "add-user", "liisa", "--password-stdin"]) == 1  # exists already
    assert "on jo olemassa" in capsys.readouterr().err

    now = datetime.now(UTC)
    old = create(session_factory, "cli-1", now - timedelta(days=800))
    ContactRequests(session_factory, clock=at(now - timedelta(days=790))).set_status(
        old, "hylatty", actor="liisa"
    )
    recent = create(session_factory, "cli-2", now - timedelta(days=800))
    ContactRequests(session_factory, clock=at(now - timedelta(days=300))).set_status(
        recent, "hylatty", actor="liisa"
    )
    assert main(["maintenance", "purge"]) == 0
    out = capsys.readouterr().out
    assert "Yhteydenottoja anonymisoitu: 1 (suljettu yli 24 kk sitten)" in out
    assert "Kyselylokin rivejä poistettu: 0 (yli 180 pv vanhat)" in out
    views = [ContactRequests(session_factory).get(r) for r in (old, recent)]
    assert [v.anonymised if v else None for v in views] == [True, False]
    assert main(["maintenance", "purge", "--months", "6"]) == 0
    assert "anonymisoitu: 1 (suljettu yli 6 kk" in capsys.readouterr().out
