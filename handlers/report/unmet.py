"""Unmet needs: the questions nothing fitted, grouped into themes from the knowledge's
own vocabularies.

A question's needs are what the search itself read from it (`index/search/facets.py`,
logged in the query log's `filters`): its vocabulary themes ("ruoka-apu",
"yksinäisyys"), else its target groups ("työttömät", "ikääntyneet"). A question
counts once under each theme it named; one that named no theme and no group is
counted under "ei sanaston teemaa". Per theme: how many questions, in which
municipality and for which service language the question asked (when it said so),
and, on the coordinators' page only, a few example wordings (stored redacted).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from index.knowledge.model import Vocabularies
from store.report_queries import UnmetQuestion

__all__ = ["EXAMPLES", "NO_THEME", "NeedTheme", "group_needs"]

EXAMPLES = 3  # example wordings per theme (coordinators' page)
NO_THEME = "Ei sanaston teemaa"
KIND_LABELS = {"themes": "Teema", "target_groups": "Kohderyhmä"}
NOT_SAID = "ei mainittu"


@dataclass
class NeedTheme:
    key: str  # "themes:ruoka-apu", "target_groups:tyottomat" or "" (no theme)
    label: str
    count: int = 0
    none: int = 0  # of which fit "none" (the rest "partial")
    municipalities: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)  # service language asked for
    examples: list[str] = field(default_factory=list)


def _keys(q: UnmetQuestion) -> list[tuple[str, str]]:
    if q.themes:
        return [("themes", t) for t in dict.fromkeys(q.themes)]
    if q.target_groups:
        return [("target_groups", g) for g in dict.fromkeys(q.target_groups)]
    return [("", "")]


def group_needs(questions: list[UnmetQuestion], vocab: Vocabularies) -> list[NeedTheme]:
    """Themes, most asked first (then by label); "no theme" last."""
    themes: dict[str, NeedTheme] = {}
    for q in questions:
        for kind, vid in _keys(q):
            key = f"{kind}:{vid}" if kind else ""
            theme = themes.get(key)
            if theme is None:
                theme = themes[key] = NeedTheme(key, _label(kind, vid, vocab))
            theme.count += 1
            theme.none += q.fit == "none"
            theme.municipalities[_vocab_label("municipalities", q.municipality, vocab)] += 1
            theme.languages[_vocab_label("languages", q.service_language, vocab)] += 1
            if len(theme.examples) < EXAMPLES and q.question not in theme.examples:
                theme.examples.append(q.question)
    return sorted(themes.values(), key=lambda t: (t.key == "", -t.count, t.label))


def _label(kind: str, vid: str, vocab: Vocabularies) -> str:
    if not kind:
        return NO_THEME
    entry = vocab.by_kind(kind).get(vid)
    return f"{KIND_LABELS[kind]}: {entry.label('fi') if entry else vid}"


def _vocab_label(kind: str, vid: str | None, vocab: Vocabularies) -> str:
    if not vid:
        return NOT_SAID
    entry = vocab.by_kind(kind).get(vid)
    return entry.label("fi") if entry else vid
