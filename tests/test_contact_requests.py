"""The contact-request service on real SQLite and PostgreSQL: what every surface writes through."""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from handlers.contact.form import ContactForm, validate_contact_form
from handlers.contact.service import (
    DEFAULT_ROUTING,
    ContactNotFoundError,
    ContactRequestResult,
    ContactRequests,
    ContactRequestView,
    ContactStatusError,
    resolve_routing,
)
from handlers.contact.views import RequestFilter, RequestPage
from index.errors import ConfigError
from index.knowledge.loader import load_knowledge
from store.contact_models import ContactRequest, Outbox, StatusChange
from store.models import utcnow
from tests.contact_helpers import T0, at, contact_form

pytest_plugins = ["tests.db_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
FORM = contact_form(
    "Vantaan Seniorit ry",
    "tilat",
    "Tarvitsemme kokoustilan torstaisin.",
    language="fi",
    business_id="0737546-2",
    phone="+358401234567",
    target_unit="ikaantyneet",
)


def create(
    factory: sessionmaker[Session],
    key: str,
    form: ContactForm = FORM,
    moment: datetime = T0,
    channel: str = "web",
) -> str:
    result = create_contact_request(
        factory, form, channel=channel, idempotency_key=key, clock=at(moment)
    )
    assert result.created
    return result.reference


def create_contact_request(
    factory: sessionmaker[Session],
    form: ContactForm,
    *,
    channel: str,
    idempotency_key: str,
    clock: Callable[[], datetime] = utcnow,
    routing: Mapping[str, str] = DEFAULT_ROUTING,
) -> ContactRequestResult:
    service = ContactRequests(factory, routing=routing, clock=clock)
    return service.create(form, channel=channel, idempotency_key=idempotency_key)


def set_status(
    factory: sessionmaker[Session],
    reference: str,
    status: str,
    *,
    actor: str,
    note: str | None,
    clock: Callable[[], datetime] = utcnow,
) -> ContactRequestView:
    return ContactRequests(factory, clock=clock).set_status(
        reference, status, actor=actor, note=note
    )


def get_request(factory: sessionmaker[Session], reference: str) -> ContactRequestView | None:
    return ContactRequests(factory).get(reference)


def list_requests(
    factory: sessionmaker[Session], filters: RequestFilter | None = None, **page: int
) -> RequestPage:
    return ContactRequests(factory).page(filters or RequestFilter(), **page)


def count(factory: sessionmaker[Session], model: type) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_request_is_stored_with_history_and_outbox(session_factory: sessionmaker[Session]) -> None:
    reference = create(session_factory, "form-1")
    assert reference == "YT-2025-000001"
    assert create(session_factory, "form-2") == "YT-2025-000002"
    view = get_request(session_factory, reference)
    assert view is not None
    assert (view.organisation, view.email, view.phone) == (
        "Vantaan Seniorit ry",
        "maija@example.fi",
        "+358401234567",
    )
    assert (view.status, view.owner, view.channel, view.created_at) == ("uusi", None, "web", T0)
    assert view.responsible_role == "tilapalvelut"
    assert [(h.from_status, h.to_status, h.actor) for h in view.history] == [
        (None, "uusi", "lomake (web)")
    ]
    with session_factory() as session:
        kinds = sorted(
            session.scalars(
                select(Outbox.kind)
                .join(ContactRequest, Outbox.request_id == ContactRequest.id)
                .where(ContactRequest.reference == reference)
            )
        )
    assert kinds == ["email", "slack"]


def test_reference_year_is_helsinki_time_and_numbering_restarts(
    session_factory: sessionmaker[Session],
) -> None:
    create(session_factory, "a", moment=datetime(2025, 12, 31, 21, 0, tzinfo=UTC))
    # 22.30 UTC on New Year's Eve is already 2026 in Helsinki.
    late = create(session_factory, "b", moment=datetime(2025, 12, 31, 22, 30, tzinfo=UTC))
    assert late == "YT-2026-000001"
    assert re.fullmatch(r"YT-\d{4}-\d{6}", late)


def test_same_idempotency_key_gives_the_same_request(
    session_factory: sessionmaker[Session],
) -> None:
    first = create_contact_request(
        session_factory, FORM, channel="slack", idempotency_key="view-123", clock=at(T0)
    )
    again = create_contact_request(
        session_factory,
        replace(FORM, message="muutettu"),
        channel="slack",
        idempotency_key="view-123",
        clock=at(T0),
    )
    assert first.created and not again.created
    assert again.reference == first.reference
    assert (
        count(session_factory, ContactRequest),
        count(session_factory, StatusChange),
        count(session_factory, Outbox),
    ) == (1, 1, 2)
    # The key is per channel: a web form with the same random key is another request.
    other = create_contact_request(
        session_factory, FORM, channel="web", idempotency_key="view-123", clock=at(T0)
    )
    assert other.created and other.reference != first.reference


def test_concurrent_submits_get_distinct_references_and_one_row_per_key(
    session_factory: sessionmaker[Session],
) -> None:
    keys = ["k1", "k2", "k3", "k1", "k2", "k3"]
    barrier = threading.Barrier(len(keys))
    results: list[tuple[str, bool]] = []
    errors: list[BaseException] = []

    def submit(key: str) -> None:
        barrier.wait()
        try:
            result = create_contact_request(
                session_factory, FORM, channel="web", idempotency_key=key, clock=at(T0)
            )
            results.append((result.reference, result.created))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=submit, args=(k,)) for k in keys]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(created for _, created in results) == 3
    assert len({ref for ref, _ in results}) == 3
    assert count(session_factory, ContactRequest) == 3


