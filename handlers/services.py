"""Find association services for a client's situation, a page at a time."""

from __future__ import annotations

from handlers.cards import (
    feedback_choices,
    guidance_excerpt,
    role_card,
    service_card,
    unmet_words,
    why_words,
)
from handlers.context import BotContext, ConversationState
from handlers.how_to_refer import HUMAN_ROUTE, asks_how_to_refer, referral_guidance
from handlers.labels import label
from handlers.messages import Choice, Choices, Notice, Part, Reply, ResultRef, Text
from handlers.nearby import near_first
from handlers.same_kind import Before, lean_order
from handlers.stated_language import judge_turn
from index.language.elsewhere import elsewhere_name
from index.search.abstain import DENSE_FLOOR
from index.search.engine import SearchResult
from index.search.everyday import everyday_notes
from index.search.facets import Filters
from index.search.task_request import does_no_task

NEAREST = 3  # cards shown when nothing fits exactly
# Where the knowledge tells staff what to do when no service fits (cited, not rewritten): the
# guidance section (`HUMAN_ROUTE`, how_to_refer.py) and the coordinators' role in
# roadmap/roles.yaml (the team the guidance sends staff to; they handle the contact form too).
COORDINATORS = "jarjestoyhteistyon-koordinaattori"

FACET_WORDS = {
    "municipality": {"fi": "kunta", "sv": "kommun", "en": "municipality"},
    "language": {"fi": "kieli", "sv": "språk", "en": "language"},
    "age": {"fi": "ikä", "sv": "ålder", "en": "age"},
    "cost": {"fi": "maksuton", "sv": "avgiftsfri", "en": "free"},
    "online": {"fi": "etänä", "sv": "på distans", "en": "remote"},
    "in_person": {"fi": "kasvokkain", "sv": "ansikte mot ansikte", "en": "in person"},
    "no_group": {"fi": "ei ryhmiä", "sv": "inga grupper", "en": "no groups"},
    "not_for": {"fi": "asiakas ei ole", "sv": "klienten är inte", "en": "the client is not"},
}


# What the first service shown misses (`SearchResult.partly`) → the notice that says so.
FIRST_SERVICE_MISSES = {
    "illness_type": "other_illness_type",
    "minority": "minority_group",
    "child_peers": "child_peers",
    "young_peers": "young_peers",
    "life_stage": "older_people_first",
    "no_group": "group_first",
    "age": "age_near_miss",
    "in_person": "remote_only_first",
    "homebound": "place_first",
}


def describe_filters(result: SearchResult, ctx: BotContext, lang: str) -> str:
    """'Rajaukset: Kerava, kieli: ruotsi, ikä 84' — which filters were applied."""
    f = result.filters
    vocab = ctx.searcher().kb.vocabularies
    bits: list[str] = []
    if "municipality" in result.applied and f.municipality:
        bits.append(vocab.municipalities[f.municipality].label(lang))
    if "language" in result.applied and f.language:
        names = [vocab.languages[x].label(lang) for x in (f.language, f.or_language) if x]
        either = f" {label('or', lang)} ".join(names)
        bits.append(f"{FACET_WORDS['language'][lang]}: {either}")
    if "age" in result.applied and f.age is not None:
        bits.append(f"{FACET_WORDS['age'][lang]} {f.age}")
    if "cost" in result.applied and f.cost:
        bits.append(FACET_WORDS["cost"][lang])
    if f.online:
        bits.append(FACET_WORDS["online"][lang] + " +")
    if f.in_person:  # a preference: remote-only services lower, never removed
        bits.append(FACET_WORDS["in_person"][lang] + " +")
    if f.no_group:  # a preference: groups lower, never removed
        bits.append(FACET_WORDS["no_group"][lang])
    if "not_for" in result.applied and (said := f.evidence.get("not_for")):
        bits.append(f"{FACET_WORDS['not_for'][lang]}: {said}")
    if "no_child" in result.partly:
        bits.append(label("no_child", lang))
    bits += everyday_notes(f, lang)
    return f"{label('filters_applied', lang)}: {', '.join(bits)}" if bits else ""


