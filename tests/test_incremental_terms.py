"""A refit tokenises only the texts an edit touches, and gives what a fit from nothing gives.

`index.language.fit_memo` keeps the terms of the last fit: a text none of whose words got
new terms is not tokenised again. Every step below is compared with a fit that remembers
nothing: the same terms for every text and the same fitted state (splitter, lemma table).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.knowledge.loader import load_knowledge
from index.language import fit_memo, lemma_memo, tokens
from index.language.dictionary_forms import Dictionaries
from index.language.segments import text_segments
from index.language.tokens import make_tokenizer
from index.search.artifact import passage_text
from index.search.build_documents import build_documents
from tests.small_knowledge import SMALL

EDITS = [
    ("rename", "Suomen kielen kuutamokeskustelukahvila"),
    ("append", "Vertaistukiryhmäkahvila ja omaishoitajavertaisryhmä kokoontuvat"),
    ("append", "Maahanmuuttajanuorten läksykerho ja kuutamokerho"),
    ("remove", ""),
    ("append", "Ruotsinkielinen samtalsgrupp för äldre och närstående"),
]


@pytest.fixture
def memo() -> Iterator[None]:
    """The module's memory of the last fit, empty for this test."""
    memos: list[dict[Any, Any]] = [fit_memo._LAST, fit_memo._COUNTS, lemma_memo._LAST]
    saved = [dict(m) for m in memos]
    for m in memos:
        m.clear()
    yield
    for m, kept in zip(memos, saved, strict=True):
        m.clear()
        m.update(kept)


def from_nothing(name: str, texts: list[str], cache: Path) -> tuple[list[list[str]], object]:
    """Terms and state of a fit in a process that remembers no earlier fit."""
    memos: list[dict[Any, Any]] = [fit_memo._LAST, fit_memo._COUNTS, lemma_memo._LAST]
    kept = [dict(m) for m in memos]
    for m in memos:
        m.clear()
    try:
        tok = make_tokenizer(name)
        return tok.fit_transform(texts, cache), tok.to_json()
    finally:
        for m, before in zip(memos, kept, strict=True):
            m.clear()
            m.update(before)


def edited(texts: list[str], kind: str, words: str) -> list[str]:
    out = list(texts)
    if kind == "rename":
        out[0] = out[0].replace(out[0].split("\n", 1)[0], words, 1)
    elif kind == "append":
        out[3] = f"{out[3]}\n{words}"
    else:
        del out[5]
    return out


@pytest.mark.parametrize("name", ["lemma+compound", "lemma", "stem+compound"])
def test_each_refit_equals_a_fit_from_nothing(
    name: str, memo: None, embedding_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [passage_text(d) for d in build_documents(load_knowledge(SMALL))]
    make_tokenizer(name).fit_transform(texts, embedding_cache_dir)
    looked_up: list[int] = []  # how many terms each lemma table looked up forms for
    real = lemma_memo._forms_of

    def counting(terms: frozenset[str], source: Dictionaries) -> set[str]:
        looked_up.append(len(terms))
        return real(terms, source)

    monkeypatch.setattr(lemma_memo, "_forms_of", counting)
    for kind, words in EDITS:
        texts = edited(texts, kind, words)
        tok = make_tokenizer(name)
        terms = tok.fit_transform(texts, embedding_cache_dir)
        if kind == "append" and tok.base == "lemma":  # only new terms' forms were looked up
            assert 0 < looked_up[-1] < 20, looked_up
        scratch_terms, scratch_state = from_nothing(name, texts, embedding_cache_dir)
        assert terms == scratch_terms, (kind, words)
        assert tok.to_json() == scratch_state, (kind, words)
        assert terms == [tok.tokenize(t) for t in texts]
        if tok.compound:  # the remembered counts are those of the corpus
            words = (w for t in texts for _, ws in text_segments(t) for w in ws)
            assert fit_memo._COUNTS[name][1] == Counter(words)


def test_an_edit_tokenises_only_the_texts_it_touches(memo: None, embedding_cache_dir: Path) -> None:
    texts = [passage_text(d) for d in build_documents(load_knowledge(SMALL))]
    before = make_tokenizer("lemma+compound").fit_transform(texts, embedding_cache_dir)
    after_texts = edited(texts, "rename", "Suomen kielen kuutamokeskustelukahvila")
    after = make_tokenizer("lemma+compound").fit_transform(after_texts, embedding_cache_dir)

    reused = [a is b for a, b in zip(after, before, strict=True)]
    assert not reused[0]  # the edited text
    assert sum(reused) >= len(texts) - 3  # the rest, unless a word of theirs split anew
    assert "kuutamokeskustelukahvila" in after[0]


def test_an_edit_works_out_the_terms_of_few_words(
    memo: None, embedding_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [passage_text(d) for d in build_documents(load_knowledge(SMALL))]
    make_tokenizer("lemma+compound").fit_transform(texts, embedding_cache_dir)
    worked: list[str] = []
    real = tokens.WordTokenizer._word_terms

    def counting(self: tokens.WordTokenizer, word: str, lang: str) -> tuple[str, ...]:
        worked.append(word)
        return real(self, word, lang)

    monkeypatch.setattr(tokens.WordTokenizer, "_word_terms", counting)
    after = edited(texts, "append", "Kuutamokerho ja tähtikerho kokoontuvat")
    make_tokenizer("lemma+compound").fit_transform(after, embedding_cache_dir)

    words = {w for t in after for _, ws in text_segments(t) for w in ws}
    assert {"kuutamokerho", "tähtikerho"} <= set(worked)
    assert len(worked) * 10 < len(words), (len(worked), len(words))
