"""Follow-ups in a thread, as a colleague would ask them, on the real index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runtime import Runtime
from handlers import build_router
from handlers.context import BotContext, ConversationState, ConversationStore, HandlerConfig
from handlers.labels import label
from handlers.messages import Choices, Incoming, Reply, RoadmapItem, RoleCard, ServiceCard, Text
from index.errors import IndexMissingError, SearchIndexError
from index.search.engine import Searcher
from tests.runtime_fixtures import make_runtime


@pytest.fixture(scope="module")
def rt(knowledge_index_dir: Path) -> Iterator[Runtime]:
    yield make_runtime(knowledge_index_dir, None)


class Chat:
    """One thread with the bot."""

    def __init__(self, rt: Runtime, name: str):
        self.rt, self.name = rt, name

    def say(self, text: str) -> Reply:
        return self.rt.router.handle(Incoming("test", "u1", self.name, text, thread="t1"))

    def cards(self, reply: Reply) -> list[ServiceCard]:
        return [p for p in reply.parts if isinstance(p, ServiceCard)]


def test_enta_vantaalla_moves_the_question_to_vantaa(rt):
    chat = Chat(rt, "muni")
    first = chat.say("Onko Keravalla vertaisryhmää leskeksi jääneille?")
    assert first.filters["municipality"] == "kerava"
    again = chat.say("entä Vantaalla?")
    assert again.intent == "services" and again.filters["municipality"] == "vantaa"
    assert "lahteella-ry/leskien-ryhma" in [r.id for r in again.results[:2]]
    for card in chat.cards(again):
        assert "vantaa" in rt.kb.service(card.id).municipalities


def test_ruotsiksi_narrows_to_swedish_services(rt):
    chat = Chat(rt, "lang")
    chat.say("Vertaistukea omaishoitajalle Vantaalla")
    reply = chat.say("ruotsiksi?")
    assert reply.filters["language"] == "sv"
    cards = chat.cards(reply)
    assert cards and all("sv" in rt.kb.service(c.id).languages for c in cards)


def test_ilmaisia_drops_paid_services(rt):
    chat = Chat(rt, "cost")
    chat.say("Liikuntaryhmä ikääntyneelle Keravalla")
    reply = chat.say("ilmaisia?")
    assert reply.filters["cost"] == "free" and reply.filters["municipality"] == "kerava"
    assert all(rt.kb.service(c.id).cost != "fee" for c in chat.cards(reply))


def test_nayta_lisaa_continues_where_the_answer_stopped(rt):
    chat = Chat(rt, "more")
    first = chat.say("Mitä toimintaa on yksinäiselle ikäihmiselle Vantaalla?")
    shown = [c.id for c in chat.cards(first)]
    # the first page is cut where the fit drops (1–5 cards)
    assert 1 <= len(shown) <= 5 and [c.rank for c in chat.cards(first)] == [
        *range(1, len(shown) + 1)
    ]
    more = chat.say("näytä lisää")
    next_ids = [c.id for c in chat.cards(more)]
    assert next_ids and not set(next_ids) & set(shown)
    assert chat.cards(more)[0].rank == len(shown) + 1


def test_kerro_lisaa_kakkosesta_gives_the_second_in_full(rt):
    chat = Chat(rt, "details")
    first = chat.say("Velkaneuvontaa keravalaiselle")
    second = chat.cards(first)[1]
    reply = chat.say("kerro lisää kakkosesta")
    card = chat.cards(reply)[0]
    assert card.id == second.id
    assert card.description == rt.kb.service(second.id).description["fi"]


def test_kuka_vastaa_tasta_names_the_responsible_roles(rt):
    chat = Chat(rt, "who")
    first = chat.say("Päivitettiinkö järjestöavustusten periaatteet vuonna 2024?")
    assert first.intent == "roadmap"
    item = next(p for p in first.parts if isinstance(p, RoadmapItem))
    reply = chat.say("kuka vastaa tästä?")
    roles = [p for p in reply.parts if isinstance(p, RoleCard)]
    assert roles
    allowed = {
        r
        for g in rt.kb.roadmap.goals
        for w in g.workstreams
        for a in w.actions
        if item.id in (a.id, w.id, g.id)
        for r in a.responsible
    }
    assert {r.id for r in roles} <= allowed
    assert all(r.contact for r in roles)


def test_a_new_question_is_not_a_follow_up(rt):
    chat = Chat(rt, "fresh")
    chat.say("Onko Keravalla vertaisryhmää leskeksi jääneille?")
    reply = chat.say("Missä Vantaalla jaetaan ilmaista ruokaa ruokajonossa?")
    assert reply.filters["municipality"] == "vantaa" and reply.filters["cost"] == "free"
    assert "lahteella-ry" not in reply.results[0].id


def test_threads_do_not_share_context(rt):
    a = rt.router.handle(Incoming("test", "u1", "room", "Velkaneuvontaa keravalaiselle", "t-a"))
    b = rt.router.handle(Incoming("test", "u1", "room", "näytä lisää", "t-b"))
    assert a.intent == "services"
    assert not any(isinstance(p, ServiceCard) for p in b.parts)  # no context in thread b


def test_context_expires_and_is_bounded():
    now = [dt.datetime(2026, 1, 1, tzinfo=dt.UTC)]
    store = ConversationStore(ttl_seconds=60, max_items=2, clock=lambda: now[0])
    store.put("a", ConversationState(question="q"))
    assert store.get("a") is not None
    now[0] += dt.timedelta(seconds=61)
    assert store.get("a") is None  # expired
    for key in ("x", "y", "z"):
        store.put(key, ConversationState(question=key))
    assert len(store) == 2 and store.get("x") is None  # oldest dropped


def test_help_lists_examples_in_the_users_language(rt):
    ctx = BotContext(searcher=lambda: rt.searcher, config=HandlerConfig())
    router = build_router(ctx)
    reply = router.handle(Incoming("test", "u", "h", "what can you do?"))
    assert reply.intent == "help" and reply.language == "en"
    examples = next(p for p in reply.parts if isinstance(p, Choices))
    assert all(c.action == "ask" for c in examples.choices)
    asked = router.action(Incoming("test", "u", "h", ""), "ask", examples.choices[0].value)
    assert asked.intent == "services" and asked.results


def test_a_failure_becomes_the_apology_in_the_threads_language(
    rt: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    """Every surface answers through `Router.answer`: a broken index is explained, a bug
    gets the one apology in the thread's language, and each is logged once."""

    def no_index() -> Searcher:
        raise IndexMissingError("hakemistoa ei ole rakennettu")

    broken = build_router(BotContext(searcher=no_index))
    explained = broken.answer(Incoming("web", "u", "c", "Onko Vantaalla vertaistukea?"))
    assert explained.failure == "unavailable"
    assert explained.parts == [Text(SearchIndexError.user_message)]
    assert caplog.text.count("hakemistoa ei ole rakennettu") == 1

    def bug() -> Reply:
        raise RuntimeError("rikki")

    swedish = Incoming("teams", "u", "sv-tråd", "Finns det kamratstöd för pensionärer i Vanda?")
    assert rt.router.answer(swedish).language == "sv"
    apology = rt.router.answer(swedish, bug)
    assert apology.failure == "unexpected" and apology.parts == [Text(label("apology", "sv"))]
    assert caplog.text.count("RuntimeError: rikki") == 1
