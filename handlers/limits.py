"""How much the bot takes on at once: the question-length limit, and what it says when busy.

Every surface (Slack mentions, DMs and `/jarjesto`, Teams, web chat, terminal)
hands its question to `Router.handle`, which cuts it here to `MAX_QUESTION`
characters and tells the user so: a long paste is answered by its beginning,
never refused, and never costs seconds of search work per extra kilobyte.
Adapters that queue answers (Slack) use the busy texts below.
"""

from __future__ import annotations

import dataclasses

from handlers.messages import Incoming, Notice
from handlers.texts import Catalogue

MAX_QUESTION = 2000  # characters

TEXTS = Catalogue(
    "limits",
    {
        "question_cut": {
            "fi": "Kysymys oli liian pitkä (yli {max} merkkiä), joten vastaus perustuu "
            "sen {max} ensimmäiseen merkkiin.",
            "sv": "Frågan var för lång (över {max} tecken), så svaret bygger på dess "
            "{max} första tecken.",
            "en": "The question was too long (over {max} characters), so the answer is "
            "based on its first {max} characters.",
        },
        "busy": {
            "fi": "Nyt on kiire – vastaus tulossa hetken kuluttua.",
            "sv": "Det är mycket just nu – svaret kommer om en stund.",
            "en": "Busy right now – the answer is coming in a moment.",
        },
        "too_busy": {
            "fi": "Nyt on liian kiire, enkä ehdi vastata tähän. Kysy uudelleen hetken kuluttua.",
            "sv": "Det är för mycket just nu och jag hinner inte svara. Fråga igen om en stund.",
            "en": "Too busy to answer this right now. Please ask again in a moment.",
        },
    },
)


def limited(msg: Incoming) -> tuple[Incoming, bool]:
    """`msg` with its question cut to `MAX_QUESTION` characters, and whether it was cut."""
    text = msg.text.strip()
    if len(text) <= MAX_QUESTION:
        return msg, False
    return dataclasses.replace(msg, text=text[:MAX_QUESTION].rstrip()), True


def cut_notice(lang: str) -> Notice:
    """Tells the user that only the beginning of the question was read."""
    return Notice(TEXTS.get("question_cut", lang, max=MAX_QUESTION), "warning")


def busy_text(key: str, lang: str) -> str:
    """`busy` (the answer waits in a queue) or `too_busy` (the queue is full: ask again)."""
    return TEXTS.get(key, lang)
