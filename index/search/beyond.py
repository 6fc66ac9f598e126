"""When nothing that meets the stated constraints fits, the nearest beyond one of them too.

A case in Kerava asks for peers with type 1 diabetes; the one such group meets in Vantaa. The
facets keep every service outside Kerava away, so the answer is only "partial", and all it
shows are Kerava services for other needs. Here the constraints are walked back one at a time
(least essential first, as `facet_rules.RELAX_ORDER`): the first whose walking back lets the
ranker call the case a good fit, with a best probability clearly above what the constraints
left, adds its two nearest services after the first three that meet every constraint. Each
added service says which stated constraint it does not meet (`Hit.unmet`); the fit stays
"partial", and the answer says so. Nothing is done for an abstention, or when a constraint
was already walked back because nothing near met it.

A good fit is asked too, of a place, a language or free: when walking back one of them
lets the ranker find a service clearly better still (`FROM_GOOD`), of a kind none of the
first three shown is (`service_kind.same_kind`), what met every constraint was a service
for another need ("Keravalla" shows a Kerava group for another illness when the one
Russian-speaking diabetes group meets in Vantaa): the fit becomes "partial" and the two
nearest beyond it are added the same way.

Both probabilities are on one scale (`Judged.best_of_all`): the features a pool measures
against its own best candidate (the cosine's gap, the BM25 share) are measured against the
best of every service the first stage found, so a Kerava pool emptied of the need's services
no longer looks as sure of its first service as the search without the place is of its own.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from index.search.facet_rules import RELAX_ORDER, apply_facets, facet_ok, implied_groups
from index.search.facets import Filters
from index.search.second_stage import POOL as RERANKED
from index.search.service_kind import same_kind

if TYPE_CHECKING:
    from index.search.engine import Hit, Searcher, SearchResult

KEPT = 3  # services meeting every constraint stay first, as many as a partial answer shows
ADDED = 2  # the nearest beyond one constraint, after them
MARGIN = 0.1  # the best probability beyond the constraint must be this much higher
BEYOND = tuple(f for f in RELAX_ORDER if f != "not_for")  # whom the client is not stays
# A good fit is made partial only by a place, a language or free walked back, and only when
# the best service beyond is this much more probable. Measured (docs/evaluation.md, the
# nineteenth stop): a margin of 0.1 or 0.15, or an age or remote walked back too, hedged more.
FROM_GOOD = 0.2
GOOD_FACETS = ("cost", "language", "municipality")


def add_nearest_beyond(
    searcher: Searcher,
    question: str,
    qvec: np.ndarray,
    qlang: str,
    unfiltered: list[tuple[int, float]],
    dense: dict[int, float],
    bm25: dict[int, float],
    f: Filters,
    k: int,
    result: SearchResult,
) -> None:
    """Add the nearest services beyond one constraint to a partial `result` (in place), or to
    a good one whose best service beyond is clearly better and of another kind (then partial)."""
    if result.fit not in ("good", "partial") or result.judged is None or result.relaxed:
        return
    good = result.fit == "good"
    second = searcher.second
    # what met every constraint, measured on the scale of a search without them
    base = result.judged.best_of_all
    hints = set(f.target_groups) | set(implied_groups(f.age))
    keep = (k, RERANKED)
    votes = second.votes(qvec)  # the judged cases alike lean each wider order
    for facet in BEYOND:
        if facet not in result.applied or (good and facet not in GOOD_FACETS):
            continue
        wider = dataclasses.replace(f, **cast(dict[str, Any], {facet: None}))
        ranked, _, walked = apply_facets(unfiltered, searcher.service_at, wider, qlang, keep)
        ranked, judged = second.apply(
            question, qvec, ranked, dense, bm25, wider, hints, qlang, votes
        )
        best_id = max(judged.probs, key=judged.probs.__getitem__, default="")
        best = judged.best_of_all  # on the same scale as `base`
        if judged.fit != "good" or best <= base + (FROM_GOOD if good else MARGIN):
            continue
        if good and _shown_or_same_kind(searcher, result, best_id, f):
            continue
        result.fit = "partial"
        shown = result.hits[:KEPT]
        ids = {h.id for h in shown}
        added: list[Hit] = []
        for pos, score in ranked:
            hit = searcher.hit(pos, score, dense, wider, True, judged.probs)
            if hit.id in ids or hit.kind != "service":
                continue
            unmet = _unmet(searcher, hit.id, f, [facet, *walked])
            added.append(dataclasses.replace(hit, unmet=unmet))
            ids.add(hit.id)
            if len(added) == ADDED:
                break
        result.hits = shown + added + [h for h in result.hits[KEPT:] if h.id not in ids]
        if any(h.unmet for h in added):  # said only when a card shown does not meet it
            result.beyond = [facet, *walked]
        return


def _shown_or_same_kind(searcher: Searcher, result: SearchResult, sid: str, f: Filters) -> bool:
    """Is the best service beyond a constraint among, or of the kind of, the first shown?"""
    shown = [h.id for h in result.hits if h.kind == "service"]
    return sid in shown[:KEPT] or same_kind(searcher.kb, sid, shown, f.themes)


def _unmet(
    searcher: Searcher, sid: str, f: Filters, facets: list[str]
) -> tuple[tuple[str, str], ...]:
    """(facet, value stated) for each of `facets` the service does not meet."""
    s = searcher.kb.service(sid)
    if s is None:
        return ()
    values = {
        "municipality": f.municipality or "",
        "language": f.language or "",
        "age": "" if f.age is None else str(f.age),
        "cost": f.cost or "",
        "online": "true",
    }
    return tuple((fc, values.get(fc, "")) for fc in facets if not facet_ok(s, fc, f))


def add_fitted_before(
    searcher: Searcher, result: SearchResult, fitted: str, f: Filters, changed: list[str]
) -> None:
    """After a refinement that left no service of the kind that fitted the case (the same-kind
    check, handlers/same_kind.py), the service that fitted, which a changed constraint now rules
    out, is shown after the first three that meet them, its card saying which it does not meet:
    the nearest of the need's kind, as a partial answer beyond a constraint shows it."""
    pos = searcher.position.get(fitted)
    shown = result.hits[:KEPT]
    if pos is None or any(h.id == fitted for h in shown):
        return
    unmet = _unmet(searcher, fitted, f, changed)
    if not unmet:  # it meets every changed constraint: the search's own order stands
        return
    score = min((h.score for h in shown), default=0.0)
    hit = dataclasses.replace(searcher.hit(pos, score, {}, f, True, {}), unmet=unmet)
    result.hits = [*shown, hit, *(h for h in result.hits[KEPT:] if h.id != fitted)]
