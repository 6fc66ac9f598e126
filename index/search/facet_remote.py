"""Taking part remotely, read from the question: asked for, turned down, or implied.

Asked for: "etänä", "verkkoryhmä", "kotoa käsin", "omalta koneelta", "per telefon". Turned
down: "Ei etänä, kiitos", "etäosallistuminen ei käy". Implied by being housebound ("ei pääse
kotoa"): remote taking part is then preferred, and the evidence says why.

Meeting in person asked for (`read_in_person`): "haluaisi tavata ihan kasvokkain", "ansikte mot
ansikte", "in person", or remote turned down ("puhelin- tai nettiryhmä ei kiinnosta",
"telefonsamtal passar henne dåligt"). A phone line or an online group then is not what was asked.
"""

from __future__ import annotations

import re

from index.language.detect import words
from index.language.places import districts_in, municipalities_in
from index.search.everyday import homebound
from index.search.facet_age import PARENT

_ONLINE = re.compile(
    r"\b(?:etä(?!i|ä)\w*|verkossa|netissä|netin\s+kautta|online|videoyhte\w*|"
    # A compound of netti-/verkko- is a way of taking part when its head is a form of
    # service (verkkoryhmä, nettikurssi, verkkotapaaminen); otherwise the internet is
    # the topic (nettikasino, verkkokauppa, nettikiusaaminen, verkkopankki).
    r"(?:netti|verkko)-?(?:ryhm|tapaam|kurs|vertais|tuki|tuen|chat|palvel|keskustel|kerho|"
    r"luen|valmenn|neuvon|toimin|kohtaam|ilta|illa|yhtey|opast|kahvil|piiri|harjoit)\w*|"
    r"video\s+call\w*|videosamtal\w*|teams|zoom|chat\w*|chätt\w*|puhelimitse|puhelimessa|"
    r"(?:osallistu\w*|mukana|jutella|juttelemaan|keskustel\w*)\s+(?:vain\s+|vaan\s+)?puhelimella|"
    # asked as a way of taking part: "jotain, mihin ei tarvitse lähteä kotoa"
    r"(?:ei\s+)?(?:tarvitse|tarvitsematta)\s+(?:\w+\s+)?lähteä\s+kotoa|"
    r"(?:per|via|i)\s+telefon|telefonledes|via\s+video|"
    r"(?:onnistuu|käy|toimii)\s+(?:vain\s+|ainoastaan\s+)?(?:netti|puhelin|etä)\w*|netti\s+tai\s+puhelin|"
    r"puhelinryhm\w*|puhelinpiir\w*|på\s+distans|distans\w*|på\s+nätet|via\s+nätet|digitalt|"
    r"remote\w*|by\s+(?:tele)?phone|(?:over|on)\s+the\s+(?:tele)?phone|på\s+telefon|from\s+home|koto[ao]\s+käsin|kotisohva\w*|hemifrån|"
    # one's own computer as the place of taking part: "omalta koneelta", "koneen välityksellä"
    r"omalta\s+(?:tieto)?koneel\w*|kotikoneel\w*|"
    r"(?:tieto)?koneen\s+(?:tai\s+puhelimen\s+)?(?:kautta|välityksellä)|puhelimen\s+(?:tai\s+"
    r"(?:tieto)?koneen\s+)?(?:kautta|välityksellä)|puhelin\s+toimii|phone\s+calls?|"
    r"från\s+(?:sin|egen)\s+dator|from\s+(?:his|her|their|my|your)\s+(?:own\s+)?computer|"
    # taking part from home or from one's phone: "mihin voisi osallistua kotoa", "joins from
    # her phone at home", "delta hemma från datorn"; not home alone ("on kotona lasten kanssa",
    # "äidin mukaan kotona kaikki on hyvin")
    r"from\s+(?:his|her|their|my|your)\s+(?:own\s+)?(?:phone|mobile|smartphone|laptop|tablet|"
    r"sofa|couch)|(?:join\w*|take\s+part|takes\s+part|participat\w*|attend\w*)\s+"
    r"(?:\w+\s+){0,3}?(?:from|at)\s+home|osallistu\w*\s+(?:\w+\s+){0,2}?(?:kotoa|kotoo|"
    r"kotona|kotisohvalta)|mukana\s+(?:\w+\s+)?(?:kotoa|kotoo)|(?:kotoa|kotoo)\s+(?:\w+\s+)?"
    r"osallistu\w*|"
    r"delta\w*\s+(?:\w+\s+){0,2}?hemma|hemma\s+(?:via|från|vid)\s+(?:datorn|telefonen|mobilen))\b",
    re.I,
)
_HOUSEBOUND = re.compile(
    r"\b(?:ei\s+(?:pääse|pysty|voi|jaksa|halua|uskalla|käy)\s+(?:enää\s+)?(?:lähte\w*\s+)?"
    r"(?:\w+\s+)?(?:kotoa|kotoo|kotoota|ulos|liikkeelle|kodin\s+ulkopuolelle)|kotiin\s+sidottu\w*|"
    r"(?:can't|cannot)\s+leave(?!\s+(?:\w+\s+){1,2}alone)|housebound|kommer\s+inte\s+ut|inte\s+vill\s+träffa|"
    r"inte\s+(?:\w+\s+){0,2}hemifrån|(?:inte|knappast|knappt)\s+(?:\w+\s+)?tar?\s+sig\s+(?:någonstans|ut)|"
    # still in hospital: "on osastolla vielä kolme viikkoa", "blir kvar på avdelningen"
    r"\bon\s+(?:vielä\s+)?(?:osastolla|sairaalassa|sairaalahoidossa)\s+(?:vielä\s+)?(?:\w+\s+){0,2}(?:viikko|viikkoa|kuukau)\w*|"
    r"kvar\s+(?:här\s+)?på\s+(?:avdelningen|sjukhuset)|(?:still\s+)?in\s+hospital\s+for|"
    r"won't\s+be\s+leaving\s+(?:the|her|his)\s+(?:flat|house|home)|"
    # a doctor's ban on groups and public transport: "kieltänyt ryhmätilaisuudet"
    r"(?:kieltänyt|kielsi|kielletty|ei\s+saa\s+(?:mennä|osallistua))\s+(?:\w+\s+){0,2}"
    r"(?:ryhmätilaisuu|ryhmi|julkisi|julkisten|kokoontumis)\w*|"
    r"(?:hardly|rarely|barely|never)\s+(?:ever\s+)?(?:leaves|(?:goes|gets)\s+(?:out|anywhere))|"
    r"(?:lähteminen|lähtö)\s+(?:\w+\s+)?(?:poissuljettu|ei\s+onnistu)|"
    # not wanting to meet face to face; "mieluiten kasvokkain" is the opposite wish
    r"(?:ei|inte|not)\s+(?:\w+\s+){0,3}(?:öga\s+mot\s+öga|kasvokkain|face\s+to\s+face))",
    re.I,
)


