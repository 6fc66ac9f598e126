"""A case that also asks how to get the client there: the services, and the guidance first.

"Asiakas on yksinäinen … ei uskalla itse soittaa. Miten voin auttaa häntä pääsemään järjestön
toimintaan?" describes a client (services) and asks a procedure (how to guide a client to an
association: go along, call together, ask consent, no referral needed). The roadmap's binding
goal is both: staff know the services and guide clients to them. So the answer leads with the
section of the county's guide on guiding a client to an association (the guide the human route
cites when nothing fits) nearest to the case, then the services as for any case.

Only a question about getting the client somewhere counts — "miten voisin auttaa häntä?"
alone asks for services, not for a procedure.
"""

from __future__ import annotations

import re

from handlers.cards import guidance_excerpt
from handlers.context import BotContext
from handlers.labels import label
from handlers.messages import Part, ResultRef, Text

# What the guidance says to do when no service fits; the rest of its guide is how to guide a
# client to an association (`referral_guidance`).
HUMAN_ROUTE = "asiakkaan-ohjaaminen-jarjestoon#kun-sopivaa-ei-loydy"
_HOW_TO_REFER = re.compile(
    # "miten voin auttaa häntä pääsemään järjestön toimintaan", "miten ohjaan hänet yhdistykseen"
    # (not "miten hänet saisi mukaan johonkin harrastukseen": that asks for a service)
    r"\bmiten\b[^.?!]{0,40}?\b(?:autta\w*|saa(?:n|da|isin)|saisi\w*|ohja(?:an|ta|isin|amme)|"
    r"vie(?:n|dä)|saatta\w*)\s+(?:\w+\s+){0,4}?(?:järjestö\w*|yhdisty\w*)|"
    r"\bmiten\s+(?:\w+\s+){0,2}?ohja(?:an|taan|isin|amme)\s+(?:hänet|heidät|asiakkaan)\b|"
    # "voinko mä soittaa sinne hänen puolestaan"
    r"\b(?:voinko|saanko|voisinko|voiko|voiks|voinks)\s+(?:\w+\s+){0,3}?(?:soittaa|ilmoittaa|"
    r"varata|ottaa\s+yhteyttä)\s+(?:\w+\s+){0,2}?(?:hänen|asiakkaan)\s+puolesta\w*|"
    # "voinko lähettää hänen nimensä ja numeronsa yhdistyksen ohjaajalle" (her consent first)
    r"\b(?:voinko|saanko|voisinko|voiko|voiks|voinks|saako|saaks)\s+(?:\w+\s+){0,2}?(?:antaa|"
    r"lähettää|välittää|kertoa|laittaa)\s+(?:\w+\s+){0,2}?(?:hänen|asiakkaan)\s+(?:\w+\s+)?"
    r"(?:nime\w*|numero\w*|puhelinnumero\w*|yhteystie\w*|tieto\w*)|"
    r"\b(?:kan|får)\s+jag\s+(?:ge|skicka|lämna|förmedla)\s+(?:\w+\s+)?(?:hennes|hans|deras|"
    r"klientens)\s+(?:namn|nummer|telefonnummer|kontaktuppgifter|uppgifter)|"
    r"\b(?:can|may)\s+i\s+(?:give|pass|send|share|forward)\s+(?:on\s+)?(?:her|his|their|"
    r"the\s+client'?s|my\s+client'?s)\s+(?:\w+\s+)?(?:name|number|phone|contact|details)|"
    # "tarvitaanko siihen lähete", "behövs det en remiss", "does she need a referral"
    r"\b(?:tarvitaanko|tarvitaanks|tarvitseeko|tarviiko|tarviiks|pitääkö|pitäiskö)\s+(?:\w+\s+){0,3}?"
    r"lähete\w*|"
    r"\bbehövs\s+(?:det\s+)?(?:en\s+)?remiss|"
    r"\bhur\s+(?:kan|ska|får)\s+jag\s+(?:hjälpa|få|slussa|hänvisa)\s+(?:henne|honom|dem|klienten)"
    r"\s+(?:\w+\s+){0,6}?(?:förening\w*|organisation\w*)|"
    r"\bkan\s+jag\s+ringa\s+(?:\w+\s+){0,2}?(?:för|åt)\s+(?:henne|honom|dem)\b|"
    r"\bhow\s+(?:do|can|should)\s+i\s+(?:get|help|refer|guide)\s+(?:him|her|them|my\s+client|"
    r"the\s+client)\s+(?:\S+\s+){0,6}?(?:association|organi[sz]ation|ngo)s?\b|"
    r"\bcan\s+i\s+(?:call|ring|contact)\s+(?:\w+\s+){0,2}?(?:for|on\s+behalf\s+of)\s+"
    r"(?:him|her|them)\b|"
    r"\b(?:is|does\s+(?:she|he|they)\s+need)\s+a\s+referral",
    re.I,
)


def asks_how_to_refer(question: str) -> bool:
    """Whether a case also asks how to get the client to an association's service."""
    return bool(_HOW_TO_REFER.search(question))


def referral_guidance(
    ctx: BotContext, question: str, lang: str
) -> tuple[list[Part], ResultRef | None]:
    """The referral guide's section nearest the case: parts to lead the answer, and its result."""
    searcher = ctx.searcher()
    guide = HUMAN_ROUTE.partition("#")[0]  # the guide on guiding a client to an association
    sections = len(searcher.candidates.by_kind.get("guidance", ()))  # every guidance section
    found = searcher.search(question, kinds=("guidance",), k=sections)
    # its section nearest the case (not "when nothing fits": the services follow)
    hit = next(
        (h for h in found.hits if h.id.partition("#")[0] == guide and h.id != HUMAN_ROUTE), None
    )
    if hit is None:
        return [], None
    excerpt = guidance_excerpt(hit.id, searcher.kb)
    if excerpt is None:
        return [], None
    ref = ResultRef(hit.id, hit.kind, hit.doc.title, hit.score)
    return [Text(label("how_to_refer", lang)), excerpt], ref
