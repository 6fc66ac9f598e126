"""The lemma table of a refit, built from the last fit's when the corpus only gained terms.

`LemmaTable.build` gathers the dictionary forms of every corpus term, looks each up and
then decides, for every (word, language) the corpus lemmatised, whether the table alone
would give its lemma: linear in the corpus, most of a second at 10,000 services. The forms
and lookups are a union over terms, so when an edit only adds terms (every term of the
last fit is still there), the last table's forms and lookups plus those of the new terms
are the same as from nothing. The table's lemma for a word reads only dictionary entries
for pieces of the word (itself, its prefixes and suffixes), so the last decision for a
word stands unless a new dictionary form occurs inside it. When a term has gone, or the
stopwords or dictionaries differ, the table is built from nothing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from index.language.dictionary_forms import INDEX_WORD, LANGS, Dictionaries
from index.language.lemma_table import MIN_PART, FormTable, LemmaTable

__all__ = ["lemma_table"]

Pair = tuple[str, str]


@dataclass(frozen=True)
class _Last:
    source: Dictionaries
    extra: frozenset[str]
    terms: frozenset[str]
    forms: frozenset[str]
    found: dict[str, FormTable]  # per language: form → lemma, as `Dictionaries.lookups`
    decided: dict[Pair, tuple[str, bool]]  # (word, lang) → (lemma, kept in the corpus part)


_LAST: dict[int, _Last] = {}  # one entry; keyed by nothing but kept in a dict for the lock
_LOCK = threading.Lock()


def _forms_of(terms: set[str] | frozenset[str], source: Dictionaries) -> set[str]:
    """The forms `terms` bring in: the terms that are words, and their dictionary forms and
    those of their last words (as `LemmaTable.build`)."""
    forms = {t for t in terms if INDEX_WORD.fullmatch(t)}
    lemmas = set(terms) | {t[i:] for t in terms for i in range(MIN_PART, len(t) - 1)}
    for lang in LANGS:
        for group in source.groups(lang, lemmas).values():
            forms.update(group.split())
    return forms


def lemma_table(
    seen: Mapping[Pair, str], extra: frozenset[str], source: Dictionaries
) -> LemmaTable:
    """`LemmaTable.build(seen, extra, source)`, from the last call's when it may be."""
    terms = frozenset(seen.values()) | extra
    with _LOCK:
        last = _LAST.pop(0, None)
    if last is None or last.source is not source or last.extra != extra or last.terms - terms:
        forms = frozenset(_forms_of(terms, source))
        words = [f for f in forms if not f.isdigit()]
        found = {lang: source.lookups(lang, words) for lang in LANGS}
        decided: dict[Pair, tuple[str, bool]] = {}
        moved: re.Pattern[str] | None = None
    else:
        forms = last.forms | _forms_of(terms - last.terms, source)
        words = [f for f in forms - last.forms if not f.isdigit()]
        found, new = {}, set()
        for lang in LANGS:
            more = source.lookups(lang, words)
            found[lang] = last.found[lang] | more
            new.update(more.keys() - last.found[lang].keys())
        decided = last.decided
        moved = re.compile("|".join(map(re.escape, sorted(new)))) if new else None
    table = LemmaTable(found, {}, source.known())
    corpus: dict[str, FormTable] = {lang: {} for lang in LANGS}
    now: dict[Pair, tuple[str, bool]] = {}
    for (word, lang), lem in seen.items():
        before = decided.get((word, lang))
        if before is None or before[0] != lem or (moved is not None and moved.search(word)):
            before = (lem, table.lemma(word, lang) != lem)
        now[word, lang] = before
        if before[1]:
            corpus[lang][word] = lem
    with _LOCK:
        _LAST[0] = _Last(source, extra, terms, forms, found, now)
    return LemmaTable(found, corpus, table.known)
