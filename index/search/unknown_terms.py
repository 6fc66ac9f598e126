"""Which of a request's qualifiers name a need the knowledge never mentions.

`request_terms` reads what a question asks for and for whom or what; this module judges
those words against the knowledge's own text: a qualifier no service, guidance or
vocabulary text holds in any form names a need no service can serve exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Protocol

from index.language.crosslingual import glossary_knows
from index.language.detect import words
from index.search.facets import Filters
from index.search.pair_features import TermStats
from index.search.request_terms import qualifiers
from index.search.same_condition import same_illness, unnamed_illness


class KnownTerm(Protocol):
    def __call__(self, term: str, *, whole: bool = False) -> bool: ...


def request_misses(
    question: str, f: Filters, lang: str, first: str, terms: TermStats
) -> tuple[list[str], bool]:
    """The requested service's qualifiers no passage holds (words that stated a facet are not
    ones), and whether a peer request's illness, one the knowledge names, goes unnamed by the
    passage `first` (the first service's key)."""
    facet_words = {w for ev in f.evidence.values() for w in words(ev)}
    tokenize = terms.tokenizer.tokenize
    unknown = unknown_qualifiers(question, facet_words, tokenize, terms.known, lang, terms.titled)
    return unknown, unnamed_illness(question, lang, first, tokenize, terms.known, terms.held)


def unknown_qualifiers(
    question: str,
    facet_words: Collection[str],
    tokenize: Callable[[str], list[str]],
    known: KnownTerm,
    lang: str = "fi",
    titled: Callable[[str], bool] = lambda _: False,
) -> list[str]:
    """The qualifiers no knowledge text holds in any form (`known`: as it is or inflected).

    A compound is judged whole: "syömishäiriöstä" is unknown though "syöminen" and "häiriö"
    are known, and so is "ALS-potilaiden" though "potilas" is. Words that stated a facet
    (a place, an age word) are not qualifiers.

    The knowledge text is Finnish, so a Swedish or English word's absence says less: there a
    word the glossary translates counts as known, an English -ing form qualifies nothing
    ("someone facing eviction"), and the need is unknown when none of its qualifiers is known
    ("grupp för personer med celiaki", "for parents of twins") or an unknown one qualifies a
    known one ("legal counsel for asylum appeals"); not "advice for tenants with rent
    arrears".
    """
    out: list[str] = []
    held: list[str] = []
    heads: set[str] = set()
    # a case asking for peers with the same illness: the illness qualifies the request
    asked = [(q, head, False) for q, head in qualifiers(question, lang)]
    illness = [(w, lang != "fi", True) for w in same_illness(question, lang)]
    for q, head, ill in [*asked, *illness]:
        terms = [t for t in tokenize(q) if len(t) > 2]
        if q in facet_words or not terms or (lang == "en" and q.endswith("ing")):
            continue
        first = q.split("-")[0] if "-" in q else ""
        if lang != "fi" and glossary_knows(q, lang):
            held.append(q)
        elif (not known(terms[0], whole=head) or (len(first) >= 2 and not known(first))) and (
            not _on_a_named_topic(terms, known, titled)  # "etuushakemuksissa": "etuus" names one
            and not (ill and _kind_of_known(terms, known))
            and not (lang == "fi" and _written_known(q, tokenize, known))
        ):
            out.append(q)
            heads |= {q} if head else set()
        else:
            held.append(q)
    if lang == "fi" or not held:
        return out
    # Swedish, English: an unknown word that qualifies a known one ("asylum appeals",
    # "adoptive parents") still names the need, and so does the first part of a compound
    # service word ("seglingskurser"); one beside it ("rent arrears") may not.
    return [u for u in out if u in heads or any(_before(question, u, k) for k in held)]


# Spoken Finnish as written, one sound rule at a time: "samanikäsille" → "samanikäisille",
# "itelleen" → "itselleen", "kirjottamiseen" → "kirjoittamiseen", "oikeeseen" → "oikeaseen".
_SPOKEN = (
    (re.compile(r"([aä])s(?=[aäeil])"), r"\1is"),
    (re.compile(r"^itt?e(?=l|n|s)"), "itse"),
    (re.compile(r"([aoeuyäö])tt"), r"\1itt"),
    (re.compile(r"ee(?=s|n|l)"), "ea"),
)


def _written_known(word: str, tokenize: Callable[[str], list[str]], known: KnownTerm) -> bool:
    """A spoken form ("itelleen", "kirjottamiseen") whose written form the knowledge holds is
    no unknown need: colloquial case descriptions would otherwise be told nothing fits exactly."""
    for pattern, written in _SPOKEN:
        variant = pattern.sub(written, word, count=1)
        terms = [t for t in tokenize(variant) if len(t) > 2] if variant != word else []
        if terms and known(terms[0]):
            return True
    return False


def _on_a_named_topic(terms: list[str], known: KnownTerm, titled: Callable[[str], bool]) -> bool:
    """A compound (lemma, then its parts) whose parts are all known and whose first part
    is a word of a service's name."""
    return len(terms) >= 3 and all(known(t) for t in terms[1:]) and titled(terms[1])


def _kind_of_known(terms: list[str], known: KnownTerm) -> bool:
    """An illness compound whose last part the knowledge names: a kind of an illness it
    serves ("rintasyöpä" of "syöpä"). The tokenizer splits only compounds of corpus words,
    so the word's tails of five letters or more are asked."""
    w = terms[0]
    return any(known(w[i:], whole=True) for i in range(2, len(w) - 4))


def _before(text: str, first: str, then: str) -> bool:
    return re.search(rf"\b{re.escape(first)}\s+{re.escape(then)}\b", text, re.I) is not None
