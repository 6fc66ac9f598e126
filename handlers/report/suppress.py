"""Small counts are never shown: 1–4 become "< 5", so no client can be picked out.

Zero is shown as it is (it identifies no one). A share is shown only when both the
part and the rest are 0 or at least five; otherwise it could give a small count
back (3 of 100 → 3 %).
"""

from __future__ import annotations

__all__ = ["MIN_COUNT", "SMALL", "is_small", "shown", "shown_share"]

MIN_COUNT = 5
SMALL = "< 5"


def is_small(n: int) -> bool:
    return 0 < n < MIN_COUNT


def shown(n: int) -> str:
    """A count as the report shows it."""
    return SMALL if is_small(n) else str(n)


def shown_share(part: int, whole: int) -> str:
    """`part` of `whole` as a percentage, or "–" when it would reveal a small count."""
    if whole <= 0 or is_small(part) or is_small(whole - part) or is_small(whole):
        return "–"
    return f"{round(100 * part / whole)} %"
