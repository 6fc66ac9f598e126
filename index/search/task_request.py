"""A case asking for someone to do a practical task, and a first service that gathers peers.

"Saisiko järjestön kautta jonkun hoitamaan lapsia vuorojen ajaksi?", "joku, joka kävisi
siivoamassa", "someone to walk and feed his dog", "någon som kan passa barnen": the case asks
for a person to do something for the client — mind the children, clean, interpret, take care
of a pet, see to a matter on the client's behalf. A peer group for single parents is near in
meaning (the same life, the same words) but does none of it, and neither does a service for
people who want to volunteer themselves. When such a service comes first, the fit is not
exact and the answer says what was asked (`verdict.settle_fit`); so it is when the first
service's own text, in any language, never names the doing asked — interpreting, representing,
cleaning, transport (`unnamed_task`): an advice point in the client's language is no
interpreter.

Only the doing is read, not company: "joku, jonka kanssa jutella", "someone to talk to",
"joku lähtisi mukaan lenkille" ask for what peer and friend services give, and "jonkun kanssa
hoitamaan asioita" is doing it together.
"""

from __future__ import annotations

import re

from index.knowledge.model import Service
from index.search.exclusions import DOINGS

# A person, then within a few words a verb of doing for someone (the -maan/-massa infinitive or
# the conditional): "jonkun hoitamaan sairasta lasta", "joku, joka hoitaisi lapsia",
# "joku, joka kävisi siivoamassa", "jonkun joka tulis aamuisin auttaan suihkuun".
_AGENT_FI = r"\b(?:joku|jonkun|jotakuta|kuka|ketään|aikuisen|henkilön|vapaaehtois\w*)\b"
_TASK_FI = (
    r"\b(?:hoita(?:ma|is|isi)|siivoa(?:ma|is|isi)|siivota\b|tulkkaa?(?:ma|is|isi)|ulkoiluttai?(?:ma|s)|"
    r"kuljetta(?:ma|is|isi)|pakkaa?(?:ma|is)|edusta(?:ma|is|isi)|pese(?:mä|is)|"
    r"auttaa?n?\s+suihku|jaka(?:ma|is)\w*\s+lääkke|hakema\w*\s+lap|ajama\w*\s+(?:asiaa|oikeud)|"
    r"tekis\w*\s+(?:lumi|piha|sii)|(?:olla|olis\w*)\s+lasten\s+(?:kanssa|kaa|luona))\w*"
)
_FI = re.compile(rf"{_AGENT_FI}(?:(?!\bkanssa\b|\bkaa\b)[^.?!]){{0,50}}?{_TASK_FI}", re.I)
# Asked by what the person is: a childminder, someone to sit with the children at home.
_MINDER_FI = re.compile(
    r"\b(?:lastenhoitaj\w*|lapsenvah\w*|lapsenvaht\w*|hoitaja\w*\s+(?:kotiin|iltoihin)|"
    r"aikuise\w*\s+lasten\s+luo)",
    re.I,
)
# A pet cared for while the client is away, asked by whoever does it or not at all ("kukaan ei
# voi hoitaa hänen kissaansa", "nobody can walk and feed her dog", "katten – vem ska mata den?"),
# and practical help named by what is done ("apuu pakkaamiseen ja kantamiseen").
_PET_FI = re.compile(
    r"\b(?:hoita\w*|ulkoilutta\w*|ruoki\w*|ruokki\w*|syöttä\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:koira|kissa|lemmik)\w*|\bapu\w*\s+(?:pakkaamiseen|kantamiseen|muuttoon|siivoukseen)",
    re.I,
)
_PET_SV = re.compile(
    r"\b(?:mata|rasta|ta\s+hand\s+om|passa|sköta)\s+(?:\w+\s+){0,2}?(?:hund|katt|husdjur)\w*|"
    r"\b(?:hund|katt|husdjur)\w*[^.?!]{0,20}\bvem\s+ska\s+(?:mata|rasta|ta\s+hand\s+om)",
    re.I,
)
_PET_EN = re.compile(
    r"\b(?:walk|feed|look\s+after|care\s+for|mind)\s+(?:\w+\s+){0,3}?(?:dog|cat|pet)s?\b", re.I
)
_SV = re.compile(
    r"\bbarnvakt\w*|\b(?:någon|volontär\w*|frivillig\w*)\s+(?:som\s+)?(?:kan\s+|kunde\s+|"
    r"skulle\s+)?(?:(?:komma\s+och\s+)?(?:ta\s+hand\s+om|passa|städa|tolka|hämta|skotta|"
    r"sköta\s+om))\b|\bhjälp\s+med\s+(?:städning\w*|snöskottning\w*|tvätt\w*)",
    re.I,
)
_EN = re.compile(
    r"\b(?:babysitt\w*|childminder\w*|someone\s+to\s+(?:look\s+after|mind|babysit|clean|"
    r"interpret|walk|feed|collect|pick\s+up|represent|write|fix|shovel|care\s+for|"
    r"stay\s+with|come\s+along\s+and\s+interpret)|"
    # a person who would do it: "any volunteers who'd do chores for her", "someone who could
    # clean"; not company ("someone who could talk with her")
    r"(?:someone|somebody|anyone|anybody|volunteers?|a\s+person|people)\s+(?:who|that)\s*"
    r"(?:'d|’d|would|could|can|will|might)?\s+(?:come\s+(?:and|to)\s+)?(?:do\s+(?:the\s+|her\s+|"
    r"his\s+|some\s+)?(?:chores|cleaning|housework|laundry|snow\s+\w+|gardening|yard\s*work)|"
    r"clean|hoover|vacuum|wash\s+(?:the\s+)?windows|shovel|mow|babysit|look\s+after\s+the\s+"
    r"(?:kids|children)|interpret|drive)|"
    r"\bhelp\s+with\s+(?:the\s+)?(?:cleaning|chores|housework|snow\s+clearing|laundry))\b",
    re.I,
)
# Services that do no task for the client: peers gathering, or a way to volunteer oneself.
_NOT_DOING = ("vertaistuki", "vapaaehtoistyo")


