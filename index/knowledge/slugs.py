"""Slugs and "did you mean" suggestions, shared by validation and guidance sections."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """Lowercase ASCII slug: ä→a, ö→o, å→a, other non-alphanumerics → '-' (collapsed)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


def suggest(value: str, ids: Iterable[str], aliases: Mapping[str, str] | None = None) -> list[str]:
    """Up to 3 valid ids that `value` probably meant (by spelling, label or synonym)."""
    ids = list(ids)
    folded = slugify(value)
    if folded in ids:
        return [folded]
    aliases = aliases or {}
    key = value.strip().casefold()
    if key in aliases:
        return [aliases[key]]
    scored = [(_ratio(folded, ident), ident) for ident in ids]
    scored += [(_ratio(key, alias), ident) for alias, ident in aliases.items()]
    scored = sorted((s for s in scored if s[0] >= 0.6), reverse=True)
    if not scored:
        return []
    best = scored[0][0]
    close = [ident for score, ident in scored if score >= best - 0.1]
    return list(dict.fromkeys(close))[:3]


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def did_you_mean(options: list[str]) -> str:
    return "tarkoititko " + " tai ".join(options) + "?" if options else ""
