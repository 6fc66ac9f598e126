"""Who uses violence in the case, and the services for the other side.

A violence case has two kinds of services that share every word: help for those who
experience violence (the knowledge's target group "vakivaltaa-kokeneet") and programmes for
those who use it (services about violence with no such group, and not for children or
families: "Muutosohjelma väkivaltaa käyttäneille", "Ennen kuin lyöt -chat"). Sending a woman
with bruises to a programme for violent partners, or a man who pushed his wife to a victims'
group, is the wrong referral: the service for the other side is ranked lower, never removed
(`facet_rules.demotion`).

The client uses violence when the case says the client did it to someone close ("on tönässy
vaimoo", "tönineensä vaimoaan", "huutavansa lapsille", "pushed his wife", "slagit sin fru")
or speaks of the client's own violence or anger ("oma väkivalta", "väkivaltaa käyttänyt");
an act whose subject is the partner ("mies löi häntä", "hänen miehensä lyö lapsia") is not
the client's. Otherwise an everyday sign of violence (index/language/signs.yaml) makes the
client one who experiences it.
"""

from __future__ import annotations

import re

from index.knowledge.model import Service

VICTIMS = "vakivaltaa-kokeneet"  # the knowledge's target group
_THEME = "vakivalta"
_FAMILY = frozenset({"lapset", "perheet"})

_PARTNER = (
    r"(?:vaimo\w*|puoliso\w*|avovaimo\w*|avomie\w*|kumppani\w*|tyttöystäv\w*|poikaystäv\w*|"
    r"lapsi\w*|lapsia|lasta|lapsiaan|lapsille|"
    r"fru|frun|sambo|partner|maka|make|barn|barnen|"
    r"wife|partner|girlfriend|boyfriend|husband|children|kids|son|daughter)"
)
_ACT = (
    r"(?:lyö\w*|löi|lyönyt|lyöneensä|tönä?i\w*|tönäs\w*|töni\w*|tuuppi\w*|potki\w*|kurist\w*|"
    r"satutta\w*|pahoinpidel\w*|huuta\w*|uhkail\w*|"
    r"slagit|slår|slog|knuffa\w*|sparka\w*|hotat|"
    r"hit|hits|hitting|pushed|pushes|shoved|slapped|hurt|hurts|threatened|grabbed|grabs|punched)"
)
_DID = re.compile(
    rf"\b{_ACT}\s+(?:(?:sin|sina|his|her|their|hänen|omaa|omia)\s+)?(?:\w+\s+)?{_PARTNER}\b",
    re.I,
)
# the partner as the act's subject: "hänen miehensä lyö lapsia", "her husband hits the kids"
_PARTNER_DID = re.compile(
    r"\b(?:mies|miehensä|miehen|puoliso\w*|isä\w*|poikaystävä\w*|exä\w*|mannen|maken|"
    r"husband|partner|boyfriend|father)\s+(?:\w+\s+){0,2}$",
    re.I,
)
# "kertoi tönineensä", "myönsi lyöneensä": the speaker's own act, whoever is named before
_REPORTED = re.compile(r"\w+(?:neensa|neensä)\b", re.I)
_OWN = re.compile(
    r"\b(?:om(?:a|an|aa|asta)\s+(?:väkivalta\w*|vihasta\w*|vihaa\w*|viha\b|väkivaltai\w*)|"
    r"(?:käyttänyt|käyttäneensä|käyttää)\s+väkivaltaa|väkivallan\s+käyttäj\w*|"
    r"(?:his|her|their)\s+own\s+(?:anger|violence)|used\s+violence|"
    r"(?:sin|sitt)\s+egen?\s+(?:ilska|våld)|använt\s+våld)",
    re.I,
)


# The one who did it wants to stop: "haluaa oppia hallitsemaan itsensä", "wants to change".
_CHANGE = re.compile(
    r"\b(?:halua\w*|haluis\w*|yrittä\w*)\s+(?:\w+\s+){0,2}(?:hallitsemaan|hallita|muuttua)\b|"
    r"\bwants?\s+to\s+(?:change|learn\s+to\s+control)\b|"
    r"\bvill\s+(?:ändra\s+sig|förändras|lära\s+sig\s+(?:att\s+)?(?:hantera|kontrollera))",
    re.I,
)
_ANY_ACT = re.compile(rf"\b{_ACT}", re.I)


def uses_violence(question: str) -> bool:
    """Does the case say the client is the one who uses violence? Also when a violent act is
    told and the client wants to learn to control themself or to change."""
    if _OWN.search(question) or (_CHANGE.search(question) and _ANY_ACT.search(question)):
        return True
    return any(
        _REPORTED.match(m.group(0)) or not _PARTNER_DID.search(question[: m.start()])
        for m in _DID.finditer(question)
    )


Hints = tuple[str, ...]


def client_side(
    question: str, groups: Hints, themes: Hints, implied: Hints
) -> tuple[str | None, Hints, Hints, Hints]:
    """The client's side ("uses" / "experiences" / None) and the hints fitted to it: the
    everyday signs of violence name its victims, so for one who uses it that group goes,
    and the theme stays ("tönineensä vaimoaan" is no sign of its own)."""
    if uses_violence(question):
        groups = tuple(g for g in groups if g != VICTIMS)
        implied = tuple(i for i in implied if i != VICTIMS)
        if _THEME not in themes:
            themes, implied = (*themes, _THEME), (*implied, _THEME)
        return "uses", groups, themes, implied
    return ("experiences" if VICTIMS in groups else None), groups, themes, implied


def for_victims(service: Service) -> bool:
    return VICTIMS in service.target_groups


def for_violent(service: Service) -> bool:
    """A programme for those who use violence: about violence, for neither its victims nor
    children and families."""
    groups = set(service.target_groups)
    return _THEME in service.themes and VICTIMS not in groups and not groups & _FAMILY


def other_side(service: Service, role: str | None) -> bool:
    """Is the service for the other side of the violence than the client's?"""
    if role == "uses":
        return for_victims(service)
    if role == "experiences":
        return for_violent(service)
    return False


def violence_unsaid(service: Service, role: str | None, themes: Hints, groups: Hints) -> bool:
    """A service only about violence (for its victims or for those who use it, not for
    children and families) when the case names no violence at all: no side read, no theme
    or group of it among the hints. "Vaimo", "puoliso", "kotona riitaa" share its words."""
    if role is not None or _THEME in themes or VICTIMS in groups:
        return False
    about = _THEME in service.themes or VICTIMS in service.target_groups
    return about and not set(service.target_groups) & _FAMILY
