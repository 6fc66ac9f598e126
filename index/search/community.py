"""Services of a language community, and whether the client is said to belong to one.

A group for Arabic-speaking women, a Ukrainian seniors' meeting or a Russian-language digital
help desk is for newcomers who speak that language. Its text is full of everyday words
("kotona", "naisille", "keskustelu") that a Finnish case shares, so it rises for clients
the case gives no sign of: a Finnish carer in Myyrmäki got the Arabic women's group first.
Such a service is ranked lower, never removed, when the case shows no sign of another
language or origin (`facet_rules.demotion`), as a service for the other gender is.

A service is a community's when it is for newcomers ("maahanmuuttajat") and, besides, only
for an age or family group, and it is held in a language other than Finnish, Swedish or
English. A newcomers' homework club held in Finnish, or a job workshop for the unemployed
that newcomers also use, is not.
"""

from __future__ import annotations

from index.knowledge.model import Service
from index.search.facet_language import origin_language

NEWCOMERS = "maahanmuuttajat"
_WHO_ELSE = frozenset({"lapset", "nuoret", "tyoikaiset", "ikaantyneet", "perheet"})
_DOMESTIC = frozenset({"fi", "sv", "en"})


def community_service(service: Service) -> bool:
    """Is the service a language community's (for newcomers, held in their language)?"""
    groups = set(service.target_groups)
    return (
        NEWCOMERS in groups
        and groups - {NEWCOMERS} <= _WHO_ELSE
        and any(lang not in _DOMESTIC for lang in service.languages)
    )


def newcomer_case(
    question: str, language: str | None, little: bool, groups: tuple[str, ...]
) -> bool:
    """Does the case give a sign of another language or origin: a language other than Finnish
    or Swedish stated, little Finnish, a country of origin, or newcomers among its groups
    ("muutti Suomeen", "pakolainen", "invandrare")?"""
    return bool(
        (language and language not in ("fi", "sv"))
        or little
        or origin_language(question)
        or NEWCOMERS in groups
    )
