"""Matching an English or Swedish question against a glossary of (pattern, Finnish words).

Shared by the needs glossary (crosslingual.py) and the cooperation glossary
(cooperation_glossary.py): each pattern gets a leading word boundary; a Swedish one is also
tried inside a compound, after the linking -s- ("föreningsbidragen" is a kind of "bidrag"),
and, for single words, at the end of a compound without it ("skolbarn").
"""

from __future__ import annotations

import re

Glossary = list[tuple[re.Pattern[str], str]]
CHUNK = 12  # glossary entries tried together first: one search rules out a dozen


def compiled(entries: list[tuple[str, str]]) -> Glossary:
    return [(re.compile(rf"\b(?:{pat})", re.IGNORECASE), fi) for pat, fi in entries]


def in_compound(entries: list[tuple[str, str]]) -> Glossary:
    """Only after the linking -s-: without it, "gemensam" would hold "ensam" (alone)."""
    return [(re.compile(rf"(?<=\w{{3}}s)(?:{pat})", re.IGNORECASE), fi) for pat, fi in entries]


def at_end(entries: list[tuple[str, str]]) -> Glossary:
    """The last part, after a first part of four letters or more ("gemensam" is not "ensam")."""
    return [(re.compile(rf"(?<=\w{{4}})(?:{pat})$", re.IGNORECASE), fi) for pat, fi in entries]


def chunks(entries: Glossary) -> list[tuple[re.Pattern[str], Glossary]]:
    """The entries in groups, each behind one pattern that matches wherever one of them does
    (their alternation), so a question is searched ~10 times, not ~100, before the hits."""
    return [
        (re.compile("|".join(f"(?:{p.pattern})" for p, _ in part), re.I), part)
        for part in (entries[i : i + CHUNK] for i in range(0, len(entries), CHUNK))
    ]


def by_language(
    entries: list[tuple[str, str]], english_only: list[tuple[str, str]] | None = None
) -> dict[str, list[tuple[re.Pattern[str], Glossary]]]:
    """The chunked patterns a question in each language is searched with (`english_only`:
    entries whose words are other words in Swedish)."""
    words = compiled(entries)
    english = chunks(words + compiled(english_only or []))
    return {"en": english, "sv": chunks(words) + chunks(in_compound(entries))}


def finnish_words(
    question: str, lang: str, chunked: dict[str, list[tuple[re.Pattern[str], Glossary]]]
) -> list[str]:
    """The Finnish words of every entry whose pattern the question matches, in glossary order."""
    return [
        fi
        for any_of, part in chunked.get(lang, chunked["en"])
        if any_of.search(question)
        for pat, fi in part
        if pat.search(question)
    ]
