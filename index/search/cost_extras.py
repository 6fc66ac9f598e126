"""Is a partly paid service free to take part in, with only extras paid?

A service's `cost: partly` holds two kinds of service alike. In some, taking part is free and
only what goes with it is paid: "Kahvi ja pulla maksavat 1 €, muuten osallistuminen on
maksutonta", "Lounas maksaa 3 €", a membership one may take ("Jäsenmaksu on 15 € vuodessa,
mutta tapaamisiin saa tulla jäsenyydestä riippumatta"). In others, taking part itself costs
something for someone: "Jäsenille maksuton, muille 10 €", "Osallistumismaksu on 2 € kerta".
Staff asking for something free mean the first kind too: the client can come and skip the
coffee. The service's own text tells which, read clause by clause in every language it is
written in: every clause that names an amount of money is about refreshments, or about a
membership its sentence says one can come without.
"""

from __future__ import annotations

import functools
import re

from index.knowledge.model import Service
from index.language.segments import sentences

_CLAUSE = re.compile(r",\s+|[;()]|\s+(?:mutta|men|but)\s+")  # not the comma of "2,50 €"
_RELATIVE = re.compile(r"(?:joka|jotka|jonka|mikä|som|which|that)\b", re.I)
# An amount of money: "3 €", "2,50 €", "10 euroa", "euron", "€5", "5 kr"
_AMOUNT = re.compile(r"\d\s*(?:€|e\b|eur\b|kr\b)|€\s*\d|\beuro\w*", re.I)
# What one eats or drinks there, or a raffle ticket, in the knowledge's three languages
_REFRESHMENTS = re.compile(
    r"\b(?:kahvi\w*|pulla\w*|lounas\w*|lounaa\w*|ruokailu\w*|välipala\w*|tee\b|arpa\w*|"
    r"kaffe\w*|fika\w*|lunch\w*|mellanmål\w*|coffee|snacks?|tea\b|raffle)",
    re.I,
)
# A membership fee, with coming without membership said
_MEMBERSHIP = re.compile(r"\b(?:jäsenmaksu\w*|medlemsavgift\w*|membership\s+fee)", re.I)
_WITHOUT_MEMBERSHIP = re.compile(
    r"\b(?:ilman\s+jäsenyyttä\w*|jäsenyydestä\s+riippumatta|utan\s+medlemskap|"
    r"oavsett\s+medlemskap|inte\s+är\s+medlem|without\s+(?:being\s+a\s+)?member\w*|"
    r"non-members)",
    re.I,
)


def free_to_take_part(service: Service) -> bool:
    """Is `service` (cost "partly") free to take part in, only refreshments or an optional
    membership paid? False when its text names no amount at all: then it is not known."""
    return _free_to_take_part(_texts(service))


def _texts(service: Service) -> tuple[str, ...]:
    return tuple(t for part in (service.summary, service.description) for t in part.values())


@functools.lru_cache(maxsize=4096)
def _free_to_take_part(texts: tuple[str, ...]) -> bool:
    priced = [
        (clause, sentence)
        for text in texts
        for sentence in sentences(text)
        for clause in _clauses(sentence)
        if _AMOUNT.search(clause)
    ]
    return bool(priced) and all(_extra(clause, sentence) for clause, sentence in priced)


def _clauses(sentence: str) -> list[str]:
    """The sentence's clauses, a relative clause kept with what it tells of ("lounaan, joka
    maksaa 2,50 €")."""
    out: list[str] = []
    for clause in _CLAUSE.split(sentence):
        if out and _RELATIVE.match(clause):
            out[-1] = f"{out[-1]}, {clause}"
        else:
            out.append(clause)
    return out


def _extra(clause: str, sentence: str) -> bool:
    """Is the amount in `clause` for refreshments, or for a membership its `sentence` says
    one can come without? ("Osallistumismaksu on 2 €, kahvi on ilmainen" is no extra.)"""
    if _REFRESHMENTS.search(clause):
        return True
    return bool(_MEMBERSHIP.search(clause) and _WITHOUT_MEMBERSHIP.search(sentence))
