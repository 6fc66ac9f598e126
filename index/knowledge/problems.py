"""Reporting shared by every knowledge-file check: where a problem is, how it reads.

Validation and loading are one pass: reading a field through `index.knowledge.fields.Fields`
returns a typed value (or None) and records a `Problem` here when the field is
wrong, so a folder that checks clean always loads. File-specific rules live in
the modules beside this one (`services`, `vocab`, `roadmap`, `guidance`).
"""

from __future__ import annotations

import datetime as dt

from index.errors import Problem
from index.knowledge.yamlsrc import YamlDoc, YPath, field_name

EXAMPLES: dict[str, str] = {
    "updated": "2025-09-01",
    "online": "false",
    "referral_needed": "false",
    "cost": "free",
    "target_groups": "[ikaantyneet]",
    "themes": "[vertaistuki]",
    "municipalities": "[vantaa]",
    "languages": "[fi]",
    "audience": "[ammattilaiset]",
    "responsible": "[jarjestoyhteistyon-koordinaattori]",
    "year": "2025",
    "number": "1",
    "kind": "rooli",
}


def show(value: object, raw: str | None = None) -> str:
    """How a wrong value is named in a message ("teksti \"joo\"", "luku 65", …).

    `raw` is the text as written, so `0401234567` isn't shown as YAML's octal number.
    """
    if value is None:
        return "tyhjä"
    if isinstance(value, bool):
        return f"totuusarvo {raw or str(value).lower()}"
    if isinstance(value, int | float):
        return f"luku {raw or value}"
    if isinstance(value, dt.date):
        return f"päivämäärä {raw or value.isoformat()}"
    if isinstance(value, str):
        return f'teksti "{value}"'
    if isinstance(value, list):
        return "lista"
    return "kenttäryhmä"


class Checker:
    """Problems of one file, with its line numbers."""

    def __init__(self, file: str, doc: YamlDoc, problems: list[Problem]):
        self.file = file
        self.doc = doc
        self.problems = problems

    def line(self, path: YPath) -> int:
        return self.doc.line(path)

    def report(self, path: YPath, message: str, fix: str = "", line: int | None = None) -> None:
        where = self.line(path) if line is None else line
        self.problems.append(Problem(self.file, where, field_name(path), message, fix))


def paren(label: str) -> str:
    return f" ({label})" if label else ""


class IdRegistry:
    """Where each id was first defined, so a duplicate can point at the first one."""

    def __init__(self, what: str):
        self.what = what
        self.first: dict[str, tuple[str, int]] = {}

    def claim(self, ck: Checker, path: YPath, ident: str) -> bool:
        """False (and a problem at `path`) if `ident` was already defined."""
        if ident in self.first:
            file, line = self.first[ident]
            ck.report(
                path,
                f"{self.what} {ident} on jo käytössä: {file}:{line}",
                "anna tälle oma, yksilöllinen tunniste tai poista kaksoiskappale",
            )
            return False
        self.first[ident] = (ck.file, ck.line(path))
        return True
