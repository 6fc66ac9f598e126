"""The Teams app package's texts (name, descriptions, bot commands) in fi, sv and en.

Finnish goes into `manifest.json`; Swedish and English into the localization files.
The texts are in texts.yaml beside this file.
"""

from __future__ import annotations

from pathlib import Path

from handlers.texts import Catalogue

TEXTS = Catalogue.from_file(Path(__file__).with_name("texts.yaml"))
MANIFEST_TEXTS = ("name.short", "name.full", "description.short", "description.full")
COMMANDS = ("help", "contact", "referrals")