def test_unknown_channel_stores_nothing(session_factory: sessionmaker[Session]) -> None:
    with pytest.raises(ValueError):
        create_contact_request(session_factory, FORM, channel="fax", idempotency_key="x")
    form, errors = validate_contact_form({"organisation": "X", "email": "ei-osoite"}, "fi")
    assert form is None and {"email", "contact_person", "message", "topic", "consent"} <= set(
        errors
    )
    assert count(session_factory, ContactRequest) == 0


def test_routing_follows_topic_and_settings(session_factory: sessionmaker[Session]) -> None:
    roles = load_knowledge(ROOT / "knowledge").roles
    assert set(DEFAULT_ROUTING.values()) <= set(roles)  # every default role exists
    assert DEFAULT_ROUTING["avustukset"] == "avustusvalmistelu"
    routing = resolve_routing({"tilat": "hyte-koordinaatio"}, roles.keys())
    create_contact_request(
        session_factory, FORM, channel="web", idempotency_key="r1", clock=at(T0), routing=routing
    )
    create_contact_request(
        session_factory,
        replace(FORM, topic="avustukset"),
        channel="web",
        idempotency_key="r2",
        clock=at(T0),
        routing=routing,
    )
    page = list_requests(session_factory)
    assert sorted(v.responsible_role for v in page.items) == [
        "avustusvalmistelu",
        "hyte-koordinaatio",
    ]
    with pytest.raises(ConfigError, match="ei-ole-olemassa"):
        resolve_routing({"tilat": "ei-ole-olemassa"}, roles.keys())
    with pytest.raises(ConfigError, match="tuntematon aihe"):
        resolve_routing({"kahvi": "viestinta"}, roles.keys())


def test_status_moves_forward_with_history_and_refuses_the_rest(
    session_factory: sessionmaker[Session],
) -> None:
    reference = create(session_factory, "s1")
    with pytest.raises(ContactStatusError, match="pitää ottaa käsittelyyn") as refused:
        set_status(session_factory, reference, "ratkaistu", actor="liisa", note=None)
    assert "ratkaistuksi" in refused.value.user_message
    taken = set_status(
        session_factory,
        reference,
        "kasittelyssa",
        actor="liisa",
        note="Soitan huomenna.",
        clock=at(T0 + timedelta(hours=1)),
    )
    assert (taken.status, taken.owner, taken.closed_at) == ("kasittelyssa", "liisa", None)
    with pytest.raises(ContactStatusError, match="on jo tilassa ”käsittelyssä”"):
        set_status(session_factory, reference, "kasittelyssa", actor="pekka", note=None)
    done = set_status(
        session_factory,
        reference.lower(),
        "ratkaistu",
        actor="liisa",
        note="Sovittu esittely 12.6.",
        clock=at(T0 + timedelta(days=2)),
    )
    assert done.closed_at == T0 + timedelta(days=2)
    with pytest.raises(ContactStatusError, match="suljettu"):
        set_status(session_factory, reference, "kasittelyssa", actor="liisa", note=None)
    with pytest.raises(ContactNotFoundError, match="YT-2025-999999 ei löydy"):
        set_status(session_factory, "YT-2025-999999", "hylatty", actor="x", note=None)
    with pytest.raises(ContactStatusError, match="Tuntematon tila"):
        set_status(
            session_factory, create(session_factory, "s2"), "arkistoitu", actor="x", note=None
        )
    view = get_request(session_factory, reference)
    assert view is not None and view.status == "ratkaistu"
    assert [(h.from_status, h.to_status, h.actor, h.note) for h in view.history] == [
        (None, "uusi", "lomake (web)", None),
        ("uusi", "kasittelyssa", "liisa", "Soitan huomenna."),
        ("kasittelyssa", "ratkaistu", "liisa", "Sovittu esittely 12.6."),
    ]
    # A spam request can be rejected straight away.
    spam = create(session_factory, "s3")
    assert (
        set_status(session_factory, spam, "hylatty", actor="liisa", note="roskaa").status
        == "hylatty"
    )


