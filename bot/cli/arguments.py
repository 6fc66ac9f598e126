"""Argument shapes that several `jarjestobotti` sub-commands share."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_command_group(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str,
    description: str | None = None,
    *,
    metavar: str = "TOIMINTO",
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """`jarjestobotti NAME ACTION …`: a command whose ACTION is required (`args.NAME_command`)."""
    parser = sub.add_parser(name, help=help, description=description)
    return parser.add_subparsers(dest=f"{name}_command", metavar=metavar, required=True)


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """`--knowledge` and `--index`: the folders to answer from (default: the settings)."""
    parser.add_argument("--knowledge", type=Path, default=None, help="tietopohjan hakemisto")
    parser.add_argument("--index", type=Path, default=None, help="hakemiston hakemisto")
