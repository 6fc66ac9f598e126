"""Texts around the contact form (titles, confirmation, what happens next), fi/sv/en.

The texts are in texts.yaml beside this file; add a key there (fi required).

Shared by the web page, the chat surfaces and the confirmation e-mail, so an
association reads the same promise wherever it sent the request. The
processing times are the examples of the county's guidance
(knowledge/guidance/yhteinen-yhteydenottolomake.md).
"""

from __future__ import annotations

from pathlib import Path

from handlers.texts import Catalogue

__all__ = ["TEXTS", "next_steps", "text"]

TEXTS = Catalogue.from_file(Path(__file__).with_name("texts.yaml"))


def text(key: str, lang: str, **params: object) -> str:
    """The text in `lang` (Finnish when missing), with `{params}` filled in."""
    return TEXTS.get(key, lang, **params)


def next_steps(lang: str) -> list[str]:
    return [text("next_1", lang), text("next_2", lang)]
