"""`jarjestobotti report --from PÄIVÄ --to PÄIVÄ --out raportti.pdf|.html`: the board report.

Counts for the period (Helsinki days, both ends included) from the database
(`JARJESTOBOTTI_DATABASE_URL`), names from the knowledge folder. The file is
written whole or not at all; counts under five are shown as "< 5".
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from bot.cli.knowledge_cmd import add_knowledge_dir_argument, knowledge_dir
from bot.report.html import render_html
from bot.report.pdf import write_pdf
from bot.settings import Settings
from handlers.report.board import build_board_report
from index.knowledge.loader import load_knowledge
from store.db import make_engine, make_session_factory, migrate

FORMATS = (".pdf", ".html")


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"päivämäärä muodossa VVVV-KK-PP, esim. 2026-01-31 (annettu {value!r})"
        ) from None


def run(args: argparse.Namespace, settings: Settings) -> int:
    out: Path = args.out
    if out.suffix.lower() not in FORMATS:
        print("Anna --out-tiedostolle pääte .pdf tai .html.", file=sys.stderr)
        return 2
    if args.end < args.start:
        print("--to on ennen --from-päivää: anna jakso alusta loppuun.", file=sys.stderr)
        return 2
    if not out.parent.is_dir():
        print(f"Kansiota {out.parent} ei ole: luo se tai anna toinen polku.", file=sys.stderr)
        return 2
    kb = load_knowledge(knowledge_dir(args, settings))
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        report, _needs = build_board_report(make_session_factory(engine), kb, args.start, args.end)
    finally:
        engine.dispose()
    if out.suffix.lower() == ".pdf":
        write_pdf(report, out)
    else:
        tmp = out.with_name(out.name + ".kesken")
        tmp.write_text(render_html(report), encoding="utf-8")
        tmp.replace(out)
    print(f"{report.title}: kirjoitettu {out}")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report",
        help="neuvottelukunnan raportti jaksolta (PDF tai HTML)",
        description="Kysymykset, osuvuus, näytetyimmät ja ohjatuimmat palvelut, ohjausten "
        "tilat, järjestöjen vasteaika, palaute, kysytyimmät tiekartan toimenpiteet ja "
        "täyttymättömät tarpeet jaksolta. Vain lukumääriä; alle viisi näytetään '< 5'.",
    )
    parser.add_argument("--from", dest="start", type=_day, required=True, metavar="VVVV-KK-PP")
    parser.add_argument("--to", dest="end", type=_day, required=True, metavar="VVVV-KK-PP")
    parser.add_argument("--out", type=Path, required=True, metavar="TIEDOSTO.pdf|.html")
    add_knowledge_dir_argument(parser)
    parser.set_defaults(func=run)
