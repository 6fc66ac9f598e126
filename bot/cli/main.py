"""`jarjestobotti` command line: one sub-command module per area, registered explicitly.

Each module in `bot.cli.commands` lists; each `register(subparsers)`, which adds its
parsers and sets `func(args, settings) -> int` as the handler. Errors the bot
can explain (`BotError`) become a message on stderr and exit status 1/2.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.cli.commands import COMMAND_MODULES
from bot.settings import load_settings
from index.errors import BotError, ConfigError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jarjestobotti",
        description="Järjestöbotti – järjestöjen palvelut ja järjestöyhteistyön tiekartta.",
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMENTO", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        code: int = args.func(args, settings)
    except BotError as exc:
        print(f"virhe: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
