"""After a refinement, is the same kind of service found under the new constraints?

"Nyt selvisi, että hän onkin jo muuttanut Hakunilaan. Onko Vantaalla vastaavaa?", "Onko
jotain ilmaista?", "Entä etänä?" — a refinement that moves the case, or asks for it free or
remote, keeps the need, and the service that fitted it before (of the previous answer's
first three, the one the ranker judged to fit best; of a "partial" answer too, whose nearest
services were the case's kind at least) says what kind of service the client needs: whom it
is for and what it is about, in the knowledge's own tags. The new answer has the same kind
when one of its first services shares a target group with it and its most specific theme —
the one fewest services carry ("muisti" rather than "vertaistuki") — or a theme the case
itself asked for (other than the one most services carry); otherwise the nearest services
are shown as not fitting exactly ("no service like X: Vantaa"). A new language asks it too,
but of the theme alone and of any of the three services first before: a service in another
language is tagged for its speakers ("maahanmuuttajat"), not for the need's group; as after a
move, a new first service clearly further from the need than the one that fitted is not the
same kind (talks after violence in Arabic for debt advice in Arabic). A new age
asks only whether the service shown first before is one the client has now outgrown by a few
years, with none of its most specific tag shown for their age (`outgrown`): another age
group's service is rightly tagged otherwise. What a kind is lives in the index
(`index/search/service_kind.py`), which also asks it of a service the client is just too
young or too old for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers.cards import municipality_label
from handlers.labels import label
from handlers.messages import Notice
from index.knowledge.model import KnowledgeBase
from index.search.beyond import add_fitted_before
from index.search.engine import Searcher, SearchResult
from index.search.facet_rules import facet_ok, met_in_part
from index.search.facets import Filters
from index.search.service_kind import drifted, outgrown, same_kind


@dataclass(frozen=True)
class Before:
    """What fitted the case before a refinement, and the constraints the refinement changed."""

    shown_first: str  # the service the previous answer showed first
    fitted: tuple[str, ...]  # its first three, the one the ranker judged to fit best first
    changed: tuple[str, ...]
    good_before: bool = True  # the previous answer was a good fit, not only partial
    blocked: tuple[str, ...] = ()  # the constraints that kept the previous answer partial

    @property
    def lean(self) -> bool:
        """May judged cases alike lean the new order? Not after a move, free or remote: they
        were judged without that constraint. A new language or age is no such constraint.
        After a "partial" answer they lean it as they did before such an answer was asked
        anything (measured: not leaning then lowered nDCG@5 on four follow-up sets)."""
        return not self.good_before or set(self.changed) <= {"language", "age"}


def judge(
    searcher: Searcher, question: str, result: SearchResult, f: Filters, before: Before, lang: str
) -> Notice | None:
    """Make `result` "partial" when the refinement left no service of the kind that fitted;
    the notice that says so, when it names the service ("no service like X: Vantaa")."""
    kb, ids = searcher.kb, [h.id for h in result.hits]
    if "age" in before.changed and outgrown(kb, before.shown_first, ids, f.age, f.gender):
        result.fit = "partial"  # the service shown first is one the client has now outgrown
        result.partly += [] if "age" in result.partly else ["age"]
        add_fitted_before(searcher, result, before.shown_first, f, ["age"])
    changed = [c for c in before.changed if c != "age"]
    if not changed:
        return None
    if not before.good_before and set(changed) & set(before.blocked) and result.fit == "good":
        return None  # the refinement lifted what kept the answer before from an exact fit
    first = before.fitted[0]
    if kind_kept(searcher, question, result.fit, ids, f, before.fitted, "language" in changed):
        return None
    result.fit = "partial"
    add_fitted_before(searcher, result, first, f, changed)
    return not_found(kb, first, changed, f, lang)


def kind_kept(
    searcher: Searcher,
    question: str,
    fit: str | None,
    ids: Sequence[str],
    f: Filters,
    fitted: Sequence[str],
    by_theme: bool,
) -> bool:
    """Is one of the answer's first services (`ids`) of the kind of `fitted` (the first of
    them, or with `by_theme` any of them), and the first not clearly further from the need?"""
    # of the same kind by its tags, but clearly further from the need than what fitted (in a
    # new language too: measured, no hedge more on any set, one dishonest answer fewer)
    far = fit == "good" and drifted(searcher, question, fitted[0], ids[0])
    # a service in another language is tagged for its speakers ("maahanmuuttajat"), not for
    # the need's group, and written apart (`by_theme`): its theme says whether it is of the
    # same kind as one of the services that fitted before
    anchors = fitted if by_theme else fitted[:1]
    kind = any(
        same_kind(
            searcher.kb,
            b,
            ids,
            f.themes,
            any_group=by_theme,
            age_known=f.age is not None,
            senior_floors=False,
        )
        for b in anchors
    )
    return kind and not far


def changed_facets(old: Filters, new: Filters) -> list[str]:
    """The constraints a refinement moved: a new place, free, remote, language or age."""
    out = []
    if new.municipality not in (None, old.municipality):
        out.append("municipality")
    if new.cost == "free" and old.cost != "free":
        out.append("cost")
    if new.online is True and old.online is not True:
        out.append("online")
    if new.language not in (None, old.language):
        out.append("language")
    if new.age not in (None, old.age):
        out.append("age")
    return out


def not_found(
    kb: KnowledgeBase, before: str, changed: Sequence[str], f: Filters, lang: str
) -> Notice:
    """'No service of the same kind as X was found: Vantaa, free. The nearest ones are below.'"""
    was = kb.service(before)
    name = (was.name.get(lang) or was.name.get("fi", before)) if was is not None else before
    what = []
    for facet in changed:
        if facet == "municipality" and f.municipality:
            what.append(municipality_label(kb.vocabularies, f.municipality, lang))
        elif facet == "cost":
            what.append(label("cost_free", lang))
        elif facet == "online":
            what.append(label("online", lang))
        elif facet == "language" and f.language:
            entry = kb.vocabularies.languages.get(f.language)
            what.append(entry.label(lang) if entry is not None else f.language)
    return Notice(label("no_same_kind", lang, name=name, what=", ".join(what)), "warning")


def lean_order(
    searcher: Searcher,
    result: SearchResult,
    question: str,
    f: Filters,
    request: str | None,
    exclude: Sequence[str],
) -> None:
    """After a move, the services that meet every constraint in the order judged cases alike
    lean them to, and one they lean to first that the move's own words did not reach (a grief
    café in the new town for a colloquial widow's case) takes a place in it; the verdict and each
    service added beyond a constraint (in its place) stay the move's own. The memory knows
    which services fit the need, the facets which are in the new place: it may order those
    services, not say that one of them fits. It never puts first a service the verdict would
    call not exact (`met_in_part`: a rainbow families' group with no sign of one, a seniors'
    circle for a mother), and what the service first before missed is no longer said of the
    answer; where the answer quotes the first service (what it does not do, a word no text
    holds, an illness it does not name) the order stays. Not after free or remote: there it put
    carers' services before the seniors' living room for a lonely woman (measured:
    docs/evaluation.md, the thirty-sixth stop)."""
    if result.excluded or result.task or result.unknown or "illness" in result.partly:
        return  # what the answer quotes of the first service shown
    leaned = searcher.search(
        question, filters=f, kinds=("service",), k=30, lean=True, request=request, exclude=exclude
    )
    at = {h.id: n for n, h in enumerate(leaned.hits)}
    own = [h for h in result.hits if not h.unmet]
    # a leaned service that meets every constraint the move's answer applies: one the memory
    # knows fits the need comes in where the move's own words did not reach it (a grief café)
    shown = {h.id for h in result.hits}
    extra = [
        h
        for h in leaned.hits
        if h.id not in shown and not h.unmet and _meets(searcher.kb, h.id, f, result.applied)
    ]
    met = sorted([*own, *extra], key=lambda h: at.get(h.id, len(at)))[: len(own)]
    first = searcher.kb.service(met[0].id) if met else None
    if first is None or met_in_part(first, f, None):
        return  # nor one first that the verdict would call not exact (a rainbow families' group)
    before = searcher.kb.service(result.hits[0].id) if result.hits else None
    if before is not None and before.id != first.id:  # what the first service missed goes with it
        missed = set(met_in_part(before, f, None))
        result.partly = [r for r in result.partly if r not in missed]
    it = iter(met)
    result.hits = [h if h.unmet else next(it) for h in result.hits]


def _meets(kb: KnowledgeBase, sid: str, f: Filters, applied: Sequence[str]) -> bool:
    """Does the service meet every constraint applied (`facet_ok`)?"""
    s = kb.service(sid)
    return s is not None and all(facet_ok(s, facet, f) for facet in applied)
