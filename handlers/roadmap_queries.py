"""Questions the roadmap answers by its structure, not by similarity.

"Mitkä vuoden 2024 toimenpiteet eivät toteutuneet kokonaan?" is a filter over
statuses, and "mitkä ovat tavoitteet?" is the list of goals; a similarity search
would return a few look-alike actions instead of the complete, correct list.
"""

from __future__ import annotations

import re

from index.knowledge.model import Roadmap

_YEAR = re.compile(r"\b(202[2-9])\b")
_NOT_ACHIEVED = re.compile(
    r"\b(?:ei(?:vät)?\s+(?:ole\s+)?toteutu\w*|jäi(?:vät)?\s+(?:kesken|toteutumatta)|toteutumat\w*|"
    r"osittain|puutteellisesti|not\s+(?:fully\s+)?achieved|partly|partially|delvis|"
    r"inte\s+(?:helt\s+)?genomför\w*)",
    re.I,
)
_ACHIEVED = re.compile(r"\b(?:toteutui|toteutuivat|toteutuneet|achieved|genomfördes)\b", re.I)
_SURVEY = re.compile(r"\b(?:selvity\w*|survey|utredning\w*|kysely\w*)", re.I)
_CARRIED = re.compile(r"\b(?:siirty\w*|siirre\w*|carried\s+over|överför\w*)", re.I)
_ACTIONS = re.compile(r"\b(?:toimenpi\w*|actions?|åtgärd\w*)", re.I)
_GOALS = re.compile(
    r"\b(?:(?:mitkä|mitä|luettele|kerro)\b.{0,40}\btavoitteet|tiekartan\s+tavoitteet|"
    r"what\s+are\s+the\s+(?:roadmap\s+)?goals|vilka\s+är\s+målen|färdplanens\s+mål)",
    re.I,
)
_GOAL_NUMBER = re.compile(
    r"\b(?:tavoit\w*|goal|mål(?:et)?)\s+(?:nro\.?\s*|nr\.?\s*|n:o\s*)?(\d)\b", re.I
)
_VISION = re.compile(r"\b(?:visio\w*|vision)\b", re.I)
_BINDING = re.compile(
    r"\b(?:sitov\w*\s+tavoit\w*|binding\s+goal|bindande\s+mål\w*|mittar\w*|metric\w*)", re.I
)
_PROPOSALS = re.compile(
    r"\b(?:kehittämisehdotu\w*|development\s+proposals?|utvecklingsförslag\w*)", re.I
)


def structured_ids(question: str, roadmap: Roadmap) -> list[str]:
    """Result ids the roadmap's structure gives for the question, or [] if none."""
    q = question
    out: list[str] = []
    if _VISION.search(q):
        out.append("vision")
    if _BINDING.search(q):
        out.append("binding-goal")
    if _PROPOSALS.search(q):
        out.append("development-proposals")
    if _GOALS.search(q):
        out.extend(g.id for g in roadmap.goals)
    for m in _GOAL_NUMBER.finditer(q):
        out.extend(g.id for g in roadmap.goals if g.number == int(m.group(1)))
    if _ACTIONS.search(q):
        years = {int(y) for y in _YEAR.findall(q)}
        if _CARRIED.search(q):
            years = set()  # "siirtyivät vuodelta 2024" names where they came from
        actions = [
            a
            for g in roadmap.goals
            for w in g.workstreams
            for a in w.actions
            if not years or a.year in years
        ]
        if _NOT_ACHIEVED.search(q):
            out.extend(a.id for a in actions if a.status in ("osittain", "ei-toteudu"))
        elif _ACHIEVED.search(q):
            out.extend(a.id for a in actions if a.status == "toteutuu")
        elif _SURVEY.search(q):
            out.extend(a.id for a in actions if a.origin == "selvitys")
        elif _CARRIED.search(q):
            out.extend(a.id for a in actions if a.origin == "siirtynyt-2024")
    return list(dict.fromkeys(out))
