"""Need words used in another sense, left out before the vocabulary reads the needs.

The vocabulary names violence by "uhka" (a threat), but Finnish "uhata" with an infinitive
says what may happen, not that anyone threatens anyone: "vaimo uhkaa lähteä" (his wife says
she will leave), "asunto uhkaa mennä alta", "hän uhkaa jäädä yksin". Only a violent act after
it ("uhkasi tappaa", "uhkaa lyödä") keeps the threat a sign of violence.

Confusion said beside a shock, fear or sorrow ("upprörd och förvirrad", "järkyttynyt ja
sekava", "upset and confused", "förvirrad och rädd", "peloissaan ja sekava") is how someone
took news, not the memory loss the signs read "förvirrad" and "sekava" as. Restlessness,
worry, anger or being lost beside it ("orolig och förvirrad på kvällarna", "levoton ja
sekava", "gets confused and lost"), or fear of the nights ("sekava ja peloissaan öisin"), is
left as it is: that is how staff describe a memory patient's evening.

A fall pushed or lied about is violence's, not frailty's: "tönäisi niin, että hän kaatui".
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
    r"|upset|shocked|devastated"
    # fear or sorrow beside it: how news was taken (not anger, nor being lost: a memory
    # patient's agitation, "gets confused and lost")
    r"|rädd|skräckslagen|ledsen|maktlös|peloissaan|pelokas|surullinen"
    r"|scared|afraid|frightened|sad|helpless|overwhelmed)"
)
# ... unless said of the evenings or nights: "sekava ja peloissaan öisin" is a memory patient's
_OF_NIGHTS = (
    r"(?![^.,;!?]*\b(?:på\s+(?:kvällarna|nätterna)|om\s+(?:kvällarna|nätterna)|iltaisin|öisin"
    r"|at\s+night|in\s+the\s+evenings?)\b)"
)
_CONFUSED = r"(?:förvirr\w*|sekav\w*|confused)"
_TOOK_NEWS = re.compile(
    rf"(?:\b{_SHOCKED}(?:,\s*|,?\s+(?:och|ja|and)\s+)({_CONFUSED})"
    rf"|\b({_CONFUSED})(?:,\s*|,?\s+(?:och|ja|and)\s+){_SHOCKED}){_OF_NIGHTS}",
    re.I,
)


# A fall that is a blow's doing or a cover story ("tönäisi niin, että vaimo kaatui", "sanoo
# kaatuneensa"), the walls closing in ("seinät kaatuu päälle") or a firm going under ("yritys
# kaatui") is no sign of frailty.
_NOT_A_FALL = re.compile(
    r"\b(?:tönä\w*|töni\w*|työnsi|työnt\w*|löi|lyö\w*|potkai\w*|pushed|shoved|knuffa\w*)"
    r"\b[^.!?]{0,40}?\b(kaatu\w*|fell)\b|\b(?:sanoo|sanoi|kertoo|kertoi|väittää|väitti)\s+"
    r"(kaatun\w*)|\bseinät\s+(kaatu\w*)"
    r"|\b(?:yritys|yrityksen|firma|firman|yhtiö\w*|suunnitelm\w*|hanke|kauppa)\s+(kaatu\w*)",
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
    return _NOT_A_FALL.sub(_blank, _TOOK_NEWS.sub(_blank, _MAY_HAPPEN.sub(_blank, text)))
