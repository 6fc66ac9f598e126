"""Need words used in another sense, left out before the vocabulary reads the needs.

The vocabulary names violence by "uhka" (a threat), but Finnish "uhata" with an infinitive
says what may happen, not that anyone threatens anyone: "vaimo uhkaa lähteä" (his wife says
she will leave), "asunto uhkaa mennä alta", "hän uhkaa jäädä yksin". Only a violent act after
it ("uhkasi tappaa", "uhkaa lyödä") keeps the threat a sign of violence.

Confusion said beside a shock ("upprörd och förvirrad", "järkyttynyt ja sekava", "upset and
confused") is how someone took news, not the memory loss the signs read "förvirrad" and
"sekava" as. Restlessness or worry beside it ("orolig och förvirrad på kvällarna", "levoton
ja sekava") is left as it is: that is how staff describe a memory patient's evening.
"""

from __future__ import annotations

import re

_VIOLENT = r"(?:tap[pa]|lyö|satut|ampu|puukot|kurist|hak[ak]|vahingoit|tuhot|polt|vie[dt])"
_MAY_HAPPEN = re.compile(
    rf"\b(uhka(?:a|si|avat|sivat|isi|illa))(?=\s+(?!{_VIOLENT})\w+(?:a|ä)\b)",
    re.I,
)


_SHOCKED = (
    r"(?:upprör\w*|chock\w*|järkyty\w*|järkytty\w*|hätään\w*|poissa\s+tolaltaan"
    r"|upset|shocked|devastated)"
)
_CONFUSED = r"(?:förvirr\w*|sekav\w*|confused)"
_TOOK_NEWS = re.compile(
    rf"\b{_SHOCKED},?\s+(?:och|ja|and)\s+({_CONFUSED})|\b({_CONFUSED}),?\s+(?:och|ja|and)\s+{_SHOCKED}",
    re.I,
)


def _blank(m: re.Match[str]) -> str:
    """The match with its need word (the one group that matched) blanked out."""
    group = next(g for g in range(1, (m.re.groups or 0) + 1) if m.group(g) is not None)
    start, end = m.start(group) - m.start(), m.end(group) - m.start()
    text = m.group(0)
    return text[:start] + " " * (end - start) + text[end:]


def literal(text: str) -> str:
    """The text with need words used in another sense blanked out (offsets kept)."""
    return _TOOK_NEWS.sub(_blank, _MAY_HAPPEN.sub(_blank, text))
