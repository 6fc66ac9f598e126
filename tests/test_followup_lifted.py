"""A refinement that lifts the constraint which kept the answer from an exact fit: the new
answer's own verdict stands, instead of asking whether the nearest shown before is matched
(handlers/same_kind.Before.blocked, ConversationState.blocked)."""

from __future__ import annotations

from bot.runtime import Runtime
from handlers.messages import Incoming, Reply

YOUNG_CARERS = "kantava-nuoruus-ry/nuorten-omaisten-ryhma"  # Tikkurila, for Vantaa only


def _talk(rt: Runtime, thread: str, *turns: str) -> list[Reply]:
    return [rt.router.handle(Incoming("test", "u1", thread, t, thread="t1")) for t in turns]


def test_a_move_to_where_the_nearest_beyond_meets_is_a_fit(rt: Runtime) -> None:
    near, moved = _talk(
        rt,
        "young-carer",
        "Keravan Ahjosta terveydenhoitaja: 13-vuotias tyttö huolehtii kotona isästään, jolla "
        "on vaikea masennus, ja nuoremmasta veljestään. Hän on väsynyt eikä ehdi harrastaa. "
        "Olisiko jotain hänen ikäisilleen, jotka kantavat samanlaista vastuuta?",
        "Perhe muuttaa ensi kuussa Vantaalle Tikkurilaan, joten sieltä päin mieluiten.",
    )
    # in Kerava nothing exact: the young carers' group in Tikkurila is shown as the nearest
    # beyond the place, its card saying so
    assert near.fit == "partial"
    beyond = [r for r in near.results if r.id == YOUNG_CARERS]
    assert beyond and beyond[0].unmet
    # the move lifts just that: the group meets every constraint now, and is called a fit
    assert moved.filters["municipality"] == "vantaa"
    assert moved.results[0].id == YOUNG_CARERS and not moved.results[0].unmet
    assert moved.fit == "good"
