"""What kind of service a question asks for, and for whom or what.

"Onko dialyysipotilaiden vertaisryhmää?", "vertaistukea elinsiirron saaneille",
"vertaisryhmää ostoriippuvuudesta kärsiville", "kamratstöd för unga som
stammar", "free legal counsel for asylum appeals": a question that names a kind
of service (a group, peer support, a course, advice …) and qualifies it names
the need exactly. When the knowledge never mentions a qualifier at all — no
service, guidance or vocabulary text holds the word in any form — no service
can serve that need exactly, however close the nearest ones are: the dense
model finds "a peer group" and misses "for dialysis patients".

The qualifiers are read by Finnish, Swedish and English word order: attributes
before the service word in the genitive, allative or elative ("elinsiirron
saaneiden vertaistukea", "psoriaasista kärsiville vertaistukea"), the first
part of a compound ("parkinsonryhmä"), and what follows it: whom it is for
(allative, "för", "for") or what about (elative), and whom a group gathers in a relative
clause after it ("vertaisryhmää, jossa olisi muita parkinsonpotilaita"). Pronoun-like words
("tällaista", "muille") qualify nothing.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from index.language.detect import words
from index.language.negation import CLAUSE_BREAK, asserted
from index.language.places import municipalities_in
from index.language.segments import STOPWORDS, STOPWORDS_EN, STOPWORDS_SV

# Words naming a kind of service (stems; a closed class of the domain, in fi/sv/en).
SERVICE_WORD = re.compile(
    # a benefit applied for is no kind of service: "toimeentulotukea sähkölaskuun"
    r"(ryhm|(?<!toimeentulo)(?<!asumis)(?<!opinto)(?<!markkina)(?:tuki|tuke|tuen)|kerho|kurssi|"
    # "apu" (help), not "naapuri", "rapussa", "osapuoli", "roskapussi", "taputtaa"
    r"neuvon|apu(?![rstol])|avun|"
    r"(?<!vajaa)toimint(?!akyk)|porukk|"
    # "seura" (company), not "seurata" (to monitor: "seurataan", "seurattu") nor "seuraava"
    r"seura(?!nt|amu|ta|ava|tt|nn|si)|yhdisty|"
    # "kurs" (course), not "Dickursby"
    r"palvelu|hoitaja|järjestö|grupp|stöd|förening|rådgivning|kurs(?!by)|hjälp|group|support|"
    r"advice|counsel|course|club|klubb|help)",
    re.I,
)
# Who would give the service; not itself a kind of one ("Can an association repair …?").
_PROVIDER = re.compile(r"^(?:associations?|organi[sz]ations?|ngos?)$", re.I)
# Compound heads that only say "peer" or "support" again.
_PLAIN_PARTS = ("vertais", "vertaistuki", "tuki", "kamrat", "peer", "stöd")
_PRONOUN_LIKE = frozenset(
    "tällaista tällaiselle tällaisille sellaista sellaiselle sellaisille semmoista tämmöistä "
    "samanlaista samanlaiselle samanlaisille vastaavaa vastaavalle muuta muille muista "
    "muita muiden muilta toisilta "
    "jollekin joillekin kaikille heille hänelle meille teille itselleen toisille "
    # the adult of the case by a spouse's word, not a kind of service: "tukea nimenomaan
    # vaimolle" (a child's, "omaa ryhmää pojalle", still asks for a group for children)
    "vaimolle miehelle puolisolle asiakkaalle "
    # "someone like him": whom like, in English
    "like him her them".split()
)
# Pronominal "-lainen" words: of some kind, of any kind, what kind ("jonkinlaista kerhoa",
# "minkäänlaista tukea", "millaista ryhmää") say no kind of their own.
# Spoken forms too: "tällasille", "sellasta", "semmosta", "tämmösille", "jonkinlasta".
_ANY_KIND = re.compile(
    r"^(?:(?:jonkin|jonkun|minkään|minkä|mil|kaiken|sel|täl|tuol)la[is]|(?:semmo|tommo|tämmö)[is])"
)
_FOR = frozenset(("för", "for", "om", "about", "med", "with"))
# After "for": a person word that only says "someone", and the words linking it to what
# qualifies it ("for people with tinnitus", "för föräldrar till tvillingar").
_ANYONE = frozenset("people persons person those someone anyone personer folk någon de".split())
_LINK = frozenset("with of have has whose med till har vars".split())
_WHO = frozenset("som who that".split())
_OWN = frozenset("oma omaa omia omat omaansa egen eget egna own".split())  # before the service word
_AFTER_ENDINGS = ("lle", "sta", "stä", "n", "lta", "ltä")  # "vertaistukea muilta X:iltä"
# Help "with" something, in Finnish the inessive after the verb: "auttaa veroasioissa"
_HELP_VERB = re.compile(r"^(?:autta|avusta)")
_HELP_WITH = ("ssa", "ssä")
_PLACE_PREPOSITION = frozenset("i in på".split())  # "kamratgrupp i Kervo för …"
_BEFORE_ENDINGS = ("lle", "sta", "stä")  # whom for, what from: "X:stä kärsiville ryhmä"
# Participles naming whom a service is for; the word before one is its object, in any case.
_PARTICIPLE = ("ville", "välle", "vien", "neille", "neiden", "ttuille", "ttujen", "tyille")
# Whom a group gathers, named before it is asked for: "etsii muita MS-tautia sairastavia …
# Onko sellaista vertaisryhmää?"
_GATHERED = ("via", "viä", "vien", "neita", "neitä", "neiden")
_STOP = {"sv": STOPWORDS_SV, "en": STOPWORDS_EN}
MIN_GENITIVE = 7  # "elinsiirron"; shorter -n words are often verbs ("etsin", "kysyn")


# Illative, adverb and nominative -nen endings ("ryhmään", "pelkästään", "kotiin",
# "somalinkielinen") are not genitive attributes of a service word.
_NOT_ATTRIBUTE = ("aan", "ään", "iin", "ssaan", "ssään", "nen", "isin", "mmin")  # -nen: nominative
# How much or how near, not of what kind: "apua kohtuullisen läheltä kotia", "tukea aika pian"
_DEGREE = frozenset(
    "kohtuullisen suhteellisen riittävän erityisen melko aika tosi todella erittäin hyvin ihan "
    "aivan vähän hieman läheltä lähellä lähelle kaukaa pian heti".split()
)


# "Olen työterveyshoitaja", "kotihoidon lähihoitajana käyn …": a nurse's title names who
# asks, not a service asked for ("hoitaja" is one only when sought: "lastenhoitajaa")
_ASKER = frozenset("olen toimin työskentelen olemme".split())
_TITLE = re.compile(r"hoitaja(?:na)?$")

_DOER = frozenset("joka jotka mikä mitkä".split())  # a relative clause's subject
_RELATIVE = frozenset("jossa johon jonka joissa joihin missä mihin som where which".split())
# plural partitives and genitives, allatives: "potilaita", "vanhempia", "keliaakikkoja"
_PLURAL_PERSONS = tuple("ita itä ia iä ja jä iden itten ien jen ten ille".split())


def names_service_kind(question: str) -> bool:
    """Does the question name a kind of service ("group", "stöd", "neuvontaa")?"""
    return any(SERVICE_WORD.search(w) for w in words(question))


class Qualifier(NamedTuple):
    word: str
    head: bool  # the first part of a compound service word ("ensiapu" of "ensiapukurssi")


def requested_qualifiers(question: str, lang: str = "fi") -> list[str]:
    """The words qualifying each service word of the question, in order, deduplicated."""
    return [q.word for q in qualifiers(question, lang)]


def qualifiers(question: str, lang: str = "fi") -> list[Qualifier]:
    """The qualifiers of each service word of the question, in order, deduplicated.

    Attributes before the service word are read by their Finnish case endings, so only in
    Finnish; in Swedish and English what follows "för"/"for" qualifies it."""
    out: list[Qualifier] = []
    clauses = [asserted(_without_parts(words(c)), lang) for c in CLAUSE_BREAK.split(question)]
    for k, ws in enumerate(clauses):
        found = _clause_qualifiers(ws, lang)
        out += found
        after = clauses[k + 1] if k + 1 < len(clauses) else []
        if not (ws and after and SERVICE_WORD.search(ws[-1])):
            continue
        if after[0] in _RELATIVE:
            # "vertaisryhmää, jossa olisi muita parkinsonpotilaita": whom the group gathers
            out += [
                Qualifier(x, False)
                for x in after[1:]
                if x.endswith(_PLURAL_PERSONS) and x not in STOPWORDS
            ]
        elif after[0] in _DOER:  # "järjestöä, joka hoitaisi lemmikin": what it would do
            out += [Qualifier(x, False) for x in _objects(after[2:])]
    if lang == "fi" and all(_pronoun_like(q.word) for q in out) and names_service_kind(question):
        out += [Qualifier(x, False) for ws in clauses for x in _gathered(ws)]
    kept = (q for q in out if not _pronoun_like(q.word) and _names_more_than_a_service(q))
    return list({q.word: q for q in kept}.values())


def _pronoun_like(word: str) -> bool:
    """Qualifies nothing: "tällaista", "muille", "jonkinlaista", and "same"-compounds
    ("samanikäisille", spoken "samanikäsille"; "samanhenkistä"), which say whom like, not what
    for."""
    return (
        word in _PRONOUN_LIKE
        or word.startswith(("saman", "samo"))
        or _ANY_KIND.match(word) is not None
    )


def _gathered(ws: list[str]) -> list[str]:
    """Objects of participles naming the people a group would gather ("MS-tautia
    sairastavia"), for a question that asks for "such a group" without saying whom for."""
    return [
        x
        for x, then in itertools.pairwise(ws)
        # a participle's stem is a verb's: "kuvia" (pictures) is no "-via" participle
        if then.endswith(_GATHERED) and len(then) >= 6 and x not in STOPWORDS and len(x) >= 4
    ]


def _without_parts(ws: list[str]) -> list[str]:
    """`words` lists a hyphenated word, then its parts ("ms-tautia", "ms", "tautia"); the
    reading here takes the word whole."""
    out: list[str] = []
    parts: list[str] = []
    for w in ws:
        if parts and w == parts[0]:
            parts.pop(0)
            continue
        out.append(w)
        parts = w.split("-") if "-" in w else []
    return out


def _objects(ws: list[str]) -> list[str]:
    """The words after a relative clause's verb, up to the first word that ends the object."""
    out = []
    for x in ws[:3]:
        if x in STOPWORDS or len(x) < 5 or x.endswith(_NOT_ATTRIBUTE) or municipalities_in([x]):
            break
        out.append(x)
    return out


def _names_more_than_a_service(q: Qualifier) -> bool:
    """ "kerho" of "kerhotoiminta" says nothing new; "ensiapu" of "ensiapukurssi" does."""
    if not q.head:
        return not SERVICE_WORD.search(q.word)
    return len(SERVICE_WORD.sub("", q.word)) >= 4


def _clause_qualifiers(ws: list[str], lang: str) -> list[Qualifier]:
    finnish = lang == "fi"
    out: list[Qualifier] = []
    for i, w in enumerate(ws):
        found = list(SERVICE_WORD.finditer(w))
        if found and _names_asker(ws, i):
            continue
        if not found:
            if not finnish and _PROVIDER.match(w):  # "an association that runs chess evenings"
                out += [Qualifier(x, False) for x in _after(ws, i, lang)]
            continue
        # a compound's last part names the kind: "ensiapu|kurssi", "liikunta|kerho|toiminta"
        head = w[: found[-1].start()]
        for m in reversed(found[:-1]):
            if m.end() == len(head) and m.start() >= 5:
                head = head[: m.start()]
        if len(head) >= 5 and head not in _PLAIN_PARTS:
            out.append(Qualifier(head, True))
        for j in range(i - 1, max(-1, i - 5) if finnish else i, -1):  # Finnish attributes
            x = ws[j]
            if x in _OWN:
                continue  # "kuuroille omaa vertaisryhmää"
            if x in STOPWORDS or x.endswith(_NOT_ATTRIBUTE) or municipalities_in([x]):
                break
            object_of = j < i - 1 and ws[j + 1].endswith(_PARTICIPLE)  # "syöpää sairastaville"
            genitive = x.endswith("n") and len(x) >= MIN_GENITIVE  # "elinsiirron saaneiden"
            if not (object_of or genitive or x.endswith(_BEFORE_ENDINGS)):
                break
            out.append(Qualifier(x, False))
        helps = finnish and any(_HELP_VERB.match(x) for x in ws)
        out += [Qualifier(x, False) for x in _after(ws, i, lang, helps)]
    return out


def _names_asker(ws: list[str], i: int) -> bool:
    """The title of the professional who writes ("Olen sydänpoliklinikan kuntoutushoitaja",
    "lähihoitajana käyn", a signature "Terveisin, työterveyshoitaja"), not a service asked for."""
    if not _TITLE.search(ws[i]):
        return False
    alone = len(ws) == 1  # a signature
    return alone or ws[i].endswith("na") or any(x in _ASKER for x in ws[:i])


def _after(ws: list[str], i: int, lang: str, helps: bool = False) -> list[str]:
    """Whom the service word at `i` is for, or what about: "ryhmä naisille", "help with tax
    returns". In Swedish and English, what is linked to the person names the need: "group for
    people with tinnitus", "för föräldrar till tvillingar", "för unga som stammar"."""
    finnish = lang == "fi"
    stop = _STOP.get(lang, STOPWORDS)  # "men" is Swedish "but", English "men"
    out: list[str] = []
    linked: list[str] = []
    after_for = link = False
    endings = _AFTER_ENDINGS + _HELP_WITH if helps else _AFTER_ENDINGS
    skip, places = i, 0
    for j in range(i + 1, min(len(ws), i + 8)):
        x, then = ws[j], ws[j + 1] if j + 1 < len(ws) else ""
        if j <= skip or municipalities_in([x]) or (finnish and x in _DEGREE):
            places += 1
            continue  # "ryhmää Keravalla …", "kamratgrupp i Kervo för …", "apua aika pian …"
        if x in _PLACE_PREPOSITION and municipalities_in([then]):
            skip = j + 1
            continue
        if (x in _DOER if finnish else x in _WHO and not after_for) and j == i + 1:
            # "järjestöä joka tekee käännöksiä", "an association that runs chess evenings"
            return _objects(ws[j + 2 :])
        if finnish and then.endswith(_PARTICIPLE) and x not in STOPWORDS and len(x) >= 4:
            out.append(x)  # "vertaistukea keliakiaa sairastaville"
            continue
        if not finnish and after_for and x.endswith("ing") and len(x) > 4:
            link = True  # "for parents expecting twins"
            continue
        if x in _FOR or (after_for and x in _LINK):
            link, after_for = after_for, True
            continue
        if after_for and x in _ANYONE:
            continue
        if j > i + 3 + places and not after_for:
            break
        if after_for and x in _WHO:
            # "unga som stammar": a verb that ends the clause names the need; a longer clause
            # ("som tar hand om en förälder", "som vill dansa") leaves it to the person words
            if j + 2 == len(ws):
                linked.append(ws[j + 1])
            break
        if finnish and x.endswith(_NOT_ATTRIBUTE):
            continue  # "ryhmä pelkästään naisille"
        if x in stop or len(x) < (4 if finnish else 3) or x.isdigit():
            break  # "help with tax returns": English and Swedish have short nouns
        if not (after_for or (finnish and x.endswith(endings))):
            break
        (linked if link else out).append(x)
    return linked or out
