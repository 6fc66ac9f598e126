"""`jarjestobotti knowledge …`: work with the knowledge folder coordinators edit.

knowledge check [--knowledge DIR]   list every problem in the files, exit 1 if any
knowledge report [--knowledge DIR]  content health: stale, unreachable, near-duplicate
                                    services and unused vocabulary values (Finnish text)
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from bot.cli.arguments import add_command_group
from bot.settings import Settings
from index.errors import KnowledgeError
from index.knowledge.health import (
    DUPLICATE_THRESHOLD,
    health_report,
    report_text,
    vectors_for_report,
)
from index.knowledge.loader import load_knowledge
from index.knowledge.model import KnowledgeBase


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = add_command_group(
        subparsers,
        "knowledge",
        "tietopohjan tarkistus",
        "Tietopohjan (knowledge-kansion) tarkistus.",
    )
    check = actions.add_parser(
        "check",
        help="tarkista tietopohjan tiedostot ja listaa kaikki virheet",
        description="Tarkistaa kaikki tietopohjan tiedostot ja listaa jokaisen virheen "
        "muodossa tiedosto:rivi: kenttä: mikä on vialla — miten korjataan.",
    )
    add_knowledge_dir_argument(check)
    check.set_defaults(func=run_check)
    report = actions.add_parser(
        "report",
        help="sisältöraportti: vanhat, yhteystiedottomat ja lähes samat palvelut sekä "
        "käyttämättömät sanaston arvot",
        description="Listaa palvelut, joita ei ole päivitetty 12 kuukauteen, palvelut ilman "
        "yhteystapaa, lähes samanlaiset palvelut (hakemiston upotusten samankaltaisuus) ja "
        "sanaston arvot, joita mikään palvelu ei käytä.",
    )
    add_knowledge_dir_argument(report)
    report.add_argument(
        "--index",
        metavar="KANSIO",
        type=Path,
        default=None,
        help="hakemisto, jonka upotuksia käytetään (oletus JARJESTOBOTTI_INDEX_DIR)",
    )
    report.add_argument(
        "--threshold",
        type=float,
        default=DUPLICATE_THRESHOLD,
        help=f"samankaltaisuus, josta alkaen palvelut ovat lähes samoja "
        f"(oletus {DUPLICATE_THRESHOLD})",
    )
    report.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="päivä, johon päivitysten ikä verrataan (VVVV-KK-PP, oletus tänään)",
    )
    report.set_defaults(func=run_report)


def add_knowledge_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge",
        metavar="KANSIO",
        type=Path,
        default=None,
        help="tietopohjakansio (oletus: asetus JARJESTOBOTTI_KNOWLEDGE_DIR tai ./knowledge)",
    )


def knowledge_dir(args: argparse.Namespace, settings: Settings) -> Path:
    """The folder from `--knowledge`, else from the settings."""
    chosen: Path | None = args.knowledge
    return chosen if chosen is not None else settings.knowledge_dir


def load_or_print_problems(root: Path) -> KnowledgeBase | None:
    """The knowledge in `root`; None after printing every problem and a summary."""
    try:
        return load_knowledge(root)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem)
        print(problem_summary(len(exc.problems), len({p.file for p in exc.problems})))
        return None


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    """Print every problem and a summary; 1 if there is anything to fix."""
    kb = load_or_print_problems(knowledge_dir(args, settings))
    if kb is None:
        return 1
    print(ok_summary(kb))
    return 0


def run_report(args: argparse.Namespace, settings: Settings) -> int:
    """Print the content health report; 1 only if the knowledge doesn't load."""
    kb = load_or_print_problems(knowledge_dir(args, settings))
    if kb is None:
        return 1
    from bot.runtime import embedder_from

    vectors = vectors_for_report(
        kb, args.index or settings.index_dir, embedder_from(settings), settings.embedding_cache_dir
    )
    today = args.today or date.today()
    print(report_text(health_report(kb, vectors, today, threshold=args.threshold)), end="")
    return 0


def problem_summary(count: int, files: int) -> str:
    errors = "1 virhe" if count == 1 else f"{count} virhettä"
    where = "1 tiedostossa" if files == 1 else f"{files} tiedostossa"
    return f"Tietopohjassa on {errors} ({where}). Korjaa ja tarkista uudelleen."


def ok_summary(kb: KnowledgeBase) -> str:
    sections = sum(len(doc.sections) for doc in kb.guidance)
    parts = [
        f"{len(kb.services)} palvelua ({len(kb.organizations)} järjestöä)",
        f"{len(kb.guidance)} ohjetta ({sections} osiota)",
    ]
    if kb.roadmap is not None:
        workstreams = [ws for goal in kb.roadmap.goals for ws in goal.workstreams]
        actions = sum(len(ws.actions) for ws in workstreams)
        parts.append(
            f"tiekartassa {len(kb.roadmap.goals)} tavoitetta, "
            f"{len(workstreams)} toimenpidekokonaisuutta ja {actions} toimenpidettä"
        )
    parts.append(f"{len(kb.roles)} roolia")
    return "Tietopohja on kunnossa: " + ", ".join(parts) + "."
