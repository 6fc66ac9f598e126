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

from bot.cli.commands import COMMANDS, command_modules
from bot.settings import load_settings
from index.errors import BotError, ConfigError


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (`only`) one command's: a run imports only what it runs."""
    parser = argparse.ArgumentParser(
        prog="jarjestobotti",
        description="Järjestöbotti – järjestöjen palvelut ja järjestöyhteistyön tiekartta.",
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMENTO", required=True)
    for module in command_modules([only] if only in COMMANDS else None):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words[0] if words else None)
    args = parser.parse_args(words)
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
