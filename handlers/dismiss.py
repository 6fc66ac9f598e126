"""'Ykkönen ei käy, hän on jo käynyt siellä': a service shown that the worker turns down.

A follow-up that points at one of the services just shown — by its place in the answer
("ykkönen", "the second one", "tvåan"), by its name's own words ("leskien ryhmään hän ei
halua"), or with no other pointer by "siellä", "there", "dit" (the first one shown) — and
says it will not do: it does not suit, the client already goes or went there, did not like
it. Words as often said of the client's own life ("lopetti", "käy jo", "quit", "har redan")
turn down only a card named by its number or name, or "there" right after them. The case
stays as it was; the services turned down are left out of this answer and of every later
one in the thread (`ConversationState.dismissed_ids`), and the answer says which.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.context import ConversationState
from handlers.followups import asks_about_item, card_number
from index.knowledge.model import KnowledgeBase, pick
from index.language.detect import words
from index.language.places import municipalities_in

_TURNED_DOWN = re.compile(
    # Finnish: does not suit, already goes or went, did not like, does not want to go there
    r"\b(?:ei|eikä|eivät)\s+(?:\w+\s+)?(?:käy|sovi|sopinut|sopinu|kiinnosta|tykännyt|tykänny|"
    r"pitänyt|pitäny|auttanut|auttanu|toiminut|toiminu|halua\s+(?:\w+\s+)?(?:sinne|enää)|"
    r"suostu\w*|sovellu|passaa|tule\s+kyseeseen|oo\s+(?:\w+\s+)?juttu|ole\s+(?:\w+\s+)?juttu)\b|"
    r"\b(?:on|oli)\s+(?:\w+\s+)?jo\s+tuttu\b|\b(?:on\s+)?kokeiltu\b|"
    # "käy siellä jo" (already goes there), not "käy siellä yläkoulua" (goes to school there)
    r"\b(?:käy|kävi|käyvät)\s+(?:jo\s+(?:siellä|sielä|tuolla|tossa|siinä)|"
    r"(?:siellä|sielä|tuolla|tossa|siinä)\s+jo)\b|"
    r"\b(?:on|oli|ollut)\s+(?:\w+\s+)?jo\s+(?:käynyt|käyny|käyty|mukana|kokeillut|kokeillu|"
    r"testattu|ollut\s+mukana|ollu\s+mukana)\b|"
    # Swedish
    r"\b(?:passar|passade|funkar|fungerade|hjälpte)\s+(?:\w+\s+)?inte\b|"
    r"\bgår\s+(?:\w+\s+)?(?:redan|inte\s+dit)\b|\bvill\s+(?:\w+\s+)?inte\s+(?:dit|gå\s+dit)\b|"
    r"\bdit\s+vill\s+(?:\w+\s+)?inte\b|"
    r"\binte\s+(?:aktuell|för\s+(?:henne|honom|dem)|ett\s+alternativ)\b|"
    # English
    r"\b(?:doesn't|doesn’t|does\s+not|didn't|didn’t|did\s+not|won't|won’t|will\s+not)\s+"
    r"(?:\w+\s+)?(?:suit|work|help|like)\b|"
    r"\balready\s+(?:goes|went|tried|attends|attended)\b|\bnot\s+that\s+one\b|"
    r"\bbeen\s+(?:going|attending)\s+there\b|"
    r"\bnot\s+(?:for\s+(?:her|him|them)|suitable|an\s+option|a\s+good\s+fit)\b|"
    # been there before, does not want to go back there
    r"\b(?:been|was|went)\s+there\s+(?:before|already)\b|\bvar\s+där\s+(?:förut|redan|innan)\b|"
    r"\b(?:on|oli)\s+(?:\w+\s+)?käynyt\s+(?:siellä|tuolla|tossa)\b|"
    r"\b(?:doesn't|doesn’t|won't|won’t|does\s+not|will\s+not)\s+(?:\w+\s+)?(?:want\s+to\s+)?go\s+"
    r"(?:back\s+)?there\b",
    re.I,
)
# Said of a card pointed at by its number or its name only, not by "there": the same words
# are often of the client's life ("lopetti työt", "käy jo koulua", "quit her job").
_LEFT = re.compile(
    r"\b(?:lopetti|lopettanut|lopettanu|jäi\s+pois|jättänyt|jättäny)\b|"
    r"\b(?:käy|kävi|käyvät|osallistuu|osallistui)\s+(?:\w+\s+)?jo\b|"
    r"\bjo\s+(?:käynyt|käyny|kokeiltu|kokeillut|kokeillu|testattu|käy|kävi)\b|"
    r"\b(?:har|hade)\s+(?:\w+\s+)?redan\b|\bslutade\b|"
    r"\bvill\s+(?:\w+\s+)?inte\s+(?:gå|åka|vara)\b|"
    r"\b(?:is|are)\s+out\b|\bbeen\s+(?:going|attending)\s+for\b|\balready\s+been\b|"
    r"\b(?:no\s+good|out\s+of\s+the\s+question|stopped\s+going|quit|hated)\b|"
    r"\b(?:won't|won’t|will\s+not)\s+(?:\w+\s+)?(?:go|want)\b|"
    # a card named to be left out or tried: "jotain muuta kuin se ykkönen", "ei sitä ekaa",
    # "other than the second one", "not the first", "inte ettan", "tried #3", "provat ettan"
    r"\b(?:muu\w*\s+kuin|ei\s+(?:se|sitä|tuo|tuota|toi|ton))\b|"
    r"\b(?:other\s+than|except|not\s+(?:the\s+)?(?:#|first|second|third|fourth|fifth))|"
    r"\b(?:inte|utom|förutom)\s+(?:den\s+)?(?:ettan|tvåan|trean|första|andra|tredje)\b|"
    r"\b(?:tried|tested)\b|\b(?:provat|testat|prövat)\b|\bkokeil\w*",
    re.I,
)
MAX_NUMBER = 5  # the cards an answer numbers at most
# "there" with no other pointer: the first service shown
THERE = re.compile(
    r"\b(?:siellä|sielä|sinne|sieltä|siihen|tuo|toi|tuota|tuohon|tuolla|tuonne|tossa|"
    r"där|dit|den\s+där|det\s+där|there|that\s+(?:one|group|place|service))\b",
    re.I,
)
# Words of a service's name that name a kind of service, too common to point at one
_PLAIN = ("ryhm", "vertais", "palvelu", "toimint", "kerho", "neuvon", "grupp", "group", "ry")


def turned_down(
    text: str, shown: Sequence[tuple[str, str]], found: Sequence[str] = ()
) -> list[str]:
    """The ids of the services shown, (id, name) in the order shown, that `text` turns down;
    by its number, also one the search `found` after those shown (numbered on from them)."""
    left = _LEFT.search(text)
    # "there" right after words of the client's life is said of a service: "har redan varit
    # där", "lopetti siellä käymisen", "stopped going there" (not "lopetti työt …, onko siellä")
    strong = _TURNED_DOWN.search(text) is not None or (
        left is not None and THERE.search(" ".join(text[left.end() :].split()[:2])) is not None
    )
    if not shown or not (strong or left):
        return []
    n = card_number(text)
    if n is not None:
        return numbered_card([sid for sid, _ in shown], found, n)
    said = words(text)
    named = [sid for sid, name in shown if _named(said, name)]
    if named:
        return named
    return [shown[0][0]] if strong and THERE.search(text) else []


def _numbered(shown: Sequence[str], found: Sequence[str]) -> list[str]:
    """An answer's cards as numbered: those shown, then on past them as "näytä lisää" shows."""
    return [*shown, *(f for f in found if f not in shown)][:MAX_NUMBER]


