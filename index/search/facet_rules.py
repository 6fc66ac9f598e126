"""How a service meets the facets stated in a question."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from itertools import islice

from index.knowledge.model import Service
from index.search.child_peers import peers_missed
from index.search.community import community_service
from index.search.cost_extras import free_to_take_part
from index.search.facet_not_for import ADULT, for_parents, for_them
from index.search.facets import SOFT_REMOTE, Filters
from index.search.gender import other_gender
from index.search.group_format import NO_GROUP_PENALTY, group_service
from index.search.housebound import PLACE_PENALTY, at_a_place, housebound
from index.search.illness_type import other_type
from index.search.life_stage import for_older_only, young_family
from index.search.relative_case import RELATIVE_PENALTY, for_the_ill
from index.search.violence_role import other_side, violence_unsaid


def facet_ok(service: Service, facet: str, f: Filters) -> bool:
    """Does the service satisfy one stated facet?"""
    if facet == "municipality":
        return f.municipality is None or f.municipality in service.municipalities
    if facet == "language":
        langs = service.languages
        return f.language is None or f.language in langs or f.or_language in langs
    if facet == "age":
        if f.age is None:
            return True
        lo, hi = age_range(service)
        # a children's service, when the parent's case asks something for the children
        return lo <= f.age <= hi or (f.for_child and hi < ADULT <= f.age)
    if facet == "cost":
        return f.cost != "free" or service.cost != "fee"
    if facet == "online":
        return f.online is not True or service.online
    if facet == "not_for":
        return not for_them(service, f.not_for) and not (f.no_child and for_parents(service))
    return True


# Ages the age-defined target groups stand for, when a service states no range of its own.
# Measured (dev, 5-fold CV nDCG@5): a seniors' club for a 14-year-old ranked at 0.8 × 0.686 →
# 0.687, 0.5 × 0.691, left out 0.694 (docs/evaluation.md).
GROUP_AGES = {
    "lapset": (0, 13),
    "nuoret": (12, 30),
    "tyoikaiset": (25, 68),
    "ikaantyneet": (60, 200),
}


def age_range(service: Service) -> tuple[int, int]:
    """The service's own age range; else the one its target groups imply when every one of
    them is an age group ("ikaantyneet" alone: 60+); else any age."""
    if service.age_min is not None or service.age_max is not None:
        lo = service.age_min if service.age_min is not None else 0
        return lo, service.age_max if service.age_max is not None else 200
    groups = service.target_groups
    if groups and all(g in GROUP_AGES for g in groups):
        return min(GROUP_AGES[g][0] for g in groups), max(GROUP_AGES[g][1] for g in groups)
    return 0, 200


def _stated(f: Filters, facet: str) -> bool:
    """Did the question state this hard facet? "not_for": a group the client is not, or no
    child in an adult's case (parents' groups don't fit)."""
    if facet == "not_for":
        return bool(f.not_for) or f.no_child
    return getattr(f, facet) is not None


MINORITIES = "sateenkaari"  # sexual and gender minorities: who one is, never read from a need


def met_in_part(service: Service, f: Filters, nearest: Service | None = None) -> list[str]:
    """Stated facets the answer meets only in part: free asked, the first service partly paid
    (more than its coffee or an optional membership: `cost_extras`); or the service nearest in
    meaning was for a group the client is said not to be ("ei ole veteraani"): the question was
    written around that near miss. A rainbow group first with no sign in the case, a phone line
    nearest for "syöpäpotilaiden läheisten ryhmä, mutta kasvokkain", a drop-in room first once
    the client is told to be housebound: none is exact either."""
    partly = service.cost == "partly" and not free_to_take_part(service)
    out = ["cost"] if f.cost == "free" and partly else []
    if other_gender(service, f.gender):  # a women's group for a man: not what was asked
        out.append("gender")
    if other_type(service, f.illness_types):  # a type 2 diabetes group for type 1
        out.append("illness_type")
    if MINORITIES in service.target_groups and MINORITIES not in f.target_groups:
        out.append("minority")  # a rainbow families' group, and no sign of one in the case
    if f.in_person and any(s is not None and remote_only(s) for s in (service, nearest)):
        out.append("in_person")  # a phone line first or nearest for "haluaa tavata kasvokkain"
    if nearest is not None and for_them(nearest, f.not_for):
        out.append("not_for")
    if nearest is not None and f.no_child and for_parents(nearest):
        out.append("no_child")  # a parents' group nearest, and no child in the case
    if f.child_peers and (missed := peers_missed(f, service)):
        out.append(missed)  # a parents' group first for "jossa hän tapaisi muita lapsia"
    if young_family(f) and for_older_only(service):
        out.append("life_stage")  # a seniors' phone circle first for a mother with a toddler
    if f.no_group and group_service(service, f.online is True):
        out.append("no_group")  # a peer group first for "ryhmiin hän ei halua mennä"
    if housebound(f) and at_a_place(service):
        out.append("homebound")  # a drop-in room first for "ei pääse kotoa mihinkään"
    return out


