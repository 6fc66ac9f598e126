"""The client's age, read from a question: digits, words and the ways staff say it.

"8-vuotias", "83v", "nainen, 40, masentunut", "är 40 år", "dam på 77", "she's 15", "täyttää
kohta 14", "ikä: 67"; a parent asking for a child, or a child's age naming the parent
("kaksivuotiaan äiti"), decides whose age it is.
"""

from __future__ import annotations

import re

from index.search.age_words import age_asked_for, ages_in_words, school_year_ages

_AGE_PATTERNS = [
    re.compile(
        r"\b(\d{1,3})\s?-?\s?(?:v\b\.?|vuotia\w*|vuotis\w*|vuoden\s+ikäi\w*|v:n\b|vuotta\s+vanha\b)",
        re.I,
    ),
    re.compile(r"\b(\d{1,3})\s?-?\s?(?:åring\w*|årig\w*|år\s+gammal\w*)", re.I),
    # between commas after a word: "nainen, 40, masentunut", "i Håkansböle, 70 år, sköter"
    re.compile(r"(?<=[^\W\d_],\s)(\d{1,3})(?:\s+år)?(?=\s*[,.;)])", re.I),
    re.compile(
        r"\b(?:är|på)\s+(\d{1,3})\s+år\b(?!\s+sedan)|(?:dam|man|kvinna|herre)\s+på\s+(\d{2})\b|"
        # "pojke 14 år", "en flicka, 9 år", "gubbe 81 år i Kervo"
        r"\b(?:pojke|pojken|flicka|flickan|kille|tjej|elev|eleven|barn|son|dotter|gubbe|gubben"
        r"|gumma|gumman|tant|tanten|farbror|dam|damen|mannen|kvinna|kvinnan|herre|herren|änka"
        r"|änkling|pensionär)\s*,?\s+(\d{1,3})\s+år\b(?!\s+sedan)",
        re.I,
    ),
    re.compile(
        r"\b(?:she|he|they)(?:'s|'re)\s+(?:actually\s+|already\s+|only\s+|just\s+){0,2}(\d{1,3})\b(?!\s*(?:%|kg|km|min|minutes|hours|years?\s+(?!old\b)))",
        re.I,
    ),
    re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b|\baged\s+(\d{1,3})\b|\bage\s+(\d{1,3})\b", re.I),
    re.compile(r"\((\d{1,3})\s?(?:v\.?|år|y)?\)", re.I),
    # a note's shorthand: "client 35F,", "Client 31, from", "kund 84 år,", "student 17,", "23yo",
    # "klient 32 i kervo", "client 41 in Vantaa"
    re.compile(
        r"\b(?:client|klient|kund|patient|student|asiakas|as\.)\s+(\d{1,3})"
        r"(?:\s?[fm]\b|\s+år\b|\s?v\b)?(?=\s*[,.;:)]|\s*$|\s+(?:i|från|in|from|som|who)\b)"
        r"|\b(\d{1,2})\s?(?:yo|y/o)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:on(?:kin|ki)?|är|is|ikä)\s+(?:(?:vasta|jo|nyt|muuten|juuri|noin|siis|kuitenkin|oikeastaan|itse"
        r"|kohta|pian|melkein|lähes|snart|nästan|almost|nearly|soon"
        r"|itse\s+asiassa|todellisuudessa|bara|redan|nu|faktiskt|egentligen|only|just|actually"
        r"|really)\s+){0,2}"
        r"(\d{2}|\d(?=\s*(?:[.,;!?]|$|ja\b|och\b|and\b)))\b(?!\s*(?:€|e\b|eur|%|kg|km|min|h\b|kpl|tunti|vuotta|år\b))",
        re.I,
    ),
    # an age joined to another predicate: "tyttö on kasiluokalla ja vasta 14.", "och bara 14"
    re.compile(
        r"\b(?:ja|och|and)\s+(?:vasta|jo|nyt|bara|redan|only|just|already)\s+(\d{1,2})"
        r"(?=\s*(?:[.,;:!?)]|$|vuot\w*|v\b|år\b|years?\b))",
        re.I,
    ),
    # "ikää on 67 vuotta", "iältään 67", "ikä: 67"
    re.compile(r"\b(?:ikä\w*|iältään)\s*:?\s+(?:on\s+)?(\d{1,3})\b", re.I),
    # a birthday: "täyttää kohta 14", "fyller snart 14", "just turned 70"
    re.compile(
        r"\b(?:täyttä\w*|täytti|täyttänyt|fyll(?:er|de|t)|turn(?:s|ed|ing)?)\s+"
        r"(?:(?:kohta|pian|juuri|just|nyt|jo|vasta|kyllä|muuten|siis|ensi\s+\w+|tänä\s+\w+|viime\s+\w+|förra\s+\w+|last\s+\w+|snart|nu|redan|soon"
        r"|keväällä|syksyllä|kesällä|talvella|tammikuussa|helmikuussa|maaliskuussa|huhtikuussa"
        r"|toukokuussa|kesäkuussa|heinäkuussa|elokuussa|syyskuussa|lokakuussa|marraskuussa|joulukuussa"
        r"|next\s+\w+|this\s+\w+)\s+){0,2}(\d{1,3})\b"
        # an age ends the clause or is followed by years or a time; "täyttää 2 hakemusta" is not
        r"(?=\s*(?:[.,;:!?)]|$|vuot\w*|v\b|år\b|years?\b|ja\b|och\b|and\b|ensi\b|tänä\b"
        r"|kohta\b|pian\b|next\b|this\b|last\b|viime\b|förra\b|soon\b|snart\b|in\b|i\b"
        r"|syksyllä\b|keväällä\b"
        r"|kesällä\b|talvella\b|\w+kuussa\b))",
        re.I,
    ),
]
_AGE_WORDS: list[tuple[re.Pattern[str], int]] = [
    (
        re.compile(
            r"\b(?:vauva\w*|imeväi\w*|bebis\w*|spädbarn\w*|baby(?!sit)\w*|babies|infant\w*)", re.I
        ),
        0,
    ),
    (re.compile(r"\b(?:taapero\w*|småbarn\w*|toddler\w*)", re.I), 2),
    (re.compile(r"\b(?:leikki-ikäi\w*|päiväkoti-ikäi\w*)", re.I), 4),
    (re.compile(r"\b(?:eskari\w*|esikoululai\w*|förskolebarn\w*)", re.I), 6),
    (
        re.compile(
            r"\b(?:ekaluokkalai\w*|eka-luokkalai\w*|ensimmäisellä\s+luokalla|förstaklassare)", re.I
        ),
        7,
    ),
    (re.compile(r"\b(?:tokaluokkalai\w*)", re.I), 8),
    (re.compile(r"\b(?:alakoululai\w*|alakouluikäi\w*|lågstadie\w*)", re.I), 9),
    (re.compile(r"\b(?:yläkoululai\w*|yläkouluikäi\w*|högstadie\w*)", re.I), 14),
    # "teen" alone only in English: in Finnish it is "I do" ("mitä nyt teen?").
    (
        re.compile(
            r"\b(?:teini\w*|tonåring\w*|teenager\w*|teens\b|teen[- ](?:boy|girl)s?\b)", re.I
        ),
        15,
    ),
    (re.compile(r"\b(?:lukiolai\w*|gymnasist\w*)", re.I), 17),
]
# A child's age when a parent is the one seeking help is not the client's age. "Vanhempi"
# is also "older": "vanhemmasta pojasta", "vanhempi sisko" name a child, not a parent.
PARENT = re.compile(
    r"\b(?:vanhem\w*\b(?!\s+(?:poi|poj|tyt|lap|sis|vel))|(?:yksinhuoltaja|koti|iso|sijais|uus)?(?:äiti\w*|isä\w*)|isän|"
    r"lastenvalvoja\w*|förälder\w*|föräldrar\w*|ensamstående\s+(?:mamma|pappa)|"
    r"mamma\w*|pappa\w*|parent\w*|mother\w*|father\w*|mum|dad)\b",
    re.I,
)
# The parent's own age, said after the word: "Lapsi on 3-vuotias, äiti 25", "mother (34)".
_PARENT_AGE = re.compile(
    rf"(?:{PARENT.pattern})\s*(?:,\s*|\(\s*|on\s+|är\s+|is\s+)?([1-9]\d)\b"
    r"(?!\s*(?:%|€|e\b|eur|kg|km|min|h\b|kpl|lasta|barn|children|kids|kertaa|times))",
    re.I,
)


