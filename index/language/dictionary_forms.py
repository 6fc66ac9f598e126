"""What simplemma's dictionaries say about word forms, computed once, then remembered.

The lemma table of a corpus (`index.language.lemma_table`) asks three things of
simplemma's Finnish, Swedish and English dictionaries: the forms that reach a
lemma (`Dictionaries.groups`), the lemma a form reaches (`Dictionaries.lookups`)
and whether a form is known at all (`Dictionaries.known`). The first and the
last need the dictionaries inverted, a walk over 4.7 million entries; they are
the same for every corpus, so the walk happens once per machine and simplemma
version (`index.language.lexicon_store`), or once per process without a cache
folder. Every answer is remembered for the process's lifetime, so a rebuild
after an edit asks the dictionaries only about the words the edit brought in
(`Dictionaries.asked` records them, for tests and logs).
"""

from __future__ import annotations

import logging
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from index.language.form_filter import FormFilter
from index.language.lexicon_store import LexiconStore

log = logging.getLogger(__name__)

LANGS = ("fi", "sv", "en")
LANG_ORDER = {"fi": ("fi", "sv", "en"), "sv": ("sv", "fi", "en"), "en": ("en", "fi", "sv")}
MIN_TAIL = 4  # a cut-off "ending" this long may be a compound's last word
# One word form as `index.language.segments.index_words` cuts text: letters and digits.
INDEX_WORD = re.compile(r"[^\W_]+")


def fix_tail(word: str, lem: str, lang: str) -> str:
    """Undo simplemma cutting an unknown compound's last word as if it were an ending.

    "omaishoitajaryhmä" → "omaishoitaja" becomes "omaishoitajaryhmä" (tail lemmatised).
    """
    tail = word[len(lem) :]
    if lem == word or not word.startswith(lem) or len(tail) < MIN_TAIL:
        return lem
    import simplemma

    if not simplemma.is_known(tail, lang):
        return lem
    return lem + str(simplemma.lemmatize(tail, lang=LANG_ORDER[lang])).lower()


def _dictionary(lang: str) -> Mapping[str, str]:
    from simplemma.strategies import DEFAULT_DICTIONARY_FACTORY

    # the process-wide factory simplemma.lemmatize uses: loaded once, not twice
    return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)


def _lookup(dictionary: Mapping[str, str], form: str, lang: str) -> str | None:
    """The lemma simplemma's dictionary step gives a lowercase `form`, or None."""
    value = dictionary.get(form)
    if value is None:
        value = dictionary.get(form.capitalize())
    return None if value is None else fix_tail(form, value.lower(), lang)


def invert(lang: str) -> dict[str, str]:
    """lemma → space-separated lowercase forms reaching it (the 4.7-million-entry walk)."""
    dictionary = _dictionary(lang)
    raw = getattr(dictionary, "_dict", None)  # simplemma's bytes → bytes store: no re-encoding
    if isinstance(raw, dict):
        pairs: Iterable[tuple[str, str]] = ((k.decode(), v.decode()) for k, v in raw.items())

        def has(form: str) -> bool:
            return form.encode() in raw

    else:
        pairs = dictionary.items()

        def has(form: str) -> bool:
            return dictionary.get(form) is not None

    groups: dict[str, list[str]] = defaultdict(list)
    word = INDEX_WORD.fullmatch
    for key, value in pairs:
        form = key.lower()
        if form != key and (key != form.capitalize() or has(form)):
            continue  # no lowercase word reaches this key
        if not word(form) or form.isdigit():
            continue
        lem = value.lower()
        if lem != form and len(form) - len(lem) >= MIN_TAIL and form.startswith(lem):
            lem = fix_tail(form, lem, lang)  # (fix_tail's cheap exits tested inline)
        groups[lem].append(form)
    return {lem: " ".join(forms) for lem, forms in groups.items()}


class Dictionaries:
    """The process's memory of dictionary answers, backed by an optional on-disk store."""

    def __init__(self, store: LexiconStore | None) -> None:
        self.store = store
        # per language: answers found, and the questions that found nothing
        self._groups: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
        self._no_group: dict[str, set[str]] = {lang: set() for lang in LANGS}
        self._lookups: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
        self._no_lookup: dict[str, set[str]] = {lang: set() for lang in LANGS}
        self._inverted: dict[str, dict[str, str]] | None = None
        self._known: FormFilter | None = None
        self._lock = threading.RLock()
        self.asked: set[str] = set()  # lemmas and forms this process looked up afresh

    def _all_inverted(self) -> dict[str, dict[str, str]]:
        """Every language inverted; once stored, not kept (the store answers from then on)."""
        if self._inverted is not None:
            return self._inverted
        log.info("käännetään simplemman sanakirjat (kerran koneella tai prosessissa)")
        inverted = {lang: invert(lang) for lang in LANGS}
        self._known = self._known or self._filter_of(inverted)
        stored = self.store is not None and self.store.fill(
            inverted, self._known.bits, self._known.probes
        )
        if not stored:
            self._inverted = inverted
        return inverted

    @staticmethod
    def _filter_of(inverted: Mapping[str, Mapping[str, str]]) -> FormFilter:
        count = sum(forms.count(" ") + 1 for g in inverted.values() for forms in g.values())
        keys = (
            f"{lang}:{f}" for lang, g in inverted.items() for fs in g.values() for f in fs.split()
        )
        return FormFilter.build(keys, count)

    def groups(self, lang: str, lemmas: Iterable[str]) -> dict[str, str]:
        """lemma → its forms (space-separated) for those of `lemmas` that have any."""
        with self._lock:
            wanted = set(lemmas)
            hits, misses = self._groups[lang], self._no_group[lang]
            new = wanted - hits.keys() - misses
            if new:
                self.asked.update(new)
                found = self.store.groups(lang, new) if self.store is not None else None
                if found is None:
                    table = self._all_inverted()[lang]
                    found = {lem: table[lem] for lem in new if lem in table}
                hits.update(found)
                misses.update(new - found.keys())
            return {lem: hits[lem] for lem in wanted & hits.keys()}

    def lookups(self, lang: str, forms: Iterable[str]) -> dict[str, str]:
        """form → the lemma the `lang` dictionary gives it, for those it knows."""
        with self._lock:
            wanted = set(forms)
            hits, misses = self._lookups[lang], self._no_lookup[lang]
            new = wanted - hits.keys() - misses
            if new:
                self.asked.update(new)
                dictionary = _dictionary(lang)
                for form in new:
                    lem = _lookup(dictionary, form, lang)
                    if lem is None:
                        misses.add(form)
                    else:
                        hits[form] = lem
            return {form: hits[form] for form in wanted & hits.keys()}

    def known(self) -> FormFilter:
        """The Bloom filter of every form of all three dictionaries."""
        with self._lock:
            if self._known is None:
                stored = self.store.filter_bits() if self.store is not None else None
                if stored is not None:
                    self._known = FormFilter(*stored)
                else:
                    self._all_inverted()  # sets it
            assert self._known is not None
            return self._known


@cache
def dictionaries(folder: Path | None = None) -> Dictionaries:
    """The process's `Dictionaries`, one per cache folder (None: memory only)."""
    return Dictionaries(LexiconStore(folder) if folder is not None else None)
