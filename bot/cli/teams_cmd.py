"""`jarjestobotti teams package [--out FILE]`: the Teams app package, built from settings.

What goes in the zip (manifest, localizations, icons) is `bot/teams/package.py`;
this command holds the app's texts per language and the command line.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot.settings import PREFIX, Settings
from bot.teams.package import build_package

TEXTS: dict[str, dict[str, Any]] = {
    "fi": {
        "name.short": "Järjestöbotti",
        "name.full": "Järjestöbotti – järjestöjen palvelut asiakkaillesi",
        "description.short": "Löydä järjestöjen palvelut asiakkaillesi Vantaalla ja Keravalla.",
        "description.full": (
            "Järjestöbotti auttaa Vantaan ja Keravan hyvinvointialueen työntekijöitä löytämään "
            "järjestöjen palveluja asiakkailleen: kuvaa asiakkaan tilanne omin sanoin, niin "
            "botti ehdottaa sopivia vertaisryhmiä, neuvontaa ja toimintaa ja kertoo, miten "
            "mukaan pääsee. Botti vastaa myös järjestöyhteistyön tiekarttaa koskeviin "
            "kysymyksiin, ja järjestöt voivat lähettää sen kautta yhteydenoton "
            "hyvinvointialueelle. Älä kirjoita asiakkaan tunnistetietoja."
        ),
        "commands": [
            ("apua", "Mitä botti osaa, ja esimerkkikysymyksiä"),
            ("yhteydenotto", "Avaa järjestöjen yhteinen yhteydenottolomake"),
        ],
    },
    "en": {
        "name.short": "Association bot",
        "name.full": "Järjestöbotti – association services for your clients",
        "description.short": "Find association services for your clients in Vantaa and Kerava.",
        "description.full": (
            "Järjestöbotti helps staff of the Vantaa and Kerava wellbeing county find services "
            "run by associations for their clients: describe the client's situation in your "
            "own words and the bot suggests suitable peer groups, counselling and activities, "
            "and tells how to join. It also answers questions about the association "
            "cooperation roadmap, and associations can send a contact request to the county "
            "through it. Do not type any details that identify a client."
        ),
        "commands": [
            ("help", "What the bot can do, with example questions"),
            ("open contact form", "Open the associations' common contact form"),
        ],
    },
    "sv": {
        "name.short": "Föreningsboten",
        "name.full": "Järjestöbotti – föreningarnas tjänster för dina klienter",
        "description.short": "Hitta föreningarnas tjänster för dina klienter i Vanda och Kervo.",
        "description.full": (
            "Järjestöbotti hjälper personalen i Vanda och Kervo välfärdsområde att hitta "
            "föreningarnas tjänster för sina klienter: beskriv klientens situation med egna ord "
            "så föreslår boten lämpliga kamratgrupper, rådgivning och verksamhet och berättar "
            "hur man kommer med. Boten svarar också på frågor om färdplanen för "
            "föreningssamarbetet. Skriv inga uppgifter som identifierar en klient."
        ),
        "commands": [
            ("hjälp", "Vad boten kan, med exempelfrågor"),
            ("öppna kontaktformuläret", "Öppna föreningarnas gemensamma kontaktformulär"),
        ],
    },
}


def run_package(args: argparse.Namespace, settings: Settings) -> int:
    path = build_package(
        settings,
        args.out,
        TEXTS,
        version=args.app_version,
        website=args.website_url,
        privacy=args.privacy_url or args.website_url,
        terms=args.terms_url or args.website_url,
    )
    print(f"Teams-sovelluspaketti kirjoitettu: {path}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("teams", help="Microsoft Teams -sovelluksen työkalut")
    actions = parser.add_subparsers(dest="teams_command", metavar="TOIMINTO", required=True)
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