def remote_only(service: Service) -> bool:
    """Taken part in only remotely: a phone line, a chat, an online group (no place to meet)."""
    return service.online and not service.locations


def remote_wanted(f: Filters) -> bool:
    """A remote way to take part was asked for, not only read from being housebound.

    "Etänä", "puhelimessa" ask for remote services; "ei pääse kotoa" does not rule out a
    volunteer who visits at home, nor "Keravalla tai netissä" a group: they only boost.
    """
    return f.online is True and not any(k in f.evidence for k in SOFT_REMOTE)


def implied_groups(age: int | None) -> tuple[str, ...]:
    """Target groups an age suggests, as soft hints."""
    if age is None:
        return ()
    if age >= 65:
        return ("ikaantyneet",)
    if age >= 30:
        return ("tyoikaiset",)
    if age >= 13:
        return ("nuoret",)
    return ("lapset", "perheet")


HARD_FACETS = ("municipality", "language", "age", "cost", "not_for")
# Least essential first; "online" only when remote taking part was asked for. A group the
# client is said not to belong to ("ei ole veteraani") is walked back last.
RELAX_ORDER = ("cost", "online", "age", "language", "municipality", "not_for")
DEFAULT_LANGUAGES = ("fi", "sv")  # question languages read as the client's language
# Score factor for a service not offered in the question's language (fi/sv). As a hard filter
# it cut dev conversations' contradictions 0.123 → 0.046 but cost 0.018 of CV nDCG@5; as a
# factor 0.7 / 0.5 / 0.3: contradiction@3 0.039 / 0.020 / 0.020, nDCG@5 0.686 for all three.
DEFAULT_LANGUAGE_PENALTY = 0.5
# Score factor for a service for the other gender than the client's ("Naisten olohuone" for
# a man): lower, never removed. 0.5 until services about violence the case does not name went
# down too; then "Erosta isänä" came second for a divorced woman in Kerava. At 0.3 (2026-12-05):
# set 7 hedge 0.172 -> 0.138, follow-ups 3 honest 0.250 -> 0.375, moves 1 success 0.80 -> 0.85.
OTHER_GENDER_PENALTY = 0.3
# Score factor for a language community's service when the case shows no sign of another
# language or origin (index/search/community.py): like a service for the other gender.
COMMUNITY_PENALTY = 0.5
# Score factor for a service for the other side of violence than the client's: a victims'
# group for one who uses violence, a programme for violent partners for one who suffers it
# (index/search/violence_role.py). Stronger than the other-gender factor: the referral would
# be harmful, and at 0.5 a woman with bruises still got the violent partners' programme above
# victims' help (the sets measured the same at 0.5 and 0.2, docs/evaluation.md).
OTHER_SIDE_PENALTY = 0.2
# Score factor for a service taken part in only remotely when meeting in person is asked for
# ("haluaa tavata kasvokkain", "puhelinryhmä ei kiinnosta"): like one for the other gender.
REMOTE_ONLY_PENALTY = 0.5
# Score factor for a service only about violence when the case names none (violence_role.py).
# Measured 2026-12-05: 0.5 → 0.3 set 8 nDCG@5 +0.003, follow-ups 4 success 0.792 → 0.833, no
# set worse. Remote-only for an in-person wish at 0.3: dev −0.001, follow-ups 8 success −0.04.
VIOLENCE_UNSAID_PENALTY = 0.3
POOL = 25  # facets must be satisfiable within this many best-ranked services
HINT_BOOST = 0.04  # per matching target group or theme hint (at most two of each)
REMOTE_BOOST = 0.15  # a remote service when remote taking part is wanted
FREE_BOOST = 0.05  # a free service when free is asked


def demotion(service: Service, f: Filters, default: str | None) -> float:
    """The factor for a service not for this client, lower but never removed: not in the case's
    own language (`default`), for the other gender, a community's with no sign of one, for the
    other side of violence, only remote for an in-person wish, a group turned down, for the ill
    in a relative's case, only at a place for the housebound. Both stages apply it."""
    factor = 1.0
    if default is not None and default not in service.languages:
        factor *= DEFAULT_LANGUAGE_PENALTY
    if other_gender(service, f.gender):
        factor *= OTHER_GENDER_PENALTY
    if not f.newcomer and community_service(service):
        factor *= COMMUNITY_PENALTY
    if other_side(service, f.violence):
        factor *= OTHER_SIDE_PENALTY
    if f.in_person and remote_only(service):
        factor *= REMOTE_ONLY_PENALTY
    if violence_unsaid(service, f.violence, f.themes, f.target_groups):
        factor *= VIOLENCE_UNSAID_PENALTY
    if f.no_group and group_service(service, f.online is True):
        factor *= NO_GROUP_PENALTY
    if f.relative and for_the_ill(service):
        factor *= RELATIVE_PENALTY
    if housebound(f) and at_a_place(service):
        factor *= PLACE_PENALTY
    return factor


