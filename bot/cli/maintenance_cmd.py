"""`jarjestobotti maintenance purge`: apply the retention periods now.

Contact requests closed longer than JARJESTOBOTTI_CONTACT_RETENTION_MONTHS
(default 24) lose their personal data; query-log rows older than
JARJESTOBOTTI_QUERY_LOG_RETENTION_DAYS are deleted; referrals older than
JARJESTOBOTTI_REFERRAL_RETENTION_DAYS (default 90) lose their need text and client
contact. `serve` does the same daily.
"""

from __future__ import annotations

import argparse

from bot.background.jobs import run_purge
from bot.cli.arguments import add_command_group
from bot.runtime import contact_requests
from bot.settings import Settings
from store.db import make_engine, make_session_factory, migrate


def run_purge_command(args: argparse.Namespace, settings: Settings) -> int:
    if args.months is not None:
        settings = settings.model_copy(update={"contact_retention_months": args.months})
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        factory = make_session_factory(engine)
        result = run_purge(contact_requests(settings, factory), factory, settings)
    finally:
        engine.dispose()
    print(
        f"Yhteydenottoja anonymisoitu: {result.contact_requests} "
        f"(suljettu yli {settings.contact_retention_months} kk sitten)"
    )
    print(
        f"Ohjauksia tyhjennetty: {result.referrals} "
        f"(yli {settings.referral_retention_days} pv vanhat)"
    )
    print(
        f"Kyselylokin rivejä poistettu: {result.query_log} "
        f"(yli {settings.query_log_retention_days} pv vanhat)"
    )
    return 0


def _months(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("vähintään 1 kuukausi")
    return number


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = add_command_group(
        subparsers, "maintenance", "ylläpito: säilytysaikojen siivous", "Ylläpitotehtävät."
    )
    purge = actions.add_parser(
        "purge",
        help="anonymisoi vanhat suljetut yhteydenotot ja poista vanha kyselyloki",
        description="Soveltaa säilytysaikoja heti (serve tekee saman kerran vuorokaudessa).",
    )
    purge.add_argument(
        "--months",
        type=_months,
        default=None,
        metavar="KK",
        help="yhteydenottojen säilytysaika kuukausina "
        "(oletus JARJESTOBOTTI_CONTACT_RETENTION_MONTHS)",
    )
    purge.set_defaults(func=run_purge_command)
