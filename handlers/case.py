"""The case a thread is about, and how a new message changes it.

Staff describe a client, then refine: "Entä jos hän asuisi Keravalla?", "Onko
jotain ilmaista? Eläke on pieni.", "hän on muuten 15". The thread's state
holds the case — the need (`ConversationState.question`, the text that carries
it) and every constraint in force (`ConversationState.filters`). Each new
message is read as

* a **continuation** ("näytä lisää", "kerro lisää kakkosesta"): see `followups`;
* a **refinement**: it changes only what it names; the search runs on the
  case's need with the merged constraints;
* a **new question**: the case starts over.

The decision is made on meaning: which constraints the message states, whether
it points back at the case ("hän", "sama", "siellä", "näistä"), whether it
opens another case ("toinen asiakas", "another client"), and whether what is
left after the constraint words — its own need — is close to the case's need
(e5 similarity, cached by the searcher).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from handlers.context import BotContext, ConversationState
from handlers.dismiss import card_named, dismissed_named, turned_down_in
from handlers.followup_meaning import meant_followup
from handlers.followups import FILLER, REQUEST, FollowUp, detect_followup, item_asked
from handlers.intent import guess_intent, intent_of
from handlers.knowledge import answer_knowledge
from handlers.messages import Reply
from handlers.nearby import asks_closer
from handlers.same_kind import Before, changed_facets
from handlers.services import find_services
from handlers.turn_words import (
    ANOTHER_CLIENT,
    ANOTHER_PERSON,
    ANSWER,
    ASKS,
    BACK,
    CORRECTS,
    OTHER,
    SOMEONE_NEW,
    introduces_someone,
    names_case_people,
    points_back,
)
from index.language.detect import words
from index.language.places import municipalities_in
from index.language.segments import STOPWORDS
from index.search.engine import Searcher
from index.search.everyday import cost_words
from index.search.facets import Filters


@dataclass
class CaseSettings:
    # A message has a need of its own when its words point at some services clearly
    # (best service similarity above the median by this much) ...
    own_need_strength: float = 0.045
    # ... and it is a new question when the case's need fits those services this little
    # (0 = no better than a median service, 1 = as well as the case's own best).
    new_need_below: float = 0.25
    # A refinement's own words are added to the need it searches when they point at
    # services at least this clearly (0: always; news of a move or a job points at none).
    extend_above: float = 0.0


SETTINGS = CaseSettings()
_VALUED = ("municipality", "language", "age", "cost", "online")  # facets with a value to compare
_AGE_WORDS = {"fi": "{}-vuotias", "sv": "{}-årig", "en": "{}-year-old"}  # an age in words
OWN_CASE_WORDS = 4  # words of its own a message needs to be a whole new case
STORY_WORDS = 6  # ... and a story of a person it brings in itself, without pointing back
RELATIVES = "omaiset"  # the vocabulary's target group of a client's family
TUNED = "extend_above"  # the setting `eval --cv` chooses per fold
GRID = (0.0, 0.025, 0.03, 0.035, 0.04, 0.045, 1.0)


def asks(text: str) -> bool:
    """Is the message a question or a request rather than a statement?"""
    return ASKS.search(text) is not None


@dataclass(frozen=True)
class TurnReading:
    followup: FollowUp | None  # None: a new question
    own_need: str = ""  # the message's words beyond constraints and pointers
    similarity: float | None = None  # how well the case's need fits what own_need points at
    # A new question about the same client ("Sitten eri asia: hänellä todettiin myös…"): the
    # client's place, age and language still hold, the need does not.
    same_client: bool = False


def own_need(text: str, f: Filters) -> str:
    """The message's words that are neither constraints, pointers, places nor function words."""
    facet_words = {w for ev in f.evidence.values() for w in words(ev)}
    places = set(municipalities_in(words(text)).values()) | cost_words(text)
    return " ".join(
        w
        for w in words(text)
        if w not in facet_words
        and w not in places
        and w not in BACK
        and w not in STOPWORDS
        and w not in FILLER
        and w not in REQUEST
        and len(w) > 2
        and not w.isdigit()
    )


