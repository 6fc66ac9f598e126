"""A need only an everyday sign implies moves its services up; it never makes a verdict surer.

The second stage keeps two linear models in ranker.json: the verdict's (and the card cut's),
which never weighs the ORDER_ONLY features, and the order's, which weighs every feature.
"""

from __future__ import annotations

import json

import numpy as np

from bot.runtime import Runtime
from handlers.messages import Incoming
from index.search.pair_features import FEATURES, ORDER_ONLY
from index.search.ranker import WEIGHTS_FILE, LinearRanker, load_ranker


def test_the_shipped_verdict_never_weighs_an_implied_need() -> None:
    ranker = load_ranker(WEIGHTS_FILE)
    assert ranker is not None and ranker.order is not None
    rng = np.random.default_rng(0)
    rows = rng.random((6, len(FEATURES))).astype(np.float32)
    more = rows.copy()
    for name in ORDER_ONLY:
        more[:, FEATURES.index(name)] += 2.0
    assert np.allclose(ranker.probs(rows), ranker.probs(more))  # the verdict: unmoved
    assert not np.allclose(ranker.order_probs(rows), ranker.order_probs(more))  # the order: moved


def test_the_order_model_is_saved_and_read_back() -> None:
    ranker = load_ranker(WEIGHTS_FILE)
    assert ranker is not None
    again = LinearRanker.from_json(json.loads(json.dumps(ranker.to_json())))
    rows = np.linspace(0, 1, 3 * len(FEATURES), dtype=np.float32).reshape(3, len(FEATURES))
    assert np.allclose(again.order_probs(rows), ranker.order_probs(rows))
    assert (again.good, again.show) == (ranker.good, ranker.show)
    without = {k: v for k, v in ranker.to_json().items() if k != "order"}
    alone = LinearRanker.from_json(without)  # an older file: one model orders and judges
    assert np.allclose(alone.order_probs(rows), alone.probs(rows))


def test_a_carer_whose_wife_no_longer_knows_her_home_gets_the_dementia_spouses_group_first(
    rt: Runtime,
) -> None:
    reply = rt.router.handle(
        Incoming(
            "test",
            "u1",
            "order-memory",
            "Martinlaaksossa asuva 72-vuotias mies hoitaa kotona vaimoaan, joka ei enää tunnista "
            "omaa kotiaan; mies ei ole nukkunut kunnolla kuukausiin.",
        )
    )
    first = rt.kb.service(reply.results[0].id)
    assert first is not None and "muisti" in first.themes and "omaishoitajat" in first.target_groups
