"""Intent and follow-up handlers: thin functions from a `Turn` to a `Reply`."""

from __future__ import annotations

from handlers.cards import role_card, service_card
from handlers.case import refine_case
from handlers.contact.chat import start_contact_form
from handlers.context import BotContext
from handlers.help import show_help
from handlers.knowledge import answer_knowledge
from handlers.labels import label
from handlers.messages import Notice, Part, Reply, Text
from handlers.nearby import client_district, is_near
from handlers.router import Router, Turn
from handlers.services import find_services, service_page
from index.knowledge.model import KnowledgeBase, pick


def services(ctx: BotContext, turn: Turn) -> Reply:
    return find_services(ctx, turn.state, turn.question, turn.filters, turn.lang)


def knowledge(ctx: BotContext, turn: Turn) -> Reply:
    """The roadmap, the guidance documents and the roles: whichever answers best."""
    return answer_knowledge(ctx, turn.state, turn.question, turn.filters, turn.lang)


def help_(ctx: BotContext, turn: Turn) -> Reply:
    return show_help(ctx, turn.lang)


def contact(ctx: BotContext, turn: Turn) -> Reply:
    return start_contact_form(ctx, turn.lang)


def none(ctx: BotContext, turn: Turn) -> Reply:
    return show_help(ctx, turn.lang)


def refine(ctx: BotContext, turn: Turn) -> Reply:
    """'entä Vantaalla?', 'hän on muuten 15': the case's need under the merged constraints."""
    return refine_case(ctx, turn.state, turn.msg.text, turn.filters, turn.lang)


def dismiss(ctx: BotContext, turn: Turn) -> Reply:
    """'Ykkönen ei käy, hän käy siellä jo': the case again, without the services turned down
    (now or earlier in the thread), and a line naming those left out now."""
    state, kb = turn.state, ctx.searcher().kb
    asked = turn.followup.ids if turn.followup else ()  # read by `case.read_turn`
    ids = [i for i in asked if i not in state.dismissed_ids]
    state.dismissed_ids += ids
    # only the constraints the message states go on ("rahat ovat tiukalla" asks for what is
    # free, as in any refinement); its other words are about the card, not the need
    said = ctx.searcher().filters_for(turn.msg.text).evidence.values()
    reply = refine_case(ctx, state, " ".join(said), turn.filters, turn.lang)
    names = [f"”{pick(s.name, turn.lang)}”" for i in ids if (s := kb.service(i)) is not None]
    if names:
        notice = Notice(label("dismissed", turn.lang, names=", ".join(names)))
        reply.parts.insert(min(1, len(reply.parts)), notice)
    return reply


def closer(ctx: BotContext, turn: Turn) -> Reply:
    """'Onko jotain lähempänä?': the case again, services in or naming the client's district
    (or remote) first from now on; without a district in the case, where does the client live."""
    state, lang = turn.state, turn.lang
    town = turn.filters.municipality
    district = client_district(turn.msg.text) or client_district(state.question, town)
    if not district:
        return Reply([Text(label("closer_where", lang))], lang, "services")
    state.near_to = district
    reply = refine_case(ctx, state, "", turn.filters, lang)
    kb = ctx.searcher().kb
    near = any(is_near(kb.service(i), district) for i in state.shown_ids[:3])
    said = label("closer" if near else "closer_none", lang, place=district.title())
    reply.parts.insert(min(1, len(reply.parts)), Notice(said))
    return reply


def more(ctx: BotContext, turn: Turn) -> Reply:
    state = turn.state
    if state.intent != "services" or state.shown >= len(state.ranked_ids):
        return Reply([Text(label("no_more", turn.lang))], turn.lang, state.intent)
    parts = service_page(ctx, state, None, turn.lang)
    return Reply(parts, turn.lang, "services", filters=state.filters.as_json())


def _nth(turn: Turn) -> str | None:
    """The n-th item shown; of a service answer that showed fewer, the n-th it found (the
    numbering "näytä lisää" goes on with)."""
    n = turn.followup.number if turn.followup and turn.followup.number else 1
    shown, state = turn.state.shown_ids, turn.state
    if n > len(shown) and state.intent == "services" and shown == state.ranked_ids[: len(shown)]:
        shown = state.ranked_ids
    return shown[n - 1] if 0 < n <= len(shown) else None


def details(ctx: BotContext, turn: Turn) -> Reply:
    """'kerro lisää kakkosesta': the full description of the n-th item shown; of a card
    turned down earlier and asked about by its name, that card, said to be one turned down."""
    asked = turn.followup.ids if turn.followup else ()
    item = asked[0] if asked else _nth(turn)
    n = turn.followup.number if turn.followup else None
    kb = ctx.searcher().kb
    service = kb.service(item) if item else None
    if service is None:
        return Reply(
            [Text(label("no_such_item", turn.lang, v=n or ""))], turn.lang, turn.state.intent
        )
    gone = item in turn.state.dismissed_ids  # not one of the cards shown: no number of its own
    card = service_card(
        service,
        None,
        0 if gone else n or 1,
        kb,
        turn.lang,
        ctx.today(),
        detailed=True,
        referable=ctx.can_refer(service),
    )
    parts: list[Part] = [card]
    if gone:  # still left out of the answers that follow
        name = f"”{pick(service.name, turn.lang)}”"
        parts.insert(0, Notice(label("dismissed_asked", turn.lang, name=name)))
    return Reply(parts, turn.lang, "services", filters=turn.state.filters.as_json())


def _responsible(kb: KnowledgeBase, item: str) -> list[str]:
    """Role ids responsible for a roadmap action, or for every action under a goal/workstream."""
    roles: list[str] = []
    for goal in kb.roadmap.goals if kb.roadmap else ():
        for ws in goal.workstreams:
            for a in ws.actions:
                if item in (a.id, ws.id, goal.id):
                    roles += [r for r in a.responsible if r not in roles]
    return roles


def who(ctx: BotContext, turn: Turn) -> Reply:
    """'kuka vastaa tästä?': the roles responsible for the roadmap item just shown."""
    kb = ctx.searcher().kb
    item = _nth(turn)
    if item:
        cards = [role_card(kb.roles[r]) for r in _responsible(kb, item) if r in kb.roles]
        if cards:
            return Reply([Text(label("roles_intro", turn.lang)), *cards], turn.lang, "roadmap")
        service = kb.service(item)
        if service is not None:
            card = service_card(
                service, None, 1, kb, turn.lang, ctx.today(), referable=ctx.can_refer(service)
            )
            return Reply([card], turn.lang, "services")
    # Nothing specific shown: search the roles themselves.
    return answer_knowledge(ctx, turn.state, turn.msg.text, turn.filters, turn.lang)


def register(router: Router) -> None:
    router.on_intent("services", services)
    router.on_intent("knowledge", knowledge)
    router.on_intent("help", help_)
    router.on_intent("contact", contact)
    router.on_intent("contact_form", contact)
    router.on_intent("none", none)
    router.on_followup("refine", refine)
    router.on_followup("more", more)
    router.on_followup("dismiss", dismiss)
    router.on_followup("closer", closer)
    router.on_followup("details", details)
    router.on_followup("who", who)
