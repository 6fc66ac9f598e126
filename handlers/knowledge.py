"""Answers about the roadmap, the guidance documents and who answers for what."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

from handlers.cards import feedback_choices, guidance_excerpt, roadmap_item, role_card, why_words
from handlers.context import BotContext, ConversationState
from handlers.labels import label
from handlers.messages import Choices, Notice, Part, Reply, ResultRef, Text
from handlers.roadmap_queries import WHICH_BODY, asks_who, structured_ids
from index.knowledge.model import Role
from index.language.crosslingual import finnish_groups, finnish_terms
from index.search.engine import Hit, Searcher
from index.search.facets import Filters

KNOWLEDGE_KINDS = ("guidance", "roadmap", "role")
SHOWN = 3  # items shown with their text; the rest only listed in results
_WORD = re.compile(r"[^\W\d_]{5,}")
_SHARED = 7  # letters a question word and a duty word share to count as the same word
_ACRONYM = re.compile(r"\b[A-ZÅÄÖ]{3,4}\b")
_TASK = re.compile(
    rf"\b(?:kuka|ketkä|kenen|vem|who|{WHICH_BODY})\s+"
    r"(?:(?:actually|really|oikeasti|oikeesti|sitten|siis|egentligen)\s+)?([^\W\d_]{4,})"
    r"(?:\s+([^\W\d_]+))?",
    re.I,
)
_GENERIC_TASK = frozenset(
    "vastaa vastaavat vastuulla hoitaa hoitavat tekee ansvarar sköter handles answers "
    # a pronoun or an adverb after "kuka" is no task: "kuka niistä tiloista oikeesti vastaa"
    "niistä näistä siitä tästä sitten oikein oikeasti oikeesti meillä teillä täällä "
    # nor a filler adverb anywhere: "kuka meillä *käytännössä* vetää" names no practices
    "käytännössä yleensä ylipäätään ylipäänsä oikeastaan lopulta loppupeleissä nykyään "
    "tällä hetkellä muuten".split()
)
# A word in a place's or a source's case is no task: "kuka hyvinvointialueella vastaa".
_NOT_A_VERB = re.compile(r"(?:lla|llä|ssa|ssä|sta|stä|lta|ltä|lle|ksi)$")
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_STORY = 0.5  # a word told before or after the question who (the story) weighs this much


def _same_word(a: str, b: str, base: Callable[[str], str] = str) -> bool:
    """Inflected forms of one word ("käyttöselvitykset", "käyttöselvitysten"), roughly; or of
    one base form where the stem itself changes ("tiloista", "tilojen": tila), or the first
    part of a compound ("varauksista", "varauskäytäntöjen": varaus). `base`: the
    index's own lemma table (the dictionaries are never loaded at query time)."""
    need = min(_SHARED, len(a) - 1, len(b) - 1)
    if a[:need] == b[:need]:
        return True
    # or the first part of a compound: "varauksista" (varaus) in "varauskäytäntöjen"
    first, whole = base(a), base(b)
    return first == whole or (len(first) >= _SHARED - 1 and whole.startswith(first))


def base_forms(searcher: Searcher) -> Callable[[str], str]:
    """A Finnish word's base form by the index's lemma table, or the word when it has none."""
    table = getattr(searcher.index.tokenizer, "lemmas", None)
    if table is None:
        return str
    return lambda word: str(table.lemma(word, "fi"))


def _words(text: str) -> set[str]:
    """Content words of five letters or more, and acronyms ("PTV", "AKE"), lower-cased."""
    return {w.lower() for w in _WORD.findall(text)} | {a.lower() for a in _ACRONYM.findall(text)}


def _task_word(question: str, lang: str = "fi") -> str | None:
    """The verb right after "kuka"/"vem"/"who", unless it only says "is responsible" or names
    a place; a Swedish or English one (with the word after it: "sets up") by the glossary's
    Finnish."""
    m = _TASK.search(question)
    if m is None or m.group(1).lower() in _GENERIC_TASK or _place_word(m) is not None:
        return None
    if lang == "fi":
        return m.group(1).lower()
    task = finnish_terms(m.group(1), lang, cooperation=True) or finnish_terms(
        " ".join(filter(None, m.groups())), lang, cooperation=True
    )
    return next(iter(task.split()), None)


def _place_word(after_who: re.Match[str] | None) -> str | None:
    """Where, not what: "kuka *hyvinvointialueella* vastaa" names the county, no duty."""
    word = after_who.group(1).lower() if after_who else ""
    return word if _NOT_A_VERB.search(word) else None


def _asking(question: str) -> str:
    """The sentences that ask who (all of it when none does)."""
    asking = [s for s in _SENTENCE.findall(question) if asks_who(s)]
    return " ".join(asking) or question


