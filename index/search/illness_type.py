"""The type of an illness a case names, and a service for another type of it.

Type 1 and type 2 diabetes are different lives: an insulin pump since childhood is not a
lifestyle change in middle age, and staff do not refer one to the other's peer group. A case
names the type as staff write it ("tyypin 1 diabetes", "ykköstyypin diabetesta", "1-tyypin",
"tyypin kaksi sokeritauti", "typ 1-diabetes", "type 2 diabetes", "T1D"); a service names its
type in its name or summary ("Tyypin 2 diabeteksen vertaisryhmä"). When a service for another
type than the one the case names comes first, the fit is not exact (`facet_rules.met_in_part`)
and the answer says why; it is not ranked lower (for a type 1 adult the type 2 group is still
the nearest peer group). A case or a service naming no type, or both types, is for either.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.knowledge.model import Service

_ONE = r"(?:1|I|yksi|ykkönen|one|ett)"
_TWO = r"(?:2|II|kaksi|kakkonen|two|två)"
_TYPE = {
    "1": re.compile(
        rf"\b(?:tyypin|tyyppi|typ|type)[\s-]*{_ONE}\b|\b1-tyypin\b|"
        r"\bykkös(?:tyypin|diabe\w*)|\bt1d\b|\bdm1\b",
        re.I,
    ),
    "2": re.compile(
        rf"\b(?:tyypin|tyyppi|typ|type)[\s-]*{_TWO}\b|\b2-tyypin\b|"
        r"\bkakkos(?:tyypin|diabe\w*)|\bt2d\b|\bdm2\b",
        re.I,
    ),
}


@lru_cache(maxsize=200_000)
def types_named(text: str) -> tuple[str, ...]:
    """The illness types a text names: ("1",), ("2",), both or none."""
    return tuple(t for t, pattern in _TYPE.items() if pattern.search(text))


def _service_types(service: Service) -> tuple[str, ...]:
    return types_named(" ".join([*service.name.values(), *service.summary.values()]))


def other_type(service: Service, types: tuple[str, ...]) -> bool:
    """Is the service for another type of the illness than the one the case names?"""
    if len(types) != 1:
        return False
    theirs = _service_types(service)
    return bool(theirs) and types[0] not in theirs