# The client's children, counted: "hänellä on kaksi alakouluikäistä lasta", "she has two
# 8-year-old kids": their age, said of the children the client has, is not the client's.
_HAS = re.compile(r"\b(?:hänellä|heillä|asiakkaalla|har|has|have)\b[^.?!]{0,30}$", re.I)
_CHILDREN_NEXT = re.compile(r"^\s*(?:lasta|lapsia|barn|children|kids)\b", re.I)


# An age the writer had wrong: "luulin että on 16", "I thought she was 16", "jag trodde 16".
_MISTAKEN = re.compile(r"\b(?:luulin|luultiin|luulimme|thought|trodde)\b(?:\s+\w+){0,3}\s*$", re.I)


def _age(text: str) -> tuple[int | None, str]:
    hits: list[tuple[int, int, str]] = []
    for pat in _AGE_PATTERNS:
        for m in pat.finditer(text):
            num = next((g for g in m.groups() if g), None)
            if _MISTAKEN.search(text[: m.start()][-40:]):
                continue
            if num is not None and 0 <= int(num) <= 110:
                hits.append((m.start(), int(num), m.group(0)))
    hits += ages_in_words(text)
    # "Hän on 8. luokalla" is a school year, not 8 years of age
    years = school_year_ages(text)
    spans = [(at, at + len(words)) for at, _, words in years]
    hits = [h for h in hits if not any(h[0] < b and a < h[0] + len(h[2]) for a, b in spans)]
    if not hits:
        hits += years
    if not hits:
        for wpat, age in _AGE_WORDS:
            word = wpat.search(text)
            if word:
                hits.append((word.start(), age, word.group(0)))
    if not hits:
        return None, ""
    _, age, ev = min(hits)
    return age, ev


