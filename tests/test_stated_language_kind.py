"""A case that names the client's language in its first description: a service in that
language is a fit only if it is of the kind the need's own services are; otherwise the answer
is partial, and the need's nearest services follow, each saying it is not held in the
language."""

from __future__ import annotations

from bot.runtime import Runtime
from handlers.labels import label
from handlers.messages import Incoming, Notice, Reply, ServiceCard


def _ask(rt: Runtime, thread: str, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", thread, text, thread="t1"))


def _shown(rt: Runtime, reply: Reply) -> list:
    return [rt.kb.service(p.id) for p in reply.parts if isinstance(p, ServiceCard)]


def _cards(reply: Reply) -> list[ServiceCard]:
    return [p for p in reply.parts if isinstance(p, ServiceCard)]


def _notices(reply: Reply) -> str:
    return " ".join(p.text for p in reply.parts if isinstance(p, Notice))


def test_a_named_language_no_service_of_the_need_speaks_is_not_called_a_fit(rt):
    reply = _ask(
        rt,
        "first-lang-violence-ar",
        "Vantaalainen isä on riidoissa lyönyt puolisoaan ja tönäissyt lasta. Hän haluaa "
        "muuttua. Hän puhuu vain arabiaa.",
    )
    assert reply.filters["language"] == "ar"
    shown = _shown(rt, reply)
    # the first service held in Arabic is for parents, money or advice in one's own language,
    # not a programme for one who has used violence: it is not called a fit
    assert shown and "ar" in shown[0].languages
    assert not any("ar" in s.languages and "vakivalta" in s.themes for s in shown[:1])
    assert reply.fit == "partial"
    assert label("beyond", "fi", what="kieli") in _notices(reply)
    # the need's nearest come after the first three, not held in Arabic, and say so
    beyond = [s for s in shown[3:] if "ar" not in s.languages]
    assert beyond
    assert any(card.unmet for card in _cards(reply)[3:])


def test_a_named_language_with_a_service_of_the_need_stays_a_fit(rt):
    reply = _ask(
        rt,
        "first-lang-debt-ar",
        "Hakunilassa asuva 47-vuotias nainen on velkakierteessä ja ulosotto on alkanut. "
        "Hän puhuu vain arabiaa. Mistä hän saisi apua?",
    )
    assert reply.filters["language"] == "ar"
    shown = _shown(rt, reply)
    # debt advice in Arabic is tagged for its speakers, not for the indebted: still a fit
    assert any("ar" in s.languages and "talous" in s.themes for s in shown[:3])
    assert reply.fit == "good"
    assert "”" not in _notices(reply)
