"""Who the client is said *not* to be, and the services that are only for them.

"Hän ei ole veteraani eikä veteraanin leski", "ei ole minkään yhdistyksen jäsen", "no mental
health concerns", "hon är inte veteran": a near miss the dense model cannot see, since the
question is full of the very words the service is named by. A service whose name or summary
names such a group is not for this client, as a service in another municipality is not.

Only a statement of identity counts: "ei ole" (or "ei ollut": "mies ei ollut sotaveteraani")
followed by a noun phrase in the nominative, or a participle that names a group ("ei oo
eronnut": not divorced).
"Ei ole varaa", "ei ole ketään", "ei ole uskaltanut" say what the client lacks or has not
done, often the very need ("eikä hänellä ole ystäviä"), and are not read.

A group for parents ("Vertaisryhmä neuropsykiatrisesti oireilevien lasten vanhemmille") is
likewise not for an adult client in whose case no child, parent or family appears at all: an
adult with ADHD or a trans adult is not the parent such a group gathers. A minor's case always
has parents, said or not ("ei ole uskaltanut sanoa kotona").
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from index.knowledge.model import Service
from index.language.crosslingual import finnish_terms
from index.language.detect import words

_ADVERB = r"(?:itse|enää|koskaan|kuitenkaan|edes|myöskään|varsinaisesti)\s+"
# "ei ole itse veteraani" and "ei itse ole veteraani": the adverb on either side of the verb
_FI = re.compile(
    rf"\b(?:ei|eikä|eivät|en)\s+(?:{_ADVERB})*(?:ole|oo|ollut|ollu|olleet)\s+(?:{_ADVERB})*"
    r"([^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*){0,2})",
    re.I,
)
# "eikä veteraanin leski": a second phrase joined to the first by "eikä" / "tai"
_MORE_FI = re.compile(r"\s+(?:eikä|tai)\s+([^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)", re.I)
# English and Swedish: a noun phrase after an article ("is not a veteran"), or a kind of
# trouble denied ("no mental health concerns", "inga psykiska problem"); the glossary
# translates it to the Finnish of the service text.
_EN = re.compile(
    r"\b(?:is|am|are|was|were)(?:\s+not|n't)\s+(?:(?:herself|himself|themselves|actually|really"
    r"|even|officially)\s+)?(?:an?|the)\s+([a-z-]+(?:\s+(?!(?:or|and|nor|but)\b)[a-z-]+)?)"
    r"|\bno\s+((?:[a-z-]+\s+){1,3}?)(?:concerns|problems|issues|diagnosis)\b",
    re.I,
)
_SV = re.compile(
    r"\bär\s+(?:själv\s+|själva\s+)?inte\s+(?:själv\s+|själva\s+|heller\s+)?(?:en\s+|ett\s+)?"
    r"([^\W\d_]+)(?=[\s,.;)–-]|$)"
    r"|\bhar\s+inga\s+((?:[^\W\d_]+\s+){1,2}?)(?:problem|besvär|diagnos)",
    re.I,
)
# Ends a phrase: what follows is another clause.
_STOP = frozenset(
    "ja eikä tai vaan mutta koska kun joten vaikka eli siis sillä että mikä joka jota "
    "hän he se ne hänellä heillä".split()
)
# Pronouns and particles inside a phrase: no group is named by them.
_FILLER = frozenset(
    "minkään mikään minkäänlaisen kenenkään kukaan mitään ketään yhtään juuri vielä niin kovin "
    "sen sitä tämän tätä hänen heidän oma oman".split()
)
# A participle ("ei ole uskaltanut", "ei ole haettu", "ei ole tehty"), a partitive ("ei ole
# varaa", "ei ole kavereita", "ei ole rytmiä"), a place ("ei oo kausimaksuihin") or where one
# is ("kun kumpikaan ei ole kotona"): something lacking or not done, not who one is.
_NOT_IDENTITY = re.compile(
    r"(?:nut|nyt|nu|ny|neet|ut|yt|tu|ty|[aeiouyäö][aä]|ta|tä|na|nä|ssa|ssä|lla|llä|lta|ltä"
    r"|hin|hun|hyn|iin|seen|ihi|sti|kaan|kään)$",
    re.I,
)
# A child, a parent or a family in the case (fi, sv, en; "pappa" is also grandpa: still kin).
_KIN = re.compile(
    r"\b(?:lap[sp]\w*|poi[kj]\w*|tyt[tä]\w*|vauv\w*|esikoi\w*|taaper\w*|koululai\w*|äi[td]\w*"
    r"|isä\w*|isi\w*|vanhem\w*|yksinhuoltaj\w*|yh-\w*|perhe\w*|raskaa\w*|odott\w*|synnyt\w*"
    r"|äiti|mamma\w*|pappa\w*|barn\w*|son\b|söne\w*|dott\w*|döttr\w*|föräld\w*|familj\w*"
    r"|ensamstående|gravid\w*|child\w*|kids?\b|sons?\b|daughters?\b|parent\w*|mother\w*"
    r"|father\w*|mom\w*|mum\w*|dad\w*|famil\w*|bab(?:y|ies)\b|pregnan\w*)",
    re.I,
)
ADULT = 18
_PARENTS = re.compile(r"vanhem[mp]|föräld|parent", re.I)
PREFIX = (5, 7)  # a word's first letters, enough to name it, short of its inflection
# Participles that say who one is, not what one has not done: "ei oo eronnut" is not divorced.
# Each stands for the word the services are named by, at the start of a word ("^"):
# "Erosta isänä", "eroryhmä", "eroperheet".
IDENTITY_PARTICIPLES = {"eronnut": "^ero", "eronnu": "^ero", "eronneet": "^ero"}


class NotFor(NamedTuple):
    phrases: tuple[tuple[str, ...], ...]  # per phrase, the Finnish word prefixes it needs
    evidence: str  # the phrases as written ("veteraani, veteraanin leski")


def _prefixes(phrase: str) -> tuple[str, ...]:
    lo, hi = PREFIX
    return tuple(
        IDENTITY_PARTICIPLES.get(w) or w[: max(lo, min(hi, len(w) - 3))]
        for w in words(phrase)
        if len(w) >= 4
    )


def _finnish_phrase(text: str) -> list[str] | None:
    """The words of a Finnish noun phrase up to where a clause goes on; None if not a name."""
    kept: list[str] = []
    for w in text.split():
        low = w.lower()
        if low in _STOP:
            break
        if low not in _FILLER:
            kept.append(w)
    if not kept or any(
        _NOT_IDENTITY.search(w) and w.lower() not in IDENTITY_PARTICIPLES for w in kept
    ):
        return None
    return kept


def not_the_client(question: str, lang: str) -> NotFor | None:
    """The groups the question says the client does not belong to, as Finnish prefixes."""
    said: list[str] = []
    phrases: list[tuple[str, ...]] = []
    if lang == "fi":
        for m in _FI.finditer(question):
            kept = _finnish_phrase(m.group(1))
            if kept is None:
                continue
            found = [kept]
            end = question.find(kept[-1], m.start(1)) + len(kept[-1])
            if (more := _MORE_FI.match(question, end)) and (also := _finnish_phrase(more[1])):
                found.append(also)
            for phrase in found:
                if pre := _prefixes(" ".join(phrase)):
                    said.append(" ".join(phrase))
                    phrases.append(pre)
    else:
        for m in (_SV if lang == "sv" else _EN).finditer(question):
            text = next(g for g in m.groups() if g is not None).strip() or m.group(0)
            # the service text is Finnish: each glossary term is an alternative on its own
            terms = finnish_terms(text, lang).split()
            if terms:
                said.append(text)
                phrases.extend(_prefixes(t) for t in terms)
    phrases = [p for p in phrases if p]
    return NotFor(tuple(phrases), ", ".join(said)) if phrases else None


def names_no_child(question: str) -> bool:
    """No child, parent or family appears in the question."""
    return _KIN.search(question) is None


# An age under 18 said in the case: a child of the client's is there to be helped too.
_MINOR_AGE = re.compile(
    r"\b(1[0-7]|[0-9])\s?-?\s?(?:v\b|vuotia\w*|kuukautta|kk\b|åri\w*|år\b|months?\b|"
    r"-?years?[- ]old)",
    re.I,
)
GROWN = 50  # a client this old whose children the case names: they are adults
_KIDS = ("lapset", "perheet")  # children, and families with children ("lapsiperheet")


def age_fit_hints(groups: tuple[str, ...], age: int | None, question: str) -> tuple[str, ...]:
    """An older client's children are grown ("74-vuotias sai lapsiltaan älypuhelimen",
    "barnen bor i Sverige"): their word is no hint at services for children or for families
    with children, unless the case gives a child's age ("hoitaa 2-vuotiasta lapsenlastaan")."""
    if age is None or age < GROWN or not set(_KIDS) & set(groups) or _MINOR_AGE.search(question):
        return groups
    return tuple(g for g in groups if g not in _KIDS)


def for_parents(service: Service) -> bool:
    """The service is named for parents ("… lasten vanhemmille", "föräldragrupp")."""
    return _named_for_parents(*(service.name.get(lang, "") for lang in ("fi", "sv", "en")))


@functools.lru_cache(maxsize=65536)  # asked of every service the facets' walk passes
def _named_for_parents(*names: str) -> bool:
    return any(_PARENTS.search(n) for n in names)


@functools.lru_cache(maxsize=4096)
def _named_words(name: str, summary: str) -> tuple[str, ...]:
    return tuple(words(f"{name} {summary}"))


def for_them(service: Service, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Does the service's name or summary name one of the groups, every word of it (also
    inside a compound: "sotaveteraaneille")?"""
    if not phrases:
        return False
    held = _named_words(" ".join(service.name.values()), " ".join(service.summary.values()))
    return any(all(any(_holds(w, p) for w in held) for p in phrase) for phrase in phrases)


def _holds(word: str, prefix: str) -> bool:
    return word.startswith(prefix[1:]) if prefix.startswith("^") else prefix in word
