"""`jarjestobotti import ptv PATH... --out DIR`: services from Suomi.fi PTV records.

Prints what was imported, what was skipped and why, what was filled with a
default and every PTV value that has no counterpart in our vocabularies, then
checks the output like `knowledge check`. `--report FILE` writes the full list
(every skipped record, every unmapped value).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.arguments import add_command_group
from bot.settings import Settings
from index.knowledge.loader import VOCABULARIES
from index.ptv.files import import_ptv, read_vocabulary_file, validate_output
from index.ptv.records import ImportReport

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


def run_ptv(args: argparse.Namespace, settings: Settings) -> int:
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
        nargs="+",
        type=Path,
        metavar="POLKU",
        help="PTV-tietueita (JSON) tai kansioita; organisaatio- ja "
        "asiointikanavatietueet täydentävät yhteystietoja",
    )
    ptv.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="KANSIO",
        help="tietopohjakansio, jonka services/-kansioon palvelut kirjoitetaan",
    )
    ptv.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="TIEDOSTO",
        help="kirjoita koko raportti (kaikki ohitetut ja vastineettomat arvot)",
    )
    ptv.set_defaults(func=run_ptv)