def read_turn(
    searcher: Searcher, text: str, f: Filters, prev: ConversationState | None
) -> TurnReading:
    """Continuation, refinement of the case, or a new question (`followup` None)."""
    has_case = prev is not None and bool(prev.question)
    about_cards = prev is not None and has_case and prev.intent == "services"
    if prev is not None and about_cards:  # about the cards shown
        if ids := turned_down_in(searcher.kb, prev, text):
            return TurnReading(FollowUp("dismiss", ids=tuple(ids)))  # "ykkönen ei käy"
        need = bool(f.themes or f.target_groups) or OTHER.search(text) is not None
        if asks_closer(text, prev.filters.municipality, need):
            return TurnReading(FollowUp("closer"))  # "onko jotain lähempänä?"
        named = None if f.states_constraint() else card_named(searcher.kb, prev, text)
        if n := item_asked(text) or named:  # "… ykkösen puhelinnumero?", "Missä leskien ryhmä …?"
            return TurnReading(FollowUp("details", n))  # "Mikä on kakkosen puhelinnumero?"
        if not f.states_constraint() and (gone := dismissed_named(searcher.kb, prev, text)):
            return TurnReading(FollowUp("details", ids=(gone,)))  # a card turned down earlier
    short = detect_followup(text, f, has_case)
    if short is None and prev is not None and about_cards:  # "ei noi oikein osu, muita?"
        short = meant_followup(searcher, text, f, prev)
    if short is not None or prev is None or not has_case:
        return TurnReading(short)
    back = points_back(text)
    if (other := OTHER.search(text)) and not ANSWER.search(text):
        same = back and f.age is None and not ANOTHER_CLIENT.search(other.group(0))
        same = same and not SOMEONE_NEW.search(text)
        return TurnReading(None, same_client=same)
    rest = own_need(text, f)
    if not rest:
        return TurnReading(FollowUp("refine"))
    if _new_client(text, rest, prev, f):
        return TurnReading(None, rest)
    if back:
        # "hän" of a client the message itself introduces, with an age and a place of its
        # own and a story to tell, is a new case ("62-vuotias … Asuu Tikkurilassa. Onko hänelle…").
        whole_case = f.age is not None and f.municipality and len(rest.split()) >= OWN_CASE_WORDS
        whole_case = whole_case and not CORRECTS.search(text)  # "hän onkin 52 … asuu Keravalla"
        return TurnReading(None if whole_case else FollowUp("refine"), rest)
    kind = guess_intent(text, f).intent
    if kind == "undecided" and asks(text) and not f.states_constraint():
        # a question of its own, neither pointing back nor constraining: decided as a first
        # question would be ("Miten ohjaan asiakkaan järjestöön?" is guidance)
        kind = intent_of(searcher, text, f)
    if kind in ("knowledge", "help", "contact") and prev.intent == "services":
        if not asks(text):
            # news about the case, not a question ("Sosiaaliohjaaja on valmis tekemään
            # lähetteen, jos sopiva paikka löytyy."): the case goes on
            return TurnReading(FollowUp("refine"), rest)
        return TurnReading(None, rest)  # another kind of question altogether
    if not f.states_constraint() and (prev.intent != "services" or kind == "knowledge"):
        return TurnReading(None, rest)  # a refinement points back or names a constraint
    strength, fit = need_fit(searcher, rest, prev.question)
    own = strength >= SETTINGS.own_need_strength
    if not f.states_constraint():
        # Neither a pointer nor a constraint: a message whose words point at services of their
        # own is a new question ("Onko velkaneuvontaa?"), and so is one about something the
        # knowledge never mentions ("veneen perämoottorin korjaamiseen"); one that only says
        # how the help should be, in the knowledge's words ("Entä jotain ryhmämuotoista?",
        # "Ja mieluummin viikonloppuisin.", "Voisiko joku vapaaehtoinen käydä kotona?"),
        # refines the case.
        # news of someone the case already has ("Miestä ei voi jättää yksin, eikä rouva aja
        # autoa") goes on with the case
        how = not own and (_all_known(searcher, rest) or names_case_people(text, prev.question))
        return TurnReading(FollowUp("refine") if how else None, rest, fit)
    if own and fit < SETTINGS.new_need_below:
        return TurnReading(None, rest, fit)
    return TurnReading(FollowUp("refine"), rest, fit)


def _new_client(text: str, rest: str, prev: ConversationState, f: Filters) -> bool:
    """A whole new case told without saying so: someone the message brings in with an age and
    a story ("68-vuotias isä sai juuri Alzheimer-diagnoosin. Tytär kysyy…"), before any word
    pointing back at the case or naming its people; not a correction, nor a relative of the case
    ("entä hänen vaimolleen?"). A case told without an age may be told more fully ("Kyseessä on
    45-vuotias nainen, joka asuu yksin"): then only a place of its own makes it a new one."""
    start = introduces_someone(text)
    if start is None or len(rest.split()) < STORY_WORDS:
        return False
    if prev.filters.age is None and f.municipality is None:
        return False
    told_before = points_back(text, start) or names_case_people(text[:start], prev.question)
    return not told_before and not CORRECTS.search(text) and not ANOTHER_PERSON.search(text)


def _all_known(searcher: Searcher, text: str) -> bool:
    """Does the knowledge hold every word, in some form or by a part ("ryhmä|muotoista")?"""
    known, tokenize = searcher.second.terms.known, searcher.index.tokenizer.tokenize
    return all(any(known(t) for t in tokenize(w)) for w in text.split() if len(w) > 2)


