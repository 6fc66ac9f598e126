"""Facets read from the question itself: where, which language, how old, cost, remote.

Staff describe a client in free text ("84-vuotias leski Keravalta, puhuu vain
venäjää, ei pääse kotoa"). The search must honour those constraints, so this
module turns them into `Filters`, remembering the words that set each one so
the answer can say which filters were applied and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from index.knowledge.model import Vocabularies
from index.language.crosslingual import finnish_terms
from index.language.detect import detect_language, words
from index.language.signs import signs_of
from index.search.age_words import age_asked_for, ages_in_words
from index.search.community import newcomer_case
from index.search.everyday import low_income
from index.search.facet_language import read_languages
from index.search.facet_not_for import ADULT, age_fit_hints, names_no_child, not_the_client
from index.search.facet_places import home_elsewhere, meant_places, places_named
from index.search.facet_remote import read_remote
from index.search.gender import client_gender
from index.search.violence_role import client_side
from index.search.vocab_match import VocabMatcher

_AGE_PATTERNS = [
    re.compile(r"\b(\d{1,3})\s?-?\s?(?:v\b\.?|vuotia\w*|vuotis\w*|vuoden\s+ikäi\w*|v:n\b)", re.I),
    re.compile(r"\b(\d{1,3})\s?-?\s?(?:åring\w*|årig\w*|år\s+gammal\w*)", re.I),
    # between commas after a word: "nainen, 40, masentunut", "i Håkansböle, 70 år, sköter"
    re.compile(r"(?<=[^\W\d_],\s)(\d{1,3})(?:\s+år)?(?=\s*[,.;)])", re.I),
    re.compile(r"\b(?:är|på)\s+(\d{1,3})\s+år\b(?!\s+sedan)", re.I),  # "är 40 år", "på 65 år"
    re.compile(
        r"\b(?:she|he)'s\s+(\d{1,3})\b(?!\s*(?:%|kg|km|min|minutes|hours|years?\s+(?!old\b)))",
        re.I,
    ),
    re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b|\baged\s+(\d{1,3})\b|\bage\s+(\d{1,3})\b", re.I),
    re.compile(r"\((\d{1,3})\s?(?:v\.?|år|y)?\)", re.I),
    re.compile(
        r"\b(?:on(?:kin|ki)?|är|is|ikä)\s+(?:(?:vasta|jo|nyt|muuten|juuri|noin|siis|kuitenkin|oikeastaan|itse"
        r"|kohta|pian|melkein|lähes|snart|nästan|almost|nearly|soon"
        r"|itse\s+asiassa|todellisuudessa|bara|redan|nu|faktiskt|egentligen|only|just|actually"
        r"|really)\s+){0,2}"
        r"(\d{2}|\d(?=\s*(?:[.,;!?]|$|ja\b|och\b|and\b)))\b(?!\s*(?:€|e\b|eur|%|kg|km|min|h\b|kpl|tunti|vuotta|år\b))",
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
        r"|kesällä\b|talvella\b))",
        re.I,
    ),
]
_AGE_WORDS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\b(?:vauva\w*|imeväi\w*|bebis\w*|spädbarn\w*|baby|babies|infant\w*)", re.I), 0),
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
# A child's age when a parent is the one seeking help is not the client's age.
_PARENT = re.compile(
    r"\b(?:vanhem\w*|(?:yksinhuoltaja|koti|iso|sijais|uus)?(?:äiti\w*|isä\w*)|isän|"
    r"lastenvalvoja\w*|förälder\w*|föräldrar\w*|ensamstående\s+(?:mamma|pappa)|"
    r"mamma\w*|pappa\w*|parent\w*|mother\w*|father\w*|mum|dad)\b",
    re.I,
)
# The parent's own age, said after the word: "Lapsi on 3-vuotias, äiti 25", "mother (34)".
_PARENT_AGE = re.compile(
    rf"(?:{_PARENT.pattern})\s*(?:,\s*|\(\s*|on\s+|är\s+|is\s+)?([1-9]\d)\b"
    r"(?!\s*(?:%|€|e\b|eur|kg|km|min|h\b|kpl|lasta|barn|children|kids|kertaa|times))",
    re.I,
)
_FREE = re.compile(
    # "ilmaista ei tarvitse olla", "ilmasta ei tarvi": free is not asked for
    r"\b(?!(?:ilmai|ilmas)\w*\s+(?:\w+\s+)?ei\s+(?:tarvi\w*|tarvitse|tartte|ole\s+pakko|oo\s+pakko))"
    r"(?:ilmai\w*|ilmas(?!to)\w*|ilmane(?:n|ks)\b|maksuto\w*|maksuttom\w*|maksutta\b|kostnadsfri\w*|avgiftsfri\w*|gratis|"
    r"ilman\s+(?:rahaa|maksua)|utan\s+(?:kostnad|avgift)|"
    # "det får helst inte kosta något", "shouldn't cost anything"
    r"(?:får|ska|bör|kan|skall)\s+(?:\w+\s+)?inte\s+kosta\b|"
    r"(?:shouldn't|should\s+not|mustn't|must\s+not|can't|cannot|can\s+not)\s+cost\b|"
    r"free\b(?!\s+time)|no\s+cost|without\s+(?:a\s+)?(?:fee|cost)|ei\s+(?:saa\s+)?maksa\w*|"
    r"ei\s+mitään\s+maksa\w*|\bei\s+(?:mitään\s+)?maksullis\w*|"
    r"(?:maksullis|\w*maksu(?!to))\w*,?\s+(?:\w+\s+){0,2}?(?:ei\s+käy|eivät\s+käy|pois\w*|ei\s+tule\w*"
    r"|eivät\s+tule\w*|ei\s+onnistu|eivät\s+onnistu|karsiutu\w*|jää\s+pois|ei\s+kannata))",
    re.I,
)


def _evidence_merged(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """Newer words win; remote asked for outright ("etänä") is no longer only a housebound hint."""
    out = {**old, **new}
    if "online" in new and "homebound" not in new:
        out.pop("homebound", None)
    return out


@dataclass(frozen=True)
class Filters:
    """Constraints read from a question; `None` means the question said nothing."""

    municipality: str | None = None
    language: str | None = None  # service language the client needs
    or_language: str | None = None  # another the client would manage in ("arabia tai somali")
    age: int | None = None
    cost: str | None = None  # "free"
    online: bool | None = None  # a remote way to take part is wanted
    target_groups: tuple[str, ...] = ()  # hints, boost only
    themes: tuple[str, ...] = ()  # hints, boost only
    not_language: str | None = None  # "fi": the client does not manage in Finnish
    gender: str | None = None  # "f" / "m": the client's, a hint (index/search/gender.py)
    implied: tuple[str, ...] = ()  # of the hints, those only an everyday sign gave (signs.yaml)
    not_for: tuple[tuple[str, ...], ...] = ()  # groups the client is not (facet_not_for.py)
    no_child: bool = False  # no child, parent or family in the case: parents' groups don't fit
    newcomer: bool = False  # another language or origin in the case (index/search/community.py)
    violence: str | None = None  # "uses" / "experiences": the client's side (violence_role.py)
    evidence: dict[str, str] = field(default_factory=dict, compare=False)  # facet → words

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "municipality": self.municipality,
            "language": self.language,
            "age": self.age,
            "cost": self.cost,
            "online": self.online,
        }
        if self.or_language:
            out["or_language"] = self.or_language
        if self.not_language:
            out["not_language"] = self.not_language
        if self.not_for:  # whom the client is said not to be, in the question's words
            out["not_for"] = self.evidence.get("not_for", "")
        return out

    def client(self) -> Filters:
        """Only who the client is (place, age, language, gender), not the need or its terms."""
        keep = ("municipality", "language", "or_language", "age", "not_language", "gender")
        said = {k: v for k, v in self.evidence.items() if k in keep}
        return Filters(**{k: getattr(self, k) for k in keep}, newcomer=self.newcomer, evidence=said)

    def merged(self, newer: Filters) -> Filters:
        """This question's filters refined by a follow-up's: newer values win."""
        return replace(
            self,
            municipality=newer.municipality or self.municipality,
            language=newer.language or self.language,
            or_language=newer.or_language if newer.language else self.or_language,
            age=newer.age if newer.age is not None else self.age,
            cost=newer.cost or self.cost,
            online=newer.online if newer.online is not None else self.online,
            target_groups=newer.target_groups or self.target_groups,
            themes=newer.themes or self.themes,
            not_language=None
            if newer.language and newer.language == self.not_language
            else newer.not_language or self.not_language,
            gender=newer.gender or self.gender,
            implied=newer.implied if newer.themes or newer.target_groups else self.implied,
            not_for=tuple(dict.fromkeys(self.not_for + newer.not_for)),
            no_child=self.no_child and newer.no_child,  # a child said in a follow-up counts
            newcomer=self.newcomer or newer.newcomer,
            violence=newer.violence or self.violence,
            evidence=_evidence_merged(self.evidence, newer.evidence),
        )


# "ei välttämättä ilmainen", "ei tarvitse olla maksuton": free is not asked for
_NOT_NEEDED = re.compile(
    r"\bei\s+(?:välttämättä|tarvi\w*\s+olla|tarvitse\s+olla|pakko\s+olla)\s+$", re.I
)


def _age(text: str) -> tuple[int | None, str]:
    hits: list[tuple[int, int, str]] = []
    for pat in _AGE_PATTERNS:
        for m in pat.finditer(text):
            num = next((g for g in m.groups() if g), None)
            if num is not None and 0 <= int(num) <= 110:
                hits.append((m.start(), int(num), m.group(0)))
    hits += ages_in_words(text)
    if not hits:
        for wpat, age in _AGE_WORDS:
            word = wpat.search(text)
            if word:
                hits.append((word.start(), age, word.group(0)))
    if not hits:
        return None, ""
    _, age, ev = min(hits)
    return age, ev


def _client_age(question: str) -> tuple[int | None, str]:
    """The age of the one the service is for: not a child's when a parent asks for help, and
    not the parent's when a service is asked for the child."""
    age, ev = _age(question)
    parent = _PARENT.search(question)
    at = question.find(ev)
    if age is not None and age < 18 and parent and parent.start() < at:
        age = None  # the parent, named first, is the one who needs the service
    elif age is not None and ev.endswith("n") and _PARENT.match(question, at + len(ev) + 1):
        age = None  # "kaksivuotiaan äiti": the child's age names the parent
    if (whom := age_asked_for(question)) is not None:
        return whom  # "40-vuotias äiti kysyy 8-vuotiaalle pojalleen": the boy is the client
    if (age is None or age < 18) and (own := _PARENT_AGE.search(question)):
        return int(own.group(1)), own.group(0)  # the parent tells their own age
    return age, ev