_NO_BEFORE = re.compile(r"\b(?:ei|en|not|no|inte|ej)\s+(?:\w+\s+){0,2}$", re.I)
_NO_AFTER = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:ei\s+(?:käy|sovi|onnistu|kiinnosta|halua|tule\s+kyseeseen)|"
    # "Puhelin- tai nettikeskustelut eivät hänen mukaansa ole hänen juttunsa"
    r"(?:ei|eivät)\s+(?:\w+\s+){0,2}?(?:ole|oo)\s+(?:\w+\s+)?(?:juttu\w*|mieleen|vaihtoehto)|"
    r"(?:won't|doesn't|does\s+not|will\s+not)\s+work|passar\s+inte|går\s+inte)\b",
    re.I,
)


def _refused(text: str, m: re.Match[str]) -> bool:
    """'Ei etänä, kiitos', 'etäosallistuminen ei käy', 'not online': remote is turned down."""
    # the "ei" of "mihin ei tarvitse lähteä kotoa" is inside the match: part of the wish
    return bool(_NO_BEFORE.search(text[: m.start()]) or _NO_AFTER.search(text[m.end() :]))


# The internet as where the client spends time, not a way of taking part in a service: "pelaa
# iltaisin kavereiden kanssa netissä", "roikkuu netissä", "plays games online"
_PASTIME = re.compile(
    r"\b(?:pela\w*|pelail\w*|pelannut|roikku\w*|surffail\w*|shoppail\w*|kiusa\w*|"
    r"plays?|playing|gaming|gambl\w*|bullied|spela\w*|spelar)\s+(?:\w+\s+){0,4}$",
    re.I,
)


# A remote service someone already takes part in, not a wish: "äiti on jo ilmoittautunut leskien
# verkkoryhmään" (the boy's own group is the question), "she already joined an online group"
_ALREADY = re.compile(
    r"\b(?:on\s+(?:jo\s+)?ilmoittautunut|ilmoittautui|osallistuu\s+jo|käy\s+jo|kävi|"
    r"already\s+(?:joined|attends|takes\s+part\s+in)|har\s+redan\s+anmält\s+sig)\s+"
    r"(?:\w+\s+){0,3}$",
    re.I,
)


