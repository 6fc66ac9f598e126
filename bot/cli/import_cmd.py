"""`jarjestobotti import ptv PATH... --out DIR`: services from Suomi.fi PTV records;
`jarjestobotti import ptv --api URL [--municipality CODE]... [--include-public]`: the
same from the PTV Open API, only what changed since the last run (index/ptv/sync.py).

Prints what was imported, what was skipped and why, what was filled with a
default and every PTV value that has no counterpart in our vocabularies, then
checks the output like `knowledge check`. `--report FILE` writes the full list
(every skipped record, every unmapped value).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from bot.cli.arguments import add_command_group
from bot.settings import Settings
from index.errors import BotError, KnowledgeError
from index.knowledge.loader import VOCABULARIES
from index.ptv.api import PtvClient
from index.ptv.files import import_ptv, read_vocabulary_file, validate_output
from index.ptv.records import ImportReport
from index.ptv.sync import SyncResult, sync_ptv

TOP = 12  # unmapped values per kind on screen; --report has them all


def report_lines(report: ImportReport, out: Path, full: bool) -> list[str]:
    skipped = len(report.skipped)
    lines = [
        f"PTV-tuonti: luettiin {report.records} palvelutietuetta.",
        f"Tuotiin {report.converted} palvelua: uusia {report.created}, päivitettyjä "
        f"{report.updated}, ennallaan {report.unchanged}; kirjoitettiin "
        f"{len(report.written)} tiedostoa → {out / 'services'}",
    ]
    lines += [f"  {rel}" for rel in report.written] if full else []
    lines.append(f"Ohitettiin {skipped} palvelua (ensisijainen syy):")
    lines += [f"  {n:4d}  {why}" for why, n in report.skip_reasons.most_common()]
    if full:
        lines += [f"  - {pid} {name}: {'; '.join(why)}" for pid, name, why in report.skipped]
    if report.defaults:
        lines.append("Täydennettiin oletusarvolla (tarkista nämä):")
        lines += [f"  {n:4d}  {what}" for what, n in report.defaults.most_common()]
    kinds = sorted({what for what, _ in report.unmapped})
    lines.append(
        f"Ei vastinetta sanastossa: {len(report.unmapped)} eri arvoa "
        "(lisää tarvittaessa index/ptv/mapping.py:hyn)"
    )
    for kind in kinds:
        values = sorted(
            ((n, v) for (k, v), n in report.unmapped.items() if k == kind), reverse=True
        )
        shown = values if full else values[:TOP]
        lines.append(
            f"  {kind} ({len(values)}): "
            + ", ".join(f"{v} ×{n}" for n, v in shown)
            + ("" if len(shown) == len(values) else ", …")
        )
    if report.errors:
        lines.append(f"Virheitä ({len(report.errors)}):")
        lines += [f"  {e}" for e in report.errors]
    return lines


def sync_lines(result: SyncResult, full: bool) -> list[str]:
    """What a sync run did: how it asked, what changed, what left and why."""
    lines = [f"PTV-synkronointi {result.started_at:%Y-%m-%d %H:%M} UTC:"]
    lines += [f"  kunta {code}: {mode}" for code, mode in result.modes.items()]
    if result.changed_ids:
        lines.append(
            f"  muutoslistoilla {result.changed_ids} palvelua koko PTV:stä; "
            f"muiden kuntien palveluja {result.outside}"
        )
    lines.append(f"  pyyntöjä rajapintaan {result.requests}")
    shown = result.report.changes if full else result.report.changes[:TOP]
    lines += [f"  {kind}: {sid} ({name})" for kind, sid, name in shown]
    if len(shown) < len(result.report.changes):
        lines.append(f"  … ja {len(result.report.changes) - len(shown)} muuta (--report)")
    lines.append(f"Poistettiin {len(result.report.removed)} palvelua:")
    lines += [
        f"  - {sid} ({name}): {result.why_removed.get(pid, '')}"
        for pid, sid, name in result.report.removed
    ]
    if not result.swapped:
        lines.append("Tietopohjaan ei tullut muutoksia.")
    return lines


def run_api(args: argparse.Namespace, settings: Settings) -> int:
    out: Path = args.out or settings.knowledge_dir
    codes = tuple(args.municipality or settings.ptv_municipality_codes)
    include_public = args.include_public or settings.ptv_include_public
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request
    try:
        with PtvClient(
            args.api, timeout=settings.ptv_timeout_seconds, retries=settings.ptv_retries
        ) as client:
            result = sync_ptv(client, out, codes, include_public=include_public)
    except KnowledgeError as exc:
        print("PTV-synkronointi keskeytyi: korjaa nämä kohdat (knowledge check) ja aja uudelleen.")
        print("\n".join(f"  {p}" for p in exc.problems))
        print("Tietopohjaa ei muutettu.")
        return 1
    except BotError as exc:
        print(f"PTV-synkronointi epäonnistui: {exc}")
        return 1
    lines = sync_lines(result, full=False) + report_lines(result.report, out, full=False)
    print("\n".join(lines))
    if args.report is not None:
        full = sync_lines(result, True) + report_lines(result.report, out, True)
        args.report.write_text("\n".join(full) + "\n", encoding="utf-8")
        print(f"Koko raportti: {args.report}")
    print("Tarkistus: tietopohja läpäisee tarkistuksen (knowledge check).")
    return 0


def run_ptv(args: argparse.Namespace, settings: Settings) -> int:
    if args.api:
        return run_api(args, settings)
    if not args.paths or args.out is None:
        print("Anna PTV-tiedostot ja --out KANSIO, tai --api OSOITE.")
        return 2
    out: Path = args.out
    vocab_file = out / VOCABULARIES
    if not vocab_file.is_file():
        vocab_file = settings.knowledge_dir / VOCABULARIES
    report = import_ptv(list(args.paths), out, read_vocabulary_file(vocab_file))
    for line in report_lines(report, out, full=False):
        print(line)
    if args.report is not None:
        args.report.write_text(
            "\n".join(report_lines(report, out, full=True)) + "\n", encoding="utf-8"
        )
        print(f"Koko raportti: {args.report}")
    problems = validate_output(out, settings.knowledge_dir)
    if problems:
        print(f"Tarkistus: tuonnin tulos ei kelpaa ({len(problems)} virhettä):")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print("Tarkistus: tuotetut palvelutiedostot läpäisevät tarkistuksen (knowledge check).")
    return 1 if report.errors else 0


def municipality_code(value: str) -> str:
    if not (len(value) == 3 and value.isdigit()):
        raise argparse.ArgumentTypeError(
            f"kuntanumero on kolme numeroa, esim. 092 (saatiin {value!r})"
        )
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    isub = add_command_group(sub, "import", "tuo palveluja muista lähteistä", metavar="LÄHDE")
    ptv = isub.add_parser(
        "ptv",
        help="tuo palvelut Suomi.fi-palvelutietovarannon (PTV) JSON-tietueista",
        description="Muuntaa PTV Open API -palvelutietueet (v11) tietopohjan "
        "palvelutiedostoiksi, yksi tiedosto järjestöä kohden. Uusi tuonti päivittää PTV:n "
        "omistamat kentät ja säilyttää koordinaattorien muut muokkaukset.",
    )
    ptv.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="POLKU",
        help="PTV-tietueita (JSON) tai kansioita; organisaatio- ja "
        "asiointikanavatietueet täydentävät yhteystietoja",
    )
    ptv.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="KANSIO",
        help="tietopohjakansio, jonka services/-kansioon palvelut kirjoitetaan "
        "(--api: oletuksena JARJESTOBOTTI_KNOWLEDGE_DIR)",
    )
    ptv.add_argument(
        "--api",
        default=None,
        metavar="OSOITE",
        help="hae PTV Open API v11:stä (esim. https://api.palvelutietovaranto.suomi.fi); "
        "vain edellisen onnistuneen haun jälkeiset muutokset",
    )
    ptv.add_argument(
        "--municipality",
        action="append",
        type=municipality_code,
        metavar="KOODI",
        help="kuntanumero (toistettava); oletuksena JARJESTOBOTTI_PTV_MUNICIPALITIES (092, 245)",
    )
    ptv.add_argument(
        "--include-public",
        action="store_true",
        help="myös julkisten toimijoiden (kunta, valtio, alueet) palvelut, ei vain järjestöjen",
    )
    ptv.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="TIEDOSTO",
        help="kirjoita koko raportti (kaikki ohitetut ja vastineettomat arvot)",
    )
    ptv.set_defaults(func=run_ptv)
