"""`jarjestobotti teams package [--out FILE]`: the Teams app package, built from settings.

What goes in the zip (manifest, localizations, icons) is `bot/teams/package.py`;
its texts are `bot/teams/texts.py`; this module is the command line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.arguments import add_command_group
from bot.settings import PREFIX, Settings
from bot.teams.package import build_package


def run_package(args: argparse.Namespace, settings: Settings) -> int:
    path = build_package(
        settings,
        args.out,
        version=args.app_version,
        website=args.website_url,
        privacy=args.privacy_url or args.website_url,
        terms=args.terms_url or args.website_url,
    )
    print(f"Teams-sovelluspaketti kirjoitettu: {path}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = add_command_group(sub, "teams", "Microsoft Teams -sovelluksen työkalut")
    package = actions.add_parser(
        "package",
        help="rakenna Teams-sovelluspaketti (manifest.json ja kuvakkeet zipattuna)",
        description="Rakentaa Teamsiin ladattavan sovelluspaketin asetuksesta "
        f"{PREFIX}TEAMS_APP_ID. Katso docs/teams.md.",
    )
    package.add_argument(
        "--out",
        type=Path,
        default=Path("var/jarjestobotti-teams.zip"),
        metavar="TIEDOSTO",
        help="paketin polku (oletus %(default)s)",
    )
    package.add_argument(
        "--app-version",
        default="1.0.0",
        metavar="X.Y.Z",
        help="sovelluksen versio, kasvata päivittäessä (oletus %(default)s)",
    )
    package.add_argument(
        "--website-url",
        default="https://vakehyva.fi",
        metavar="URL",
        help="kehittäjän verkkosivu (oletus %(default)s)",
    )
    package.add_argument(
        "--privacy-url",
        default=None,
        metavar="URL",
        help="tietosuojaseloste (oletus --website-url)",
    )
    package.add_argument(
        "--terms-url", default=None, metavar="URL", help="käyttöehdot (oletus --website-url)"
    )
    package.set_defaults(func=run_package)