# The phone as where something is hard, not a way of taking part: "puhelimessa pitää huutaa",
# "puhelimessa ei kuule mitään"
_HARD_THERE = re.compile(
    r"^\s+(?:pitää|täytyy|joutuu|ei\s+(?:kuule|saa\s+selvää)|kuulee|huuta\w*|on\s+vaikea)", re.I
)


# The internet as where an errand must be done or what the client cannot manage, not a way of
# taking part (often the opposite: hands-on help is needed): "ei osaa tehdä hakemuksia netissä",
# "paikat pitäisi ilmoittaa verkossa", "allt ska göras på nätet", "struggles with the online
# portals", "everything being online". Read in the clause before the word (from the last
# punctuation or conjunction), so "pitäisi onnistua kotoa, puhelimella tai netissä" and
# "ei pysty lähtemään, joten jotain netissä" stay wishes.
_ERRAND_BEFORE = re.compile(
    # not able, or never had to: "ei osaa", "ei oo ikinä tarvinnu hakea", "eikä ole lähettänyt"
    r"\b(?:ei|en|eikä|ettei)\s+(?:\w+\s+){0,2}(?:osaa|osannut|osais\w*|tiedä|tiiä|ymmärrä|"
    r"(?:ole|oo)\s+(?:\w+\s+)?(?:ikinä|koskaan|lähettänyt|tehnyt|hakenut|käyttänyt|tarvi\w*))|"
    r"\b(?:struggl\w*|no\s+idea|(?:doesn't|does\s+not|don't)\s+know\s+how|never\s+(?:used|applied|"
    r"done|had\s+to)|can't\s+(?:use|manage|handle)|cannot\s+(?:use|manage|handle)|aldrig\s+"
    r"(?:behövt|använt|gjort|sökt)|klarar\s+inte|kan\s+inte\s+(?:använda|sköta)|svårt\s+med|"
    r"får\s+inte\s+till)\b|"
    # an errand the world demands: "pitäisi ilmoittaa verkossa", "allt ska göras på nätet"
    r"\b(?:pitää|pitäisi|pitäis|täytyy|joutuu|joutuisi|pakko|ska|skall|måste|must|has\s+to|"
    r"have\s+to)\s+(?:\w+\s+){0,3}?(?:hoita\w*|hoide\w*|ilmoitt\w*|teh\w*|lähett\w*|asioi\w*|"
    r"täyttä\w*|göra|göras|sköta\w*|fylla|do|done|fill\w*|file|apply)\s+(?:\w+\s+){0,2}$|"
    # records to look at: "wants to see her lab results online", "se sina provsvar på nätet"
    r"\b(?:see|check|view|read|look\s+at|access|se|kolla|läsa)\s+(?:(?:her|his|their|the|"
    r"sina|sin|sitt|hennes|hans)\s+)?(?:\w+\s+)?(?:results?|records?|letters?|decisions?|bills?|"
    r"prescriptions?|mail|messages?|provsvar|recept|brev|beslut|räkningar|journal\w*)\s+$|"
    r"\b(?:everything|kaikki|allt)\s+(?:is|being|goes|has\s+gone|on|tapahtuu|hoidetaan|görs|sker|"
    r"är|finns)\s+(?:\w+\s+)?$|\bfinns\s+(?:nu\s+)?$|"
    # an errand done there, in the passive: "FPA, banken och hälsocentralen ska skötas på nätet"
    # (the modal in a clause before the list), "Kela-asiat hoidetaan nykyään netissä"
    r"\b(?:skötas|sköts|göras|görs|hoidetaan|hoidettava\w*|asioidaan|tehdään|handled|dealt\s+"
    r"with|paid|filed)\s+(?:\w+\s+)?$",
    re.I,
)
# "online" before a thing that is no way of taking part: "online loans, slots, portals"
_TOPIC_AFTER = re.compile(
    r"^\s+(?:loans?|slots?|casinos?|betting|bets?|gambling|games?|gaming|poker|portals?|banking|"
    r"bank|shopping|stores?|shops?|forms?|applications?|dating|scams?|ads|accounts?)\b",
    re.I,
)
# a clause ends at punctuation and at a conjunction ("ei osaa suomea, joten netissä olisi …")
_CLAUSE_START = re.compile(
    r"[.,;:!?–—]|\b(?:joten|mutta|vaan|koska|but|so|because|men|så|eftersom)\b", re.I
)
# the internet itself, not home or the phone ("det måste gå att sköta hemifrån" is a wish)
_NET = re.compile(r"netissä|verkossa|netin\s|online|nätet|digitalt", re.I)


