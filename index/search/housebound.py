"""A client who can hardly leave home, and the services met only at a place.

"Ei pääse kotoa mihinkään", "hon tar sig knappt ut", "won't be leaving the flat for six weeks"
(`everyday.homebound`) ask for something that reaches the client at home: a phone line, an online
group, a volunteer who visits. It is read as a wish, not a filter (`facets.SOFT_REMOTE`), since a
visiting volunteer is not "online" in the knowledge. A service taken part in only at its own
place — not online, a location of its own, no word of a visit at home — is ranked lower, never
removed (`facet_rules.demotion`), and one shown first is not an exact fit
(`facet_rules.met_in_part`: "homebound"): the answer says the client would have to get there.

Only when a follow-up tells it (`facets.HOMEBOUND_NEWS`): then it is the refinement's point. In
a first description it is one detail among many ("ei pääse lasten kanssa mihinkään kurssille"
of a mother whose fitting service is a drop-in she can bring the children to): read there too,
it cost the read case sets 0.8120 → 0.8101 nDCG@5 and a hedge (docs/evaluation.md).
"""

from __future__ import annotations

import re

from index.knowledge.model import Service
from index.search.facets import HOMEBOUND_NEWS, Filters

PLACE_PENALTY = 0.5  # score factor for a service met only at a place, for a housebound client

# a visit at the client's home in the service's own words, in any of its languages
_HOME_VISIT = re.compile(
    r"kotikäyn\w*|\btule\w*\s+(?:\w+\s+)?kotiin\b|kotiovelle|\bkotiin\s+kuljet\w*|hembesök\w*"
    r"|\bhem\s+till\b|home\s+visits?|\bvisits?\s+(?:\w+\s+){0,2}at\s+home\b",
    re.I,
)


def housebound(f: Filters) -> bool:
    """A follow-up's news that the client cannot leave home (remote read from it, not asked)."""
    return f.online is True and "homebound" in f.evidence and HOMEBOUND_NEWS in f.evidence


def at_a_place(service: Service) -> bool:
    """Taken part in only at the service's own place: no remote way, no visit at home."""
    if service.online or not service.locations:
        return False
    fields = (service.summary, service.description, service.how_to_join)
    return not any(_HOME_VISIT.search(text) for field in fields for text in field.values())
