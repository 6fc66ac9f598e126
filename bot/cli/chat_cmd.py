"""`jarjestobotti chat`: talk to the bot in a terminal, follow-ups and all."""

from __future__ import annotations

import argparse
import contextlib
import sys

from bot.cli.arguments import add_data_arguments
from bot.runtime import load_runtime
from bot.settings import Settings
from bot.terminal.chat import run_chat
from store.redact import install_log_redaction


def run(args: argparse.Namespace, settings: Settings) -> int:
    install_log_redaction()
    print("Ladataan tietopohjaa ja hakemistoa…", file=sys.stderr)
    rt = load_runtime(
        settings, knowledge_dir=args.knowledge, index_dir=args.index, with_db=not args.no_db
    )
    try:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
        return run_chat(rt.router, sys.stdin, sys.stdout)
    finally:
        if rt.engine is not None:
            rt.engine.dispose()


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("chat", help="keskustele botin kanssa päätteessä")
    p.add_argument(
        "--no-db", action="store_true", help="älä tallenna kysymyksiä tai palautetta tietokantaan"
    )
    add_data_arguments(p)
    p.set_defaults(func=run)
