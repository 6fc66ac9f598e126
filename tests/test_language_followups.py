"""A language told in a follow-up keeps the need: the same kind of service in that language
is a fit, and where there is none the answer says so instead of calling whatever is in that
language a fit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.evaluation.conversations import evaluate_conversations
from bot.evaluation.questions import load_questions
from bot.runtime import Runtime
from handlers.labels import label
from handlers.messages import Incoming, Notice, Reply, ServiceCard
from handlers.same_kind import changed_facets
from index.search.facets import Filters
from tests.runtime_fixtures import make_runtime


@pytest.fixture(scope="module")
def rt(knowledge_index_dir: Path) -> Iterator[Runtime]:
    yield make_runtime(knowledge_index_dir, None)


def _talk(rt: Runtime, thread: str, *turns: str) -> list[Reply]:
    return [rt.router.handle(Incoming("test", "u1", thread, t, thread="t1")) for t in turns]


def _shown(rt: Runtime, reply: Reply) -> list:
    return [rt.kb.service(p.id) for p in reply.parts if isinstance(p, ServiceCard)]


def _notices(reply: Reply) -> str:
    return " ".join(p.text for p in reply.parts if isinstance(p, Notice))


MEMORY = (
    "Vantaalainen rouva on huolissaan 79-vuotiaasta miehestään, joka on alkanut unohdella "
    "asioita ja eksyä. Mies ei suostu lääkäriin. Mistä rouva saisi neuvoja?"
)


def test_a_language_no_service_of_that_kind_speaks_is_said_plainly(rt):
    first, then = _talk(rt, "lang-memory-ru", MEMORY, "Kumpikin puhuu ainoastaan venäjää.")
    fitted = _shown(rt, first)[0]
    assert first.fit == "good" and "muisti" in fitted.themes
    assert then.filters["language"] == "ru"
    shown = _shown(rt, then)
    assert shown and all("ru" in s.languages for s in shown[:3])
    # no Russian-speaking service is about memory: what is in Russian is not called a fit
    assert not any("muisti" in s.themes for s in shown[:3])
    assert then.fit == "partial"
    said = _notices(then)
    assert label("no_same_kind", "fi", name=fitted.name["fi"], what="venäjä") in said


def test_a_language_with_a_service_of_the_same_kind_stays_a_fit(rt):
    first, then = _talk(
        rt,
        "lang-debt-ar",
        "Hakunilassa asuva 47-vuotias nainen on velkakierteessä ja ulosotto on alkanut. "
        "Mistä hän saisi apua?",
        "Hän puhuu vain arabiaa.",
    )
    assert first.fit == "good" and "talous" in _shown(rt, first)[0].themes
    shown = _shown(rt, then)
    # debt advice in Arabic is tagged for its speakers, not for the indebted: still a fit
    assert shown and "ar" in shown[0].languages and "talous" in shown[0].themes
    assert then.fit == "good"
    assert "”" not in _notices(then)


def test_a_new_language_is_a_changed_constraint_a_new_age_is_not():
    old = Filters(municipality="kerava", age=40)
    assert changed_facets(old, replace(old, language="sv")) == ["language"]
    assert changed_facets(old, replace(old, age=15)) == []
    was = replace(old, language="sv")
    assert changed_facets(was, replace(was, language=None)) == []  # nothing new asked


def test_conversation_eval_counts_a_hedge_where_an_exact_fit_is_shown(rt, tmp_path):
    convs = [
        {
            "id": "memory-ru",
            "kind": "followup:language",
            "turns": [MEMORY, "Kumpikin puhuu ainoastaan venäjää."],
            "relevant": {"muistipolku-ry/muistineuvonta": 1},
            "constraints_last": {"municipality": "vantaa", "language": "ru"},
            "expect_no_exact": True,
        },
        {
            # judged, for the sake of the test, as if the Russian answer fitted exactly
            "id": "memory-ru-judged-exact",
            "kind": "followup:language",
            "turns": [MEMORY, "Kumpikin puhuu ainoastaan venäjää."],
            "relevant": {"ikasilta-ry/venajankielinen-seniorikerho": 2},
            "constraints_last": {"municipality": "vantaa", "language": "ru"},
            "expect_no_exact": False,
        },
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in convs), "utf-8")
    report = evaluate_conversations(rt.router, rt.kb, load_questions(path))
    honest, judged_exact = report.outcomes
    assert honest.honest is True and honest.hedged is None and honest.fit == "partial"
    assert judged_exact.honest is None and judged_exact.hedged is True
    summary = report.summary(report.outcomes)
    assert summary["honest_no_exact"] == 1.0 and summary["hedge"] == 1.0
