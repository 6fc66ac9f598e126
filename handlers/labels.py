"""Every user-facing label, once per language (fi, sv, en), from labels.yaml beside this file.

Handlers look labels up here by key; a missing Swedish or English label falls
back to Finnish, so a new label never breaks a reply. To add a label, add its key
with fi (required), sv and en texts to labels.yaml.
"""

from __future__ import annotations

from pathlib import Path

from handlers.texts import Catalogue

LABELS = Catalogue.from_file(Path(__file__).with_name("labels.yaml"))


def label(key: str, lang: str, **values: object) -> str:
    """The label in `lang` (Finnish when missing), with `{values}` filled in."""
    return LABELS.get(key, lang, **values)