def extract_filters(
    question: str, vocab: Vocabularies, matcher: VocabMatcher | None = None
) -> Filters:
    """Read every facet the question states. Both municipalities named → no municipality filter."""
    qlang = detect_language(question)
    toks = words(question)
    evidence: dict[str, str] = {}
    named = places_named(question)
    munis = {m: w for m, w in named.items() if m in vocab.municipalities}
    municipality = None
    if len(munis) > 1:
        munis = meant_places(question, munis)
    elsewhere = {m: w for m, w in named.items() if m not in vocab.municipalities}
    if home := home_elsewhere(question, elsewhere, munis):
        munis = {home: elsewhere[home]}  # no service is for its residents: said, not hidden
    if len(munis) == 1:
        municipality, evidence["municipality"] = next(iter(munis.items()))
    language, or_language, ev, little_finnish = read_languages(question, qlang, vocab.languages)
    if language:
        evidence["language"] = ev
    age, ev = _client_age(question)
    if age is not None:
        evidence["age"] = ev
    cost = None
    if poor := low_income(question):  # a preference: reported, not a filter (fees may be reduced)
        evidence["low_income"] = poor
    if (m := _FREE.search(question)) and not _NOT_NEEDED.search(question[: m.start()]):
        cost, evidence["cost"] = "free", m.group(0)
    online, said = read_remote(question)
    evidence.update(said)
    if not_for := not_the_client(question, qlang):
        evidence["not_for"] = not_for.evidence
    little = little_finnish if language != "fi" else None
    if little:
        evidence["not_language"] = little
    groups: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    implied: tuple[str, ...] = ()
    if matcher is not None:
        groups, themes = matcher.match(toks + words(finnish_terms(question, qlang)))
        groups = age_fit_hints(groups, age, question)
        sign_groups, sign_themes = signs_of(question)
        new_groups = tuple(g for g in sign_groups if g in vocab.target_groups and g not in groups)
        new_themes = tuple(t for t in sign_themes if t in vocab.themes and t not in themes)
        groups, themes, implied = groups + new_groups, themes + new_themes, new_groups + new_themes
    violence, groups, themes, implied = client_side(question, groups, themes, implied)
    return Filters(
        municipality=municipality,
        language=language,
        or_language=or_language,
        age=age,
        cost=cost,
        online=online,
        target_groups=groups,
        themes=themes,
        not_language="fi" if little else None,
        gender=client_gender(question),
        implied=implied,
        not_for=not_for.phrases if not_for else (),
        no_child=names_no_child(question) and (age is None or age >= ADULT),  # a minor has parents
        newcomer=newcomer_case(question, language, bool(little), groups),
        violence=violence,
        evidence=evidence,
    )
