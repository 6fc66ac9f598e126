"""Need words used in another sense, left out before the vocabulary reads the needs.

The vocabulary names violence by "uhka" (a threat), but Finnish "uhata" with an infinitive
says what may happen, not that anyone threatens anyone: "vaimo uhkaa lähteä" (his wife says
she will leave), "asunto uhkaa mennä alta", "hän uhkaa jäädä yksin". Only a violent act after
it ("uhkasi tappaa", "uhkaa lyödä") keeps the threat a sign of violence.
"""

from __future__ import annotations

import re

_VIOLENT = r"(?:tap[pa]|lyö|satut|ampu|puukot|kurist|hak[ak]|vahingoit|tuhot|polt|vie[dt])"
_MAY_HAPPEN = re.compile(
    rf"\b(uhka(?:a|si|avat|sivat|isi|illa))(?=\s+(?!{_VIOLENT})\w+(?:a|ä)\b)",
    re.I,
)


def literal(text: str) -> str:
    """The text with need words used in another sense blanked out (offsets kept)."""
    return _MAY_HAPPEN.sub(lambda m: " " * len(m.group(1)), text)