# Work done remotely, not a service taken part in: "tytär tekee töitä etänä kotoa käsin",
# "on etätöissä", "works from home", "jobbar hemifrån"
_WORK = re.compile(
    r"\b(?:töitä|töissä|työt\w*|työskentel\w*|works?|working|jobbar|arbetar)\s+(?:\w+\s+){0,2}$",
    re.I,  # a note drops the subject: "Työskentelee etänä kotoa."
)
_REMOTE_WORK = re.compile(r"etä(?:työ|töi|töis)\w*", re.I)
# What was said on the phone, reported, not a way of taking part: "poika suostui itse
# puhumaan puhelimessa", "hän kertoi puhelimessa", "she told me on the phone"; a wish in the
# same clause ("voisi jutella puhelimessa", "could talk on the phone") keeps it one.
_REPORTED = re.compile(
    r"\b(?:suostui|puhui|puhunut|kertoi|kertonut|sanoi|sanonut|itki|vastasi|soitti|"
    r"told|talked|spoke|said|cried|berättade|pratade|sa)\b",
    re.I,
)
_WISH = re.compile(r"\w+isi\b|\w+isko\b|\b(?:olis|could|would|skulle|kunde)\b", re.I)


# A device or app the client wants to learn, not a way of taking part: "learn to use her new
# tablet properly – video calls with the grandchildren", "oppia käyttämään videopuheluita"
_APP = re.compile(r"video|teams|zoom|whatsapp|chat|chätt", re.I)
_SENTENCE_END = re.compile(r"[.!?]")
_LEARN = re.compile(
    r"\b(?:learn\w*|how\s+to\s+use|oppi\w*|opetel\w*|käyttämään|lära\s+sig|använda)\b", re.I
)


def _not_taking_part(question: str, m: re.Match[str]) -> bool:
    """Is the word something the case reports rather than a way of taking part: the internet
    as an errand or a difficulty, an app to learn, remote work, a phone call told about?"""
    said, before = m.group(0), question[: m.start()]
    clause = _CLAUSE_START.split(before)[-1]
    app = _APP.match(said) is not None
    if app and _LEARN.search(_SENTENCE_END.split(before)[-1]):
        return True
    if _REMOTE_WORK.match(said) or _WORK.search(clause):
        return True
    if _REPORTED.search(clause) and not _WISH.search(clause):
        return True
    if not (app or _NET.search(said)):
        return False
    return bool(_ERRAND_BEFORE.search(clause) or _TOPIC_AFTER.match(question[m.end() :]))


# Remote offered as one way among others: "täällä Keravalla tai netissä", "here in Kerava or
# online", "i Kervo eller på nätet" (not "puhelimitse tai netissä": both are remote)
_OR_BEFORE = re.compile(r"\b(?:tai|vai|or|eller|el)\s+(?:\w+\s+){0,2}$", re.I)


# a place said without its name: "täällä Keravalla tai netissä", "here or online"
_HERE = re.compile(r"\b(?:paikan\s+päällä|lähellä|täällä|here|nearby|här)\b", re.I)


def _either(question: str, m: re.Match[str]) -> bool:
    """Is the remote way said as an alternative to meeting in a place: a town, a district,
    "here", "in person" (not home or the phone, "hemma eller per telefon": remote too)?"""
    alt = _OR_BEFORE.search(question, max(0, m.start() - 40), m.start())
    if alt is None:
        return False
    before = question[max(0, alt.start() - 40) : alt.start()]
    if _ONLINE.search(before):
        return False
    place = municipalities_in(words(before)) or districts_in(before)
    return bool(place or _HERE.search(before) or _IN_PERSON.search(before))


