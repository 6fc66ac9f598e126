"""How a service meets the facets stated in a question."""

from __future__ import annotations

from index.knowledge.model import Service
from index.search.facets import Filters


def facet_ok(service: Service, facet: str, f: Filters) -> bool:
    """Does the service satisfy one stated facet?"""
    if facet == "municipality":
        return f.municipality is None or f.municipality in service.municipalities
    if facet == "language":
        return f.language is None or f.language in service.languages
    if facet == "age":
        if f.age is None:
            return True
        lo = service.age_min if service.age_min is not None else 0
        hi = service.age_max if service.age_max is not None else 200
        return lo <= f.age <= hi
    if facet == "cost":
        return f.cost != "free" or service.cost != "fee"
    return True


def implied_groups(age: int | None) -> tuple[str, ...]:
    """Target groups an age suggests, as soft hints."""
    if age is None:
        return ()
    if age >= 65:
        return ("ikaantyneet",)
    if age >= 30:
        return ("tyoikaiset",)
    if age >= 13:
        return ("nuoret",)
    return ("lapset", "perheet")