# What the client lacks is no request: "ei oo ketään lapsenvahtia", "no babysitter".
_LACKS = re.compile(r"(?:\b(?:ei|eikä)\s+(?:ole|oo)|\bno|\bingen|\bwithout)\b[^.?!]{0,15}$", re.I)


# A pet in any language: "koiransa", "kissaa", "lemmikin", "hunden", "katten", "dog", "pets"
_ANIMAL = re.compile(
    r"\b(?:koir[ai]\w*|kiss[aoi]\w*|lemmik\w*|hund(?:en|ar|arna)?\b|katt(?:en|er|erna)?\b|"
    r"husdjur\w*|dogs?\b|cats?\b|pets?\b)",
    re.I,
)


_ASKED = {"fi": (_FI, _MINDER_FI), "sv": (_SV,), "en": (_EN,)}  # read unless the client lacks it
_PETS = {"fi": _PET_FI, "sv": _PET_SV, "en": _PET_EN}  # read as they stand


def asks_task(question: str, lang: str) -> str:
    """The words asking someone to do a practical task for the client, or "" (a pet's care
    first: "someone to walk and feed her dog" names the dog)."""
    pets = _PETS.get(lang)
    if pets and (found := pets.search(question)):
        return found.group(0)
    for pattern in _ASKED.get(lang, ()):
        for m in pattern.finditer(question):
            if not _LACKS.search(question[: m.start()]):
                return m.group(0)
    return ""


def unnamed_task(service: Service, asked: str) -> bool:
    """Does the task asked name a doing ("tulkkaamaan", "to interpret"; `exclusions.DOINGS`)
    that the service's own text, in any language, never names ("tulkkaus", "tulkin kanssa",
    "interpreting")? Then it is not what the service offers."""
    if _ANIMAL.search(asked):  # a pet cared for: a service that never names an animal
        return _ANIMAL.search(_own_text(service)) is None
    words = asked.lower().split()
    doings = ((stem, *others) for stem, others in DOINGS.items())
    doing = next((d for d in doings if any(w.startswith(d) for w in words)), None)
    if doing is None:
        return False
    said = _own_text(service)
    return not any(re.search(rf"\b{stem}", said) for stem in doing)


def _own_text(service: Service) -> str:
    """The service's name, summary, description and how to join, in every language, lowercased."""
    texts = (service.name, service.summary, service.description, service.how_to_join)
    return " ".join(t for tr in texts for t in tr.values()).lower()


def does_no_task(service: Service) -> bool:
    """A peer group or a way to volunteer: it does no practical task for the client."""
    return any(t in service.themes for t in _NOT_DOING)
