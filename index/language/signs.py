"""Everyday signs of a need, read as the vocabulary's target groups and themes.

Staff describe what they see, not the service category: "unohtelee, eksyi
kauppareissulla" (memory), "mustelmia, mies ei anna omaa rahaa" (violence),
"pelannut koko palkkansa" (gambling), "kukaan ei käy kylässä" (loneliness). The
vocabulary's synonyms name needs; `signs.yaml` beside this file lists the signs of
a need as a social or health care professional reports them, in Finnish, Swedish
and English, one theme or group at a time. A sign only adds a hint (the ranker's
`theme_hint`/`group_hint`, the first stage's hint boost, the card's reason): it
filters nothing, and the caller keeps only ids the knowledge's vocabulary holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from index.errors import ConfigError
from index.language.figurative import literal

SIGNS_FILE = Path(__file__).with_name("signs.yaml")


@dataclass(frozen=True)
class Sign:
    """One entry: what it is about, the ids it hints at and its compiled signs."""

    about: str
    target_groups: tuple[str, ...]
    themes: tuple[str, ...]
    pattern: re.Pattern[str]


def load_signs(path: Path = SIGNS_FILE) -> tuple[Sign, ...]:
    """Read and compile the signs; a broken entry names the file, the entry and the sign."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: odotettiin luetteloa merkeistä")
    out: list[Sign] = []
    for n, entry in enumerate(entries, 1):
        where = f"{path}: kohta {n} ({entry.get('about', '?') if isinstance(entry, dict) else '?'})"
        if not isinstance(entry, dict) or not isinstance(entry.get("signs"), list):
            raise ConfigError(f"{where}: kenttä signs puuttuu tai ei ole luettelo")
        for sign in entry["signs"]:
            try:
                re.compile(str(sign))
            except re.error as exc:
                raise ConfigError(f"{where}: virheellinen merkki {sign!r}: {exc}") from exc
        alternatives = "|".join(_chat(str(s)) for s in entry["signs"])
        out.append(
            Sign(
                about=str(entry.get("about", "")),
                target_groups=tuple(entry.get("target_groups") or ()),
                themes=tuple(entry.get("themes") or ()),
                pattern=re.compile(rf"\b(?:{alternatives})", re.IGNORECASE),
            )
        )
    return tuple(out)


def _chat(sign: str) -> str:
    """A sign that also matches chat typed without apostrophes: "can't" → "can'?t" matches
    "cant", "mate's couch" matches "mates couch"."""
    return re.sub(r"(?<=\w)(['’])(?=\w)", r"\1?", sign)


@lru_cache(maxsize=1)
def _signs() -> tuple[Sign, ...]:
    return load_signs()


@lru_cache(maxsize=20_000)
def signs_of(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The target groups and themes whose everyday signs the text shows, in file order; need
    words used in another sense are no sign ("upprörd och förvirrad": `figurative`)."""
    text = literal(text)
    groups: list[str] = []
    themes: list[str] = []
    for sign in _signs():
        if sign.pattern.search(text):
            groups += [x for x in sign.target_groups if x not in groups]
            themes += [x for x in sign.themes if x not in themes]
    return tuple(groups), tuple(themes)
