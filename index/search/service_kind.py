"""Is a service of the same kind as another, in the knowledge's own tags?

A service's kind is whom it is for and what it is about: its target groups and its most
specific theme, the one fewest services carry ("muisti" rather than "vertaistuki", which 77
of the sample knowledge's 175 services carry). Asked after a refinement (handlers/same_kind.py:
is the service that fitted before matched under the new constraints, and is the new first one
as near the case's need as it was: `drifted`) and when the service
nearest in meaning is one the client is just too young or too old for (`age_near_miss`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from index.knowledge.model import KnowledgeBase, Service
from index.search.facet_rules import GROUP_AGES, age_range
from index.search.facets import Filters
from index.search.gender import other_gender

if TYPE_CHECKING:
    from index.search.engine import Searcher

COMPARED = 3  # the answer's first services looked at
NEAR_AGE = 4  # years outside a service's own age limit that still make it the one meant


def same_kind(
    kb: KnowledgeBase,
    before: str,
    after: Sequence[str],
    asked: Collection[str] = (),
    any_group: bool = False,
    age_known: bool = True,
    senior_floors: bool = True,
) -> bool:
    """Does one of `after`'s first services share a target group with `before`, and its most
    specific theme (the one fewest services carry) or one of its themes the case `asked` for
    ("yksinäinen" → yksinaisyys; not the theme most services carry)? A service with an age
    limit of its own (16–24-year-old mothers) is met only by one with an age limit of its own,
    when the client's age is known (`age_known`): of a mother nobody told the age of, the
    young mothers' group says only that the case is about a baby. Without `senior_floors`, a
    seniors' floor marks no kind: after a refinement, the seniors' gym 65+ that fitted is met
    by a seniors' exercise group with no limit of its own (`_age_marks_kind`). True when
    `before` lacks either tag."""
    was = kb.service(before)
    if was is None or not was.target_groups or not was.themes:
        return True
    counts = kb.theme_counts
    rarest = min(counts.get(t, 0) for t in was.themes)
    groups = set(was.target_groups)
    generic = max(counts, key=lambda t: counts[t])  # "vertaistuki" in the sample knowledge
    themes = {t for t in was.themes if counts.get(t, 0) == rarest or (t in asked and t != generic)}
    aged = (_own_age(was) if senior_floors else _age_marks_kind(was)) and age_known
    for sid in after[:COMPARED]:
        s = kb.service(sid)
        if (
            s is not None
            and (any_group or groups & set(s.target_groups))
            and themes & set(s.themes)
        ):
            if aged and not _own_age(s):
                continue  # a young mothers' group is not met by an all-ages baby club
            return True
    return False


def outgrown(
    kb: KnowledgeBase,
    before: str,
    after: Sequence[str],
    age: int | None,
    gender: str | None = None,
) -> bool:
    """After a new age: the service that fitted before has an age limit of its own that the
    client now misses by a few years ("hän täytti juuri 19", the rainbow youth evening 13–17),
    and none of `after`'s first services with an age limit of its own shares its most specific
    tag, whom it is for or what it is about, whichever fewest services carry ("sateenkaari",
    not the peer support and loneliness everyone's groups carry): the case was about that
    service, so what is shown instead is not an exact fit. Not when the client now asked about
    is of the other gender than the service's ("Entä lapsen isä, 27?" after young mothers)."""
    was = kb.service(before)
    if was is None or not _just_outside(was, age, gender):
        return False
    tags = tag_counts(kb, was)
    if not tags:
        return False
    _, tag = min(tags)
    for sid in after[:COMPARED]:
        s = kb.service(sid)
        if s is not None and _own_age(s) and tag in (*s.target_groups, *s.themes):
            return False
    return True


def tag_counts(kb: KnowledgeBase, service: Service) -> list[tuple[int, str]]:
    """The service's target groups and themes, each with how many services carry it."""
    tags = [(kb.group_counts.get(g, 0), g) for g in service.target_groups]
    return tags + [(kb.theme_counts.get(t, 0), t) for t in service.themes]


def _age_marks_kind(service: Service) -> bool:
    """Does the service's own age limit mark a kind of service (16–24-year-old mothers, adults
    only, working age), not only restate older people as its audience? A floor from the age the
    older people's group stands for ("60+", "65+") says who may come: a seniors' gym 65+ is
    met by a seniors' chair exercise group with no limit of its own."""
    if service.age_max is None and service.age_min is not None:
        return service.age_min < GROUP_AGES["ikaantyneet"][0]  # a floor: a seniors' is no kind
    return _own_age(service)


def _own_age(service: Service) -> bool:
    """Does the service set an age limit of its own (not one its target groups imply)?"""
    return service.age_min is not None or service.age_max is not None


def _just_outside(service: Service, age: int | None, gender: str | None) -> bool:
    """Is `age` a few years (1 to NEAR_AGE) outside the service's own age limit, for a client
    of the gender the service is for? (The young mothers' group, 16–24, is no near miss of a
    27-year-old father's: it was never his.)"""
    if age is None or not _own_age(service) or other_gender(service, gender):
        return False
    lo, hi = age_range(service)
    gap = lo - age if age < lo else age - hi
    return 0 < gap <= NEAR_AGE


def age_near_miss(
    kb: KnowledgeBase, nearest: Service | None, shown: Sequence[str], f: Filters
) -> bool:
    """The service nearest in meaning has an age limit of its own that the client misses by a
    few years ("14-vuotias haluaisi vapaaehtoiseksi", the volunteering service 16+), and no
    service of its kind is shown: the case was asked about that service, so what is shown
    instead is not an exact fit. A client decades outside it was not asking for it, nor one of
    the other gender than the service's."""
    if nearest is None or not _just_outside(nearest, f.age, f.gender):
        return False
    return not same_kind(kb, nearest.id, shown, f.themes)


DRIFT = 0.02  # cosine the case's need loses from the service that fitted to the new first one


def drifted(searcher: Searcher, need: str, before: str, first: str) -> bool:
    """After a refinement, is the new first service clearly further from the case's need than
    the service that fitted before? Tags are coarse ("terveys" holds every illness: a cancer
    patients' phone line shares it with a diabetes group), the need's own words are not."""
    at = searcher.position
    if before not in at or first not in at:
        return False
    q = searcher.embed_query(need)
    emb = searcher.index.embeddings
    return float(emb[at[before]] @ q) - float(emb[at[first]] @ q) > DRIFT
