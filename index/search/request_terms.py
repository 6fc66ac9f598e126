"""What kind of service a question asks for, and for whom or what.

"Onko dialyysipotilaiden vertaisryhmää?", "vertaistukea elinsiirron saaneille",
"vertaisryhmää ostoriippuvuudesta kärsiville", "kamratstöd för unga som
stammar", "free legal counsel for asylum appeals": a question that names a kind
of service (a group, peer support, a course, advice …) and qualifies it names
the need exactly. When the knowledge never mentions a qualifier at all — no
service, guidance or vocabulary text holds the word in any form — no service
can serve that need exactly, however close the nearest ones are: the dense
model finds "a peer group" and misses "for dialysis patients".

The qualifiers are read by Finnish, Swedish and English word order: attributes
before the service word in the genitive, allative or elative ("elinsiirron
saaneiden vertaistukea", "psoriaasista kärsiville vertaistukea"), the first
part of a compound ("parkinsonryhmä"), and what follows it: whom it is for
(allative, "för", "for") or what about (elative), and whom a group gathers in a relative
clause after it ("vertaisryhmää, jossa olisi muita parkinsonpotilaita"). Pronoun-like words
("tällaista", "muille") qualify nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from index.language.detect import words
from index.language.places import municipalities_in
from index.language.segments import STOPWORDS

# Words naming a kind of service (stems; a closed class of the domain, in fi/sv/en).
SERVICE_WORD = re.compile(
    r"(ryhm|tuki|tuke|tuen|kerho|kurssi|neuvon|apu|apua|avun|toimint|porukk|seura|yhdisty|"
    r"palvelu|hoitaja|grupp|stöd|förening|rådgivning|kurs|hjälp|group|support|advice|"
    r"counsel|course|club|help)",
    re.I,
)
# Compound heads that only say "peer" or "support" again.
_PLAIN_PARTS = ("vertais", "vertaistuki", "tuki", "kamrat", "peer", "stöd")
_PRONOUN_LIKE = frozenset(
    "tällaista tällaiselle tällaisille sellaista sellaiselle sellaisille semmoista tämmöistä "
    "samanlaista samanlaiselle samanlaisille vastaavaa vastaavalle muuta muille muista "
    "muita muiden "
    "jollekin joillekin kaikille heille hänelle meille teille itselleen toisille".split()
)
_FOR = frozenset(("för", "for", "om", "about", "med", "with"))
_OWN = frozenset("oma omaa omia omat omaansa egen eget egna own".split())  # before the service word
_AFTER_ENDINGS = ("lle", "sta", "stä", "n")
_BEFORE_ENDINGS = ("lle", "sta", "stä")  # whom for, what from: "X:stä kärsiville ryhmä"
# Participles naming whom a service is for; the word before one is its object, in any case.
_PARTICIPLE = ("ville", "välle", "vien", "neille", "neiden", "ttuille", "ttujen", "tyille")
MIN_GENITIVE = 7  # "elinsiirron"; shorter -n words are often verbs ("etsin", "kysyn")


_CLAUSE = re.compile(r"[,.;:!?()–—]+")
# Illative, adverb and nominative -nen endings ("ryhmään", "pelkästään", "kotiin",
# "somalinkielinen") are not genitive attributes of a service word.
_NOT_ATTRIBUTE = ("aan", "ään", "iin", "ssaan", "ssään", "nen")  # -nen: nominative


_RELATIVE = frozenset("jossa johon jonka joissa joihin missä mihin som where which".split())
# plural partitives and genitives, allatives: "potilaita", "vanhempia", "keliaakikkoja"
_PLURAL_PERSONS = (
    "ita",
    "itä",
    "ia",
    "iä",
    "ja",
    "jä",
    "iden",
    "itten",
    "ien",
    "jen",
    "ten",
    "ille",
)


def requested_qualifiers(question: str) -> list[str]:
    """The words qualifying each service word of the question, in order, deduplicated."""
    out: list[str] = []
    clauses = [words(c) for c in _CLAUSE.split(question)]
    for k, ws in enumerate(clauses):
        found = _clause_qualifiers(ws)
        out += found
        after = clauses[k + 1] if k + 1 < len(clauses) else []
        if ws and SERVICE_WORD.search(ws[-1]) and after and after[0] in _RELATIVE:
            # "vertaisryhmää, jossa olisi muita parkinsonpotilaita": whom the group gathers
            out += [x for x in after[1:] if x.endswith(_PLURAL_PERSONS) and x not in STOPWORDS]
    return list(
        dict.fromkeys(x for x in out if not SERVICE_WORD.search(x) and x not in _PRONOUN_LIKE)
    )


def _clause_qualifiers(ws: list[str]) -> list[str]:
    out: list[str] = []
    for i, w in enumerate(ws):
        m = SERVICE_WORD.search(w)
        if m is None:
            continue
        head = w[: m.start()]
        if len(head) >= 5 and head not in _PLAIN_PARTS:
            out.append(head)
        for j in range(i - 1, max(-1, i - 5), -1):  # attributes before it
            x = ws[j]
            if x in _OWN:
                continue  # "kuuroille omaa vertaisryhmää"
            if x in STOPWORDS or x.endswith(_NOT_ATTRIBUTE) or municipalities_in([x]):
                break
            object_of = j < i - 1 and ws[j + 1].endswith(_PARTICIPLE)  # "syöpää sairastaville"
            genitive = x.endswith("n") and len(x) >= MIN_GENITIVE  # "elinsiirron saaneiden"
            if not (object_of or genitive or x.endswith(_BEFORE_ENDINGS)):
                break
            out.append(x)
        after_for = False
        for j in range(i + 1, min(len(ws), i + 4)):  # whom for, what about
            x = ws[j]
            if x in _FOR:
                after_for = True
                continue
            if x.endswith(_NOT_ATTRIBUTE):
                continue  # "ryhmä pelkästään naisille"
            if x in STOPWORDS or len(x) < 4 or x.isdigit() or municipalities_in([x]):
                break
            if not (after_for or x.endswith(_AFTER_ENDINGS)):
                break
            out.append(x)
    return out


def unknown_qualifiers(
    question: str,
    facet_words: Collection[str],
    tokenize: Callable[[str], list[str]],
    known: Callable[[str], bool],
) -> list[str]:
    """The qualifiers no knowledge text holds in any form (`known`: as it is or inflected).

    A compound is judged whole: "syömishäiriöstä" is unknown though "syöminen" and "häiriö"
    are known, and so is "ALS-potilaiden" though "potilas" is. Words that stated a facet
    (a place, an age word) are not qualifiers.
    """
    out = []
    for q in requested_qualifiers(question):
        terms = [t for t in tokenize(q) if len(t) > 2]
        if q in facet_words or not terms:
            continue
        first = q.split("-")[0] if "-" in q else ""
        if not known(terms[0]) or (len(first) >= 2 and not known(first)):
            out.append(q)
    return out