def default_language(f: Filters, qlang: str) -> str | None:
    """The client's language when none is stated: the one the case is written in (fi/sv)."""
    default = qlang if qlang in DEFAULT_LANGUAGES and not f.language else None
    return None if default and f.not_language == default else default


def apply_facets(
    ranked: list[tuple[int, float]],
    services: Sequence[Service | None],
    f: Filters,
    qlang: str,
    keep: tuple[int, int] | None = None,
) -> tuple[list[tuple[int, float]], list[str], list[str]]:
    """Filter and boost a fused ranking by the facets; (ranking, applied, relaxed).

    `services[i]` is the service at position i (None for other documents, which pass
    through untouched). A stated facet that no relevant service satisfies is relaxed
    (least essential first) and reported. A service not offered in the language the question
    is written in (fi/sv) is ranked lower, never removed. With `keep` (documents, services),
    only the result's first documents and first services up to those counts are exact: the walk
    down the ranking (best first) stops once no boost could lift a document into either — at
    100,000 services the ranking holds hundreds.
    """
    stated = [fc for fc in HARD_FACETS if _stated(f, fc)]
    if remote_wanted(f):
        stated.append("online")
    # Unless told otherwise, a client described in Finnish or Swedish speaks it: a
    # Swedish-only group doesn't fit a client described in Finnish. English is the
    # staff's lingua franca here, not a clue to the client's language.
    default = default_language(f, qlang)
    pool = list(islice((s for i, _ in ranked if (s := services[i]) is not None), POOL))
    active = list(stated)
    relaxed: list[str] = []

    def ok(s: Service, facets: list[str]) -> bool:
        return all(facet_ok(s, fc, f) for fc in facets)

    for facet in list(active):  # one no near service meets at all: walked back alone, first
        if pool and not any(facet_ok(s, facet, f) for s in pool):
            active.remove(facet)
            relaxed.append(facet)
    for facet in RELAX_ORDER:
        if not pool or any(ok(s, active) for s in pool):
            break
        if facet in active:
            active.remove(facet)
            relaxed.append(facet)
    hints_g = set(f.target_groups) | set(implied_groups(f.age))
    hints_t = set(f.themes)
    ceiling = 1.0 + REMOTE_BOOST * bool(f.online) + FREE_BOOST * (f.cost == "free")
    ceiling += HINT_BOOST * (min(2, len(hints_g)) + min(2, len(hints_t)))
    best: list[float] = []  # min-heaps of the best boosted scores so far: every document,
    best_s: list[float] = []  # and services only
    n_docs, n_services = keep if keep is not None else (0, 0)
    out: list[tuple[int, float]] = []
    for i, score in ranked:
        if keep is not None and _beyond(score * ceiling, best, n_docs, best_s, n_services):
            break  # the ranking is best first: nothing below can reach what is kept
        s = services[i]
        if s is None:
            out.append((i, score))
            _remember(best, score, n_docs)
            continue
        if active and not ok(s, active):
            continue
        boost = 1.0
        if f.online and s.online:
            boost += REMOTE_BOOST
        if f.cost == "free" and s.cost == "free":
            boost += FREE_BOOST
        if hints_g:
            boost += HINT_BOOST * min(2, len(hints_g.intersection(s.target_groups)))
        if hints_t:
            boost += HINT_BOOST * min(2, len(hints_t.intersection(s.themes)))
        boost *= demotion(s, f, default)
        out.append((i, score * boost))
        _remember(best, score * boost, n_docs)
        _remember(best_s, score * boost, n_services)
    out.sort(key=lambda t: -t[1])
    return out, [fc for fc in stated if fc in active], relaxed


def _beyond(bound: float, best: list[float], n: int, best_s: list[float], n_s: int) -> bool:
    """Can no document scoring at most `bound` enter the first n documents or n_s services?"""
    return _full(best, n, bound) and _full(best_s, n_s, bound)


def _full(best: list[float], n: int, bound: float) -> bool:
    return n <= 0 or (len(best) >= n and bound < best[0])


def _remember(best: list[float], score: float, keep: int) -> None:
    """Keep the `keep` largest scores in the min-heap `best`."""
    if keep <= 0:
        return
    if len(best) < keep:
        heapq.heappush(best, score)
    elif score > best[0]:
        heapq.heapreplace(best, score)
