"""A question on the cooperation told as a story is routed by what it means, not by its words.

The word cues read "vapaaehtoiset … neuvolan odotustilassa" and "diakoniaryhmä" as a
client's case; the learned model (index/search/intent_model.py) reads what is asked: how to
agree on an association's visit. A request for a client that names an association stays a
service search.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from bot.runtime import Runtime
from handlers.intent import intent_of
from handlers.messages import Incoming
from index.search.intent_model import IntentModel, load_intents, save_intents
from tests.runtime_fixtures import make_runtime

TOLD_FIRST = [
    "Perheyhdistyksen vapaaehtoiset haluaisivat pitää infoa meidän neuvolan odotustilassa. "
    "Miten tää sovitaan niin että se on kunnolla sovittu?",
    "Paikallinen seurakunnan diakoniaryhmä haluaisi esitellä toimintaansa meidän tiimille. "
    "Miten se kannattaa järjestää?",
]


@pytest.fixture(scope="module")
def runtime(knowledge_index_dir: Path) -> Iterator[Runtime]:
    yield make_runtime(knowledge_index_dir, None)


@pytest.mark.parametrize("question", TOLD_FIRST)
def test_an_association_s_plan_told_first_is_a_question_on_the_cooperation(
    runtime: Runtime, question: str
) -> None:
    s = runtime.searcher
    assert intent_of(s, question, s.filters_for(question)) == "knowledge"
    reply = runtime.router.handle(Incoming("test", "u", f"told-{hash(question)}", question))
    assert reply.intent != "services"
    # how a cooperation is agreed on: the agreement process, not a group for a client
    top3 = [r.id.split("#")[0] for r in reply.results[:3]]
    assert "yhteistyosopimusprosessi" in top3
    assert all(runtime.kb.service(r.id) is None for r in reply.results)


@pytest.mark.parametrize(
    "question",
    [
        "Auttaako joku yhdistys ihmisiä, joilla on velkoja?",
        "Onko jollain järjestöllä vertaistukea nivelreumaa sairastaville?",
        "Finns det någon förening för äldre som känner sig ensamma?",
        "Is there an association for young people who have lost a parent?",
        "Asiakkaana 80-vuotias leski, joka on ollut hyvin yksinäinen miehensä kuoleman jälkeen. "
        "Tyttären mukaan hän ei enää lähde kotoa mihinkään. Mitä voisin ehdottaa?",
    ],
)
def test_a_request_for_a_client_naming_an_association_stays_a_service_search(
    runtime: Runtime, question: str
) -> None:
    s = runtime.searcher
    assert intent_of(s, question, s.filters_for(question)) == "services"


def _model(sources: list[str], knowledge: list[bool]) -> IntentModel:
    rng = np.random.default_rng(0)
    centre = np.where(np.array(knowledge)[:, None], 1.0, -1.0) * np.eye(4)[0]
    vectors = (centre + 0.3 * rng.standard_normal((len(sources), 4))).astype(np.float32)
    return IntentModel(sources, np.array(knowledge, dtype=np.float32), vectors, "malli")


def test_an_evaluation_does_not_learn_the_questions_it_scores() -> None:
    sources = ["roadmap"] * 6 + ["cases"] * 6 + ["other"] * 2
    model = _model(sources, [True] * 6 + [False] * 8)
    question = np.eye(4, dtype=np.float32)[0]  # like the cooperation questions
    assert model.probability(question) > 0.9
    left = model.without(["roadmap"])  # every cooperation example was that set's
    assert len(left) == 8
    assert left.probability(question) < model.probability(question)
    assert model.without(["not-a-set"]) is model


def test_a_model_made_with_another_embedding_model_is_not_used(tmp_path: Path) -> None:
    manifest = tmp_path / "intents.json"
    model = _model(["a", "a", "b", "b"], [True, True, False, False])
    save_intents(model, manifest)
    again = load_intents("malli", manifest)
    assert again is not None and len(again) == 4
    question = np.eye(4, dtype=np.float32)[0]
    assert again.probability(question) == pytest.approx(model.probability(question), abs=1e-3)
    assert load_intents("toinen-malli", manifest) is None
