"""Referrals through the one service every surface uses (`handlers.referral.Referrals`),
on SQLite and PostgreSQL, the small knowledge base and a clock the test moves.

What a professional and an association notice: the form in their language, a reference,
a refusal that names the problem (and nothing stored), the association's signed link that
works until it expires and can't be forged, the answer reaching the professional's list,
the client's contact erased when the referral closes, and need and contact erased by
retention.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from threading import Barrier
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.background.jobs import run_purge
from bot.runtime import contact_requests
from bot.settings import load_settings
from bot.web.security import Signer
from handlers.card_view import Button, card_view
from handlers.cards import service_card
from handlers.referral.model import ReferralDraft, ReferralRefused
from handlers.referral.service import Referrals
from index.knowledge.loader import load_knowledge
from store.contact_models import Outbox
from store.referral_models import Referral, ReferralStatusChange
from store.report_queries import Period, referral_counts
from tests.clocks import DateClock
from tests.small_knowledge import SMALL

KB = load_knowledge(SMALL)
WITH_EMAIL = "kielikahvila-ry/suomen-kielen-kahvila"  # contact e-mail in the knowledge
NO_EMAIL = "vantaan-ruoka-apu-ry/ruokakassit"  # no e-mail anywhere
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HETU = "131052-308T"
REFERENCE = re.compile(r"^OH-2026-\d{6}$")


@pytest.fixture
def clock() -> DateClock:
    return DateClock(T0)


def service(
    factory: sessionmaker[Session], clock: DateClock, slack: dict[str, str] | None = None
) -> Referrals:
    return Referrals(
        factory,
        knowledge=lambda: KB,
        signer=Signer("palvelutestin-salaisuus"),
        public_url="https://botti.example.fi/",
        professional_key="testisuola",
        slack_channels=slack or {},
        clock=clock,
    )


def draft(**changes: Any) -> ReferralDraft:
    values: dict[str, Any] = {
        "service_id": WITH_EMAIL,
        "need": "Haluaa harjoitella suomea muiden kanssa, soita 040 765 4321 iltaisin.",
        "contact_method": "client_phone",
        "client_contact": "040 123 4567",
        "consent": True,
        "channel": "slack",
        "professional": "U0AMMATTI",
        "address": {"channel": "C0TIIMI", "thread_ts": "1700000000.000100"},
        "idempotency_key": "V0NAKYMA1",
        "language": "fi",
    }
    values.update(changes)
    return ReferralDraft(**values)


def rows(factory: sessionmaker[Session], table: Any) -> list[Any]:
    with factory() as s:
        return list(s.scalars(select(table)))


def assert_nothing_stored(factory: sessionmaker[Session]) -> None:
    assert rows(factory, Referral) == []
    assert rows(factory, ReferralStatusChange) == []
    assert rows(factory, Outbox) == []


def token_of(link: str) -> str:
    assert link.startswith("https://botti.example.fi/ohjaus/"), link
    return link.rsplit("/", 1)[1]


def test_a_referral_is_stored_with_its_history_and_notifications(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock, slack={"kielikahvila-ry": "C0KIELI"})
    receipt = refs.submit(draft())
    assert REFERENCE.match(receipt.reference)
    assert receipt.created and receipt.status_label == "Lähetetty"
    assert receipt.reference in receipt.message and "Kielikahvila ry" in receipt.message
    [row] = rows(session_factory, Referral)
    assert row.client_contact == "+358401234567"
    assert "040 765 4321" not in row.need and "suomea" in row.need  # redacted like the log
    assert row.professional_hash != "U0AMMATTI" and "U0AMMATTI" not in str(row.__dict__)
    assert row.recipient_email == "info@kielikahvila.example.fi"
    [first] = rows(session_factory, ReferralStatusChange)
    assert (first.from_status, first.to_status) == (None, "lahetetty")
    kinds = sorted(o.kind for o in rows(session_factory, Outbox))
    assert kinds == ["referral_email", "referral_slack"]


def test_the_same_form_twice_is_one_referral(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    first = refs.submit(draft())
    again = refs.submit(draft(need="Toinen teksti"))
    assert again.reference == first.reference and not again.created
    assert "jo lähetetty" in again.message
    assert len(rows(session_factory, Referral)) == 1
    other = refs.submit(draft(idempotency_key="V0NAKYMA2"))
    assert other.reference != first.reference


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"consent": False}, "consent", "suostumu"),
        ({"need": f"Asiakas {HETU} tarvitsee seuraa"}, "need", "henkilötunnus"),
        ({"client_contact": HETU}, "client_contact", "henkilötunnus"),
        ({"need": "   "}, "need", "mitä asiakas tarvitsee"),
        ({"client_contact": ""}, "client_contact", "puhelinnumero"),
        ({"client_contact": "12"}, "client_contact", "puhelinnumero"),
        (
            {"contact_method": "client_email", "client_contact": "ei-osoite"},
            "client_contact",
            "sähköpostiosoite",
        ),
        ({"contact_method": "kirjekyyhky"}, "contact_method", "valitse"),
    ],
)
def test_a_refused_referral_says_why_and_stores_nothing(
    session_factory: sessionmaker[Session],
    clock: DateClock,
    changes: dict[str, Any],
    field: str,
    words: str,
) -> None:
    refs = service(session_factory, clock)
    with pytest.raises(ReferralRefused) as refused:
        refs.submit(draft(**changes))
    assert words in refused.value.errors[field].lower()
    assert "ei lähetetty eikä tallennettu" in refused.value.user_message
    assert_nothing_stored(session_factory)


def test_refusals_come_in_the_professionals_language(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    with pytest.raises(ReferralRefused) as sv:
        refs.submit(draft(consent=False, language="sv"))
    assert "samtycke" in sv.value.errors["consent"]
    with pytest.raises(ReferralRefused) as en:
        refs.submit(draft(need=f"id {HETU}", language="en"))
    assert "identity code" in en.value.errors["need"]
    assert_nothing_stored(session_factory)


def test_the_form_in_each_language(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    fi, sv, en = (refs.form(WITH_EMAIL, lang) for lang in ("fi", "sv", "en"))
    assert [f.id for f in fi.fields] == ["need", "contact_method", "client_contact", "consent"]
    assert (fi.title, sv.title, en.title) == (
        "Ohjaa asiakas",
        "Hänvisa klienten",
        "Refer the client",
    )
    # The names as the knowledge file has them (name, name_sv).
    assert fi.service_name == "Suomen kielen keskustelukahvila"
    assert sv.service_name == "Finska språkcafé" and fi.organisation == "Kielikahvila ry"
    methods = dict(fi.fields[1].options)
    assert set(methods) == {"client_phone", "client_email", "client_contacts", "through_me"}
    assert "henkilötunnus" in fi.privacy_note and "90" in fi.privacy_note
    assert not any("henkilötunnus" in f.label.lower() for f in fi.fields)


def test_an_association_without_email_or_slack_gets_no_button_and_the_form_says_so(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    unreachable = KB.service(NO_EMAIL)
    assert unreachable is not None and not refs.can_refer(unreachable)
    card = service_card(unreachable, None, 1, KB, "fi", T0.date(), referable=False)
    assert all(b.action != "refer" for b in card_view(card, "fi").actions)
    with pytest.raises(ReferralRefused) as refused:
        refs.form(NO_EMAIL, "fi")
    assert "ei voi vastaanottaa ohjauksia botin kautta" in refused.value.user_message
    with pytest.raises(ReferralRefused):
        refs.submit(draft(service_id=NO_EMAIL))
    assert_nothing_stored(session_factory)
    # A Slack channel configured for the organisation makes it reachable.
    with_slack = service(session_factory, clock, slack={"vantaan-ruoka-apu-ry": "C0RUOKA"})
    assert with_slack.can_refer(unreachable)
    receipt = with_slack.submit(draft(service_id=NO_EMAIL))
    assert [o.kind for o in rows(session_factory, Outbox)] == ["referral_slack"]
    [item] = with_slack.claim_due(["referral_slack"], lease=timedelta(minutes=1))
    assert item.message.slack_channel == "C0RUOKA" and receipt.reference in item.message.text


def test_a_reachable_card_has_the_refer_button_in_each_language(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    reachable = KB.service(WITH_EMAIL)
    assert reachable is not None and refs.can_refer(reachable)
    card = service_card(reachable, None, 1, KB, "sv", T0.date(), referable=True)
    assert Button("Hänvisa klienten", "refer", WITH_EMAIL) in card_view(card, "sv").actions
    assert Button("Ohjaa asiakas", "refer", WITH_EMAIL) in card_view(card, "fi").actions


def test_the_association_answers_through_its_link_and_the_professional_sees_it(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    receipt = refs.submit(draft(language="en"))
    [mail] = refs.claim_due(["referral_email"], lease=timedelta(minutes=1))
    assert mail.message.recipient_email == "info@kielikahvila.example.fi"
    assert receipt.reference in mail.message.subject and "+358401234567" in mail.message.text
    token = token_of(mail.message.link)
    assert mail.message.link in mail.message.text
    page = refs.view_for_link(token)
    assert page.client_contact == "+358401234567" and "suomea" in page.need
    assert [s for s, _ in page.choices] == [
        "vastaanotettu",
        "tavoitettu",
        "ei_tavoitettu",
        "ei_sopiva",
    ]
    clock.advance(3600)
    received = refs.answer(token, "vastaanotettu", None)
    assert received.status_label == "Vastaanotettu" and received.client_contact == "+358401234567"
    closed = refs.answer(token, "tavoitettu", "Sovittu tapaaminen ensi viikolle.")
    assert closed.closed and closed.client_contact is None  # erased on close
    [row] = rows(session_factory, Referral)
    assert row.client_contact is None and row.closed_at is not None
    [mine] = refs.mine("slack", "U0AMMATTI", "en")
    assert (mine.reference, mine.status_label) == (receipt.reference, "Client reached")
    assert mine.note == "Sovittu tapaaminen ensi viikolle." and mine.client_contact is None
    assert refs.mine("slack", "U0MUU", "en") == []
    assert refs.mine("teams", "U0AMMATTI", "en") == []
    # Each answer tells the professional in their thread; never with the association's link.
    status = refs.claim_due(["referral_status"], lease=timedelta(minutes=1))
    assert len(status) == 2
    assert all(i.message.address["channel"] == "C0TIIMI" and i.message.link == "" for i in status)
    # Each tells its own step, even when both are sent after the second answer.
    assert [i.message.status_label for i in status] == ["Received", "Client reached"]
    assert (
        status[0].message.note is None and "Note from the association" not in status[0].message.text
    )
    assert "Sovittu tapaaminen ensi viikolle." in status[1].message.text
    assert all(token not in i.message.text for i in status)
    with pytest.raises(ReferralRefused) as again:
        refs.answer(token, "ei_sopiva", None)
    assert "jo vastattu" in again.value.user_message


def test_a_note_with_a_hetu_or_an_unknown_answer_changes_nothing(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    refs.submit(draft())
    token = token_of(refs.link(rows(session_factory, Referral)[0].reference))
    with pytest.raises(ReferralRefused) as hetu:
        refs.answer(token, "tavoitettu", f"Asiakas {HETU} tavoitettu")
    assert "henkilötunnus" in hetu.value.errors["note"]
    with pytest.raises(ReferralRefused) as unknown:
        refs.answer(token, "lahetetty", None)
    assert "status" in unknown.value.errors
    [row] = rows(session_factory, Referral)
    assert row.status == "lahetetty" and row.client_contact == "+358401234567"
    assert len(rows(session_factory, ReferralStatusChange)) == 1


def test_a_forged_or_expired_link_is_refused(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    reference = refs.submit(draft()).reference
    token = token_of(refs.link(reference))
    other = refs.submit(draft(idempotency_key="V0NAKYMA2")).reference
    forged = [
        token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"),
        token.replace(reference, other),
        Signer("toinen-salaisuus").pack("referral-link", reference, token.split(".")[1]),
        "",
        "OH-2026-000001",
    ]
    for bad in forged:
        with pytest.raises(ReferralRefused) as refused:
            refs.view_for_link(bad)
        assert "Linkki ei kelpaa" in refused.value.user_message
        with pytest.raises(ReferralRefused):
            refs.answer(bad, "tavoitettu", None)
    clock.advance(29 * 86400)
    assert refs.view_for_link(token).reference == reference
    clock.advance(2 * 86400)  # 31 days after the referral
    with pytest.raises(ReferralRefused) as expired:
        refs.answer(token, "tavoitettu", None)
    assert "vanhentunut" in expired.value.user_message
    assert {r.status for r in rows(session_factory, Referral)} == {"lahetetty"}


def test_retention_erases_need_and_contact_and_keeps_the_counts(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    old = refs.submit(draft()).reference
    clock.advance(60 * 86400)
    new = refs.submit(draft(idempotency_key="V0NAKYMA2", need="Tuore tarve")).reference
    clock.advance(31 * 86400)  # the first is 91 days old, the second 31
    assert refs.purge_old() == 1
    by_ref = {r.reference: r for r in rows(session_factory, Referral)}
    assert by_ref[old].need == "[poistettu]" and by_ref[old].client_contact is None
    assert by_ref[old].status == "lahetetty" and by_ref[old].service_id == WITH_EMAIL
    assert by_ref[new].need == "Tuore tarve" and by_ref[new].client_contact == "+358401234567"
    assert refs.purge_old() == 0
    assert len(refs.mine("slack", "U0AMMATTI", "fi")) == 2  # still counted and listed


def test_serves_daily_purge_includes_referrals(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    refs.submit(draft())
    settings = load_settings(referral_retention_days=10, user_hash_salt="testisuola")
    contacts = contact_requests(settings, session_factory, clock=clock)
    assert run_purge(contacts, session_factory, settings, now=T0 + timedelta(days=5)).referrals == 0
    result = run_purge(contacts, session_factory, settings, now=T0 + timedelta(days=11))
    assert result.referrals == 1
    assert rows(session_factory, Referral)[0].need == "[poistettu]"


def test_the_board_report_counts_referrals_and_response_times_after_retention(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    refs.submit(draft())
    token = token_of(refs.link(rows(session_factory, Referral)[0].reference))
    clock.advance(3 * 3600)  # the association answers three hours later
    refs.answer(token, "vastaanotettu", None)
    clock.advance(100 * 86400)
    assert refs.purge_old() == 1
    period = Period(T0 - timedelta(days=1), T0 + timedelta(days=1))
    counts = referral_counts(session_factory, period)
    assert counts.total == 1 and counts.by_status["vastaanotettu"] == 1
    assert counts.by_organisation["Kielikahvila ry"] == 1
    assert counts.response_hours["Kielikahvila ry"] == [3.0]


def test_simultaneous_submissions_get_distinct_references_and_a_retry_finds_its_own(
    session_factory: sessionmaker[Session], clock: DateClock
) -> None:
    refs = service(session_factory, clock)
    keys = [f"V{i}" for i in range(6)] * 2  # every form submitted twice at the same moment
    start = Barrier(len(keys))

    def submit(key: str) -> tuple[str, str]:
        start.wait()
        return key, refs.submit(draft(idempotency_key=key)).reference

    with ThreadPoolExecutor(len(keys)) as pool:
        results = list(pool.map(submit, keys))
    by_key: dict[str, set[str]] = {}
    for key, reference in results:
        by_key.setdefault(key, set()).add(reference)
    assert all(len(found) == 1 for found in by_key.values())  # a retry gets its own reference
    references = [next(iter(found)) for found in by_key.values()]
    assert len(set(references)) == 6 and all(REFERENCE.match(r) for r in references)
    assert len(rows(session_factory, Referral)) == 6
    assert len(rows(session_factory, Outbox)) == 6  # one e-mail each