def client_age(question: str) -> tuple[int | None, str]:
    """The age of the one the service is for: not a child's when a parent asks for help, and
    not the parent's when a service is asked for the child."""
    age, ev = _age(question)
    parent = PARENT.search(question)
    at = question.find(ev)
    after = question[at + len(ev) :]
    if age is not None and age < 18 and _CHILDREN_NEXT.match(after) and _HAS.search(question[:at]):
        age = None  # "hänellä on kaksi alakouluikäistä lasta": the children's, counted
    elif age is not None and age < 18 and parent and parent.start() < at:
        age = None  # the parent, named first, is the one who needs the service
    elif age is not None and ev.endswith("n") and PARENT.match(question, at + len(ev) + 1):
        age = None  # "kaksivuotiaan äiti": the child's age names the parent
    if (whom := age_asked_for(question)) is not None:
        return whom  # "40-vuotias äiti kysyy 8-vuotiaalle pojalleen": the boy is the client
    if (age is None or age < 18) and (own := _PARENT_AGE.search(question)):
        return int(own.group(1)), own.group(0)  # the parent tells their own age
    return age, ev


# Something asked for the client's children as well: "lapset saisivat jotain omaa tukea",
# "tärkeintä olisi, että lapset pääsisivät johonkin harrastukseen", "mitä pojalle voisi
# olla", "något för barnen", "something for the kids". A parent is the client by age, and a
# service for children is then for the children of the case, not one the parent is too old for.
_FOR_CHILD = re.compile(
    r"\b(?:lapse\w*|lapsi|lapset|poika|poja\w*|pojat|tyttö|tytö\w*|tytär|tyttäre\w*)\s+"
    r"(?:\w+\s+){0,2}(?:saisi\w*|pääsisi\w*|voisi\w*|tarvitsisi\w*|haluaisi|haluis|toivoisi|"
    r"kaipaisi)\b|"
    r"\b(?:lapsille|lapsilleen|lapselle|lapselleen|pojalle|pojalleen|tytölle|tyttärelle|"
    r"tyttärelleen)\s+(?:\w+\s+){0,2}(?:jotain|jotakin|omaa|tukea|harrastu\w*|kerho\w*|"
    r"ryhmä\w*|apua|toimintaa|olisi|voisi|ois)\b|"
    r"\bmitä\s+(?:\w+\s+)?(?:lapsille|pojalle|tytölle|tyttärelle)\b|"
    r"\b(?:barnen|barnet|sonen|dottern)\s+(?:\w+\s+){0,2}(?:skulle|kunde)\s+få\b|"
    r"\b(?:för|åt)\s+(?:barnen|barnet|sonen|dottern|pojken|flickan)\b|"
    r"\b(?:something|anything|group|activit\w+|support|help|club|hobby|place)\s+(?:\w+\s+){0,3}?"
    r"for\s+(?:the|her|his|their)\s+(?:kids|children|son|daughter|boy|girl)\b|"
    r"\b(?:the|her|his|their)\s+(?:kids|children)\s+(?:could|would|might)\b",
    re.I,
)


# "Mitä heille voisi ehdottaa?", "jotain koko perheelle": asked for all of them, a child's age
# said in the case
_FOR_ALL = re.compile(r"\b(?:heille|perheelle|molemmille|for\s+them|för\s+dem)\b", re.I)
_CHILD_AGE = re.compile(r"\b(?:[1-9]|1[0-7])\s?-?\s?(?:v\b|vuotia\w*|åri\w*|years?[- ]old)", re.I)


def asks_for_child(question: str) -> bool:
    """Is something asked for the client's child or children too?"""
    if _FOR_CHILD.search(question) is not None:
        return True
    return bool(_FOR_ALL.search(question) and _CHILD_AGE.search(question))
