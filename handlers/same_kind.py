"""After a move, is the same kind of service found in the new place?

"Nyt selvisi, että hän onkin jo muuttanut Hakunilaan. Onko Vantaalla vastaavaa?" — a case
that moves keeps its need, and the service that fitted it before (the previous answer's
first, a good fit) says what kind of service the client needs: whom it is for and what it
is about, in the knowledge's own tags. The new place has the same kind when one of the new
answer's first services shares a target group and a theme with it; otherwise the nearest
services are shown as not fitting exactly ("no service like X in Vantaa").
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.labels import label
from handlers.messages import Notice
from index.knowledge.model import KnowledgeBase

COMPARED = 3  # the new answer's first services looked at


def same_kind(kb: KnowledgeBase, before: str, after: Sequence[str]) -> bool:
    """Does one of `after`'s first services share a target group and a theme with `before`?
    True when `before` lacks either tag (nothing to compare)."""
    was = kb.service(before)
    if was is None or not was.target_groups or not was.themes:
        return True
    groups, themes = set(was.target_groups), set(was.themes)
    for sid in after[:COMPARED]:
        s = kb.service(sid)
        if s is not None and groups & set(s.target_groups) and themes & set(s.themes):
            return True
    return False


def not_there(kb: KnowledgeBase, before: str, municipality: str, lang: str) -> Notice:
    """'No service like X was found in Vantaa; the nearest ones are below.'"""
    was = kb.service(before)
    name = was.name.get(lang) or was.name.get("fi", before) if was is not None else before
    place = kb.vocabularies.municipalities.get(municipality)
    where = place.label(lang) if place is not None else municipality
    return Notice(label("no_same_kind_there", lang, name=name, place=where), "warning")
