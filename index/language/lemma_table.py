"""The corpus's own slice of simplemma's lemma dictionaries.

simplemma keeps every Finnish, Swedish and English word form in memory
(~460 MB), yet a query term only matters if it can meet a document term. So at
index build the tokenizer keeps just the forms that can: every dictionary form
whose lemma is a corpus term (or that is itself one), plus every corpus word
with the lemma the build gave it, so documents tokenise the same at build and at
query time. The serving process then looks words up here and never loads
simplemma; a word the table lacks stays as it is.

Lookup mirrors simplemma's dictionary step: the segment's language first, then
the other two (see LANG_ORDER); a lowercase word also finds a capitalised key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from index.language.dictionary_forms import (
    INDEX_WORD,
    LANG_ORDER,
    LANGS,
    MIN_TAIL,
    Dictionaries,
    dictionaries,
    fix_tail,
)
from index.language.form_filter import FormFilter

__all__ = ["INDEX_WORD", "LANGS", "LANG_ORDER", "LemmaTable", "fix_tail"]

OTHER = ""  # marks a form whose lemma the table does not keep
AFFIX, MIN_PART, MIN_DECOMPOSE = 5, 4, 6  # simplemma's Finnish decomposition bounds

FormTable = dict[str, str]  # word form → lemma


class LemmaTable:
    """Word form → lemma per dictionary language, plus the corpus words' own lemmas."""

    def __init__(
        self,
        dictionaries: Mapping[str, FormTable],
        corpus: Mapping[str, FormTable],
        known: FormFilter,
    ) -> None:
        self.known = known
        self.dictionaries = {lang: dict(dictionaries.get(lang, {})) for lang in LANGS}
        self.corpus = {lang: dict(corpus.get(lang, {})) for lang in LANGS}

    def lemma(self, word: str, lang: str = "fi") -> str:
        """The lemma of `word` in a `lang` segment; the word itself when unknown."""
        if word.isdigit():
            return word
        hit = self.corpus[lang].get(word)
        return hit if hit is not None else self._dictionary_lemma(word, lang)

    def _dictionary_lemma(self, word: str, lang: str) -> str:
        """simplemma's order: each language's dictionary (and Finnish decomposition) in turn.

        A form simplemma knows but the table lacks has a lemma no document has:
        the word stays as it is.
        """
        for x in LANG_ORDER[lang]:
            hit = self.dictionaries[x].get(word)
            if hit is None and self.known.known(x, word):
                hit = word
            if hit is None and x == "fi" and (hit := self._decompose(word)) is not None:
                hit = self._fix_tail(word, hit, lang)
            if hit is not None:
                return hit
        return word

    def _fix_tail(self, word: str, lem: str, lang: str) -> str:
        """`fix_tail` over the table (dictionary hits had it applied at build)."""
        tail = word[len(lem) :]
        if lem == word or not word.startswith(lem) or len(tail) < MIN_TAIL:
            return lem
        if not self.known.known(lang, tail) and tail not in self.dictionaries[lang]:
            return lem
        return lem + self._dictionary_lemma(tail, lang)

    def _get(self, form: str) -> str | None:
        """A Finnish form's lemma; OTHER when simplemma knows it but the table does not."""
        hit = self.dictionaries["fi"].get(form)
        return hit if hit is not None or not self.known.known("fi", form) else OTHER

    def _decompose(self, word: str) -> str | None:
        """simplemma's Finnish affix and suffix decomposition, over the table.

        An inflected word the dictionary lacks: an ending of up to AFFIX letters
        (clitics, possessives: "lapsiltaan" → lapsilta → lapsi), else a known word
        after a known prefix ("sekaryhmissä" → seka + ryhmä) or after any prefix.
        Where simplemma would reach a lemma the table lacks, the word stays as it is.
        """
        n = len(word)
        if n <= MIN_DECOMPOSE or n > 100:
            return None
        for count in range(1, n - MIN_PART + 1):
            head = self._get(word[:-count])
            if head is None:
                continue
            if count <= AFFIX:
                return head or word
            tail = self._get(word[-count:])
            if tail == OTHER:
                return word
            if tail is not None and len(tail) < count + AFFIX:
                return word[:-count] + tail
        for count in range(n - MIN_PART, MIN_PART - 1, -1):
            tail = self._get(word[-count:])
            if tail == OTHER:
                return word
            if tail is not None and len(tail) <= count:
                return word[:-count] + tail
        return None

    @classmethod
    def build(
        cls,
        seen: Mapping[tuple[str, str], str],
        extra: Iterable[str] = (),
        source: Dictionaries | None = None,
    ) -> LemmaTable:
        """The table for a corpus whose (word, segment language) pairs got lemmas `seen`.

        `extra` lemmas (stopwords) are kept too, so their forms are still dropped.
        The dictionaries are asked through `source` (default: the process's, in
        memory), which remembers every answer: a rebuild asks only about new words.
        """
        source = source if source is not None else dictionaries()
        terms = set(seen.values()) | set(extra)
        forms = {t for t in terms if INDEX_WORD.fullmatch(t)}  # a term may be another lemma's form
        # a compound term's last word, for decomposition: nettikasino(lla) → netti + kasino
        lemmas = terms | {t[i:] for t in terms for i in range(MIN_PART, len(t) - 1)}
        for lang in LANGS:
            for group in source.groups(lang, lemmas).values():
                forms.update(group.split())
        # every kept form in every language, so the lookup order still decides
        words = [f for f in forms if not f.isdigit()]
        dictionaries_ = {lang: source.lookups(lang, words) for lang in LANGS}
        known = source.known()
        table = cls(dictionaries_, {}, known)
        corpus: dict[str, FormTable] = {lang: {} for lang in LANGS}
        for (word, lang), lem in seen.items():
            if table.lemma(word, lang) != lem:
                corpus[lang][word] = lem
        return cls(dictionaries_, corpus, known)

    def __len__(self) -> int:
        return sum(map(len, self.dictionaries.values())) + sum(map(len, self.corpus.values()))

    def to_json(self) -> dict[str, Any]:
        """Forms grouped by lemma, space-separated: about a third of a flat mapping's size."""
        return {
            "dictionary": {lang: _group(t) for lang, t in self.dictionaries.items()},
            "corpus": {lang: _group(t) for lang, t in self.corpus.items()},
            "known": self.known.to_json(),
        }

    @classmethod
    def from_json(cls, state: Mapping[str, Any]) -> LemmaTable:
        """Inverse of `to_json`; ValueError when the state is malformed."""
        dictionaries, corpus, known = (state.get(k) for k in ("dictionary", "corpus", "known"))
        if not (isinstance(dictionaries, dict) and isinstance(corpus, dict)) or not (
            set(dictionaries) | set(corpus)
        ) <= set(LANGS):
            raise ValueError("lemma table state is malformed")
        return cls(
            {lang: _ungroup(groups) for lang, groups in dictionaries.items()},
            {lang: _ungroup(groups) for lang, groups in corpus.items()},
            FormFilter.from_json(known if isinstance(known, dict) else {}),
        )


def _group(table: FormTable) -> dict[str, str]:
    groups: dict[str, list[str]] = defaultdict(list)
    for form, lem in table.items():
        groups[lem].append(form)
    return {lem: " ".join(sorted(fs)) for lem, fs in sorted(groups.items())}


def _ungroup(groups: Any) -> FormTable:
    if not isinstance(groups, dict) or not all(isinstance(v, str) for v in groups.values()):
        raise ValueError("lemma table groups must map a lemma to space-separated forms")
    return {form: str(lem) for lem, forms in groups.items() for form in forms.split()}
