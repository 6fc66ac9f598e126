"""Comparing tokenizers (bench/tokenizers.py) swaps the whole lexical side of a searcher.

A swap that reached only the query's tokens would score the new tokens against the old
BM25 index, and the benchmark would report numbers for a tokenizer nobody ran.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runtime import Runtime
from index.language.tokens import make_tokenizer
from index.search.lexical import LexicalIndex
from tests.runtime_fixtures import make_runtime


@pytest.fixture(scope="module")
def rt(knowledge_index_dir: Path) -> Iterator[Runtime]:
    yield make_runtime(knowledge_index_dir, None)  # its own: the test changes its searcher


def lexical_ids(rt: Runtime, question: str) -> list[str]:
    result = rt.searcher.search(question, kinds=("service",), mode="lexical", use_facets=False)
    return [h.doc.id for h in result.hits]


def test_a_swapped_lexical_index_is_the_one_searched(rt: Runtime) -> None:
    docs = rt.searcher.index.docs
    target = next(i for i, d in enumerate(docs) if d.kind == "service")
    assert lexical_ids(rt, "zqxwvu") == []  # no knowledge text holds it

    # a corpus in which only one service holds that word, tokenised as-is
    tokens = [["zqxwvu"] if i == target else [] for i in range(len(docs))]
    rt.searcher.replace_lexical(make_tokenizer("plain"), LexicalIndex.build(tokens))

    assert lexical_ids(rt, "zqxwvu") == [docs[target].id]
    assert rt.searcher.second.terms.known("zqxwvu")
    assert lexical_ids(rt, "omaishoitajat") == []  # the old index's terms are gone