def relaxed_notices(result: SearchResult, ctx: BotContext, lang: str) -> list[Part]:
    """What was asked and not met: a client living outside the county said as such
    ("Asiakas asuu kunnassa Espoo …"), the other constraints named."""
    out: list[Part] = []
    vocab = ctx.searcher().kb.vocabularies
    muni = result.filters.municipality
    relaxed = list(result.relaxed)
    if "municipality" in relaxed and muni and (place := elsewhere_name(muni, lang)):
        relaxed.remove("municipality")
        area = f" {label('and', lang)} ".join(m.label(lang) for m in vocab.municipalities.values())
        out.append(Notice(label("lives_elsewhere", lang, place=place, area=area), "warning"))
    if relaxed:
        words = [FACET_WORDS[f][lang] for f in relaxed]
        said = result.filters.evidence.get("language")
        if "language" in relaxed and result.filters.language not in vocab.languages and said:
            # a language no service offers ("puhuu vain tigrinjaa"): named in the asker's words
            words[relaxed.index("language")] += f" ({said})"
        out.append(Notice(label("relaxed", lang, what=", ".join(words)), "warning"))
    if result.beyond:
        words = [FACET_WORDS[f][lang] for f in result.beyond]
        out.append(Notice(label("beyond", lang, what=", ".join(words)), "warning"))
    return out


def results_json(result: SearchResult, ctx: BotContext, lang: str) -> list[ResultRef]:
    vocab = ctx.searcher().kb.vocabularies
    return [
        ResultRef(
            h.id,
            h.kind,
            h.doc.title,
            h.score,
            why_words(h, vocab, lang),
            unmet_words(h, vocab, lang),
        )
        for h in result.hits
    ]


def fitting_count(result: SearchResult, ctx: BotContext) -> int:
    """Cards on the first page: up to where the fit drops (at least 1, at most a page).

    A service counts as fitting when the ranker's probability reaches the card
    cut (`show` in ranker.json, tuned with CV for precision and success of the
    cards shown); when nothing fits exactly, the nearest few are shown.
    """
    size = ctx.config.page_size
    ranker = ctx.searcher().second.ranker
    if result.fit != "good":  # with the nearest beyond a constraint after them (beyond.py)
        return min(size, NEAREST + sum(1 for h in result.hits if h.unmet))
    probs = [h.fit_score for h in result.hits if h.kind == "service"][:size]
    if ranker is None or not probs:
        return size
    fitting = sum(1 for p in probs if p is not None and p >= ranker.show)
    return max(1, fitting)


def human_route(ctx: BotContext, lang: str, key: str) -> list[Part]:
    """What the guidance tells staff to do when no service fits, cited from knowledge."""
    kb = ctx.searcher().kb
    route = guidance_excerpt(HUMAN_ROUTE, kb)
    parts: list[Part] = []
    if route is not None and route.id == HUMAN_ROUTE:
        parts += [Text(label(key, lang)), route]
    role = kb.roles.get(COORDINATORS)
    if role is not None:
        parts.append(role_card(role))
    return parts


def nothing_fits(
    ctx: BotContext, state: ConversationState, result: SearchResult, lang: str
) -> list[Part]:
    """Fit "none": the plain sentence, the human route, and only loosely related services.

    A service counts as loosely related when it is above the off-topic floor of
    similarity (index/search/abstain.py) and the ranker would call it a fit (its
    probability reaches the "good" threshold) although the abstention rule
    found the question's words missing; otherwise none is offered.
    """
    ranker = ctx.searcher().second.ranker
    good = ranker.good if ranker is not None else 1.0
    near = [
        h
        for h in result.hits
        if h.kind == "service" and h.dense >= DENSE_FLOOR and (h.fit_score or 0.0) >= good
    ][:NEAREST]
    state.ranked_ids = [h.id for h in near]
    parts: list[Part] = [Text(label("fit_none", lang)), *human_route(ctx, lang, "fit_none_route")]
    if near:
        parts.append(Text(label("fit_loosely", lang)))
        parts += service_page(ctx, state, result, lang, len(near))[:-1]
    parts.append(Choices((Choice(label("contact_form", lang), "contact_form"),)))
    return parts


def service_page(
    ctx: BotContext,
    state: ConversationState,
    result: SearchResult | None,
    lang: str,
    size: int | None = None,
) -> list[Part]:
    """The next page of service cards for the thread, with 'more' and feedback buttons."""
    searcher = ctx.searcher()
    kb = searcher.kb
    hits = {h.id: h for h in result.hits} if result else {}
    page = state.ranked_ids[state.shown : state.shown + (size or ctx.config.page_size)]
    parts: list[Part] = []
    for i, sid in enumerate(page, start=state.shown + 1):
        service = kb.service(sid)
        if service is not None:
            card = service_card(
                service, hits.get(sid), i, kb, lang, ctx.today(), referable=ctx.can_refer(service)
            )
            parts.append(card)
    state.shown += len(page)
    state.shown_ids.extend(page)
    more = (Choice(label("more", lang), "more"),) if state.shown < len(state.ranked_ids) else ()
    parts.append(Choices((*more, *feedback_choices(lang))))
    return parts


