"""A database seeded for the board report: questions, feedback and referrals with known
counts, some of them under five, and text that must never reach the report.

`CLIENT_TEXT` is what a report must never show: question wordings, a referral's need
and the association's note, a feedback comment.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from store.db import transaction
from store.models import Feedback, QueryLog
from store.referral_models import Referral, ReferralStatusChange

WIDOWS = "lahteella-ry/leskien-ryhma"
FOOD = "keravan-yhteisoapu-ry/ruokajako-savio"
ACTION = "t1-yhteinen-suunta-ja-mittarit-2024-1"
# Wordings stored in the seeded rows; none of them may appear in a report.
QUESTION_TEXT = "Aune-mummo kaipaa seuraa iltaisin, istuu yksin ikkunan ääressä"
NEED_TEXT = "Asiakas toivoo soittoa aamupäivisin, kuulee huonosti"
NOTE_TEXT = "Soitimme, asiakas ilahtui kovasti"
COMMENT_TEXT = "Tosi hyvä vinkki Aunelle"
CLIENT_TEXT = (QUESTION_TEXT, NEED_TEXT, NOTE_TEXT, COMMENT_TEXT, "Aune")

# What the seed holds in January–February 2026 (and one row outside the period).
SLACK_JANUARY = 12
TEAMS_JANUARY = 3  # under five: "< 5"
WEB_FEBRUARY = 7
ROADMAP_FEBRUARY = 6  # roadmap questions on the web chat, each answered with ACTION
GOOD, PARTIAL, NONE = 14, 5, 3  # fits of the 22 service questions
THUMBS_UP, THUMBS_DOWN = 9, 2
REFERRALS_WIDOWS, REFERRALS_FOOD = 6, 2
REACHED = 6  # of the widows' referrals; answered after 2, 4, 6, 8, 10, 12 hours


def _at(day: int, month: int = 1, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def _question(n: int, when: datetime, platform: str, fit: str | None, intent: str) -> QueryLog:
    results = {"services": [WIDOWS, FOOD], "roadmap": [ACTION]}.get(intent, [])
    return QueryLog(
        created_at=when,
        platform=platform,
        user_hash=f"{n:064d}",
        question=QUESTION_TEXT,
        language="fi",
        intent=intent,
        filters={"municipality": "vantaa", "themes": ["yksinaisyys"], "target_groups": []},
        result_ids=results,
        latency_ms=100,
        abstained=fit == "none",
        fit=fit,
    )


def seed_report(session_factory: sessionmaker[Session]) -> None:
    fits = ["good"] * GOOD + ["partial"] * PARTIAL + ["none"] * NONE
    rows: list[QueryLog] = []
    for i in range(SLACK_JANUARY):
        rows.append(_question(len(rows), _at(2 + i), "slack", fits.pop(), "services"))
    for i in range(TEAMS_JANUARY):
        rows.append(_question(len(rows), _at(5 + i), "teams", fits.pop(), "services"))
    for i in range(WEB_FEBRUARY):
        rows.append(_question(len(rows), _at(3 + i, 2), "web", fits.pop(), "services"))
    assert not fits
    for i in range(ROADMAP_FEBRUARY):
        rows.append(_question(len(rows), _at(12 + i, 2), "web", None, "roadmap"))
    outside = _question(99, _at(1, 4), "slack", "good", "services")  # April: not in the period
    with transaction(session_factory, "testidata") as session:
        session.add_all([*rows, outside])
        session.flush()
        ratings = [1] * THUMBS_UP + [-1] * THUMBS_DOWN
        for row, rating in zip(rows, ratings, strict=False):
            session.add(
                Feedback(
                    created_at=row.created_at,
                    query_log_id=row.id,
                    platform=row.platform,
                    user_hash=row.user_hash,
                    rating=rating,
                    comment=COMMENT_TEXT,
                )
            )
        services = [(WIDOWS, "Leskien vertaisryhmä", "Lähteellä ry")] * REFERRALS_WIDOWS
        services += [(FOOD, "Ruokajako Saviolla", "Keravan Yhteisöapu ry")] * REFERRALS_FOOD
        for n, (sid, name, org) in enumerate(services):
            created = _at(10 + n)
            answered = n < REACHED
            referral = Referral(
                reference=f"OH-2026-{n + 1:06d}",
                idempotency_key=f"{n:064d}",
                created_at=created,
                channel="slack",
                language="fi",
                professional_hash=f"{n:064d}",
                service_id=sid,
                service_name=name,
                organisation=org,
                need=NEED_TEXT,
                contact_method="client_contacts",
                consent=True,
                status="tavoitettu" if answered else "lahetetty",
                first_response_at=created + timedelta(hours=2 * (n + 1)) if answered else None,
            )
            session.add(referral)
            session.flush()
            if answered:
                session.add(
                    ReferralStatusChange(
                        referral_id=referral.id,
                        from_status="lahetetty",
                        to_status="tavoitettu",
                        actor=org,
                        note=NOTE_TEXT,
                    )
                )
