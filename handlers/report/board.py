"""The board report (järjestöyhteistyön neuvottelukunta) assembled from the period's counts.

Counts only: no question, need or note text goes in, and every count passes through
`suppress.shown` (1–4 → "< 5"). Names come from the knowledge files (services,
associations, roadmap actions); an id the knowledge no longer has is shown as the id.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from handlers.report.model import BoardReport, Chart, Section, Summary, Table
from handlers.report.suppress import is_small, shown, shown_share
from handlers.report.unmet import NeedTheme, group_needs
from handlers.safe_text import clip
from index.knowledge.model import KnowledgeBase, pick
from store import report_queries as q

__all__ = ["TOP", "build_board_report", "period_of", "unmet_needs"]

HELSINKI = ZoneInfo("Europe/Helsinki")
TOP = 10  # rows in the "most" tables
PLATFORMS = {"slack": "Slack", "teams": "Teams", "web": "Verkkochat", "terminal": "Pääte"}
FITS = (("good", "Sopiva palvelu löytyi"), ("partial", "Lähin, ei tarkka"), ("none", "Ei sopivaa"))
STATUSES = {
    "lahetetty": "Lähetetty",
    "vastaanotettu": "Vastaanotettu",
    "tavoitettu": "Asiakas tavoitettu",
    "ei_tavoitettu": "Ei tavoitettu",
    "ei_sopiva": "Ei sopiva",
}


def period_of(start: date, end: date) -> q.Period:
    """Days `start`..`end` (inclusive) in Helsinki time, as a UTC period."""
    begin = datetime.combine(start, time(), HELSINKI)
    until = datetime.combine(end + timedelta(days=1), time(), HELSINKI)
    return q.Period(begin.astimezone(UTC), until.astimezone(UTC))


def _ranked(
    counts: Counter[str], label: Mapping[str, tuple[str, ...]]
) -> tuple[tuple[str, ...], ...]:
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    return tuple((*label.get(k, (k,)), shown(n)) for k, n in top)


def _bars(title: str, rows: Iterable[tuple[str, int]], horizontal: bool = True) -> Chart:
    pairs = list(rows)
    return Chart(
        title,
        tuple(clip(label, 48) for label, _ in pairs),
        (("", tuple(n for _, n in pairs)),),
        horizontal,
    )


def _questions(counts: q.QueryCounts) -> Section:
    months = sorted({m for m, _ in counts.by_month_platform})
    platforms = sorted({p for _, p in counts.by_month_platform})
    names = [PLATFORMS.get(p, p) for p in platforms]
    series = tuple(
        (name, tuple(counts.by_month_platform[(m, p)] for m in months))
        for name, p in zip(names, platforms, strict=True)
    )
    rows = tuple((m, *(shown(counts.by_month_platform[(m, p)]) for p in platforms)) for m in months)
    table = Table("Kysymykset kuukausittain ja kanavittain", ("Kuukausi", *names), rows)
    chart = Chart("Kysymykset kuukausittain ja kanavittain", tuple(months), series)
    return Section("kysymykset", "Kysymykset", chart=chart, tables=(table,))


def _fit(counts: q.QueryCounts) -> Section:
    total = sum(counts.fits.values())
    rows = tuple(
        (label, shown(counts.fits[k]), shown_share(counts.fits[k], total)) for k, label in FITS
    )
    return Section(
        "osuvuus",
        "Löytyikö sopiva palvelu",
        "Palveluhaut (kysymykset, joihin vastattiin palveluilla) vastauksen osuvuuden mukaan.",
        _bars("Palveluhaut osuvuuden mukaan", ((label, counts.fits[k]) for k, label in FITS)),
        (Table("Palveluhakujen osuvuus", ("Vastaus", "Kysymyksiä", "Osuus"), rows),),
    )


def _shown(counts: q.QueryCounts, kb: KnowledgeBase) -> Section:
    names = {s.id: (pick(s.name, "fi"), pick(s.organization.name, "fi")) for s in kb.services}
    for sid in counts.shown:  # a service since removed from the knowledge: its id
        names.setdefault(sid, (sid, "–"))
    orgs: Counter[str] = Counter()
    for sid, n in counts.shown.items():
        orgs[names[sid][1]] += n
    top = sorted(counts.shown.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    return Section(
        "naytetyt",
        "Näytetyimmät palvelut ja järjestöt",
        "Kuinka monen kysymyksen vastauksessa palvelu oli mukana.",
        _bars("Näytetyimmät palvelut", ((names[s][0], n) for s, n in top)),
        (
            Table(
                "Näytetyimmät palvelut",
                ("Palvelu", "Järjestö", "Vastauksia"),
                _ranked(counts.shown, names),
            ),
            Table("Näytetyimmät järjestöt", ("Järjestö", "Vastauksia"), _ranked(orgs, {})),
        ),
    )


def _referrals(refs: q.ReferralCounts) -> Section:
    services = Counter({(sid, name, org): n for (sid, name, org), n in refs.services.items()})
    top = sorted(services.items(), key=lambda kv: (-kv[1], kv[0][1]))[:TOP]
    by_service = tuple((name, org, shown(n)) for (_sid, name, org), n in top)
    statuses = tuple((label, shown(refs.by_status[k])) for k, label in STATUSES.items())
    return Section(
        "ohjaukset",
        "Ohjaukset järjestöihin",
        f"Ohjauksia yhteensä {shown(refs.total)}.",
        _bars(
            "Ohjaukset tilan mukaan", ((label, refs.by_status[k]) for k, label in STATUSES.items())
        ),
        (
            Table("Ohjatuimmat palvelut", ("Palvelu", "Järjestö", "Ohjauksia"), by_service),
            Table("Ohjaukset tilan mukaan", ("Tila", "Ohjauksia"), statuses),
            Table(
                "Ohjaukset järjestöittäin",
                ("Järjestö", "Ohjauksia"),
                _ranked(refs.by_organisation, {}),
            ),
        ),
    )


def _response(refs: q.ReferralCounts) -> Section:
    rows = []
    for org in sorted(refs.response_hours, key=lambda o: (-len(refs.response_hours[o]), o)):
        hours = refs.response_hours[org]
        median = "–" if is_small(len(hours)) else f"{statistics.median(hours):.1f} h"
        rows.append((org, shown(len(hours)), median))
    return Section(
        "vasteaika",
        "Järjestöjen vasteaika",
        "Aika ohjauksen lähettämisestä järjestön ensimmäiseen vastaukseen (mediaani). "
        "Alle viiden vastauksen järjestöille mediaania ei näytetä.",
        tables=(
            Table("Vasteaika järjestöittäin", ("Järjestö", "Vastattuja", "Mediaani"), tuple(rows)),
        ),
    )


def _feedback(ratings: Counter[int]) -> Section:
    up, down = ratings[1], ratings[-1]
    rows = (
        ("Peukku ylös (hyödyllinen)", shown(up), shown_share(up, up + down)),
        ("Peukku alas (ei hyödyllinen)", shown(down), shown_share(down, up + down)),
    )
    return Section(
        "palaute",
        "Palaute vastauksista",
        chart=_bars("Palaute", (("Peukku ylös", up), ("Peukku alas", down))),
        tables=(Table("Palaute", ("Palaute", "Kpl", "Osuus"), rows),),
    )


def _roadmap(counts: q.QueryCounts, kb: KnowledgeBase) -> Section:
    actions: dict[str, tuple[str, ...]] = {}
    if kb.roadmap is not None:
        for goal in kb.roadmap.goals:
            for ws in goal.workstreams:
                for a in ws.actions:
                    actions[a.id] = (clip(f"{ws.title}: {a.text}", 140),)
    asked = Counter({k: n for k, n in counts.roadmap.items() if k in actions})
    top = sorted(asked.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    return Section(
        "tiekartta",
        "Kysytyimmät tiekartan toimenpiteet",
        "Toimenpiteet, jotka olivat mukana tiekarttakysymysten vastauksissa.",
        _bars("Kysytyimmät toimenpiteet", ((actions[k][0], n) for k, n in top)),
        (Table("Kysytyimmät toimenpiteet", ("Toimenpide", "Kysymyksiä"), _ranked(asked, actions)),),
    )


def _needs(needs: list[NeedTheme]) -> Section:
    rows = tuple(
        (
            t.label,
            shown(t.count),
            ", ".join(f"{m} {shown(n)}" for m, n in t.municipalities.most_common()),
            ", ".join(f"{lang} {shown(n)}" for lang, n in t.languages.most_common()),
        )
        for t in needs
    )
    return Section(
        "tarpeet",
        "Tarpeet, joihin ei löytynyt palvelua",
        "Kysymykset, joihin tietopohjassa ei ollut tarkalleen sopivaa palvelua, "
        "tietopohjan sanaston teemoittain (kysymys voi kuulua useaan teemaan).",
        _bars("Täyttymättömät tarpeet", ((t.label, t.count) for t in needs[:TOP])),
        (
            Table(
                "Täyttymättömät tarpeet", ("Teema", "Kysymyksiä", "Kunta", "Palvelun kieli"), rows
            ),
        ),
    )


def build_board_report(
    session_factory: sessionmaker[Session], kb: KnowledgeBase, start: date, end: date
) -> tuple[BoardReport, list[NeedTheme]]:
    """The report for days `start`..`end`, and the unmet needs (with examples, for the
    coordinators' page). Raises `StorageError` when the database can't be read."""
    period = period_of(start, end)
    counts = q.query_counts(session_factory, period)
    refs = q.referral_counts(session_factory, period)
    ratings = q.feedback_counts(session_factory, period)
    needs = group_needs(q.unmet_questions(session_factory, period), kb.vocabularies)
    searches = sum(counts.fits.values())
    report = BoardReport(start, end)
    report.summary = [
        Summary("Kysymyksiä", shown(counts.total)),
        Summary("Palveluhakuja", shown(searches)),
        Summary("Sopiva palvelu löytyi", shown_share(counts.fits["good"], searches)),
        Summary("Ohjauksia järjestöihin", shown(refs.total)),
        Summary("Peukku ylös", shown_share(ratings[1], ratings[1] + ratings[-1])),
    ]
    report.sections = [
        _questions(counts),
        _fit(counts),
        _shown(counts, kb),
        _referrals(refs),
        _response(refs),
        _feedback(ratings),
        _roadmap(counts, kb),
        _needs(needs),
    ]
    return report, needs


def unmet_needs(
    session_factory: sessionmaker[Session], kb: KnowledgeBase, start: date, end: date
) -> list[NeedTheme]:
    """Only the unmet needs of days `start`..`end` (the coordinators' page)."""
    period = period_of(start, end)
    return group_needs(q.unmet_questions(session_factory, period), kb.vocabularies)
