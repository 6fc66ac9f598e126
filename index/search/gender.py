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


# The person an age is given for is the client, in any case form ("68-vuotiaan miehen
# vaimo kuoli", "45-vuotiaalle naiselle", "83v mummo", "a 70-year-old woman"), also as a
# compound ("44-vuotias yksinhuoltajaäiti").
_AGED = re.compile(
    r"\b\d{1,3}\s*(?:-?\s*v\b\.?|-?vuotia\w*|-?åri\w*|-year-old)\s+(?:\w+\s+)?"
    r"(?:(?P<f>nai\w*|rouv\w*|\w*äiti\w*|\w*äidi\w*|tyttö\w*|tytö\w*|mummo\w*|kvinn\w*|woman|girl)"
    r"|(?P<m>mies\w*|miehe\w*|(?:yksinhuoltaja|iso|leski)?isä\w*|poika\w*|poja\w*|pappa\w*|"
    r"vaari\w*|herra\w*|man|"
    r"mannen|pojke\w*|boy))\b",
    re.I,
)


def client_gender(question: str) -> str | None:
    """ "f" or "m" for the person whose age is given, or when the question names the client
    as one only; else None."""
    aged = {g for m in _AGED.finditer(question) for g in ("f", "m") if m.group(g)}
    if len(aged) == 1:
        return aged.pop()
    found = [g for g, pat in _CLIENT.items() if pat.search(question)]
    return found[0] if len(found) == 1 else None


def first_named(question: str) -> str | None:
    """ "f" or "m" for the person the case names first ("keravalainen rouva soitti, mies juo
    joka ilta": the woman), the client of a case description; None when it names none."""
    found = [(m.start(), g) for g, pat in _CLIENT.items() if (m := pat.search(question))]
    return min(found)[1] if found else None


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
