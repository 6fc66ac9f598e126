"""The fit verdict of a search: good, partial or none, and why it is not exact.

After the ranking, the verdict reads the most similar services (is anything on topic at
all), the second stage's probabilities (does the best candidate fit; judged cases alike
may vouch for the first service shown where the ranker doubts it: `vouched`), and what the first
service shown leaves out: a stated constraint met only in part, a need in words no knowledge
text holds, peers of an illness it does not name, an age it is just outside of, the other
gender, or something the service says itself that it does not do (`exclusions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from index.language.detect import words
from index.search.abstain import case_not_off_topic, unless_ranker_sure, weak_fit
from index.search.facet_rules import implied_groups, met_in_part
from index.search.facets import Filters
from index.search.request_terms import names_service_kind
from index.search.service_kind import age_near_miss
from index.search.task_request import asks_task, does_no_task, unnamed_task
from index.search.unknown_terms import request_misses

EPS = 1e-4  # cosines equal within the float noise of two computations
VOUCH = 0.2  # the judged cases' vote for the first service that makes a doubtful fit good

if TYPE_CHECKING:
    from index.knowledge.model import Service
    from index.search.engine import Hit, Searcher, SearchResult
    from index.search.second_stage import Judged


def settle_fit(
    searcher: Searcher,
    question: str,
    qlang: str,
    f: Filters,
    result: SearchResult,
    services: Sequence[Hit],
    nearest: Service | None,
    request: str | None = None,
) -> None:
    """Set `result.fit`, `partly`, `unknown`, `excluded`, `task` and `abstained`; the words
    no knowledge holds are read from `request` (by default the question)."""
    need = bool(f.target_groups or f.themes or implied_groups(f.age))
    if qlang != "fi":  # far from the Finnish text, asking for a service is telling
        need = need or names_service_kind(question)
    # On the most similar services, not the fused order: fusion never moves the verdict.
    closest = sorted(services, key=lambda h: -h.dense)[:3]
    cov = searcher.coverage.coverage(question, [h.doc for h in closest])
    best = closest[0].dense
    weak = weak_fit(best, cov, need, qlang)
    if weak == "none" and not need and searcher.matcher.names_need(words(question)):
        weak = weak_fit(best, cov, True, qlang)  # a need in forms the stems miss
    ranker = searcher.second.ranker
    sure = result.judged.probs if result.judged and ranker else None
    good = ranker.good_for(qlang, case=True) if ranker else 1.0  # asked of case descriptions only
    weak = unless_ranker_sure(weak, sure, question, good)
    weak = case_not_off_topic(weak, question, best)
    if weak is not None:
        result.fit = weak
    elif result.judged is not None and ranker is not None:
        # off topic stays "none"; otherwise the learned ranker tells good from partial
        result.fit = result.judged.fit
    if result.fit == "partial" and vouched(result.judged, services[0].id):
        result.fit = "good"  # judged cases alike say the first service shown fits them
    first = searcher.kb.service(services[0].id)
    result.partly = met_in_part(first, f, nearest) if first is not None else []
    task = asks_task(question, qlang) if first is not None else ""
    if first is not None and task and (does_no_task(first) or unnamed_task(first, task)):
        result.task = task  # a peer group first for "jonkun hoitamaan lapsia"
    if first is not None:
        # "Perheystävä ei ole lastenhoitaja" for a case that asks for someone to mind the kids
        result.excluded = searcher.exclusions.excluded(question, first, qlang) or ""
    misses = request_misses(
        request or question, f, qlang, services[0].doc.key, searcher.second.terms
    )
    result.unknown, unnamed = misses
    result.partly += ["illness"] if unnamed else []
    shown = [h.id for h in services]
    # unless the first service shown is itself the nearest in meaning of all: the case was not
    # asked about one the client is a few years too young or too old for (the best cosine is
    # looked up only for a near miss, not on every search)
    if age_near_miss(searcher.kb, nearest, shown, f) and not _nearest_of_all(
        searcher, question, services[0]
    ):
        result.partly.append("age")
    not_exact = result.relaxed or result.partly or result.unknown or result.excluded or result.task
    if not_exact and result.fit == "good":
        # a stated constraint not met, or met in part; a need in words the knowledge
        # never uses; peers of an illness the first service does not name; what the first
        # service says it does not do, or a task asked of someone it does not do: not exact
        result.fit = "partial"
    result.abstained = result.fit == "none"


def vouched(judged: Judged | None, first: str) -> bool:
    """Do judged cases alike vote for the first service shown with at least VOUCH (one case
    at cosine 0.92 that judged it to fit, one at 0.94 that judged it near, or several)? Then
    the ranker's doubt is not the answer's; what the first service leaves out of the case
    still makes it partial (measured: docs/evaluation.md, the twenty-seventh stop)."""
    return judged is not None and judged.votes.get(first, 0.0) >= VOUCH


def _nearest_of_all(searcher: Searcher, question: str, first: Hit) -> bool:
    """Is `first` as near the question in meaning as any service of the knowledge?"""
    return first.dense >= searcher.best_dense_by_kind(question).get("service", 1.0) - EPS
