"""The numbers of the board report: counts over the query log, feedback and referrals.

Only counts and ids leave this module, never a question's or a referral's text, except
`unmet_questions`, which returns the (already redacted) wording of the questions nothing
fitted, for the coordinators' page of unmet needs. Grouping is done in Python over the
period's rows, so the same code runs on SQLite and PostgreSQL (JSON arrays and month
truncation differ between them) — a period of a year is tens of thousands of rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from store.db import transaction
from store.models import Feedback, QueryLog
from store.referral_models import Referral

__all__ = [
    "UNMET_FITS",
    "Period",
    "QueryCounts",
    "ReferralCounts",
    "UnmetQuestion",
    "feedback_counts",
    "query_counts",
    "referral_counts",
    "unmet_questions",
]

# "Nothing fitted": the answers that open with "no service fits this exactly" — the
# abstention ("none") and the nearest services shown with that warning ("partial").
UNMET_FITS = ("none", "partial")
ACTION = "lukiessa raportin lukuja"


@dataclass(frozen=True)
class Period:
    """[start, end): timezone-aware."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("period bounds must be timezone-aware")
        if self.end <= self.start:
            raise ValueError("period end must be after its start")


@dataclass
class QueryCounts:
    by_month_platform: Counter[tuple[str, str]] = field(default_factory=Counter)
    fits: Counter[str] = field(default_factory=Counter)  # service answers: good/partial/none
    shown: Counter[str] = field(default_factory=Counter)  # service ids listed in answers
    roadmap: Counter[str] = field(default_factory=Counter)  # ids in roadmap answers

    @property
    def total(self) -> int:
        return sum(self.by_month_platform.values())


@dataclass
class ReferralCounts:
    services: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # id, name, org
    by_status: Counter[str] = field(default_factory=Counter)
    by_organisation: Counter[str] = field(default_factory=Counter)
    # association → hours from sending to its first answer, one per answered referral
    response_hours: dict[str, list[float]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass(frozen=True)
class UnmetQuestion:
    question: str  # redacted when logged
    language: str  # the question's language
    fit: str
    municipality: str | None
    service_language: str | None  # the language the client needs, when said
    themes: tuple[str, ...]  # vocabulary ids read from the question
    target_groups: tuple[str, ...]


def _in(period: Period, column: Any) -> Any:
    return (column >= period.start) & (column < period.end)


def query_counts(session_factory: sessionmaker[Session], period: Period) -> QueryCounts:
    """Questions per month and platform, fit verdicts, services and roadmap items shown."""
    out = QueryCounts()
    stmt = select(
        QueryLog.created_at, QueryLog.platform, QueryLog.intent, QueryLog.fit, QueryLog.result_ids
    ).where(_in(period, QueryLog.created_at))
    with transaction(session_factory, ACTION) as session:
        for created, platform, intent, fit, result_ids in session.execute(stmt):
            out.by_month_platform[(f"{created.year:04d}-{created.month:02d}", platform)] += 1
            ids = [str(i) for i in result_ids or []]
            if intent == "services":
                if fit:
                    out.fits[fit] += 1
                out.shown.update(set(ids))
            elif intent == "roadmap":
                out.roadmap.update(set(ids))
    return out


def feedback_counts(session_factory: sessionmaker[Session], period: Period) -> Counter[int]:
    """👍 (+1) and 👎 (-1) given in the period."""
    stmt = select(Feedback.rating).where(_in(period, Feedback.created_at))
    with transaction(session_factory, ACTION) as session:
        return Counter(int(r) for r in session.execute(stmt).scalars())


def referral_counts(session_factory: sessionmaker[Session], period: Period) -> ReferralCounts:
    """Referrals made in the period: by service, status and association; response times."""
    out = ReferralCounts()
    stmt = select(
        Referral.service_id,
        Referral.service_name,
        Referral.organisation,
        Referral.status,
        Referral.created_at,
        Referral.first_response_at,
    ).where(_in(period, Referral.created_at))
    with transaction(session_factory, ACTION) as session:
        for service_id, name, org, status, created, first in session.execute(stmt):
            out.services[(service_id, name, org)] += 1
            out.by_status[status] += 1
            out.by_organisation[org] += 1
            if first is not None:
                hours = (first - created).total_seconds() / 3600
                out.response_hours.setdefault(org, []).append(max(0.0, hours))
    return out


def unmet_questions(session_factory: sessionmaker[Session], period: Period) -> list[UnmetQuestion]:
    """Service questions of the period answered with "nothing fits exactly", oldest first."""
    stmt = (
        select(QueryLog.question, QueryLog.language, QueryLog.fit, QueryLog.filters)
        .where(_in(period, QueryLog.created_at), QueryLog.fit.in_(UNMET_FITS))
        .order_by(QueryLog.created_at, QueryLog.id)
    )
    with transaction(session_factory, ACTION) as session:
        rows = session.execute(stmt).all()

    def ids(value: Any) -> tuple[str, ...]:
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    out = []
    for question, language, fit, filters in rows:
        f = filters if isinstance(filters, dict) else {}
        muni, lang = f.get("municipality"), f.get("language")
        out.append(
            UnmetQuestion(
                question=question,
                language=language,
                fit=fit,
                municipality=muni if isinstance(muni, str) else None,
                service_language=lang if isinstance(lang, str) else None,
                themes=ids(f.get("themes")),
                target_groups=ids(f.get("target_groups")),
            )
        )
    return out
