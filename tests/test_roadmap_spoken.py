"""Roadmap questions in spoken Finnish and everyday Swedish, and the report's own status words.

"kolmostavote" drops the i of "tavoite" as speech does; "onks se tehty vai viel työn alla"
asks how far something got, not what is unfinished; "Hur gick det …, uppnåddes det?" asks
how it went. Expected ids and statuses are read from the knowledge files.
"""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming, Reply, RoadmapItem
from index.knowledge.model import Action, Roadmap


def ask(rt: Runtime, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", f"spoken-{text}", text))


def roadmap(rt: Runtime) -> Roadmap:
    assert rt.kb.roadmap is not None
    return rt.kb.roadmap


def actions_of(rt: Runtime, workstream: str, year: int) -> list[Action]:
    return [
        a
        for g in roadmap(rt).goals
        for w in g.workstreams
        if w.id == workstream
        for a in w.actions
        if a.year == year
    ]


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("mikä se kakkostavote oikein on? pitäis selittää uudelle kollegalle", 2),
        ("nelostavotteessa puhutaan jotain kulttuurista, mitä sillä haetaan?", 4),
        ("Tavote numero kolme, mitä siinä tavotellaan?", 3),
    ],
)
def test_a_goal_named_in_spoken_finnish_is_that_goal(rt, question, number):
    goal = next(g for g in roadmap(rt).goals if g.number == number)
    reply = ask(rt, question)
    assert goal.id in [r.id for r in reply.results[:3]]
    assert goal.title.split(".")[0][:30] in " ".join(
        p.title + " " + p.text for p in reply.parts if isinstance(p, RoadmapItem)
    )


def test_either_done_or_still_under_way_shows_how_the_assessed_action_stood(rt):
    assessed = [a for a in actions_of(rt, "t2-rahoitus-ja-resurssit", 2024) if a.status]
    assert assessed
    reply = ask(rt, "Onks ne avustusten periaatteet nyt päivitetty, vai onks se viel työn alla?")
    top = [r.id for r in reply.results[:3]]
    assert any(a.id in top for a in assessed), top


def test_how_it_went_in_swedish_shows_that_topics_actions_of_the_year(rt):
    spaces = actions_of(rt, "t2-yhteiset-tilat", 2024)
    reply = ask(
        rt, "Hur gick det år 2024 med de gemensamma lokalerna för föreningarna? Uppnåddes det?"
    )
    top = [r.id for r in reply.results[:3]]
    assert any(a.id in top for a in spaces), top
    shown = [p for p in reply.parts if isinstance(p, RoadmapItem) and p.id in top]
    # the Swedish status names the report's own Finnish word beside the translation
    assert any("toteutuu" in (p.status or "") for p in shown)


def test_a_finnish_status_is_the_board_reports_own_word(rt):
    done = [a for g in roadmap(rt).goals for w in g.workstreams for a in w.actions]
    achieved = next(a for a in done if a.status == "toteutuu")
    reply = ask(rt, f"Miten kävi toimenpiteen ”{achieved.text}”?")
    item = next(p for p in reply.parts if isinstance(p, RoadmapItem) and p.id == achieved.id)
    # "Toteutuu" is how the report of 18.3.2025 assesses it; staff quote and search by it
    assert item.status == "toteutuu"


@pytest.mark.parametrize(
    "question",
    [
        "Yhdistys kyselee meiltä kokoustilaa kerran kuussa. Kuka niistä tiloista meillä "
        "oikeesti päättää?",
        "kuka näistä hyvinvointialueen tiloista vastaa, jos järjestö haluaa lainata niitä?",
    ],
)
def test_who_answers_for_the_premises_asked_in_spoken_words_is_the_premises_unit(rt, question):
    # "tiloista" and the duties' "tilojen" are one word (tila); "niistä" and "vastaa" name
    # no duty. The unit is the role whose duties are the premises, read from roles.yaml.
    unit = next(
        r for r in rt.kb.roles.values() if any("tilojen" in duty for duty in r.responsibilities)
    )
    reply = ask(rt, question)
    assert unit.id in [r.id for r in reply.results[:3]]