def read_remote(question: str) -> tuple[bool | None, dict[str, str]]:
    """(online, evidence): True when remote taking part is asked for or implied."""
    for asked in _ONLINE.finditer(question):
        if _PASTIME.search(question[: asked.start()]) or _ALREADY.search(question[: asked.start()]):
            continue
        if _HARD_THERE.match(question[asked.end() :]) or _not_taking_part(question, asked):
            continue
        if not _refused(question, asked):
            said = {"online": asked.group(0)}
            if _either(question, asked):  # "Keravalla tai netissä": preferred, not required
                said["either"] = asked.group(0)
            return True, said
    if m := _HOUSEBOUND.search(question):
        return True, {"online": m.group(0), "homebound": m.group(0)}
    if bound := homebound(question):
        return True, {"online": bound, "homebound": bound}
    return None, {}


def parent_homebound(question: str, words: str) -> bool:
    """Is the one who cannot leave home a parent ("hänen äitinsä on vuodepotilas", "äiti on
    ollut sängyn pohjalla")? Asked when the client is a child: then it is not the client."""
    at = question.find(words)
    if at < 0:
        return False
    start = max(question.rfind(p, 0, at) for p in ".;:!?")
    return PARENT.search(question, start + 1, at + len(words)) is not None


# Meeting in person asked for outright; "ei halua tavata kasvokkain" is the housebound reading's
_IN_PERSON = re.compile(
    r"\b(?:kasvokkai\w*|kasvotusten|livenä|paikan\s+päällä\s+(?:tapaa|kohtaa)\w*|"
    r"(?:tavata|nähdä|tapaamaan|näkemään)\s+(?:\w+\s+){0,2}?(?:ihan\s+)?(?:oikeasti|kunnolla)|"
    r"ansikte\s+mot\s+ansikte|på\s+plats|fysisk\w*\s+träff\w*|"
    r"face[\s-]to[\s-]face|in\s+person|in-person)\b",
    re.I,
)
# Remote turned down in so many words: "puhelin- tai nettiryhmä ei kiinnosta", "ei mitään
# puhelinjuttuja", "telefonsamtal passar henne dåligt", "phone calls don't suit him"
_REMOTE_DOWN = re.compile(
    r"\b(?:puheli[mn]|netti|netis|verko|verkko|etä|chat)\w*(?:\s+(?:tai|eikä|ja)\s+\w+)?\s+(?:\w+\s+){0,2}?"
    r"(?:ei|eivät)\s+(?:oikein\s+|enää\s+)?(?:kiinnosta|käy|sovi|suju|onnistu|tule\s+kyseeseen)|"
    r"\b(?:telefon|samtal|nätet|video)\w*\s+(?:\w+\s+){0,2}?(?:passar|funkar|fungerar)\s+"
    r"(?:\w+\s+)?(?:inte|dåligt|illa)|"
    r"\b(?:phone|online|video|chat)\w*\s+(?:\w+\s+){0,2}?(?:don't|doesn't|do\s+not|won't)\s+"
    r"(?:suit|work)|\bnot\s+(?:online|by\s+phone|over\s+the\s+phone)\b|"
    # refused by naming them: "ei mitään nettiryhmiä", "inga telefongrupper", "no online groups"
    r"\b(?:ei|eikä)\s+(?:mitään\s+|mitää\s+)?(?:netti|verkko|puhelin|etä)(?:ryhm|juttu|tapaami|palvelu)\w*|"
    r"\binga\s+(?:telefon|nät|video|distans)\w*|\bno\s+(?:online|phone|video)\s+(?:groups?|calls?|meetings?)\b",
    re.I,
)
# ... unless remote is fine after all: "mieluiten kasvokkain, mutta puhelinkin käy"
_REMOTE_TOO = re.compile(
    r"\b(?:puhelin|netti|verkko|etä)\w*kin\s+(?:käy|sopii|on\s+ok)|\bmyös\s+etänä|"
    r"\b(?:or|and\s+also)\s+(?:by\s+phone|online)|\beller\s+(?:per\s+telefon|på\s+distans)",
    re.I,
)


_NOT_IN_CLAUSE = re.compile(
    r"\b(?:ei|en|eikä|ettei|eivät|not|never|inte|ej|can't|cannot|won't|doesn't|klarar\s+inte)\b[^.,;:?!]{0,60}$",
    re.I,
)


def read_in_person(question: str) -> dict[str, str]:
    """{"in_person": words} when meeting in person is asked for or remote turned down."""
    if _REMOTE_TOO.search(question):
        return {}
    for m in _IN_PERSON.finditer(question):
        if not _NOT_IN_CLAUSE.search(question[: m.start()]):  # "ei halua tavata kasvokkain"
            return {"in_person": m.group(0)}
    down = _REMOTE_DOWN.search(question)
    return {"in_person": down.group(0)} if down else {}