def numbered_card(shown: Sequence[str], found: Sequence[str], n: int) -> list[str]:
    """Card `n` of an answer (`_numbered`), or none."""
    numbered = _numbered(shown, found)
    return [numbered[n - 1]] if 0 < n <= len(numbered) else []


def _shown(kb: KnowledgeBase, state: ConversationState) -> list[str]:
    """The services the thread's last answer showed, in the order shown."""
    return [sid for sid in state.shown_ids if kb.service(sid) is not None]


def card_ids(kb: KnowledgeBase, state: ConversationState, n: int) -> list[str]:
    """Card `n` of the thread's last answer (of the services shown and found after them)."""
    return (
        numbered_card(_shown(kb, state), state.ranked_ids, n) if state.intent == "services" else []
    )


def card_named(kb: KnowledgeBase, state: ConversationState, text: str) -> int | None:
    """The number of the one card of the thread's last answer (of the first five, numbered
    on past those shown) that a short question about what it is like names by a word of its
    name: "Missä leskien ryhmä kokoontuu?"; None when none or several are named."""
    if state.intent != "services" or not asks_about_item(text):
        return None
    n = _one_named(kb, _numbered(_shown(kb, state), state.ranked_ids), text, state.language)
    return None if n is None else n + 1


def dismissed_named(kb: KnowledgeBase, state: ConversationState, text: str) -> str | None:
    """The one service turned down earlier in the thread that a short question about what it
    is like names by a word of its name ("Missä leskien ryhmä kokoontuu?" after "Ykkönen ei
    käy"): asked about, not brought back. None when none or several are named."""
    if state.intent != "services" or not asks_about_item(text):
        return None
    n = _one_named(kb, state.dismissed_ids, text, state.language)
    return None if n is None else state.dismissed_ids[n]


def _one_named(kb: KnowledgeBase, ids: Sequence[str], text: str, lang: str) -> int | None:
    """The place in `ids` of the one service the text names by its name; None for none or
    several."""
    said = words(text)
    named = [
        n
        for n, sid in enumerate(ids)
        if (s := kb.service(sid)) is not None and _named(said, pick(s.name, lang))
    ]
    return named[0] if len(named) == 1 else None


def _named(said: list[str], name: str) -> bool:
    """Does the message use a word of the service's own name, inflected ("leskien" of
    "Leskien vertaisryhmä", "muistikahvilassa" of "Muistikahvila")? Only words of six letters
    or more that are neither a kind of service nor a place, matched by all but their last
    three letters: "päivään" does not name "Työpainotteinen päivä", nor "puhelimessa"
    "Puhelinpiirit"."""
    own = [
        w
        for w in words(name)
        if len(w) >= 6 and not w.startswith(_PLAIN) and not municipalities_in([w])
    ]
    return any(s.startswith(w[: max(6, len(w) - 3)]) for w in own for s in said)


def turned_down_in(kb: KnowledgeBase, state: ConversationState, text: str) -> list[str]:
    """`turned_down` of the services the thread's last answer showed."""
    if state.intent != "services":
        return []
    shown = [
        (sid, pick(s.name, state.language)) for sid in state.shown_ids if (s := kb.service(sid))
    ]
    return turned_down(text, shown, state.ranked_ids)
