"""A service for older people first in a young family's case.

A case about a parent and a small child, a child or a young person, with no age of its own
("En mamma med en tvååring … har flyttat till Kervo"), is read with the target groups it names
or implies: children, families, young people. When the constraints in force leave only services
for older people near it (telephone circles for seniors, a seniors' weekly meeting), the first
of them is not what the client needs, however well it meets the place and the language: the
answer is not exact (`facet_rules.met_in_part`: "life_stage"). With the client's age known the
age facet judges instead; a case naming older people or carers of a relative is not a young
family's, nor one naming children alone: an older client's grown children are read as children
too ("leski, jonka lapset asuvat Oulussa"); a young family's case names families or young people.
"""

from __future__ import annotations

from index.knowledge.model import Service
from index.search.facets import Filters

OLDER = "ikaantyneet"
YOUNG = frozenset({"lapset", "nuoret", "perheet"})  # the groups a young family's case names
# of them, those an older client's case does not name in passing: children alone are read from
# "leski, jonka lapset asuvat Oulussa" too
FAMILY_OR_YOUTH = frozenset({"nuoret", "perheet"})
# groups of a life stage: a service naming only OLDER among them is for older people only
STAGES = frozenset({OLDER, "tyoikaiset", "kaikki"}) | YOUNG
NOT_YOUNG = frozenset({OLDER, "omaishoitajat"})  # a case naming these may be an older client's
SENIOR_AGE = 60  # an age limit of a service's own from which it is for older people


def for_older_only(service: Service) -> bool:
    """Does the service name older people as its only life stage, or start at a senior age?"""
    stages = STAGES & set(service.target_groups)
    return stages == {OLDER} or (service.age_min is not None and service.age_min >= SENIOR_AGE)


def young_family(f: Filters) -> bool:
    """A case naming families or young people, no older people or carers, and no age."""
    groups = set(f.target_groups)
    return f.age is None and bool(groups & FAMILY_OR_YOUTH) and not groups & NOT_YOUNG