def need_fit(searcher: Searcher, own: str, need: str) -> tuple[float, float]:
    """How clearly `own` points at some services, and how well `need` fits those same services.

    Raw e5 similarities between two short queries are all high (0.8 ± 0.05),
    so both are measured against the services instead: relative to the median
    service, which takes out what every query shares."""
    mine = searcher.similarities(own, "service")
    case = searcher.similarities(need, "service")
    mid_mine, mid_case = float(np.median(mine)), float(np.median(case))
    strength = float(mine.max()) - mid_mine
    top = np.argsort(-mine)[:5]
    spread = float(case.max()) - mid_case
    fit = (float(case[top].mean()) - mid_case) / spread if spread > 0 else 1.0
    return strength, fit


def _with_replaced(need: str, old: Filters, new: Filters, lang: str) -> str:
    """The need with the words of replaced constraints swapped: "… leski Vantaalta" → "… Keravalla".

    The old words would pull the search back towards the old place or age. A new age is
    written as the old one was ("12-vuotias" → "14-vuotias"; "kymmenvuotias" → "14-vuotias"),
    not as the follow-up worded it ("hän täyttää kyllä kohta 14")."""
    for facet, ev in old.evidence.items():
        now = new.evidence.get(facet)
        same = facet in _VALUED and getattr(old, facet) == getattr(new, facet)
        if now not in (None, ev) and not same:  # "på svenska" after "svenskspråkig" changes nothing
            if facet == "age" and new.age is not None:
                number = str(old.age)
                now = (
                    ev.replace(number, str(new.age))  # "on 12" (-vuotias) → "on 14"
                    if number in ev
                    else _AGE_WORDS.get(lang, _AGE_WORDS["fi"]).format(new.age)
                )
            swap = str(now).replace("\\", r"\\")  # taken literally by re.sub
            need = re.sub(rf"\b{re.escape(ev)}\b", swap, need, flags=re.I)
    return re.sub(r"\s{2,}", " ", need).strip()


def refine_case(
    ctx: BotContext, state: ConversationState, text: str, merged: Filters, lang: str
) -> Reply:
    """Search the case's need again under the constraints now in force."""
    said = ctx.searcher().filters_for(text)
    if "low_income" in said.evidence:
        # Money brought up as a refinement ("Entä jos rahaa ei ole yhtään?") asks for
        # what costs nothing; in the first description it is background, reported only.
        merged = replace(merged, cost="free")
    relative = ANOTHER_PERSON.search(text) is not None
    if relative:  # the wife of a man is not a man
        merged = replace(merged, gender=said.gender)
    if said.age is None and relative:
        # "ja entä hänen vaimolleen?": the need stays, the client's age is not the spouse's
        merged = replace(
            merged, age=None, evidence={k: v for k, v in merged.evidence.items() if k != "age"}
        )
    if relative and RELATIVES in (groups := ctx.searcher().kb.vocabularies.target_groups):
        # the services for a client's family ("läheiset ja omaiset") are now the ones meant
        merged = replace(merged, target_groups=(*merged.target_groups, RELATIVES))
        text = f"{text} {groups[RELATIVES].label(lang)}"
    need = _with_replaced(state.question, state.filters, merged, lang)
    changed = changed_facets(state.filters, merged)
    # a good answer, or a near one ("partial"): its best service says the kind the case needs
    answered = (
        state.intent == "services" and state.fit in ("good", "partial") and bool(state.ranked_ids)
    )
    anchors = tuple(state.fitted_ids or state.ranked_ids[:3])
    before = (
        Before(state.ranked_ids[0], anchors, tuple(changed), state.fit == "good", state.blocked)
        if changed and answered
        else None
    )
    state.question, state.filters = need, merged
    query, request = need, need
    rest = own_need(text, merged)
    if rest:
        # Only words that say something about the need itself ("haluaisi liikkua ryhmässä");
        # news of a move or a job pull the search away from the need.
        strength, _ = need_fit(ctx.searcher(), rest, need)
        if strength >= SETTINGS.extend_above:
            query = f"{need} {text}"
            if strength >= SETTINGS.own_need_strength:
                # words that clearly point at services say more of the need ("aktivointi-
                # suunnitelma", "lähete"): the case keeps them for the turns that follow,
                # and they are asked for as the need's own words are
                state.question = request = f"{need} {rest}"
    if state.intent in ("roadmap", "guidance"):
        return answer_knowledge(ctx, state, query, merged, lang)
    # News that points at no service ("he muuttivat tyttären naapuriin") asks for nothing:
    # its words are not read as a request no knowledge text holds.
    reply = find_services(ctx, state, query, merged, lang, before, request)
    if reply.abstained and query != need:
        # The follow-up's words only sharpen the need; they must not lose it.
        reply = find_services(ctx, state, need, merged, lang, before)
    return reply
