"""The facets' walk down a long ranking stops early without changing what is shown.

At 100,000 services the fused ranking holds hundreds of documents; `apply_facets` stops
once no boost could lift the rest into the documents and services the search keeps. The
first of them must be exactly those a walk over the whole ranking gives, whatever the
constraints, hints and language.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from index.knowledge.loader import load_knowledge
from index.search.facet_rules import apply_facets
from index.search.facets import Filters

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.fixture(scope="module")
def services():
    kb = load_knowledge(KNOWLEDGE)
    return list(kb.services), kb.vocabularies


def _case(rng: random.Random, services, vocab):
    docs = [rng.choice(services) if rng.random() < 0.8 else None for _ in range(400)]
    scores = sorted((rng.random() ** 3 for _ in docs), reverse=True)
    ranked = list(zip(rng.sample(range(len(docs)), len(docs)), scores, strict=True))
    f = Filters(
        municipality=rng.choice([None, "vantaa", "kerava"]),
        language=rng.choice([None, None, "sv", "ru", "ar"]),
        age=rng.choice([None, 9, 16, 40, 80]),
        cost=rng.choice([None, "free"]),
        online=rng.choice([None, True]),
        target_groups=tuple(rng.sample(sorted(vocab.target_groups), rng.randint(0, 3))),
        themes=tuple(rng.sample(sorted(vocab.themes), rng.randint(0, 3))),
        gender=rng.choice([None, "f", "m"]),
    )
    return ranked, docs, f, rng.choice(["fi", "sv", "en"])


@pytest.mark.parametrize("seed", range(60))
def test_stopping_early_keeps_the_first_documents_and_services(services, seed):
    rng = random.Random(seed)
    ranked, docs, f, lang = _case(rng, *services)
    k, n_services = rng.choice([(5, 20), (10, 20), (30, 20)])
    whole, applied, relaxed = apply_facets(ranked, docs, f, lang)
    cut, applied_cut, relaxed_cut = apply_facets(ranked, docs, f, lang, (k, n_services))
    assert (applied_cut, relaxed_cut) == (applied, relaxed)
    assert cut[:k] == whole[:k]
    first = [d for d in whole if docs[d[0]] is not None][:n_services]
    assert [d for d in cut if docs[d[0]] is not None][:n_services] == first
    assert len(cut) <= len(whole)
