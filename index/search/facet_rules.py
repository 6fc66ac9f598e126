"""How a service meets the facets stated in a question."""

from __future__ import annotations

from index.knowledge.model import Service
from index.search.facets import Filters


def facet_ok(service: Service, facet: str, f: Filters, default_language: str | None = None) -> bool:
    """Does the service satisfy one facet (stated, or the question's own language)?"""
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
    if facet == "online":
        return f.online is not True or service.online
    if facet == "default_language":
        return default_language is None or default_language in service.languages
    return True


def remote_wanted(f: Filters) -> bool:
    """A remote way to take part was asked for, not only read from being housebound.

    "Etänä", "puhelimessa", "kotoa käsin" ask for remote services; "ei pääse kotoa" does
    not rule out a volunteer who visits at home, so it only boosts remote services.
    """
    return f.online is True and "homebound" not in f.evidence


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