def test_purge_anonymises_only_closed_and_old(session_factory: sessionmaker[Session]) -> None:
    long_ago = T0 - timedelta(days=800)
    old_done, old_rejected, recent_done, old_open = (
        create(session_factory, key, moment=long_ago) for key in ("p1", "p2", "p3", "p4")
    )
    for ref, final, when in (
        (old_done, "ratkaistu", long_ago),
        (old_rejected, "hylatty", long_ago),
        (recent_done, "ratkaistu", T0 - timedelta(days=30)),
    ):
        set_status(
            session_factory, ref, "kasittelyssa", actor="liisa", note="Maija 040 1", clock=at(when)
        )
        set_status(session_factory, ref, final, actor="liisa", note=None, clock=at(when))
    cutoff = T0 - timedelta(days=730)
    assert ContactRequests(session_factory, clock=at(T0)).purge_closed(cutoff) == 2
    for ref in (old_done, old_rejected):
        view = get_request(session_factory, ref)
        assert view is not None and view.anonymised
        assert (view.contact_person, view.email, view.phone, view.message) == (
            "[poistettu]",
            "[poistettu]",
            None,
            "[poistettu]",
        )
        assert (view.topic, view.target_unit, view.organisation) == (
            "tilat",
            "ikaantyneet",
            "Vantaan Seniorit ry",
        )  # statistics survive
        assert [h.note for h in view.history] == [None, "[poistettu]", None]
    for ref in (recent_done, old_open):
        view = get_request(session_factory, ref)
        assert view is not None and not view.anonymised
        assert view.email == "maija@example.fi" and view.message == FORM.message
    with session_factory() as session:
        ids = select(ContactRequest.id).where(ContactRequest.anonymised_at.is_not(None))
        assert (
            session.scalar(
                select(func.count()).select_from(Outbox).where(Outbox.request_id.in_(ids))
            )
            == 0
        )
    assert ContactRequests(session_factory).purge_closed(cutoff) == 0  # nothing twice
    with pytest.raises(ValueError):
        ContactRequests(session_factory).purge_closed(datetime(2020, 1, 1))


def test_list_filters_and_search(session_factory: sessionmaker[Session]) -> None:
    create(
        session_factory,
        "l1",
        replace(FORM, organisation="Keravan Nuoret ry", topic="avustukset", target_unit=None),
        moment=datetime(2025, 3, 1, 10, tzinfo=UTC),
    )
    create(
        session_factory,
        "l2",
        replace(
            FORM,
            message="Haluamme esitellä 100% vapaaehtoista toimintaa",
            topic="palvelun-esittely",
        ),
        moment=datetime(2025, 4, 15, 21, 30, tzinfo=UTC),
    )  # 16.4. in Helsinki
    third = create(session_factory, "l3", moment=datetime(2025, 5, 1, 8, tzinfo=UTC))
    set_status(session_factory, third, "kasittelyssa", actor="liisa", note=None)

    def refs(**kwargs: object) -> list[str]:
        return [v.reference for v in list_requests(session_factory, RequestFilter(**kwargs)).items]  # type: ignore[arg-type]

    assert refs() == ["YT-2025-000003", "YT-2025-000002", "YT-2025-000001"]  # newest first
    assert refs(status="kasittelyssa") == [third]
    assert refs(topic="avustukset") == ["YT-2025-000001"]
    assert refs(unit="ikaantyneet") == ["YT-2025-000003", "YT-2025-000002"]
    assert refs(date_from=date(2025, 4, 16), date_to=date(2025, 4, 16)) == ["YT-2025-000002"]
    assert refs(date_to=date(2025, 4, 15)) == ["YT-2025-000001"]
    assert refs(search="keravan nuoret") == ["YT-2025-000001"]
    assert refs(search="100%") == ["YT-2025-000002"]
    assert refs(search="10_%") == []  # wildcards are text, not patterns
    assert refs(search="yt-2025-000003") == [third]
    page = list_requests(session_factory, limit=2, offset=2)
    assert page.total == 3 and [v.reference for v in page.items] == ["YT-2025-000001"]


def test_csv_export_matches_the_rows(session_factory: sessionmaker[Session]) -> None:
    create(
        session_factory,
        "c1",
        replace(FORM, organisation='=HYPERLINK("http://x")', message='Rivi 1;\nrivi 2 "lainaus"'),
    )
    create(
        session_factory,
        "c2",
        replace(FORM, phone=None, business_id=None, target_unit=None, topic="muu"),
        moment=T0 + timedelta(minutes=5),
    )
    body = ContactRequests(session_factory).export_csv()
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["viitenumero", "luotu", "kanava", "tila"]
    views = list_requests(session_factory).items
    assert [r[0] for r in rows[1:]] == [v.reference for v in views]
    newest, oldest = rows[1], rows[2]
    assert newest[0] == "YT-2025-000002" and newest[1] == "2025-06-02T12:35:00+03:00"
    assert newest[6:10] == ["Muu asia", "", "Vantaan Seniorit ry", ""]
    assert oldest[8] == '\'=HYPERLINK("http://x")'  # a formula is defused, not run
    assert oldest[13] == 'Rivi 1;\nrivi 2 "lainaus"'
    assert oldest[10:13] == ["Maija Mehiläinen", "maija@example.fi", "+358401234567"]
    filtered = ContactRequests(session_factory).export_csv(RequestFilter(topic="muu"))
    assert len(list(csv.reader(io.StringIO(filtered.lstrip("\ufeff")), delimiter=";"))) == 2
