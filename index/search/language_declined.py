"""A language named in a case but not as the client's own.

The writer's language ("sorry for writing in English"), a language named and then turned
down ("på finska blir det inget"), and Finnish the client cannot manage for this ("inte
orkar förklara hur han mår på finska"). Read by `facet_language.read_language`.
"""

from __future__ import annotations

import re

# The language the message is written in, not the client's: "writing in English", "kirjoitan
# englanniksi", "jag skriver på engelska".
WRITER = re.compile(r"\b(?:writ(?:e|es|ing)|kirjoit\w*|skriv\w*)\s+(?:\w+\s+)?$", re.I)
# A language named and then turned down: "på finska blir det inget", "suomeksi se ei onnistu",
# "in Finnish it won't work".
WONT_DO = re.compile(
    r"\s+(?:(?:se|det|it|that)\s+)?(?:blir\s+det\s+(?:inget|inte\s+\w+)|går\s+(?:det\s+)?inte"
    r"|funkar\s+(?:det\s+)?inte|fungerar\s+(?:det\s+)?inte|ei\s+(?:onnistu|käy|toimi|suju|tule\s+mitään)"
    # "suomeksi asiat menee usein ohi", "suomeksi ei mene perille": he does not follow
    r"|(?:\w+\s+){0,2}(?:mene\w*|meni)\s+(?:\w+\s+)?(?:ohi|yli\s+hilseen)"
    r"|(?:\w+\s+){0,2}ei\s+mene\s+perille"
    # "på finska blir allt så stelt", "suomeksi kaikki on niin kankeaa", "in Finnish it's all
    # so awkward": the language makes it hard
    r"|(?:blir|känns|är)\s+(?:det|allt)\s+(?:så\s+|för\s+)?(?:stelt|svårt|konstigt|jobbigt|tungt)"
    r"|(?:\w+\s+){0,2}(?:on|tuntuu)\s+(?:niin\s+|liian\s+)?(?:kankea\w*|vaikea\w*|hankala\w*)"
    r"|(?:it's|it\s+is|everything\s+is|it\s+feels)\s+(?:all\s+)?(?:so\s+|too\s+)?"
    r"(?:awkward|hard|difficult|stiff)"
    r"|won't\s+work|doesn't\s+work|does\s+not\s+work|is\s+no\s+good|is\s+not\s+an\s+option)",
    re.I,
)
# Finnish the client cannot manage for this: "inte orkar förklara hur han mår på finska", "ei
# jaksa selittää oloaan suomeksi", "can't explain how she feels in Finnish". In a Swedish or
# English question the client's language is then the question's.
CANNOT_IN = re.compile(
    r"(?:\b(?:inte|ej|ei|not)\s+(?:\w+\s+)?(?:orka\w*|klara\w*|kan|kunna|jaksa\w*|pysty\w*|able)"
    r"|\b(?:orkar|klarar|kan)\s+(?:han\s+|hon\s+)?inte|\b(?:can't|cannot|can\s+not|couldn't|unable))"
    r"\s+(?:\w+\s+){0,6}$",
    re.I,
)
