"""A roadmap goal named by its number: "tavoite 2", "tavoitteella numero kaksi", "kolmostavote"
(spoken Finnish drops the i: "ykköstavotteessa"), "goal number two", "mål nummer två"."""

from __future__ import annotations

import re

_NUMERO = r"(?:(?:numero|number|nummer|nro\.?|nr\.?|n:o)\s*)?"
_GOAL_NUMBER = re.compile(rf"\b(?:tavoi?t\w*|goal|mål(?:et)?)\s+{_NUMERO}(\d)\b", re.I)
_ORDINALS = {
    1: r"ensimmäi\w*|ykkös|first|första",
    2: r"toi(?:nen|sen|sessa|seen)|kakkos|second|andra",
    3: r"kolma(?:s|nne\w*)|kolmos|third|tredje",
    4: r"neljä(?:s|nne\w*)|nelos|fourth|fjärde",
}
_CARDINALS = {
    1: "yksi|ykkönen|one|ett",
    2: "kaksi|two|två",
    3: "kolme|three|tre",
    4: "neljä|four|fyra",
}
_GOAL_ORDINAL = {
    n: re.compile(
        rf"\b(?:(?:{words})\s*(?:\w+\s+)?(?:tavoi?t\w*|goal|mål\w*)|"
        rf"(?:tavoi?t\w*|goal|mål\w*)\s+{_NUMERO}(?:{_CARDINALS[n]})\b)",
        re.I,
    )
    for n, words in _ORDINALS.items()
}


def goal_numbers(question: str) -> list[int]:
    """The goal numbers the question names, in digits or in words."""
    numbers = [int(m.group(1)) for m in _GOAL_NUMBER.finditer(question)]
    numbers += [n for n, pattern in _GOAL_ORDINAL.items() if pattern.search(question)]
    return numbers
