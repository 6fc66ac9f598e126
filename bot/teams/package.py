"""The Teams app package: `manifest.json` (schema v1.17), its localizations and the icons.

The zip holds what Teams' "Upload a custom app" and the Teams admin center
take: the manifest (Finnish by default, with English and Swedish localization
files), a colour icon and an outline icon. The bot id is
`JARJESTOBOTTI_TEAMS_APP_ID`, the Entra app registration the bot runs as; it
is also the Teams app id. The texts (names, descriptions, commands per
language) are `bot/teams/texts.py`.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

from bot.settings import PREFIX, Settings
from bot.teams.icons import ACCENT, color_icon, outline_icon
from bot.teams.texts import COMMANDS, MANIFEST_TEXTS, TEXTS
from index.errors import ConfigError

MANIFEST_VERSION = "1.17"
SCHEMA = f"https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}"
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_SEMVER = re.compile(r"^\d+\.\d+\.\d+$")
SCOPES = ["personal", "team", "groupChat"]
DEVELOPER = "Vakehyva (Vantaa ja Kerava)"  # at most 32 characters
LOCALES = {"en": "en-us", "sv": "sv-se"}


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
    settings: Settings,
    out: Path,
    *,
    version: str,
    website: str,
    privacy: str,
    terms: str,
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
