"""An association tells its plan, then asks whom to agree it with: a question on the cooperation.

"Meillä on eläkeläisten kerho …", "Käsityökerho haluaisi lahjoittaa …" and "vapaaehtoiset
haluaisivat tulla osastollemme …" name a club, pensioners and patients, as a case does; what
they ask is who decides, whom to agree it with, or whether a paper is needed. A case that
only mentions a club or a group still gets services.
"""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming, Reply


def ask(rt: Runtime, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", f"story-{text}", text))


@pytest.mark.parametrize(
    "question",
    [
        "Meillä on eläkeläisten kerho ja haluttaisiin pitää infopöytää terveysaseman aulassa. "
        "Keneltä pitää kysyä lupa?",
        "Meidän käsityökerho haluaisi lahjoittaa villasukkia vuodeosastolle. Kenen kanssa "
        "tästä sovitaan?",
        "Seurakunnan vapaaehtoiset haluaisivat tulla osastollemme lukemaan potilaille kerran "
        "viikossa. Pitääkö tästä tehdä joku paperi?",
        "Our pensioners' club would like to hand out leaflets at the health centre. Who do we ask?",
    ],
)
def test_an_associations_plan_asked_about_is_a_question_on_the_cooperation(rt, question):
    reply = ask(rt, question)
    assert reply.intent in ("roadmap", "guidance")
    assert all(r.kind != "service" for r in reply.results[:3])


def test_a_case_that_names_a_club_still_gets_services(rt):
    reply = ask(
        rt,
        "Asiakas on 78-vuotias yksinäinen mies, joka kävi ennen eläkeläisten kerhossa mutta "
        "ei enää uskalla lähteä kotoa. Mitä hänelle löytyisi?",
    )
    assert reply.intent == "services"
    assert reply.results and reply.results[0].kind == "service"
