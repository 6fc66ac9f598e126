"""`jarjestobotti teams package [--out FILE]`: the Teams app package, built from settings.

The zip holds what Teams' "Upload a custom app" and the Teams admin center
take: `manifest.json` (schema v1.17, Finnish by default, with English and
Swedish localization files), a 192×192 colour icon and a 32×32 outline icon
(white on transparent, as Teams requires). The icons are drawn here and
written with a tiny PNG encoder (zlib + struct), so no imaging library is
needed. The bot id is `JARJESTOBOTTI_TEAMS_APP_ID`, the Entra app
registration the bot runs as; it is also the Teams app id.
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.cli.teams_texts import COMMANDS, MANIFEST_TEXTS, TEXTS
from bot.settings import PREFIX, Settings
from index.errors import ConfigError

MANIFEST_VERSION = "1.17"
SCHEMA = f"https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}"
ACCENT = (0x00, 0x5A, 0x8C)  # a calm blue; the colour icon's background
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_SEMVER = re.compile(r"^\d+\.\d+\.\d+$")
Pixel = tuple[int, int, int, int]
SCOPES = ["personal", "team", "groupChat"]
DEVELOPER = "Vakehyva (Vantaa ja Kerava)"  # at most 32 characters

LOCALES = {"en": "en-us", "sv": "sv-se"}


# -- PNG ---------------------------------------------------------------------------------
def png(width: int, height: int, pixel: Callable[[int, int], Pixel]) -> bytes:
    """An 8-bit RGBA PNG (filter 0 on every row, one zlib stream)."""
    rows = b"".join(
        b"\x00" + bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height)
    )

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + tag
            + data
            + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def _in_bubble(x: float, y: float, inset: float = 0.0) -> bool:
    """A speech bubble in the unit square: a rounded rectangle with a tail bottom left."""
    left, top, right, bottom, radius = (
        0.16 + inset,
        0.20 + inset,
        0.84 - inset,
        0.70 - inset,
        max(0.13 - inset, 0.01),
    )
    cx, cy = min(max(x, left + radius), right - radius), min(max(y, top + radius), bottom - radius)
    if left <= x <= right and top <= y <= bottom and (x - cx) ** 2 + (y - cy) ** 2 <= radius**2:
        return True
    # the tail: a triangle (0.28, 0.66) – (0.28, 0.86 - 2·inset) – (0.48, 0.66)
    tip = 0.86 - 2 * inset
    return (
        0.28 + inset <= x
        and 0.60 <= y <= tip
        and (x - 0.28 - inset) / 0.20 + (y - 0.66) / (tip - 0.66) <= 1.0
    )


def _on_dot(x: float, y: float) -> bool:
    return any((x - cx) ** 2 + (y - 0.45) ** 2 <= 0.05**2 for cx in (0.35, 0.50, 0.65))


def _coverage(
    size: int, inside: Callable[[float, float], bool], x: int, y: int, samples: int = 4
) -> float:
    """How much of pixel (x, y) the shape covers (supersampled, for smooth edges)."""
    step = 1.0 / samples
    hits = sum(
        inside((x + (i + 0.5) * step) / size, (y + (j + 0.5) * step) / size)
        for i in range(samples)
        for j in range(samples)
    )
    return hits / (samples * samples)


def color_icon(size: int = 192) -> bytes:
    """White bubble with three blue dots on the accent colour."""

    def pixel(x: int, y: int) -> Pixel:
        white = _coverage(size, lambda u, v: _in_bubble(u, v) and not _on_dot(u, v), x, y)
        mixed = [round(c + (255 - c) * white) for c in ACCENT]
        return (mixed[0], mixed[1], mixed[2], 255)

    return png(size, size, pixel)


def outline_icon(size: int = 32) -> bytes:
    """The bubble's outline and dots in white on transparent."""

    def pixel(x: int, y: int) -> Pixel:
        alpha = _coverage(
            size,
            lambda u, v: (_in_bubble(u, v) and not _in_bubble(u, v, 0.08)) or _on_dot(u, v),
            x,
            y,
        )
        return (255, 255, 255, round(255 * alpha))

    return png(size, size, pixel)


# -- manifest ----------------------------------------------------------------------------
def _commands(lang: str) -> list[dict[str, str]]:
    return [
        {
            "title": TEXTS.get(f"command.{c}.title", lang),
            "description": TEXTS.get(f"command.{c}.description", lang),
        }
        for c in COMMANDS
    ]


def manifest(app_id: str, version: str, website: str, privacy: str, terms: str) -> dict[str, Any]:
    fi = {k: TEXTS.get(k, "fi") for k in MANIFEST_TEXTS}
    return {
        "$schema": f"{SCHEMA}/MicrosoftTeams.schema.json",
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": app_id,
        "localizationInfo": {
            "defaultLanguageTag": "fi-fi",
            "additionalLanguages": [
                {"languageTag": tag, "file": f"{tag}.json"} for tag in LOCALES.values()
            ],
        },
        "developer": {
            "name": DEVELOPER,
            "websiteUrl": website,
            "privacyUrl": privacy,
            "termsOfUseUrl": terms,
        },
        "name": {"short": fi["name.short"], "full": fi["name.full"]},
        "description": {"short": fi["description.short"], "full": fi["description.full"]},
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": "#{:02X}{:02X}{:02X}".format(*ACCENT),
        "bots": [
            {
                "botId": app_id,
                "scopes": SCOPES,
                "supportsFiles": False,
                "isNotificationOnly": False,
                "commandLists": [{"scopes": SCOPES, "commands": _commands("fi")}],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [],
    }


def localization(lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {"$schema": f"{SCHEMA}/MicrosoftTeams.Localization.schema.json"}
    out.update({k: TEXTS.get(k, lang) for k in MANIFEST_TEXTS})
    for i, command in enumerate(_commands(lang)):
        out[f"bots[0].commandLists[0].commands[{i}].title"] = command["title"]
        out[f"bots[0].commandLists[0].commands[{i}].description"] = command["description"]
    return out


def build_package(
    settings: Settings, out: Path, *, version: str, website: str, privacy: str, terms: str
) -> Path:
    """Write the app package zip; fails with a ConfigError naming what is wrong."""
    app_id = (settings.teams_app_id or "").strip()
    if not app_id:
        raise ConfigError(
            f"{PREFIX}TEAMS_APP_ID puuttuu: Teams-paketti tarvitsee botin "
            "Entra-sovellustunnuksen (Application (client) ID)"
        )
    if not _GUID.match(app_id):
        raise ConfigError(f"{PREFIX}TEAMS_APP_ID ei ole GUID-muotoinen: {app_id!r}")
    if not _SEMVER.match(version):
        raise ConfigError(f"--app-version pitää olla muotoa 1.2.3, saatiin {version!r}")
    for name, url in (
        ("--website-url", website),
        ("--privacy-url", privacy),
        ("--terms-url", terms),
    ):
        if not url.startswith("https://"):
            raise ConfigError(f"{name} pitää olla https-osoite, saatiin {url!r}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        files = {"manifest.json": manifest(app_id, version, website, privacy, terms)}
        files.update({f"{tag}.json": localization(lang) for lang, tag in LOCALES.items()})
        for name, data in files.items():
            zf.writestr(name, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        zf.writestr("color.png", color_icon())
        zf.writestr("outline.png", outline_icon())
    return out


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
