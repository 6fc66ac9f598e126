"""The privacy nudge: a message in a shared channel that looks like it names a client.

Staff sometimes write "Matti Meikäläinen 131052-308T tarvitsisi ruoka-apua" in a
team channel. The bot still answers (the need is real), but tells the sender
privately that client details don't belong in a channel and offers to repeat the
question in a direct message. A message counts as identifying when it holds

- a henkilötunnus (the detector of `store/redact.py`), or
- a phone number or street address together with a name, or
- a name together with a diagnosis.

A *name* is two capitalised words in a row that are not a place the bot knows
("Matti Meikäläinen", not "Keravan Setlementti" … well, that one too: a false hit
costs one private note, a miss leaks a person). Before anything is searched,
stored or logged, such a message is `scrubbed`: names become `[nimi]` and
`redact` takes the rest, so nothing of the identifying text goes further.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.language.places import municipalities_in
from store.redact import ADDRESS, PHONE, has_hetu, redact

__all__ = ["NAME", "Finding", "identifies_client", "read_identity", "scrub"]

NAME = "[nimi]"
_CAP = r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
_NAME_PAIR = re.compile(rf"(?<![\w-]){_CAP}(?:\s+{_CAP}){{1,2}}(?![\w-])")
# A capitalised word right before an identity code or phone ("Matti 131052-308T").
_NAME_BEFORE = re.compile(rf"(?<![\w-]){_CAP}(?=,?\s+(?:\[henkilötunnus\]|\[puhelinnumero\]))")
# Diagnoses: ICD-10 codes ("F32.1", "G30") and the word stems of common diagnoses.
_ICD10 = re.compile(r"(?<![\w-])[A-TV-Z]\d{2}(?:\.\d{1,2})?(?![\w-])")
_DIAGNOSIS = re.compile(
    r"\b(?:dementi|demens|alzheimer|muistisairau|muistisairas|skitsofreni|schizofren|"
    r"masennu|depressi|kaksisuuntai|bipolaari|psykoosi|psykoottinen|diabete|syöpä|syövä|"
    r"cancer|adhd|autismi|autism|asperger|epilepsi|parkinson|ms-tau|aivoinfarkt|"
    r"aivovamma|kehitysvamma|cp-vamma|anoreksi|bulimi|ptsd|traumaperäi|"
    r"persoonallisuushäiri|ahdistuneisuushäiri|paniikkihäiri|päihderiippuvuu|alkoholismi|"
    r"huumeriippuvuu|hiv|hepatiitti|diagnoosi|diagnos)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """What made a message identifying (for tests and the docs; never logged with text)."""

    hetu: bool
    name: bool
    contact: bool  # phone or street address
    diagnosis: bool

    @property
    def identifying(self) -> bool:
        return self.hetu or (self.name and (self.contact or self.diagnosis))


_WORD = re.compile(r"\S+")


def _names(text: str) -> list[tuple[int, int]]:
    """Spans of two or more capitalised words in a row, none of them a place the bot knows
    (a municipality or a district): "Matti Meikäläinen Keravalta" → "Matti Meikäläinen"."""
    spans: list[tuple[int, int]] = []
    for m in _NAME_PAIR.finditer(text):
        run: list[re.Match[str]] = []
        for w in [*_WORD.finditer(m.group(0)), None]:
            if w is not None and not municipalities_in([w.group(0).lower()]):
                run.append(w)
                continue
            if len(run) >= 2:
                spans.append((m.start() + run[0].start(), m.start() + run[-1].end()))
            run = []
    return spans


def read_identity(text: str) -> Finding:
    redacted = redact(text)
    return Finding(
        hetu=has_hetu(text),
        name=bool(_names(text)),
        contact=PHONE in redacted or ADDRESS in redacted,
        diagnosis=bool(_ICD10.search(text) or _DIAGNOSIS.search(text)),
    )


def identifies_client(text: str) -> bool:
    """Does `text` look like it identifies a client (see the module docstring)?"""
    return bool(text) and read_identity(text).identifying


def scrub(text: str) -> str:
    """`text` with names, identity codes, phones, e-mails and addresses replaced by tokens."""
    for start, end in reversed(_names(text)):
        text = text[:start] + NAME + text[end:]
    text = redact(text)
    return _NAME_BEFORE.sub(NAME, text)
