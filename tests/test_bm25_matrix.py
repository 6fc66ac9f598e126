"""BM25 built from remembered per-document counts scores exactly as bm25s's own index.

`LexicalIndex.build` counts each document's terms once per process (`index.search.bm25_matrix`)
and scores all documents with NumPy; every term's documents and scores must equal those of
`bm25s.BM25.index` on the same terms, bit for bit, and a rebuild after an edit must count
only the edited document.
"""

from __future__ import annotations

import secrets

import bm25s
import numpy as np
import pytest

from index.knowledge.loader import load_knowledge
from index.language.tokens import make_tokenizer
from index.search import bm25_matrix
from index.search.artifact import passage_text
from index.search.build_documents import build_documents
from index.search.lexical import LexicalIndex
from tests.small_knowledge import SMALL


def postings(index: LexicalIndex) -> dict[str, tuple[list[int], bytes]]:
    """Every term's documents and the bytes of their float32 scores."""
    bm25 = index._bm25
    out = {}
    for term in index.terms():
        tid = bm25.vocab_dict[term]
        start, end = bm25.scores["indptr"][tid], bm25.scores["indptr"][tid + 1]
        data = np.asarray(bm25.scores["data"][start:end])
        assert data.dtype == np.float32
        out[term] = (bm25.scores["indices"][start:end].tolist(), data.tobytes())
    return out


def by_bm25s(docs_tokens: list[list[str]]) -> LexicalIndex:
    retriever = bm25s.BM25()
    retriever.index([list(t) for t in docs_tokens], show_progress=False)
    return LexicalIndex(retriever, len(docs_tokens))


@pytest.fixture(scope="module")
def corpus() -> list[list[str]]:
    texts = [passage_text(d) for d in build_documents(load_knowledge(SMALL))]
    return make_tokenizer("lemma+compound").fit_transform(texts)


def test_scores_equal_bm25s_term_by_term(corpus: list[list[str]]) -> None:
    ours, theirs = LexicalIndex.build(corpus), by_bm25s(corpus)
    assert len(ours) == len(theirs) == len(corpus)
    assert postings(ours) == postings(theirs)
    query = corpus[0][:3] + corpus[-1][:2]
    assert np.array_equal(ours.scores(query), theirs.scores(query))
    assert ours.search(query, 5) == theirs.search(query, 5)


def test_repeated_terms_and_a_document_without_terms() -> None:
    docs = [["kahvila", "kahvila", "suomi"], [], ["suomi", "kieli", "kieli", "kieli"], ["x"]]
    assert postings(LexicalIndex.build(docs)) == postings(by_bm25s(docs))


def test_an_edit_counts_only_the_edited_document(
    corpus: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    LexicalIndex.build(corpus)
    counted: list[tuple[str, ...]] = []
    real = bm25_matrix._count

    def counting(terms: tuple[str, ...]) -> bm25_matrix.Counted:
        counted.append(terms)
        return real(terms)

    monkeypatch.setattr(bm25_matrix, "_count", counting)
    edited = list(corpus)
    edited[1] = [*corpus[1], f"uusi{secrets.token_hex(4)}"]  # a term no document had
    ours = LexicalIndex.build(edited)

    assert counted == [tuple(edited[1])]
    assert postings(ours) == postings(by_bm25s(edited))