def responsible_role(
    question: str,
    lang: str,
    hits: list[Hit],
    roles: Mapping[str, Role],
    base: Callable[[str], str] = str,
) -> Hit | None:
    """The role hit whose duties name most of the question's rarer words, or None.

    A role's own name and `responsibilities` decide (Finnish words for a Swedish or
    English question); words most roles share weigh little; the search order breaks
    ties. None when no role's duties name any word of the question.
    """
    duties = {r.id: _words(" ".join((r.name, *r.responsibilities))) for r in roles.values()}
    titles = {r.id: _words(r.name) for r in roles.values()}

    # A Swedish or English word is matched only through the glossary's Finnish words: by its
    # first letters "kommer" would be "kommentointi". One entry's words are synonyms of one
    # word of the question ("practices": toimintatavat, käytännöt) and count once.
    groups = finnish_groups(question, lang, cooperation=True) if lang != "fi" else []
    synonyms = {w: g for g in groups for w in _words(g)}

    def words_of(text: str) -> set[str]:
        own = text if lang == "fi" else " ".join(_ACRONYM.findall(text))
        return (
            _words(f"{own} {finnish_terms(text, lang, cooperation=True)}") - _GENERIC_TASK
        )  # not "vastaa"

    place = {_place_word(_TASK.search(question))}
    asked = words_of(_asking(question)) - place
    words = asked | (words_of(question) - place)
    named = {
        w: {i for i, ds in duties.items() if any(_same_word(w, d, base) for d in ds)} for w in words
    }
    weight = {w: math.log((len(roles) + 1) / (len(ids) + 0.5)) for w, ids in named.items() if ids}
    task = _task_word(question, lang)  # "vem samordnar" → "koordinointi", through the glossary

    def times(w: str, i: str) -> float:
        """A word the role is named after counts twice: "avustus" names the grants' preparers,
        though the board and the divisions mention grants among their duties too. So does
        the task asked about ("Kuka *nimeää* avainhenkilön?"): whoever does it answers,
        not whoever the object is named after."""
        named_after = any(_same_word(w, t, base) for t in titles[i])
        told = 1.0 if w in asked else _STORY  # the story around the question weighs less
        return told * (2.0 if named_after else 1.0) * (2.0 if task and _same_word(w, task) else 1.0)

    def score_of(i: str) -> float:
        best: dict[str, float] = {}  # a word's score, the best of its synonyms'
        for w in weight:
            if i in named[w]:
                key = synonyms.get(w, w)
                best[key] = max(best.get(key, 0.0), weight[w] * times(w, i))
        return sum(best.values())

    score = {i: score_of(i) for i in duties}
    ranked = [h for h in hits if score.get(h.id, 0.0) > 0]
    return max(ranked, key=lambda h: score[h.id], default=None)


def _part_for(kind: str, rid: str, ctx: BotContext, lang: str) -> Part | None:
    kb = ctx.searcher().kb
    if kind == "roadmap":
        return roadmap_item(rid, kb, lang)
    if kind == "guidance":
        return guidance_excerpt(rid, kb)
    role = kb.roles.get(rid)
    return role_card(role) if role else None


def answer_knowledge(
    ctx: BotContext, state: ConversationState, question: str, filters: Filters, lang: str
) -> Reply:
    searcher = ctx.searcher()
    kb = searcher.kb
    result = searcher.search(question, filters=filters, kinds=KNOWLEDGE_KINDS, k=10)
    ranked = [h.id for h in result.hits]
    fixed = structured_ids(question, kb.roadmap, ranked) if kb.roadmap else []
    items = {i: roadmap_item(i, kb, lang) for i in fixed}
    refs = [ResultRef(i, "roadmap", item.title if item else i, 1.0) for i, item in items.items()]
    vocab = kb.vocabularies
    hits = result.hits
    if asks_who(question) and not fixed:
        # "Kuka vastaa…?": the role whose duties name the task is shown, second at
        # the latest (a guidance section may say it better: "aluehallitus päättää").
        found = searcher.search(question, filters=filters, kinds=("role",), k=len(kb.roles))
        role = responsible_role(question, lang, found.hits, kb.roles, base_forms(searcher))
        if role is not None and role.id not in [h.id for h in hits[:SHOWN]]:
            rest = [h for h in hits if h.id != role.id]
            hits = [*rest[:1], role, *rest[1:]]
    refs += [
        ResultRef(h.id, h.kind, h.doc.title, h.score, why_words(h, vocab, lang))
        for h in hits
        if h.id not in fixed
    ]
    refs = refs[: max(10, len(fixed) + 1)]  # a structured list is never cut short
    top_kind = refs[0].kind if refs else "roadmap"
    intent = "guidance" if top_kind == "guidance" else "roadmap"
    reply = Reply(
        parts=[],
        language=lang,
        intent=intent,
        filters=filters.as_json(),
        results=refs,
        timings_ms=result.timings_ms,
    )
    state.ranked_ids = [r.id for r in refs]
    state.shown_ids = []
    if not refs:
        reply.abstained = True
        reply.parts = [Text(label("nothing_roadmap", lang))]
        return reply
    # A structured answer shows every item it found plus the best search hit.
    shown = refs[: len(fixed) + 1] if fixed else refs[:SHOWN]
    parts: list[Part] = [
        Text(label("roadmap_intro" if intent == "roadmap" else "guidance_intro", lang))
    ]
    for ref in shown:
        part = _part_for(ref.kind, ref.id, ctx, lang)
        if part is not None:
            parts.append(part)
            state.shown_ids.append(ref.id)
    state.shown = len(state.shown_ids)
    if kb.roadmap and kb.roadmap.notes and any(r.kind == "roadmap" for r in shown):
        parts.append(Notice(label("roadmap_notes", lang, v=kb.roadmap.notes)))
    parts.append(Choices(feedback_choices(lang)))
    reply.parts = parts
    return reply
