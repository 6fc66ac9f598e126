"""The referral's texts (texts.yaml beside this file), fi/sv/en; Finnish when missing."""

from __future__ import annotations

from pathlib import Path

from handlers.texts import Catalogue

__all__ = ["TEXTS", "method_label", "status_label", "text"]

TEXTS = Catalogue.from_file(Path(__file__).with_name("texts.yaml"))


def text(key: str, lang: str, **params: object) -> str:
    """The text in `lang` (Finnish when missing), with `{params}` filled in."""
    return TEXTS.get(key, lang, **params)


def status_label(status: str, lang: str) -> str:
    key = f"status_{status}"
    return text(key, lang) if key in TEXTS else status


def method_label(method: str, lang: str) -> str:
    key = f"method_{method}"
    return text(key, lang) if key in TEXTS else method
