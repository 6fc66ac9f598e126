"""Need words used in another sense are no sign of a need (index/language/figurative.py):
confusion said beside a shock is how someone took news, not memory loss, in the needs read,
the glossary's Finnish words and the lexical search alike (the readings: tests/test_facets.py)."""

from __future__ import annotations

from handlers.messages import Incoming, ServiceCard


def test_a_shocked_parents_confusion_does_not_lead_a_trans_youths_case_to_memory_services(rt):
    reply = rt.router.handle(
        Incoming(
            "test",
            "u",
            "confused-mother",
            "Skolkurator i Håkansböle. En 15-åring säger att hen är trans och vill bli kallad "
            "med ett nytt namn. Pappan ringde mig, chockad och förvirrad, och vet inte hur han "
            "ska stötta sitt barn. Finns det något för dem?",
            thread="t",
        )
    )
    shown = [rt.kb.service(p.id) for p in reply.parts if isinstance(p, ServiceCard)]
    assert shown and not any("muisti" in s.themes for s in shown[:5])
