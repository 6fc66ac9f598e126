"""Cross-validated evaluation: every scored question is held out once; questions given only to
train with are in every fold's training and never scored (`jarjestobotti eval --train-with`)."""

from __future__ import annotations

from typing import Any

from bot.evaluation.cv import cross_validate
from bot.runtime import Runtime


def _q(qid: str, question: str, relevant: dict[str, int]) -> dict[str, Any]:
    return {"id": qid, "question": question, "relevant": relevant, "kind": "direct", "lang": "fi"}


SCORED = [
    _q("s1", "Onko Vantaalla vertaisryhmää leskeksi jääneille?", {"lahteella-ry/leskien-ryhma": 2}),
    _q(
        "s2",
        "Velkaneuvontaa vantaalaiselle, jolla laskut rästissä",
        {"raha-arki-ry/talousneuvonta": 2},
    ),
    _q("s3", "Yksinäinen vanhus Vantaalla kaipaa kotiin ystävää", {"hopeasilta-ry/kotiystava": 2}),
    _q(
        "s4",
        "Muistikahvila muistisairaalle ja omaiselle Keravalla",
        {"muistipolku-ry/muistikahvila-kerava": 2},
    ),
]
EXTRA = [
    _q(
        "x1",
        "Päihteistä toipuvien vertaisryhmä Korsossa",
        {"selva-suunta-ry/toipujien-ryhma-korso": 2},
    ),
    _q(
        "x2",
        "Nuorten olohuone Tikkurilassa, kun ahdistaa",
        {"nuorten-mielitila-ry/olohuone-tikkurila": 2},
    ),
]


def test_questions_to_train_with_are_never_scored(rt: Runtime) -> None:
    saved = rt.searcher.second.ranker
    report, tuned = cross_validate(rt.router, rt.kb, rt.searcher, SCORED, 2, EXTRA)
    assert [o.qid for o in report.outcomes] == ["s1", "s2", "s3", "s4"]
    assert "2 further judged questions" in tuned
    assert rt.searcher.second.ranker is saved  # the shipped ranker is put back
    plain, tuned_plain = cross_validate(rt.router, rt.kb, rt.searcher, SCORED, 2)
    assert [o.qid for o in plain.outcomes] == ["s1", "s2", "s3", "s4"]
    assert "further" not in tuned_plain
