"""One text-catalogue type for every user-facing text in fi, sv and en.

Each catalogue is data (key → language → text) checked when it is built: every
key has a Finnish text, and only fi, sv and en are used. A lookup in a language
the entry lacks falls back to Finnish, so a new text never breaks a reply. The
larger catalogues live in YAML files beside the code that uses them
(`Catalogue.from_file`), checked when the file loads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import yaml

LANGUAGES = ("fi", "sv", "en")


def language_code(lang: str | None) -> str:
    """`sv-SE`, `EN`, None → `sv`, `en`, `fi`: one of LANGUAGES, Finnish when unknown."""
    code = (lang or "").strip().lower()[:2]
    return code if code in LANGUAGES else "fi"


class Catalogue:
    """Texts by key and language; `.get(key, lang, **params)` fills `{params}` in."""

    def __init__(self, name: str, entries: Mapping[str, Mapping[str, str]]) -> None:
        problems = [key for key, entry in entries.items() if not entry.get("fi")]
        problems += [
            f"{key}.{lang}"
            for key, entry in entries.items()
            for lang in entry
            if lang not in LANGUAGES
        ]
        if problems:
            raise ValueError(f"{name}: no Finnish text or unknown language: {', '.join(problems)}")
        self.name = name
        self.entries = entries

    @classmethod
    def from_file(cls, path: Path) -> Catalogue:
        """The catalogue in a YAML file of `key: {fi: …, sv: …, en: …}` entries.

        A file that breaks the rules raises ValueError naming the file and the keys.
        """
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected entries of the form key: {{fi: …, sv: …, en: …}}")
        bad = [str(key) for key, entry in data.items() if not _is_entry(entry)]
        if bad:
            raise ValueError(f"{path}: not a mapping of language → text: {', '.join(bad)}")
        return cls(str(path), data)

    def get(self, key: str, lang: str | None, **params: object) -> str:
        entry = self.entries[key]
        text = entry.get(language_code(lang)) or entry["fi"]
        return text.format(**params) if params else text

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def _is_entry(entry: object) -> bool:
    return isinstance(entry, dict) and all(
        isinstance(lang, str) and isinstance(text, str) for lang, text in entry.items()
    )
