"""A case that names the client's language: is what is held in it of the need's kind?

"Irakilainen mies juo joka päivä ja haluaisi lopettaa … puhuu vain arabiaa": the language
facet keeps the services held in Arabic, and the best of them (money advice in one's own
language) came first as a fit. The need asked without the language (its words taken out of
the text, no language of the case's own preferred) says what kind of service fits it; a
first service in the language not of that kind, or clearly further from the need, is judged
as after a follow-up that names a new language (`handlers.same_kind.kind_kept`), and said as a
partial answer beyond a constraint is: the need's two nearest services come after the first
three, each card saying it is not held in the language.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.messages import Notice
from handlers.same_kind import Before, judge, kind_kept
from index.search.beyond import ADDED, add_fitted_before
from index.search.engine import Searcher, SearchResult
from index.search.facet_language import WORD_FORMS
from index.search.facets import Filters


def judge_turn(
    searcher: Searcher,
    question: str,
    result: SearchResult,
    f: Filters,
    before: Before | None,
    lang: str,
    request: str | None,
) -> Notice | None:
    """After a refinement, `judge`; in a case that names the client's language, whether the
    service shown first in it is of the kind the need's own services are. Not of an answer
    already partial for a constraint nothing near met."""
    if not (result.fit == "good" or (result.fit == "partial" and not result.relaxed)):
        return None
    if before is not None:
        return judge(searcher, question, result, f, before, lang)
    return stated_language(searcher, question, result, f, lang, request)


def stated_language(
    searcher: Searcher,
    question: str,
    result: SearchResult,
    f: Filters,
    lang: str,
    request: str | None,
) -> Notice | None:
    """Make a "good" answer in the case's named language "partial" when its first service is
    not of the kind the need's own services are, with the need's nearest beyond the language;
    no notice of its own (the answer's notice of a constraint walked past says it)."""
    if result.fit != "good" or f.language in (None, "fi") or "language" not in result.applied:
        return None
    need_text = without_language(question, f)
    # no language preferred: neither the named one nor the one the case is written in
    free = replace(f, language=None, or_language=None, not_language=lang)
    need = searcher.search(
        need_text, filters=free, kinds=("service",), k=30, request=_without(request, f)
    )
    if need.fit != "good" or not need.hits or need.hits[0].id == result.hits[0].id:
        return None
    fitted = tuple(h.id for h in sorted(need.hits[:3], key=lambda h: -(h.fit_score or 0.0)))
    ids = [h.id for h in result.hits]
    if kind_kept(searcher, question, result.fit, ids, f, fitted, by_theme=True):
        return None
    # said as a partial answer beyond a constraint is (index/search/beyond.py): the need's two
    # nearest after the first three, and the one the ranker judged best, each card saying it
    # is not held in the language
    result.fit = "partial"
    for sid in (fitted[0], *(h.id for h in reversed(need.hits[:ADDED]))):
        add_fitted_before(searcher, result, sid, f, ["language"])
    result.beyond = ["language"] if any(h.unmet for h in result.hits) else []
    return None


def without_language(text: str, f: Filters) -> str:
    """The case's words without its language: the words that named it, and every mention."""
    said = f.evidence.get("language", "")
    out = text.replace(said, " ") if said else text
    forms = WORD_FORMS.get(f.language or "")
    out = forms.sub(" ", out) if forms is not None else out
    return re.sub(r"\s+", " ", out).strip()


def _without(request: str | None, f: Filters) -> str | None:
    return without_language(request, f) if request is not None else None
