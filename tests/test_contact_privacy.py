"""Client data in the contact form and the coordinators' notes (issue 13, finding 5).

A henkilötunnus is refused with a message that says why (the form is for associations'
contacts, not client data); a third person's phone, e-mail or street address typed into
the free-text message is redacted before it is stored or sent to the coordinators'
Slack channel, while the submitter's own contact fields stay as they are.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.background.outbox import OutboxSender, slack_transport
from bot.settings import Settings
from handlers.contact.form import validate_contact_form
from handlers.contact.service import ContactNoteError, ContactRequests
from tests.runtime_fixtures import dump_tables

if TYPE_CHECKING:
    from tests.fake_slack import FakeSlack

pytest_plugins = ["tests.db_fixtures", "tests.fake_slack"]

T0 = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)
HETU = "131052-308T"
FORM = {
    "organisation": "Keravan Kuoro ry",
    "contact_person": "Maija Mehiläinen",
    "email": "maija@kuoro.example",
    "phone": "040 765 4321",
    "topic": "muu",
    "consent": "on",
}


@pytest.mark.parametrize(
    ("field", "value", "lang", "words"),
    [
        ("message", f"Asiakkaamme {HETU} tarvitsee apua", "fi", "ei asiakastietoja"),
        ("message", "Asiakas 131052 308T, soittakaa", "fi", "henkilötunnus"),
        ("organisation", f"Kuoro {HETU}", "fi", "henkilötunnus"),
        ("message", f"Klienten {HETU} behöver hjälp", "sv", "personbeteckning"),
        ("contact_person", f"Maija {HETU}", "en", "identity code"),
    ],
)
def test_form_refuses_an_identity_code_and_says_why(
    field: str, value: str, lang: str, words: str
) -> None:
    form, errors = validate_contact_form({**FORM, "message": "Hei", field: value}, lang)
    assert form is None
    assert words in errors[field]


def test_third_person_details_are_redacted_before_storing_and_forwarding(
    session_factory: sessionmaker[Session], db_engine: Engine, fake_slack: FakeSlack
) -> None:
    message = (
        "Jäsenemme Matti Virtanen (matti.virtanen@example.com, puh. 050 111 2233) asuu "
        "Sillitie 5 B 12 ja kaipaa kuljetusapua. Minulle voi soittaa."
    )
    form, errors = validate_contact_form({**FORM, "message": message}, "fi")
    assert form is not None, errors
    service = ContactRequests(session_factory, clock=lambda: T0)
    reference = service.create(form, channel="web", idempotency_key="k1").reference

    stored = service.get(reference)
    assert stored is not None
    assert stored.message == (
        "Jäsenemme Matti Virtanen ([sähköposti], puh. [puhelinnumero]) asuu "
        "[osoite] ja kaipaa kuljetusapua. Minulle voi soittaa."
    )
    assert (stored.email, stored.phone) == ("maija@kuoro.example", "+358407654321")
    everything = json.dumps(dump_tables(db_engine), default=str)
    for leaked in ("matti.virtanen@", "050 111 2233", "Sillitie"):
        assert leaked not in everything

    settings = Settings(
        slack_bot_token="xoxb-testi", slack_api_url=fake_slack.url, slack_coordinator_channel="C0K"
    )
    transport = slack_transport(settings, {})
    assert transport is not None
    assert OutboxSender(service.outbox, {"slack": transport}, clock=lambda: T0).run_once() == 1
    sent = json.dumps(fake_slack.wait_for("chat.postMessage").params, ensure_ascii=False)
    for leaked in ("matti.virtanen@", "050 111 2233", "Sillitie"):
        assert leaked not in sent
    assert "maija@kuoro.example" in sent and "+358407654321" in sent


def test_a_note_with_an_identity_code_is_refused_and_not_stored(
    session_factory: sessionmaker[Session], db_engine: Engine
) -> None:
    form, _ = validate_contact_form({**FORM, "message": "Konsertti 12.9."}, "fi")
    assert form is not None
    service = ContactRequests(session_factory, clock=lambda: T0)
    reference = service.create(form, channel="web", idempotency_key="k2").reference
    with pytest.raises(ContactNoteError) as refused:
        service.set_status(reference, "kasittelyssa", actor="liisa", note=f"Soitin, asiakas {HETU}")
    assert "henkilötunnus" in refused.value.user_message
    view = service.get(reference)
    assert view is not None and view.status == "uusi"
    assert HETU not in json.dumps(dump_tables(db_engine), default=str)
    # Without the code the same change goes through.
    assert service.set_status(reference, "kasittelyssa", actor="liisa", note="Soitin").status == (
        "kasittelyssa"
    )
