"""Whether the client is a woman or a man, and whether a service is for women or for men.

Staff would not refer a man to a women's group, nor a mother to a fathers' one. The
client's gender is read from the words that name the client in the base form a subject
takes ("nainen", "isä", "tyttö"; "kvinna", "en man" but not "hur man gör"; "woman", "a
man"): "nainen hoitaa kotona miestään" is a woman, and a case naming both ("isä, jonka
tytär …") names none. A service is for one gender when its name says so ("Naisten
olohuone", "Erosta isänä – isien vertaisryhmä"). A service for the other gender is ranked
lower, never removed (`facet_rules.demotion`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.knowledge.model import Service

_CLIENT = {
    "f": re.compile(
        r"\b(?:nainen|naisasiakas|rouva|äiti|tyttö|tytär|mummo|isoäiti|leskinainen|"
        r"yksinhuoltajaäiti|\w+äiti|kvinna|kvinnan|mamma|flicka|dotter|änka|"
        r"woman|mother|mum|mom|girl|daughter|widow)\b",
        re.I,
    ),
    "m": re.compile(
        r"\b(?:mies|miesasiakas|isä|poika|pappa|isoisä|vaari|leskimies|"
        r"yksinhuoltajaisä|en\s+(?:\d+-årig\s+)?man|mannen|pojke|pojken|son|änkling|"
        r"(?:a|the|old|young|\d+-year-old)\s+man|father|dad|boy|widower)\b",
        re.I,
    ),
}
_SERVICE = {
    "f": re.compile(r"\b(?:naisten|naisille|äitien|äideille|tyttöjen|tytöille)\b", re.I),
    "m": re.compile(r"\b(?:miesten|miehille|isien|isille|isänä|poikien|pojille)\b", re.I),
}


def client_gender(question: str) -> str | None:
    """ "f" or "m" when the question names the client as one only; else None."""
    found = [g for g, pat in _CLIENT.items() if pat.search(question)]
    return found[0] if len(found) == 1 else None


def service_gender(service: Service) -> str | None:
    """ "f" or "m" when the service's Finnish name says whom it is for; else None."""
    return _name_gender(service.name.get("fi", ""))


def other_gender(service: Service, client: str | None) -> bool:
    """Is the service for the other gender than the client's?"""
    return client is not None and service_gender(service) not in (None, client)


@lru_cache(maxsize=200_000)
def _name_gender(name: str) -> str | None:
    found = [g for g, pat in _SERVICE.items() if pat.search(name)]
    return found[0] if len(found) == 1 else None