def find_services(
    ctx: BotContext,
    state: ConversationState,
    question: str,
    filters: Filters,
    lang: str,
    same_kind_as: Before | None = None,
    request: str | None = None,
) -> Reply:
    """The services for `question`; `same_kind_as`: the service that fitted the case before
    a refinement, and the constraints it changed (`handlers.same_kind`)."""
    searcher = ctx.searcher()
    # After a move, free or remote, the answer is the need's under the new constraints: judged
    # cases alike (judged without them) do not lean it towards the kind that fitted before.
    lean = same_kind_as is None or same_kind_as.lean
    result = searcher.search(
        question,
        filters=filters,
        kinds=("service",),
        k=30,
        lean=lean,
        request=request,
        exclude=state.dismissed_ids,
    )
    if state.near_to:  # "onko jotain lähempänä?" (handlers/nearby.py)
        result.hits = near_first(result.hits, searcher.kb, state.near_to, filters.municipality)
    # Partial for another reason (a parents' group nearest, a word no service holds): the
    # move's own news, no service of the same kind there, is still said; a first description
    # naming the client's language is asked the same (handlers/stated_language.py).
    other_kind = judge_turn(searcher, question, result, filters, same_kind_as, lang, request)
    if same_kind_as is not None and "municipality" in same_kind_as.changed and not lean:  # a move
        lean_order(searcher, result, question, filters, request, state.dismissed_ids)
    state.fit = result.fit
    state.blocked = tuple(dict.fromkeys([*result.relaxed, *result.beyond]))
    state.ranked_ids = [h.id for h in result.hits]
    state.fitted_ids = [h.id for h in sorted(result.hits[:3], key=lambda h: -(h.fit_score or 0.0))]
    state.shown, state.shown_ids = 0, []
    reply = Reply(
        parts=[],
        language=lang,
        intent="services",
        filters=filters.as_json(),
        abstained=result.abstained,
        timings_ms=result.timings_ms,
        fit=result.fit,
    )
    reply.results = results_json(result, ctx, lang)[:10]
    if result.abstained:
        reply.parts = nothing_fits(ctx, state, result, lang)
        return reply
    exact = result.fit == "good"
    parts: list[Part] = [Text(label("services_intro" if exact else "fit_partial", lang))]
    described = describe_filters(result, ctx, lang)
    if described:
        parts.append(Notice(described))
    parts += relaxed_notices(result, ctx, lang)
    if other_kind is not None:
        parts.append(other_kind)
    if "cost" in result.partly:
        parts.append(Notice(label("cost_met_in_part", lang), "warning"))
    if "illness" in result.partly:
        parts.append(Notice(label("illness_not_named", lang), "warning"))
    if result.excluded:
        said = label("service_excludes", lang, sentence=result.excluded)
        parts.append(Notice(said, "warning"))
    if "gender" in result.partly:
        parts.append(Notice(label("other_gender", lang), "warning"))
    if result.task:
        first = ctx.searcher().kb.service(result.hits[0].id) if result.hits else None
        peers = first is None or does_no_task(first)  # else its text never names the doing
        said = label("task_not_done" if peers else "task_not_named", lang, words=result.task)
        parts.append(Notice(said, "warning"))
    parts += [
        Notice(label(said, lang), "warning")
        for reason, said in FIRST_SERVICE_MISSES.items()
        if reason in result.partly
    ]
    if result.unknown:
        said = ", ".join(f"”{w}”" for w in result.unknown)
        parts.append(Notice(label("unknown_words", lang, words=said), "warning"))
    parts += service_page(ctx, state, result, lang, fitting_count(result, ctx))
    if not exact:
        parts[-1:-1] = human_route(ctx, lang, "fit_human_route")
    if asks_how_to_refer(question):  # "… Miten voin auttaa häntä pääsemään mukaan?"
        guidance, ref = referral_guidance(ctx, question, lang)
        parts[0:0] = guidance
        reply.results[:0] = [ref] if ref is not None else []
    reply.parts = parts
    return reply
